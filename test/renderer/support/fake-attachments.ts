import type { AttachmentView } from '../../../preload/api';

/** A content address as main makes them (SHA-256 hex), from one repeated hex digit. */
export function attachmentId(digit: string): string {
  return digit.repeat(64);
}

/** An image attachment as main hands it over, with a tiny data-URL thumbnail. */
export function makeImage(overrides: Partial<AttachmentView> = {}): AttachmentView {
  return {
    id: attachmentId('a'),
    name: 'cat.png',
    kind: 'image',
    mimeType: 'image/png',
    size: 2048,
    width: 640,
    height: 480,
    thumbnail: 'data:image/png;base64,iVBORw0KGgo=',
    ...overrides,
  };
}

/** A PDF attachment as main hands it over. */
export function makePdf(overrides: Partial<AttachmentView> = {}): AttachmentView {
  return {
    id: attachmentId('b'),
    name: 'report.pdf',
    kind: 'pdf',
    mimeType: 'application/pdf',
    size: 3 * 1024 * 1024,
    pageCount: 4,
    textChars: 1200,
    ...overrides,
  };
}

/**
 * A file as a drop or paste carries it. jsdom's File has no `arrayBuffer()` (which the bridge
 * uses to send a pasted file's bytes), so the file gets one, as Chromium's has.
 */
export function makeFile(name = 'shot.png', type = 'image/png'): File {
  const bytes = new Uint8Array([137, 80, 78, 71]);
  const file = new File([bytes], name, { type });
  Object.defineProperty(file, 'arrayBuffer', { value: () => Promise.resolve(bytes.buffer) });
  return file;
}
