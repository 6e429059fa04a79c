/**
 * Renderer tests' setup: the markdown stack is loaded before any test renders, as it is in the
 * app moments after first paint, so a reply renders as markdown on its first render. The plain
 * text shown before it loads has its own test (test/renderer/markdown/markdown-loading.test.tsx).
 *
 * In a beforeAll, not at the top level: by then the test file's own `vi.mock`s are registered,
 * so a test that wraps react-markdown or the parser sees the markdown module use its wrapper.
 */
import { beforeAll } from 'vitest';
import { loadMarkdown } from '../../../renderer/src/markdown/markdown-loader';

beforeAll(async () => {
  await loadMarkdown();
});
