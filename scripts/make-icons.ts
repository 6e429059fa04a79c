/**
 * Draws Parley's icon from the SVG below with headless Chromium: build/icon.png (1024×1024, from
 * which electron-builder derives .icns, .ico and the Linux sizes) and renderer/public/tray.png
 * (the tray icon, copied into dist/). Run with `npm run icons` after changing the drawing.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Two speech bubbles, one answering the other, on a rounded blue square. */
const iconSvg = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024" width="1024" height="1024">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#3b82f6"/>
      <stop offset="1" stop-color="#1e40af"/>
    </linearGradient>
  </defs>
  <rect x="64" y="64" width="896" height="896" rx="200" fill="url(#bg)"/>
  <path d="M236 300h372a72 72 0 0 1 72 72v188a72 72 0 0 1-72 72H420l-112 92v-92h-72a72 72 0 0 1-72-72V372a72 72 0 0 1 72-72z"
        fill="#ffffff"/>
  <path d="M744 452h44a72 72 0 0 1 72 72v172a72 72 0 0 1-72 72h-36v84l-100-84H512a72 72 0 0 1-72-72v-4h168a136 136 0 0 0 136-136z"
        fill="#bfdbfe"/>
  <circle cx="316" cy="466" r="34" fill="#1e40af"/>
  <circle cx="422" cy="466" r="34" fill="#1e40af"/>
  <circle cx="528" cy="466" r="34" fill="#1e40af"/>
</svg>`;

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
    const draw = async (size: number, path: string) => {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${iconSvg.replace(
          'width="1024" height="1024"',
          `width="${size}" height="${size}"`,
        )}</body></html>`,
      );
      await page.screenshot({
        path,
        omitBackground: true,
        clip: { x: 0, y: 0, width: size, height: size },
      });
      console.log(`wrote ${path}`);
    };
    await mkdir(`${root}build`, { recursive: true });
    await mkdir(`${root}renderer/public`, { recursive: true });
    await draw(1024, `${root}build/icon.png`);
    await draw(32, `${root}renderer/public/tray.png`);
  } finally {
    await browser.close();
  }
}

await main();
