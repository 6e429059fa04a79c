import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** Three projects: main/preload logic in Node, renderer components in jsdom, the app in Chromium. */
export default defineConfig({
  plugins: [react()],
  test: {
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
