/**
 * The image-message conversation of `npm run bench` (issue 13): small distinct photo-like PNGs,
 * one per message, added through main's real attachment intake (so each gets its stored file,
 * row and 256 px thumbnail, which the transcript shows).
 */
import sharp from 'sharp';
import type { LaunchedApp } from '../harness';

const width = 320;
const height = 240;

/** A pseudo-random generator (LCG), so every run makes the same pictures. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

/**
 * Picture `index` as an opaque PNG: colour fields (random 12 × 9 colours upscaled smooth) and a few
 * shapes, different for every index so every message's file and thumbnail are its own.
 */
export async function benchPicture(index: number): Promise<Buffer> {
  const next = random(7_919 * (index + 1));
  const colours = Buffer.alloc(12 * 9 * 3);
  for (let i = 0; i < colours.length; i += 1) colours[i] = Math.floor(next() * 256);
  const shapes = Array.from({ length: 6 }, () => {
    const fill = `rgb(${Math.floor(next() * 256)},${Math.floor(next() * 256)},${Math.floor(next() * 256)})`;
    return `<circle cx="${Math.floor(next() * width)}" cy="${Math.floor(next() * height)}" r="${Math.floor(10 + next() * 80)}" fill="${fill}"/>`;
  }).join('');
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes}</svg>`,
  );
  const fields = await sharp(colours, { raw: { width: 12, height: 9, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .png()
    .toBuffer();
  // Opaque, as a photo is: the SVG overlay would otherwise give the PNG an alpha channel, and
  // intake makes PNG (not JPEG) thumbnails of images with one.
  return (
    sharp(
      await sharp(fields)
        .composite([{ input: svg }])
        .toBuffer(),
    )
      .removeAlpha()
      // Palette PNG (~20 KB): 200 of them re-sent with every request stay far under Anthropic's
      // 32 MB of images a request, which full-colour PNGs of smooth gradients (~115 KB) near.
      .png({ palette: true })
      .toBuffer()
  );
}

/** Add picture `index` through main's attachment service; the ids a message carries it with. */
export async function addBenchPicture(app: LaunchedApp, index: number): Promise<string[]> {
  const bytes = await benchPicture(index);
  const result = await app.services.attachments.addData(
    `photo-${index + 1}.png`,
    bytes.toString('base64'),
  );
  const added = result.added[0];
  if (!added) throw new Error(`picture ${index} refused: ${result.problems[0]?.message ?? '?'}`);
  return [added.id];
}
