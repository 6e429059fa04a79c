import { describe, expect, it } from 'vitest';
import {
  BlockSplitter,
  isClosedFence,
  maxMarkdownChars,
} from '../../../renderer/src/markdown/block-split';

const sample = [
  '# Title',
  '',
  'A paragraph with **bold** and a [link](https://example.com).',
  '',
  '- one',
  '- two',
  '',
  '- three, same list after a blank line',
  '',
  '| a | b |',
  '| - | - |',
  '| 1 | 2 |',
  '',
  '```ts',
  'const x = 1;',
  '',
  'const y = 2;',
  '```',
  '',
  '$$',
  'a',
  '',
  'b',
  '$$',
  '',
  '> quote',
  '',
  'The end.',
].join('\n');

/** Feed `text` to a splitter in slices of `step` characters, as a stream would. */
function stream(
  text: string,
  step: number,
  onSplit: (splitter: BlockSplitter, at: number) => void,
) {
  const splitter = new BlockSplitter();
  for (let at = step; at < text.length + step; at += step) {
    splitter.split(text.slice(0, at));
    onSplit(splitter, Math.min(at, text.length));
  }
  return splitter;
}

describe('BlockSplitter', () => {
  it('splits into top-level blocks whose sources sit exactly where they are in the text', () => {
    const { blocks } = new BlockSplitter().split(sample);
    expect(blocks.map((block) => block.kind)).toEqual([
      'heading',
      'paragraph',
      'list',
      'table',
      'code',
      'paragraph',
      'blockquote',
      'paragraph',
    ]);
    for (const block of blocks) {
      expect(sample.slice(block.start, block.start + block.source.length)).toBe(block.source);
    }
    // One list despite the blank line between items; one math block despite its blank line.
    expect(blocks[2]?.source).toContain('three');
    expect(blocks[5]?.source).toBe('$$\na\n\nb\n$$');
  });

  it('never changes a finished block as the text grows, and keeps the same object', () => {
    const seen = new Map<number, { source: string; block: object }>();
    for (const step of [1, 3, 17]) {
      seen.clear();
      stream(sample, step, (splitter, at) => {
        const { blocks } = splitter.split(sample.slice(0, at));
        blocks.forEach((block, index) => {
          if (index === blocks.length - 1) return;
          const earlier = seen.get(block.start);
          if (earlier) {
            expect(block.source).toBe(earlier.source);
            expect(block).toBe(earlier.block);
          } else seen.set(block.start, { source: block.source, block });
        });
      });
      expect(seen.size).toBe(7);
    }
  });

  it('ends with the same blocks streamed as split whole', () => {
    const whole = new BlockSplitter().split(sample).blocks.map((block) => block.source);
    const streamed = stream(sample, 5, () => {})
      .split(sample)
      .blocks.map((block) => block.source);
    expect(streamed).toEqual(whole);
  });

  it('marks only the tail unfinished, unless the tail is a code fence that closed', () => {
    const splitter = new BlockSplitter();
    const open = splitter.split('Intro\n\n```js\nlet a');
    expect(open.blocks.map((block) => block.finished)).toEqual([true, false]);
    const closed = splitter.split('Intro\n\n```js\nlet a\n```');
    expect(closed.blocks.map((block) => block.finished)).toEqual([true, true]);
  });

  it('lexes a 20,000-character stream in linear work, not quadratic', () => {
    const paragraphs = Array.from({ length: 700 }, (_, i) => `Paragraph ${i} with some words.`);
    const text = paragraphs.join('\n\n').slice(0, 20_000);
    const splitter = stream(text, 4, () => {});
    // Each update re-lexes only the last block: total work ~ text length × (block size / step).
    // Re-lexing everything per update would be ~ 20,000² / 8 = 50,000,000 characters.
    expect(splitter.lexedChars).toBeLessThan(text.length * 40);
  });

  it('starts over when the text is not an append (another reply, an edit)', () => {
    const splitter = new BlockSplitter();
    splitter.split('First\n\nSecond');
    const { blocks } = splitter.split('Other\n\nText');
    expect(blocks.map((block) => block.source)).toEqual(['Other', 'Text']);
  });

  it('collects reference definitions for every block', () => {
    const { definitions } = new BlockSplitter().split('[a][x]\n\n[x]: https://example.com');
    expect(definitions).toBe('[x]: https://example.com');
  });
});

describe('isClosedFence', () => {
  it.each([
    ['```js\nx\n```', true],
    ['```js\nx\n```\n', true],
    ['~~~\nx\n~~~', true],
    ['````\nx\n```', false],
    ['```js\nx', false],
    ['```js\nx\n~~~', false],
    ['```', false],
  ])('%j → %s', (source, closed) => {
    expect(isClosedFence('code', source)).toBe(closed);
  });
});

describe('BlockSplitter on text too long to parse', () => {
  it('cuts one enormous paragraph into plain blocks and keeps the markdown around it', () => {
    const splitter = new BlockSplitter();
    const intro = '# Title\n\nA short paragraph.\n\n';
    const line = 'word '.repeat(60_000);
    const { blocks } = splitter.split(`${intro}${line}\n\n**after**`);
    expect(blocks.slice(0, 2).map((block) => block.kind)).toEqual(['heading', 'paragraph']);
    expect(blocks.at(-1)?.kind).toBe('paragraph');
    const plain = blocks.slice(2, -1);
    expect(plain.every((block) => block.kind === 'plain')).toBe(true);
    expect(
      plain
        .map((block) => block.source)
        .join('')
        .trimEnd(),
    ).toBe(line.trimEnd());
  });

  it('keeps the work per update bounded while the huge line grows', () => {
    const splitter = new BlockSplitter();
    let text = '';
    for (let i = 0; i < 200; i += 1) {
      text += 'x'.repeat(5_000);
      splitter.split(text);
    }
    // 1,000,000 characters arrived; re-lexing the whole tail each time would be 100,000,000.
    expect(splitter.lexedChars).toBeLessThan(200 * maxMarkdownChars);
    const { blocks } = splitter.split(text);
    expect(blocks.map((block) => block.source).join('')).toBe(text);
    expect(blocks.slice(0, -1).every((block) => block.finished)).toBe(true);
  });

  it('never hands a multi-megabyte line to the lexer (its regexes overflow the stack)', () => {
    const splitter = new BlockSplitter();
    const line = 'lorem ipsum '.repeat(900_000);
    const { blocks } = splitter.split(`Intro\n\n${line}\n\nOutro`);
    expect(blocks.map((block) => block.kind).filter((kind) => kind !== 'plain')).toEqual([
      'paragraph',
      'paragraph',
    ]);
    expect(splitter.lexedChars).toBeLessThan(line.length + 100);
  });
});

describe('BlockSplitter and math blocks', () => {
  it('keeps a \\[ block with a blank line in one block, and a \\[ in code opens nothing', () => {
    const { blocks } = new BlockSplitter().split(
      'Regex `\\[` and `$$` here.\n\n\\[\na\n\nb\n\\]\n\nAfter.',
    );
    expect(blocks.map((block) => block.source.trim())).toEqual([
      'Regex `\\[` and `$$` here.',
      '\\[\na\n\nb\n\\]',
      'After.',
    ]);
  });
});
