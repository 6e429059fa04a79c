import { createHash, randomBytes } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import type { AttachmentKind, AttachmentView, ModelCapabilities } from '../../../preload/api';
import type { AttachmentSource } from '../../../main/attachments/prepare-attachments';
import type { AttachmentTarget } from '../../../main/attachments/provider-limits';

/** A file the fake store holds: its bytes, its text (PDFs and text files), its view. */
export interface StoredFile {
  view: AttachmentView;
  bytes: Buffer;
  text: string | null;
}

/** A fake attachment store over `files`, counting reads. */
export function sourceOf(files: readonly StoredFile[]): AttachmentSource & { reads: number } {
  const byId = new Map(files.map((file) => [file.view.id, file]));
  const source = {
    reads: 0,
    bytes(id: string) {
      source.reads += 1;
      const file = byId.get(id);
      if (!file) throw new Error(`no file ${id}`);
      return Promise.resolve(file.bytes);
    },
    text(id: string) {
      return byId.get(id)?.text ?? null;
    },
  };
  return source;
}

function view(
  name: string,
  kind: AttachmentKind,
  mimeType: string,
  bytes: Buffer,
  extra: Partial<AttachmentView> = {},
): AttachmentView {
  const id = createHash('sha256').update(bytes).update(name).digest('hex');
  return { id, name, kind, mimeType, size: bytes.length, ...extra };
}

/**
 * A PNG of `width` × `height` px: a pattern, or random noise (which PNG cannot compress, for
 * byte caps).
 */
export async function pngFile(
  name: string,
  width: number,
  height: number,
  { noise = false } = {},
): Promise<StoredFile> {
  const raw = noise ? randomBytes(width * height * 3) : Buffer.alloc(width * height * 3);
  if (!noise) for (let i = 0; i < raw.length; i += 1) raw[i] = (i * 7) % 251;
  const bytes = await sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  return { view: view(name, 'image', 'image/png', bytes, { width, height }), bytes, text: null };
}

/** A JPEG stored `width` × `height` with EXIF orientation 6 (shown turned a quarter right). */
export async function turnedJpeg(name: string, width: number, height: number): Promise<StoredFile> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: '#808080' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
  // The view is upright, as intake writes it.
  return {
    view: view(name, 'image', 'image/jpeg', bytes, { width: height, height: width }),
    bytes,
    text: null,
  };
}

/** A two-frame animated GIF, red then blue. */
export async function animatedGif(name: string): Promise<StoredFile> {
  const frame = (background: string) =>
    sharp({ create: { width: 40, height: 30, channels: 3, background } })
      .png()
      .toBuffer();
  const bytes = await sharp([await frame('#ff0000'), await frame('#0000ff')], {
    join: { animated: true },
  })
    .gif()
    .toBuffer();
  return {
    view: view(name, 'image', 'image/gif', bytes, { width: 40, height: 30 }),
    bytes,
    text: null,
  };
}

/** A PDF with `lines` of text on one page (none: a "scanned" PDF with no text layer). */
export async function pdfFile(name: string, lines: string[]): Promise<StoredFile> {
  const document = await PDFDocument.create();
  const page = document.addPage([300, 400]);
  const font = await document.embedFont(StandardFonts.Helvetica);
  lines.forEach((line, index) =>
    page.drawText(line, { x: 20, y: 360 - index * 20, font, size: 12 }),
  );
  if (lines.length === 0) page.drawRectangle({ x: 20, y: 20, width: 200, height: 300 });
  const bytes = Buffer.from(await document.save());
  const text = lines.join('\n');
  return {
    view: view(name, 'pdf', 'application/pdf', bytes, { pageCount: 1, textChars: text.length }),
    bytes,
    text,
  };
}

/** A PDF-typed file of `size` bytes (only the header is real), for byte caps. */
export function bulkyPdf(name: string, size: number): StoredFile {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.write('%PDF-1.7\n');
  bytes.write(name, 10);
  return {
    view: view(name, 'pdf', 'application/pdf', bytes, { pageCount: 10, textChars: 500 }),
    bytes,
    text: 'words',
  };
}

/** A text file. */
export function textFile(name: string, text: string): StoredFile {
  const bytes = Buffer.from(text);
  return {
    view: view(name, 'text', 'text/plain', bytes, { textChars: text.length }),
    bytes,
    text,
  };
}

const both: ModelCapabilities = { images: true, pdfs: true, source: 'table' };
const imagesOnly: ModelCapabilities = { images: true, pdfs: false, source: 'table' };
const textOnly: ModelCapabilities = { images: false, pdfs: false, source: 'default' };

export const targets = {
  anthropic: {
    kind: 'anthropic',
    baseUrl: 'https://api.anthropic.com',
    model: 'claude-sonnet-4-5',
    capabilities: both,
  },
  openAi: {
    kind: 'openai-compatible',
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o',
    capabilities: both,
  },
  ollamaVision: {
    kind: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:11434/v1',
    model: 'llava',
    capabilities: imagesOnly,
  },
  ollamaText: {
    kind: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:11434/v1',
    model: 'llama3.1',
    capabilities: textOnly,
  },
  gemini: {
    kind: 'gemini',
    baseUrl: 'https://generativelanguage.googleapis.com',
    model: 'gemini-2.5-flash',
    capabilities: both,
  },
} satisfies Record<string, AttachmentTarget>;
