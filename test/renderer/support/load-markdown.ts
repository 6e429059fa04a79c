/**
 * Renderer tests' setup: the markdown stack, KaTeX and the Settings dialog are loaded before any test renders, as they
 * are in the app moments after first paint, so a reply renders as markdown on its first render.
 * The plain text shown before they load has its own tests (markdown-loading.test.tsx).
 *
 * In a beforeAll, not at the top level: by then the test file's own `vi.mock`s are registered,
 * so a test that wraps react-markdown or the parser sees the markdown module use its wrapper.
 */
import { beforeAll } from 'vitest';
import { loadMarkdown } from '../../../renderer/src/markdown/markdown-loader';
import { settingsReady } from '../../../renderer/src/settings/settings-loader';

beforeAll(async () => {
  const markdown = await loadMarkdown();
  await markdown.loadKatex();
  // The Settings dialog is its own chunk too (settings-loader.tsx), in long before a click.
  await settingsReady;
});
