import { describe, expect, it, vi } from 'vitest';
import type * as MarkdownParse from '../../../renderer/src/markdown/markdown-parse';
import { blockCost } from '../../../renderer/src/markdown/parse-cache';
import { renderMarkdown } from './render-markdown';

// Count every block the real parser parses, through its module boundary; nothing else is faked.
const parsed = vi.hoisted(() => [] as string[]);
vi.mock('../../../renderer/src/markdown/markdown-parse', async (importOriginal) => {
  const actual = await importOriginal<typeof MarkdownParse>();
  return {
    ...actual,
    parseMarkdownBlock: (source: string) => {
      parsed.push(source);
      return actual.parseMarkdownBlock(source);
    },
  };
});

const reply = [
  '# Cached title',
  'A paragraph with **bold**, `code` and $x^2$.',
  '```js\nconst cached = true;\n```',
  '| a | b |\n| - | - |\n| 1 | 2 |',
].join('\n\n');

describe('the parse cache', () => {
  it('parses a settled reply once, however often it is mounted', () => {
    parsed.length = 0;
    const first = renderMarkdown(reply);
    const html = first.body.innerHTML;
    expect(parsed).toHaveLength(4);
    first.unmount();

    // Scrolled away and back, or the conversation opened again: the same reply, mounted anew.
    const second = renderMarkdown(reply);
    expect(parsed).toHaveLength(4);
    expect(second.body.innerHTML).toBe(html);
    expect(second.body.querySelector('h1')?.textContent).toBe('Cached title');
    expect(second.body.querySelectorAll('.katex')).toHaveLength(1);
    expect(second.body.querySelectorAll('td')).toHaveLength(2);
  });

  it('shows one cached parse in two places at once', () => {
    const text = 'Twice **over**, in two views.';
    renderMarkdown(text);
    const twin = renderMarkdown(text);
    expect(parsed.filter((source) => source === text)).toHaveLength(1);
    expect(twin.body.querySelector('strong')?.textContent).toBe('over');
    expect(document.querySelectorAll('strong')).toHaveLength(2);
  });

  it('caches a streamed reply once it settles, but not the tails it streamed through', () => {
    parsed.length = 0;
    const view = renderMarkdown('Streamed intro.\n\nThe tail', true);
    view.update('Streamed intro.\n\nThe tail grows');
    view.update('Streamed intro.\n\nThe tail grows', false);
    // The settled tail was parsed once more, as written; each streamed tail was parsed fresh.
    expect(parsed).toEqual(['Streamed intro.', 'The tail', 'The tail grows', 'The tail grows']);
    view.unmount();
    renderMarkdown('Streamed intro.\n\nThe tail grows');
    expect(parsed).toHaveLength(4);
  });

  it('counts math against the budget at several times its length (KaTeX markup is heavy)', () => {
    const prose = 'Plain words, no formula.';
    const math = 'A formula: $x^2 + 1$ here.';
    expect(blockCost(prose)).toBe(prose.length);
    expect(blockCost(math)).toBeGreaterThanOrEqual(math.length * 5);
    expect(blockCost('Display \\[x\\] math')).toBeGreaterThan('Display \\[x\\] math'.length);
  });
});
