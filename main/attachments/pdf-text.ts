/**
 * A PDF's pages and text, read with pdf.js's legacy build (the one made for Node: no DOM, no
 * worker thread — pdf.js runs its worker code in this thread, its "fake worker").
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What reading a PDF gave: its pages and text, or why it could not be read. */
export type PdfText =
  { ok: true; pageCount: number; text: string } | { ok: false; reason: 'password' | 'damaged' };

/**
 * Read every page's text layer, pages separated by a blank line; a scanned PDF (images only)
 * gives ''. Never throws.
 */
export async function extractPdf(bytes: Uint8Array): Promise<PdfText> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const document = await task.promise;
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text.trim());
      page.cleanup();
    }
    return { ok: true, pageCount: document.numPages, text: pages.filter(Boolean).join('\n\n') };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { ok: false, reason: name === 'PasswordException' ? 'password' : 'damaged' };
  } finally {
    await task.destroy();
  }
}
