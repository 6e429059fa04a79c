/**
 * An image as a provider takes it: upright (its EXIF orientation applied, since not every
 * provider reads EXIF), no larger than the provider's long edge, in a type it takes, and under
 * its per-image byte cap. An image already fine goes as its own bytes, untouched.
 */
import sharp from 'sharp';
import { base64Size } from './provider-limits';

/** What an image must fit. */
export interface ImageRules {
  /** Longest edge, px. */
  edge: number;
  /** Most base64 bytes of the image. */
  maxBytes: number;
  /** Types sent as they are (`image/png`, …). */
  types: readonly string[];
}

/** An image ready to send. */
export interface PreparedImage {
  mimeType: string;
  bytes: Buffer;
  /** Upright pixel size as sent. */
  width: number;
  height: number;
}

// Tried in turn when an image is still over its byte cap: JPEG at lower quality, then smaller.
const jpegQualities = [85, 70] as const;
const shrinkSteps = 4;

/**
 * `bytes` (of type `mimeType`) prepared under `rules`; null when it cannot be brought under the
 * byte cap even small and as JPEG. Throws what sharp throws for bytes it cannot decode.
 */
export async function prepareImage(
  bytes: Buffer,
  mimeType: string,
  rules: ImageRules,
): Promise<PreparedImage | null> {
  const meta = await sharp(bytes).metadata();
  const orientation = meta.orientation ?? 1;
  // Orientations 5–8 turn the picture a quarter: width and height swap once upright.
  const turned = orientation >= 5;
  const width = (turned ? meta.height : meta.width) ?? 0;
  const height = (turned ? meta.width : meta.height) ?? 0;
  const fits =
    orientation === 1 &&
    Math.max(width, height) <= rules.edge &&
    rules.types.includes(mimeType) &&
    base64Size(bytes.length) <= rules.maxBytes;
  if (fits) return { mimeType, bytes, width, height };

  let edge = Math.min(rules.edge, Math.max(width, height));
  const first = await encode(bytes, edge, outputFormat(mimeType, rules.types));
  if (base64Size(first.bytes.length) <= rules.maxBytes) return first;
  // Still too big: JPEG (which photos and noise shrink best in), then smaller.
  for (let step = 0; step <= shrinkSteps; step += 1) {
    for (const quality of jpegQualities) {
      const jpeg = await encode(bytes, edge, 'jpeg', quality);
      if (base64Size(jpeg.bytes.length) <= rules.maxBytes) return jpeg;
    }
    edge = Math.max(1, Math.floor(edge * 0.75));
  }
  return null;
}

type Format = 'jpeg' | 'png' | 'webp';

/** The type an image is re-encoded to: its own where the provider takes it, else PNG. */
function outputFormat(mimeType: string, types: readonly string[]): Format {
  if (mimeType === 'image/jpeg' && types.includes(mimeType)) return 'jpeg';
  if (mimeType === 'image/webp' && types.includes(mimeType)) return 'webp';
  // PNG keeps transparency and is lossless; a GIF's first frame goes as PNG too.
  return 'png';
}

async function encode(
  bytes: Buffer,
  edge: number,
  format: Format,
  quality = 85,
): Promise<PreparedImage> {
  // `pages: 1`: an animated GIF or WebP becomes its first frame.
  let pipeline = sharp(bytes, { pages: 1 })
    .rotate()
    .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true });
  if (format === 'jpeg') {
    // JPEG has no transparency: lay the picture on white, as a viewer would show it.
    // Plain libjpeg, not mozjpeg: ~10× faster on a 12 MP photo for ~15 % more bytes, and the
    // bytes go to the provider once while the user waits for every encode.
    pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg({ quality });
  } else if (format === 'webp') pipeline = pipeline.webp({ quality });
  else pipeline = pipeline.png();
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { mimeType: `image/${format}`, bytes: data, width: info.width, height: info.height };
}
