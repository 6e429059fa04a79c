/**
 * The size of what the renderer's first paint must download and compile: the entry script that
 * dist/index.html loads plus every chunk it names for modulepreload (chunks the entry imports
 * statically), raw and gzipped (zlib's default level, as Vite's build report does). Issue 15's budget is 200 kB
 * gzip, with markdown, KaTeX and Shiki loaded after first paint; test/scripts/entry-chunk.test.ts
 * holds the build to it. Also lists the npm packages in those chunks, read from their source
 * maps, so a test can say which heavy package crept back in.
 *
 * Run `npx tsx scripts/entry-chunk.ts` after `vite build` to print the figures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The entry's figures, in bytes. */
export interface EntryChunk {
  /** The entry script and its modulepreloaded chunks, relative to the dist folder. */
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  /** npm packages bundled into those files (from their source maps; empty without maps). */
  packages: string[];
}

/** Issue 15's budget for the entry, gzip bytes (200 kB). */
export const entryGzipBudget = 200 * 1000;

/**
 * Measure the entry of the build in `distDir`. Throws when there is no build there, or when its
 * index.html names no module script (the message says to run `vite build`).
 */
export function measureEntryChunk(distDir: string): EntryChunk {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(`No renderer build in ${distDir}: run \`npx vite build\` first.`);
  }
  const html = readFileSync(indexPath, 'utf8');
  const entry = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error(`${indexPath} loads no module script.`);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
    (match) => match[1] ?? '',
  );
  const files = [entry, ...preloads].map((href) => href.replace(/^\.?\//, ''));
  let rawBytes = 0;
  let gzipBytes = 0;
  const packages = new Set<string>();
  for (const file of files) {
    const bytes = readFileSync(join(distDir, file));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes).length;
    for (const name of packagesInMap(join(distDir, `${file}.map`))) packages.add(name);
  }
  return { files, rawBytes, gzipBytes, packages: [...packages].sort() };
}

/** The npm packages a source map's sources come from (node_modules/<name> or <@scope/name>). */
function packagesInMap(mapPath: string): string[] {
  if (!existsSync(mapPath)) return [];
  const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { sources?: unknown };
  const sources = Array.isArray(map.sources) ? map.sources.map(String) : [];
  const names = sources.map((source) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1]);
  return [...new Set(names.filter((name): name is string => name !== undefined))];
}

function main(): void {
  const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
  const chunk = measureEntryChunk(distDir);
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  console.log(
    `entry (${chunk.files.join(', ')}): ${kb(chunk.rawBytes)} raw, ${kb(chunk.gzipBytes)} gzip ` +
      `(budget ${kb(entryGzipBudget)})`,
  );
  console.log(`packages: ${chunk.packages.join(', ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
