import { describe, expect, it } from 'vitest';
import {
  InlineReasoningSplitter,
  splitInlineReasoning,
  type SplitOutput,
} from '../../../main/providers/inline-reasoning';
import type { ProviderEvent } from '../../../main/providers/types';

/** Feeds `chunks` through a fresh splitter and returns everything it let out, per kind. */
function split(chunks: string[]): SplitOutput & { shown: SplitOutput[] } {
  const splitter = new InlineReasoningSplitter();
  const shown = chunks.map((chunk) => splitter.push(chunk));
  shown.push(splitter.end());
  return {
    text: shown.map((out) => out.text).join(''),
    reasoning: shown.map((out) => out.reasoning).join(''),
    shown,
  };
}

/** Every way of cutting `input` into two pieces, plus one character at a time. */
function everySplit(input: string): string[][] {
  const ways: string[][] = [[...input]];
  for (let cut = 0; cut <= input.length; cut += 1) {
    ways.push([input.slice(0, cut), input.slice(cut)]);
  }
  return ways;
}

const cases: Array<{ name: string; input: string; text: string; reasoning: string }> = [
  {
    name: 'the issue example',
    input: '<think>\nAdd 2 and 2.\n</think>\n\nThe answer is 4.',
    text: 'The answer is 4.',
    reasoning: 'Add 2 and 2.',
  },
  {
    name: '<thinking> tags, in another letter case',
    input: '<Thinking>Check units.</THINKING>Ten metres.',
    text: 'Ten metres.',
    reasoning: 'Check units.',
  },
  {
    name: 'a reply that ends before the closing tag',
    input: '<think>\nStill weighing the options',
    text: '',
    reasoning: 'Still weighing the options',
  },
  {
    name: 'a <think> that is not at the start',
    input: 'Let me see. <think>2 + 2 = 4</think>\n\nIt is 4.',
    text: 'Let me see. It is 4.',
    reasoning: '2 + 2 = 4',
  },
  {
    name: 'leading whitespace before the block',
    input: '\n\n<think>a</think>b',
    text: 'b',
    reasoning: 'a',
  },
  {
    name: 'two reasoning blocks',
    input: '<think>one</think>A.<think>two</think> B.',
    text: 'A. B.',
    reasoning: 'one\n\ntwo',
  },
  {
    name: 'a tag mentioned inside a fenced code block',
    input: 'Use this:\n\n```html\n<think>not reasoning</think>\n```\n\nDone.',
    text: 'Use this:\n\n```html\n<think>not reasoning</think>\n```\n\nDone.',
    reasoning: '',
  },
  {
    name: 'a tilde fence, indented',
    input: '  ~~~~\n<think>x</think>\n  ~~~~\n<think>real</think>after',
    text: '  ~~~~\n<think>x</think>\n  ~~~~\nafter',
    reasoning: 'real',
  },
  {
    name: 'a tag in inline code',
    input: 'Models write `<think>` first.',
    text: 'Models write `<think>` first.',
    reasoning: '',
  },
  {
    name: 'text that only looks like the start of a tag',
    input: 'a <b>bold</b> <th> cell and x < y <thin',
    text: 'a <b>bold</b> <th> cell and x < y <thin',
    reasoning: '',
  },
  {
    name: 'a stray closing tag outside reasoning',
    input: 'Fine </think> here',
    text: 'Fine </think> here',
    reasoning: '',
  },
  {
    name: 'plain text keeps its own spacing',
    input: ' Hello,\n\n  world \n',
    text: ' Hello,\n\n  world \n',
    reasoning: '',
  },
];

