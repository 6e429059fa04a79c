import { describe, expect, it } from 'vitest';
import { readOpenFence } from '../../../renderer/src/markdown/open-fence';
import { renderMarkdown } from './render-markdown';

describe('readOpenFence', () => {
  it.each([
    '```js\n',
    '```js\nlet a = 1;',
    '```js\nlet a = 1;\n',
    '```js\nlet a = 1;\n\n\nlet b',
    '~~~python extra info\nprint(1)\n  indented',
    '  ```\n  two spaces\n    four spaces\n no',
    '````md\n```\ninner\n',
  ])('reads %j exactly as the markdown parser does', (source) => {
    const fence = readOpenFence(source);
    // The parser's view: the same text as a finished reply (no shortcut taken).
    const { body, unmount } = renderMarkdown(source, false);
    expect(fence?.code).toBe(body.querySelector('pre code')?.textContent);
    expect(fence?.lang || 'text').toBe(body.querySelector('.md-code-lang')?.textContent);
    unmount();
  });

  it('is null for text that opens no fence', () => {
    expect(readOpenFence('plain')).toBeNull();
    expect(readOpenFence('``not a fence')).toBeNull();
    expect(readOpenFence('```a`b\ncode')).toBeNull();
  });
});
