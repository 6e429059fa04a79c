import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryGzipBudget, measureEntryChunk } from '../../scripts/entry-chunk';

/** The renderer build `npm test` makes before running the suites (`vite build`). */
const rendererDist = fileURLToPath(new URL('../../dist/', import.meta.url));

describe('measureEntryChunk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-entry-'));
    mkdirSync(join(dir, 'assets'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the chunks the entry preloads to the entry, and names their packages', () => {
    const entry = 'import "./shared.js";'.repeat(50);
    const shared = 'export const shared = 1;';
    writeFileSync(join(dir, 'assets/index-a.js'), entry);
    writeFileSync(join(dir, 'assets/shared-b.js'), shared);
    writeFileSync(join(dir, 'assets/lazy-c.js'), 'x'.repeat(10_000));
    writeFileSync(
      join(dir, 'assets/shared-b.js.map'),
      JSON.stringify({ sources: ['../../node_modules/@scope/pkg/index.js', '../../src/a.ts'] }),
    );
    writeFileSync(
      join(dir, 'index.html'),
      '<script type="module" crossorigin src="./assets/index-a.js"></script>' +
        '<link rel="modulepreload" crossorigin href="./assets/shared-b.js">',
    );
    const measured = measureEntryChunk(dir);
    expect(measured.files).toEqual(['assets/index-a.js', 'assets/shared-b.js']);
    expect(measured.rawBytes).toBe(entry.length + shared.length);
    expect(measured.gzipBytes).toBe(gzipSync(entry).length + gzipSync(shared).length);
    expect(measured.packages).toEqual(['@scope/pkg']);
  });

  it('says to build first when there is no build', () => {
    expect(() => measureEntryChunk(join(dir, 'missing'))).toThrow(/vite build/);
  });
});

describe('the renderer build', () => {
  // Needs `vite build` output: `npm test` builds before it runs the suites.
  it('keeps the first paint within 200 kB gzip, without markdown, KaTeX or Shiki', () => {
    const measured = measureEntryChunk(rendererDist);
    expect(measured.gzipBytes).toBeLessThanOrEqual(entryGzipBudget);
    // These load after first paint (renderer/src/markdown/markdown-loader.ts, the highlight worker).
    const late =
      /^(katex|rehype-katex|marked|micromark|remark-.*|react-markdown|shiki|@shikijs\/.*)$/;
    expect(measured.packages.filter((name) => late.test(name))).toEqual([]);
  });
});
