/**
 * The visual check: every screen of test/visual/states.ts, in both themes and both widths, is
 * compared with its committed picture in docs/screenshots/ (taken by `npm run screenshot` with
 * the same drivers). A picture may differ in at most `maxDifferentRatio` of its pixels, a pixel
 * counting as different past pixelmatch's `threshold` (YIQ colour distance, 0–1), which absorbs
 * anti-aliasing noise but not a moved, recoloured or missing control. On a mismatch the diff
 * image (changed pixels in red) is written to a temp folder and named in the failure.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  arrange,
  capture,
  chains,
  screenshotPath,
  startSession,
  themes,
  widths,
  type StateSession,
} from '../visual/states';

/** Per-pixel colour distance pixelmatch tolerates (0 exact … 1 anything). */
const threshold = 0.1;
/** Share of pixels allowed to differ: 0.5 %. */
const maxDifferentRatio = 0.005;

let session: StateSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

let diffDir: string | undefined;

/** How `actual` differs from the committed picture at `file`; null when within tolerance. */
async function compare(file: string, actual: Buffer): Promise<string | null> {
  const name = relative(process.cwd(), file);
  if (!existsSync(file)) return `${name} is missing: run \`npm run screenshot\` and commit it`;
  const expected = PNG.sync.read(await readFile(file));
  const got = PNG.sync.read(actual);
  diffDir ??= await mkdtemp(join(tmpdir(), 'parley-visual-diff-'));
  const base = name.replace(/^.*[\\/]/, '').replace(/\.png$/, '');
  if (expected.width !== got.width || expected.height !== got.height) {
    const actualFile = join(diffDir, `${base}-actual.png`);
    await writeFile(actualFile, actual);
    return `${name}: size ${got.width}×${got.height}, expected ${expected.width}×${expected.height} (actual: ${actualFile})`;
  }
  const { width, height } = got;
  const diff = new PNG({ width, height });
  const different = pixelmatch(expected.data, got.data, diff.data, width, height, { threshold });
  const ratio = different / (width * height);
  if (ratio <= maxDifferentRatio) return null;
  const diffFile = join(diffDir, `${base}-diff.png`);
  const actualFile = join(diffDir, `${base}-actual.png`);
  await writeFile(diffFile, PNG.sync.write(diff));
  await writeFile(actualFile, actual);
  return `${name}: ${(ratio * 100).toFixed(2)} % of pixels differ (limit ${maxDifferentRatio * 100} %); diff: ${diffFile}, actual: ${actualFile}`;
}

describe('the screens look as in docs/screenshots', () => {
  it.each(chains.map((chain) => [chain.join(', then '), chain] as const))(
    '%s: light and dark, 1280 and 600 px wide',
    async (_name, chain) => {
      session = await startSession(chain);
      const failures: string[] = [];
      for (const state of chain) {
        await session.reach(state);
        for (const width of widths) {
          for (const theme of themes) {
            await arrange(session.page, theme, width);
            const file = screenshotPath(state, theme, width);
            // One picture; a second, once it stopped changing, only if the first does not match.
            const failure =
              (await compare(file, await capture(session.page, 1))) &&
              (await compare(file, await capture(session.page)));
            if (failure) failures.push(failure);
          }
        }
      }
      expect(
        failures,
        'pictures that changed (if that was intended, retake them with `npm run screenshot`)',
      ).toEqual([]);
      expect(session.app.errors.page).toEqual([]);
    },
  );
});