describe('InlineReasoningSplitter', () => {
  describe.each(cases)('$name', ({ input, text, reasoning }) => {
    it('gives the same answer and reasoning however the text is cut', () => {
      for (const chunks of everySplit(input)) {
        const result = split(chunks);
        expect({ chunks, text: result.text, reasoning: result.reasoning }).toEqual({
          chunks,
          text,
          reasoning,
        });
      }
    });
  });

  it('never shows a partial tag while the reply streams', () => {
    const input = '<think>\nAdd 2 and 2.\n</think>\n\nThe answer is 4.';
    for (const chunks of everySplit(input)) {
      for (const out of split(chunks).shown) {
        expect(out.text).not.toMatch(/[<>]/);
        expect(out.reasoning).not.toMatch(/[<>]/);
      }
    }
  });

  it("streams the answer's own whitespace at once, holding only the start of the reply", () => {
    const splitter = new InlineReasoningSplitter();
    expect(splitter.push('\n')).toEqual({ text: '', reasoning: '' });
    expect(splitter.push('Before ')).toEqual({ text: '\nBefore ', reasoning: '' });
    expect(splitter.push('\n\n')).toEqual({ text: '\n\n', reasoning: '' });
  });

  it('holds back only what could still be a tag', () => {
    const splitter = new InlineReasoningSplitter();
    expect(splitter.push('The answer is 4 <')).toEqual({ text: 'The answer is 4 ', reasoning: '' });
    expect(splitter.push('3.')).toEqual({ text: '<3.', reasoning: '' });
  });
});

describe('splitInlineReasoning', () => {
  async function collect(events: ProviderEvent[], fail?: Error): Promise<ProviderEvent[]> {
    async function* source() {
      yield* events;
      if (fail) throw fail;
    }
    const seen: ProviderEvent[] = [];
    try {
      for await (const event of splitInlineReasoning(source())) seen.push(event);
    } catch (error) {
      seen.push({ type: 'text', text: `thrown: ${(error as Error).message}` });
    }
    return seen;
  }

  it('turns tagged text into reasoning events and sends the held tail before stop', async () => {
    const events = await collect([
      { type: 'text', text: '<thi' },
      { type: 'text', text: 'nk>Add.</think>4 <' },
      { type: 'usage', usage: { outputTokens: 3 } },
      { type: 'stop', reason: 'end' },
    ]);
    expect(events).toEqual([
      { type: 'reasoning', text: 'Add.' },
      { type: 'text', text: '4 ' },
      { type: 'usage', usage: { outputTokens: 3 } },
      { type: 'text', text: '<' },
      { type: 'stop', reason: 'end' },
    ]);
  });

  it('keeps the held tail of a stream that fails, then rethrows', async () => {
    const events = await collect([{ type: 'text', text: 'Partial <' }], new Error('cut'));
    expect(events).toEqual([
      { type: 'text', text: 'Partial ' },
      { type: 'text', text: '<' },
      { type: 'text', text: 'thrown: cut' },
    ]);
  });

  it('passes provider reasoning through untouched', async () => {
    const events = await collect([
      { type: 'reasoning', text: '<think>kept as is' },
      { type: 'stop', reason: 'end' },
    ]);
    expect(events).toEqual([
      { type: 'reasoning', text: '<think>kept as is' },
      { type: 'stop', reason: 'end' },
    ]);
  });

  it('sends the held text before a tool call begins, and passes tool events through', async () => {
    const events = await collect([
      { type: 'text', text: '<think>Use the tool.</think>Checking <' },
      { type: 'tool-call-start', index: 0, id: 'c1', name: 'a__b' },
      { type: 'tool-call-delta', index: 0, fragment: '{"<think>": 1}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'stop', reason: 'tool_use' },
    ]);
    expect(events).toEqual([
      { type: 'reasoning', text: 'Use the tool.' },
      { type: 'text', text: 'Checking ' },
      { type: 'text', text: '<' },
      { type: 'tool-call-start', index: 0, id: 'c1', name: 'a__b' },
      { type: 'tool-call-delta', index: 0, fragment: '{"<think>": 1}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'stop', reason: 'tool_use' },
    ]);
  });
});
