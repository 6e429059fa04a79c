import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { prepareImage } from '../../../main/attachments/image-prepare';
import { animatedGif, pngFile, turnedJpeg } from './prepare-fixtures';

const anthropicRules = {
  edge: 1568,
  maxBytes: 5 * 1024 * 1024,
  types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
};

describe('preparing an image', () => {
  it('sends an image that already fits as its own bytes', async () => {
    const file = await pngFile('small.png', 64, 48);
    const prepared = await prepareImage(file.bytes, 'image/png', anthropicRules);
    expect(prepared?.bytes).toBe(file.bytes);
    expect(prepared?.mimeType).toBe('image/png');
  });

  it('downscales a large PNG to the long edge, keeping its shape and type', async () => {
    const file = await pngFile('large.png', 3200, 2000);
    const prepared = await prepareImage(file.bytes, 'image/png', anthropicRules);
    expect(prepared).toMatchObject({ mimeType: 'image/png', width: 1568, height: 980 });
    const meta = await sharp(prepared?.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1568, 980]);
  });

  it('turns a JPEG with EXIF orientation 6 upright: width and height swap, no orientation left', async () => {
    const file = await turnedJpeg('phone.jpg', 300, 200);
    const prepared = await prepareImage(file.bytes, 'image/jpeg', anthropicRules);
    const meta = await sharp(prepared?.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 200, 300]);
    expect(meta.orientation ?? 1).toBe(1);
  });

  it('sends an animated GIF as a PNG of its first frame where GIFs are not taken', async () => {
    const file = await animatedGif('wave.gif');
    const prepared = await prepareImage(file.bytes, 'image/gif', {
      edge: 2048,
      maxBytes: 20 * 1024 * 1024,
      types: ['image/jpeg', 'image/png', 'image/webp'],
    });
    expect(prepared?.mimeType).toBe('image/png');
    const meta = await sharp(prepared?.bytes).metadata();
    expect([meta.format, meta.pages ?? 1, meta.width, meta.height]).toEqual(['png', 1, 40, 30]);
    const { data } = await sharp(prepared?.bytes).raw().toBuffer({ resolveWithObject: true });
    // The first frame is the red one.
    expect([data[0], data[1], data[2]]).toEqual([255, 0, 0]);
  });

  it('re-encodes smaller as JPEG, then smaller in size, to fit a byte cap; null when it cannot', async () => {
    const file = await pngFile('noise.png', 600, 600, { noise: true });
    const cap = 60 * 1024;
    const prepared = await prepareImage(file.bytes, 'image/png', {
      ...anthropicRules,
      maxBytes: cap,
    });
    expect(prepared?.mimeType).toBe('image/jpeg');
    expect(Math.ceil((prepared?.bytes.length ?? Infinity) / 3) * 4).toBeLessThanOrEqual(cap);
    expect(
      await prepareImage(file.bytes, 'image/png', { ...anthropicRules, maxBytes: 100 }),
    ).toBeNull();
  });
});
