import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The Electron end-to-end suite: the built app in a real Electron, driven by Playwright's
 * `_electron`. Needs the Electron binary and a display (xvfb on Linux CI), so it is not part of
 * `npm test`; run it with `npm run e2e:electron`.
 */
export default defineConfig({
  // The repository, not this folder: paths below and the app's own files are relative to it.
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: {
    name: 'electron',
    environment: 'node',
    include: ['test/electron/**/*.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
