import { describe, expect, it } from 'vitest';
import type { ToolCall } from '../../../preload/api';
import { replyParts } from '../../../renderer/src/tools/reply-parts';

const call = (id: string, textOffset: number): ToolCall => ({
  id,
  name: `s__${id}`,
  serverId: 's',
  serverName: 's',
  tool: id,
  step: 1,
  textOffset,
  arguments: '{}',
  status: 'done',
});

const shape = (text: string, calls: ToolCall[]) =>
  replyParts(text, calls).map((part) => (part.kind === 'call' ? `[${part.call.id}]` : part.text));

describe('replyParts', () => {
  it('is the whole text when there are no calls', () => {
    expect(shape('Hello', [])).toEqual(['Hello']);
    expect(replyParts('', undefined)).toEqual([]);
  });

  it('cuts the text at each call, keeping calls at one offset in the order they began', () => {
    expect(shape('Before. Middle. After.', [call('a', 8), call('b', 8), call('c', 16)])).toEqual([
      'Before. ',
      '[a]',
      '[b]',
      'Middle. ',
      '[c]',
      'After.',
    ]);
  });

  it('puts a call that began first at the start and one past the end at the end', () => {
    expect(shape('Text', [call('a', 0), call('b', 99)])).toEqual(['[a]', 'Text', '[b]']);
  });

  it('gives each stretch its start in the text (stable keys for memoized stretches)', () => {
    const parts = replyParts('One. Two.', [call('a', 5)]);
    expect(parts.filter((part) => part.kind === 'text').map((part) => part.start)).toEqual([0, 5]);
  });
});
