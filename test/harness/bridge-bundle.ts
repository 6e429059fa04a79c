import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

let cached: Promise<string> | null = null;

/** The page-side bridge (bridge-page.ts) bundled into one classic script, built once per process. */
export function bridgeScript(): Promise<string> {
  cached ??= bundle();
  return cached;
}

async function bundle(): Promise<string> {
  const entry = fileURLToPath(new URL('./bridge-page.ts', import.meta.url));
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry, formats: ['iife'], name: 'parleyHarnessBridge' },
    },
  });
  const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  const chunk = results[0]?.output.find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('The harness bridge did not bundle.');
  return chunk.code;
}
