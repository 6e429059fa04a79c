/**
 * Getting a file in: refuse what Parley cannot take (too big, empty, a folder, unreadable,
 * binary, not UTF-8), find what it is by its content (never its name), and read what the rest of
 * Parley needs from it: an image's upright size and thumbnail, a PDF's pages and text, a text
 * file's text. Pure checks over bytes; storing is the AttachmentService's.
 */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { AttachmentKind, AttachmentProblem } from '../../preload/api';
import { formatSize } from '../storage/attachment-markdown';
import type { StoredAttachment } from '../storage/attachment-records';
import { extractPdf } from './pdf-text';

/** The largest file Parley attaches, in bytes (50 MB; the add-data channel allows the same). */
export const maxAttachmentBytes = 50 * 1024 * 1024;

/** The long edge of a thumbnail, in pixels. */
export const thumbnailEdge = 256;

/** The image types Parley takes, by the MIME type file-type finds. */
const imageTypes = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/** An accepted file: what it is, and its bytes (for the file store). */
export interface IntakeAccepted {
  ok: true;
  attachment: StoredAttachment;
  bytes: Buffer;
}

/** A refused file, with why in plain words. */
export interface IntakeRefused {
  ok: false;
  problem: AttachmentProblem;
}

export type IntakeResult = IntakeAccepted | IntakeRefused;

function refuse(name: string, message: string): IntakeRefused {
  return { ok: false, problem: { name, message } };
}

/**
 * Take a file from disk. Its size is checked from `stat` before any byte is read, so a file over
 * the limit is refused without reading it; then at most limit + 1 bytes are read (a file that
 * grew since is refused too). Never throws: every failure is an IntakeRefused.
 */
export async function intakePath(path: string): Promise<IntakeResult> {
  const name = basename(path) || path;
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      return refuse(name, `${name} is a folder; attach the files inside it instead.`);
    }
    if (!info.isFile()) return refuse(name, `${name} is not a file Parley can attach.`);
    size = info.size;
  } catch (error) {
    return refuse(name, unreadable(name, error));
  }
  if (size > maxAttachmentBytes) return tooBig(name, size);
  if (size === 0) return refuse(name, `${name} is empty.`);
  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(size, maxAttachmentBytes) + 1);
      let filled = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
        if (filled === buffer.length) break;
      }
      bytes = buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return refuse(name, unreadable(name, error));
  }
  return intakeBytes(name, bytes);
}

/**
 * Take bytes the page held (a pasted image, base64-decoded by the caller) or a file read from
 * disk: check their size, find their type by content and read what Parley needs. Never throws.
 */
export async function intakeBytes(name: string, bytes: Buffer): Promise<IntakeResult> {
  if (bytes.byteLength > maxAttachmentBytes) return tooBig(name, bytes.byteLength);
  if (bytes.byteLength === 0) return refuse(name, `${name} is empty.`);
  const id = createHash('sha256').update(bytes).digest('hex');
  const base = { id, name, size: bytes.byteLength };
  const detected = await fileTypeFromBuffer(bytes);
  if (detected && imageTypes.has(detected.mime)) {
    return image(base, detected.mime, bytes);
  }
  if (detected?.mime === 'application/pdf') return pdf(base, bytes);
  if (detected?.mime.startsWith('image/')) {
    return refuse(
      name,
      `${name} is a ${detected.ext.toUpperCase()} image; Parley takes PNG, JPEG, WebP and GIF images.`,
    );
  }
  const decoded = decodeText(bytes);
  if (decoded === 'binary' || (detected && !isTextLike(detected.mime))) {
    return refuse(name, `${name} is not text Parley can read (it looks like a binary file).`);
  }
  if (decoded === 'not-utf8') {
    return refuse(name, `${name} is not UTF-8 text (save it as UTF-8 and attach it again).`);
  }
  return accept(base, 'text', 'text/plain', bytes, {
    text: decoded,
    textChars: decoded.length,
  });
}

