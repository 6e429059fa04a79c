import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** Three projects: main/preload logic in Node, renderer components in jsdom, the app in Chromium. */
export default defineConfig({
  plugins: [react()],
  test: {
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine.
    // Vitest also runs a one-worker project (e2e) after the others, never beside them, so
    // `npm test` starts `test:unit` and `test:e2e` as two processes side by side (run-p).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'test/main/**/*.test.ts',
            'test/common/**/*.test.ts',
            'test/preload/**/*.test.ts',
            'test/mock-llm/**/*.test.ts',
            'test/harness/**/*.test.ts',
            'test/scripts/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          // Markdown is a lazily loaded chunk in the app; tests start with it loaded.
          setupFiles: ['test/renderer/support/load-markdown.ts'],
          // npm test runs these beside the e2e suite's Chromium on two cores: 5 s is too tight.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: this machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
