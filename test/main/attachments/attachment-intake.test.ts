import { chmodSync, mkdirSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  decodeText,
  intakeBytes,
  intakePath,
  type IntakeResult,
} from '../../../main/attachments/attachment-intake';
import {
  png,
  rotatedJpeg,
  scannedPdf,
  sparseFile,
  tempFolder,
  textPdf,
} from './attachment-fixtures';

vi.mock('node:fs/promises', { spy: true });

const folder = tempFolder();
afterEach(() => vi.mocked(fsPromises.open).mockClear());
afterAll(() => folder.dispose());

function accepted(result: IntakeResult) {
  if (!result.ok) throw new Error(`refused: ${result.problem.message}`);
  return result.attachment;
}

function refused(result: IntakeResult): string {
  if (result.ok) throw new Error(`accepted ${result.attachment.name}`);
  return result.problem.message;
}

/** The pixel size of a data: URL image. */
async function sizeOf(dataUrl: string) {
  const meta = await sharp(Buffer.from(dataUrl.split(',')[1] ?? '', 'base64')).metadata();
  return { width: meta.width, height: meta.height };
}

describe('attachment intake', () => {
  it('takes a large PNG: its size, a thumbnail of at most 256 px, and its SHA-256 as id', async () => {
    const bytes = await png(3000, 1500);
    const attachment = accepted(await intakePath(folder.write('chart.png', bytes)));
    expect(attachment).toMatchObject({
      name: 'chart.png',
      kind: 'image',
      mimeType: 'image/png',
      size: bytes.byteLength,
      width: 3000,
      height: 1500,
    });
    expect(attachment.id).toMatch(/^[0-9a-f]{64}$/);
    expect(attachment.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
    expect(await sizeOf(attachment.thumbnail ?? '')).toEqual({ width: 256, height: 128 });
  });

  it('gives a screenshot with transparency a small WebP thumbnail that keeps it', async () => {
    // Noisy RGBA content, like a real screenshot: a PNG thumbnail of it would be ~100 KB.
    const noise = Buffer.alloc(1200 * 800 * 4);
    for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 7919) % 251;
    const bytes = await sharp(noise, { raw: { width: 1200, height: 800, channels: 4 } })
      .png()
      .toBuffer();
    const attachment = accepted(await intakePath(folder.write('screenshot.png', bytes)));
    expect(attachment.thumbnail).toMatch(/^data:image\/webp;base64,/);
    const thumbnail = Buffer.from((attachment.thumbnail ?? '').split(',')[1] ?? '', 'base64');
    expect((await sharp(thumbnail).metadata()).hasAlpha).toBe(true);
    expect(await sizeOf(attachment.thumbnail ?? '')).toEqual({ width: 256, height: 171 });
    expect(thumbnail.byteLength).toBeLessThan(60_000);
  });

  it('reads a portrait phone photo (EXIF orientation 6) upright, thumbnail included', async () => {
    const attachment = accepted(await intakePath(folder.write('photo.jpg', await rotatedJpeg())));
    expect(attachment).toMatchObject({
      kind: 'image',
      mimeType: 'image/jpeg',
      width: 200,
      height: 400,
    });
    expect(await sizeOf(attachment.thumbnail ?? '')).toEqual({ width: 128, height: 256 });
  });

  it('goes by content, not name: a PNG named .txt is an image, text named .png is text', async () => {
    const image = accepted(await intakePath(folder.write('notes.txt', await png(10, 10))));
    expect(image).toMatchObject({ kind: 'image', mimeType: 'image/png', name: 'notes.txt' });
    const text = accepted(await intakePath(folder.write('picture.png', 'just words')));
    expect(text).toMatchObject({ kind: 'text', mimeType: 'text/plain', textChars: 10 });
  });

  it('reads a 30-page PDF: page count and its text', async () => {
    const attachment = accepted(await intakePath(folder.write('report.pdf', await textPdf(30))));
    expect(attachment).toMatchObject({ kind: 'pdf', mimeType: 'application/pdf', pageCount: 30 });
    expect(attachment.text).toContain('Page 1 of the zebra report');
    expect(attachment.text).toContain('Page 30 of the zebra report');
    expect(attachment.text).toContain('quokka');
    expect(attachment.textChars).toBe(attachment.text?.length);
  });

  it('takes a scanned (image-only) PDF with no text: 0 characters', async () => {
    const attachment = accepted(await intakePath(folder.write('scan.pdf', await scannedPdf())));
    expect(attachment).toMatchObject({ kind: 'pdf', pageCount: 1, textChars: 0, text: '' });
  });

  it('refuses a 200 MB file by its size, without reading it', async () => {
    // The spy sees intake's reads: a small file is opened…
    accepted(await intakePath(folder.write('small.log', 'ok')));
    expect(fsPromises.open).toHaveBeenCalledTimes(1);
    vi.mocked(fsPromises.open).mockClear();
    // …a 200 MB one is not.
    const path = sparseFile(join(folder.dir, 'huge.log'), 200 * 1024 * 1024);
    expect(refused(await intakePath(path))).toBe(
      'huge.log is 200 MB; Parley attaches files up to 50 MB.',
    );
    expect(fsPromises.open).not.toHaveBeenCalled();
  });

  it('refuses an empty file, a folder, a missing file and an unreadable one, in plain words', async () => {
    expect(refused(await intakePath(folder.write('empty.txt', '')))).toBe('empty.txt is empty.');
    mkdirSync(join(folder.dir, 'photos'));
    expect(refused(await intakePath(join(folder.dir, 'photos')))).toBe(
      'photos is a folder; attach the files inside it instead.',
    );
    expect(refused(await intakePath(join(folder.dir, 'gone.txt')))).toBe(
      'gone.txt is no longer there.',
    );
    const locked = folder.write('locked.txt', 'secret');
    chmodSync(locked, 0o000);
    // Root reads anything: only check the refusal where permissions apply.
    if (process.getuid?.() !== 0) {
      expect(refused(await intakePath(locked))).toBe(
        'Parley is not allowed to read locked.txt (check its permissions).',
      );
    }
  });

  it('refuses a binary file and a Latin-1 text file, saying which', async () => {
    const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0xff]);
    expect(refused(await intakePath(folder.write('tool.bin', binary)))).toBe(
      'tool.bin is not text Parley can read (it looks like a binary file).',
    );
    const latin1 = Buffer.from('Café crème à la carte', 'latin1');
    expect(refused(await intakePath(folder.write('menu.txt', latin1)))).toBe(
      'menu.txt is not UTF-8 text (save it as UTF-8 and attach it again).',
    );
  });

  it('decodes UTF-8 with a BOM and UTF-16 with a BOM', async () => {
    const utf8 = accepted(
      await intakePath(
        folder.write(
          'bom.txt',
          Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo')]),
        ),
      ),
    );
    expect(utf8).toMatchObject({ kind: 'text', text: 'héllo', textChars: 5 });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße, 世界', 'utf16le')]);
    const decoded = accepted(await intakePath(folder.write('windows.txt', utf16)));
    expect(decoded).toMatchObject({ kind: 'text', text: 'Grüße, 世界', textChars: 9 });
    expect(decodeText(Buffer.from([0xfe, 0xff, 0, 0x41]))).toBe('A');
  });

  it('takes pasted bytes the same way, and refuses them over 50 MB', async () => {
    const bytes = await png(20, 10);
    expect(accepted(await intakeBytes('Pasted image.png', bytes))).toMatchObject({
      kind: 'image',
      width: 20,
      height: 10,
    });
    expect(refused(await intakeBytes('big.png', Buffer.alloc(50 * 1024 * 1024 + 1)))).toBe(
      'big.png is 50 MB; Parley attaches files up to 50 MB.',
    );
  });

  it('refuses an image type Parley does not send (BMP), naming it', async () => {
    const bmp = Buffer.alloc(70);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(70, 2);
    bmp.writeUInt32LE(54, 10);
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(2, 18);
    bmp.writeInt32LE(2, 22);
    bmp.writeUInt16LE(1, 26);
    bmp.writeUInt16LE(24, 28);
    expect(refused(await intakeBytes('old.bmp', bmp))).toBe(
      'old.bmp is a BMP image; Parley takes PNG, JPEG, WebP and GIF images.',
    );
  });
});