/** Types file-type finds by magic bytes that are still text (XML, SVG…), read as text files. */
function isTextLike(mime: string): boolean {
  return mime.startsWith('text/') || mime.endsWith('+xml') || mime === 'application/xml';
}

/**
 * A file's text: UTF-8 (a BOM is dropped), or UTF-16 when it starts with a UTF-16 BOM. NUL bytes
 * outside UTF-16 mean a binary file ('binary'); bytes that are not valid UTF-8, 'not-utf8'.
 */
export function decodeText(bytes: Uint8Array): string | 'binary' | 'not-utf8' {
  const [b0, b1, b2] = bytes;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    try {
      const encoding = b0 === 0xff ? 'utf-16le' : 'utf-16be';
      return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
    } catch {
      return 'binary';
    }
  }
  const body = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return 'binary';
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return 'not-utf8';
  }
}

interface Base {
  id: string;
  name: string;
  size: number;
}

function accept(
  base: Base,
  kind: AttachmentKind,
  mimeType: string,
  bytes: Buffer,
  extra: Partial<StoredAttachment>,
): IntakeAccepted {
  return { ok: true, bytes, attachment: { ...base, kind, mimeType, ...extra } };
}

/** An image: its upright pixel size (EXIF orientation applied) and an upright thumbnail. */
async function image(base: Base, mimeType: string, bytes: Buffer): Promise<IntakeResult> {
  try {
    const meta = await sharp(bytes).metadata();
    // autoOrient is the size once EXIF orientation is applied (5–8 swap width and height).
    const upright = meta.autoOrient ?? { width: meta.width, height: meta.height };
    const thumbnail = await thumbnailOf(bytes, thumbnailEdge, meta.hasAlpha === true);
    return accept(base, 'image', mimeType, bytes, {
      width: upright.width,
      height: upright.height,
      thumbnail,
    });
  } catch {
    return refuse(base.name, `${base.name} could not be read as an image (it may be damaged).`);
  }
}

/**
 * An image upright and no bigger than `maxEdge` on its long edge, as a data: URL: WebP when it
 * has transparency (a PNG thumbnail of a screenshot is ~7× larger, and thumbnails travel with
 * the conversation to the page), JPEG otherwise. GIFs and WebPs give their first frame.
 */
export async function thumbnailOf(bytes: Buffer, maxEdge: number, alpha: boolean): Promise<string> {
  const pipeline = sharp(bytes)
    .rotate()
    .resize(maxEdge, maxEdge, { fit: 'inside', withoutEnlargement: true });
  const out = alpha
    ? await pipeline.webp({ quality: 85 }).toBuffer()
    : await pipeline.jpeg({ quality: 85 }).toBuffer();
  return `data:${alpha ? 'image/webp' : 'image/jpeg'};base64,${out.toString('base64')}`;
}

/** A PDF: its page count and text layer (a scanned PDF has none: 0 characters). */
async function pdf(base: Base, bytes: Buffer): Promise<IntakeResult> {
  const result = await extractPdf(bytes);
  if (!result.ok) {
    return refuse(
      base.name,
      result.reason === 'password'
        ? `${base.name} is protected with a password; Parley cannot read it.`
        : `${base.name} could not be read as a PDF (it may be damaged).`,
    );
  }
  return accept(base, 'pdf', 'application/pdf', bytes, {
    pageCount: result.pageCount,
    text: result.text,
    textChars: result.text.length,
  });
}

function tooBig(name: string, size: number): IntakeRefused {
  return refuse(
    name,
    `${name} is ${formatSize(size)}; Parley attaches files up to ${formatSize(maxAttachmentBytes)}.`,
  );
}

function unreadable(name: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return `${name} is no longer there.`;
  if (code === 'EACCES' || code === 'EPERM') {
    return `Parley is not allowed to read ${name} (check its permissions).`;
  }
  return `Parley could not read ${name}.`;
}
