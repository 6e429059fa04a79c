import type { ComponentProps } from 'react';
import type * as ReactMarkdown from 'react-markdown';
import { describe, expect, it, vi } from 'vitest';
import { renderMarkdown } from './render-markdown';

// Count every parse react-markdown does, by the source it was given.
const parsed = vi.hoisted(() => [] as string[]);
vi.mock('react-markdown', async (importOriginal) => {
  const actual = await importOriginal<typeof ReactMarkdown>();
  return {
    ...actual,
    default: (props: ComponentProps<typeof actual.default>) => {
      parsed.push(String(props.children));
      return actual.default(props);
    },
  };
});

const times = (source: string) => parsed.filter((entry) => entry === source).length;

describe('block memoization', () => {
  it('parses a finished block once, however long the tail keeps growing', () => {
    parsed.length = 0;
    const first = '# Heading';
    const second = 'A finished paragraph with **bold**.';
    let text = `${first}\n\n${second}\n\nThe tail`;
    const view = renderMarkdown(text, true);
    for (let i = 0; i < 30; i++) {
      text += ` word${i}`;
      view.update(text);
    }
    expect(times(first)).toBe(1);
    expect(times(second)).toBe(1);
    // The tail was parsed once per update.
    expect(parsed.filter((entry) => entry.startsWith('The tail'))).toHaveLength(31);
    expect(view.body.textContent).toContain('word29');
  });

  it('parses a code block once: not while its fence streams, once when it closes', () => {
    parsed.length = 0;
    const view = renderMarkdown('Intro\n\n```js\nlet a = 1;', true);
    view.update('Intro\n\n```js\nlet a = 1;\n```');
    view.update('Intro\n\n```js\nlet a = 1;\n```\n\nAfter');
    view.update('Intro\n\n```js\nlet a = 1;\n```\n\nAfter more');
    expect(times('Intro')).toBe(1);
    // An open fence is read without the parser; closed (finished, so highlighted), it is
    // parsed once and never again as text grows after it.
    expect(parsed.filter((entry) => entry.startsWith('```js'))).toHaveLength(1);
  });

  it('when the stream ends, parses only the tail again, as written (no healing)', () => {
    parsed.length = 0;
    const view = renderMarkdown('Done paragraph.\n\nLast **bold', true);
    view.update('Done paragraph.\n\nLast **bold', false);
    expect(times('Done paragraph.')).toBe(1);
    expect(parsed.at(-1)).toBe('Last **bold');
  });
});
