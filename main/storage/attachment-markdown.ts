import type { AttachmentView } from '../../preload/api';

/** Bytes in words people read: `200 MB`, `12 KB`, `512 bytes` (1 KB = 1024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * An attachment named in a Markdown export, where its message's text ends:
 * `[Attachment: report.pdf (PDF, 1.2 MB, 30 pages)]`. Markdown carries no bytes (the JSON export
 * does); brackets in the name are escaped so the line stays text, not a link.
 */
export function attachmentMarkdown(view: AttachmentView): string {
  const details = [
    view.kind === 'pdf'
      ? 'PDF'
      : view.kind === 'image'
        ? view.mimeType.replace('image/', '').toUpperCase()
        : 'text',
    formatSize(view.size),
  ];
  if (view.kind === 'image' && view.width && view.height)
    details.push(`${view.width}×${view.height}`);
  if (view.kind === 'pdf' && view.pageCount !== undefined) {
    details.push(`${view.pageCount} page${view.pageCount === 1 ? '' : 's'}`);
  }
  const name = view.name.replace(/[[\]\\]/g, (char) => `\\${char}`);
  return `[Attachment: ${name} (${details.join(', ')})]`;
}
