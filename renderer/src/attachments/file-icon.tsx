import type { AttachmentKind } from '../../../preload/api';

/**
 * A small document glyph for a chip without a thumbnail (PDFs, text files, an image main could
 * not make a thumbnail of), drawn inline
 * because the app ships no icon set. Decorative: the chip's name says what the file is.
 */
export function FileIcon({ kind }: { kind: AttachmentKind }) {
  return (
    <svg
      className="attachment-file-icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M6 2h8l4 4v16H6z M14 2v4h4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
      <text x="12" y="18" textAnchor="middle" fontSize="5" fill="currentColor">
        {kind === 'pdf' ? 'PDF' : kind === 'image' ? 'IMG' : 'TXT'}
      </text>
    </svg>
  );
}

/** A paperclip, for the Attach button (decorative; the button has its accessible name). */
export function PaperclipIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M20 11.5l-8.1 8.1a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
