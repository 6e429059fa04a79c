/**
 * Real files for the attachment tests, generated on disk in a temp folder: images made with
 * sharp (one with EXIF orientation 6), PDFs made with pdf-lib (30 pages of text; one that is
 * only an image, like a scan), and the files intake must refuse or decode.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

/** A temp folder and a way to write files in it; `dispose` removes it. */
export function tempFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'parley-attachments-'));
  return {
    dir,
    write(name: string, bytes: Uint8Array | string): string {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A PNG `width`×`height` with noise-free gradient content. */
export async function png(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();
}

/**
 * A JPEG stored 400 wide × 200 high with EXIF orientation 6 (rotate 90° clockwise to view): it
 * shows upright as 200 × 400, as a phone photo taken in portrait.
 */
export async function rotatedJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 200, channels: 3, background: 'red' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A PDF of `pages` pages, page N saying `Page N of the zebra report` (and `marker` on page 1). */
export async function textPdf(pages: number, marker = 'quokka'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let number = 1; number <= pages; number += 1) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Page ${number} of the zebra report`, { x: 50, y: 780, size: 14, font });
    if (number === 1)
      page.drawText(`Findings about the ${marker}`, { x: 50, y: 750, size: 12, font });
  }
  return Buffer.from(await doc.save());
}

/** A one-page PDF that is only a picture (no text layer), as a scanner makes. */
export async function scannedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(await png(300, 400));
  const page = doc.addPage([300, 400]);
  page.drawImage(image, { x: 0, y: 0, width: 300, height: 400 });
  return Buffer.from(await doc.save());
}

/** A sparse file of `bytes` bytes (no disk space used; reading it whole would take the memory). */
export function sparseFile(path: string, bytes: number): string {
  writeFileSync(path, '');
  // Growing by truncate leaves a hole: the length is `bytes`, the blocks on disk almost none.
  truncateSync(path, bytes);
  return path;
}
