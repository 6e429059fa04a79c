import { describe, expect, it } from 'vitest';
import type { Reply, ToolCall, Turn } from '../../../preload/api';
import { history, maxResultCharsForModel, replyMessages } from '../../../main/chat/history';

function reply(text: string, toolCalls?: ToolCall[]): Reply {
  return {
    id: 'r',
    streamId: 'r',
    model: 'm',
    text,
    reasoning: '',
    status: 'done',
    seq: 1,
    ...(toolCalls ? { toolCalls } : {}),
  };
}

function call(
  id: string,
  step: number,
  textOffset: number,
  extra: Partial<ToolCall> = {},
): ToolCall {
  return {
    id,
    name: 'srv__add',
    serverId: 'srv',
    serverName: 'srv',
    tool: 'add',
    step,
    textOffset,
    arguments: '{"a":1}',
    status: 'done',
    result: { content: [{ type: 'text', text: `result ${id}` }], isError: false },
    ...extra,
  };
}

function turn(userText: string, replies: Reply[]): Turn {
  return { id: userText, userText, replies, activeReply: 0, userVersion: 0, userVersionCount: 1 };
}

describe('history', () => {
  it('replays each step: its text with its calls, then every result, then the closing text', () => {
    const text = 'First. Second. Done.';
    const messages = replyMessages(
      reply(text, [call('a', 1, 7), call('b', 1, 7), call('c', 2, 15)]),
    );
    expect(messages.map((message) => message.role)).toEqual([
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(messages[0]).toMatchObject({
      content: 'First. ',
      toolCalls: [{ id: 'a' }, { id: 'b' }],
    });
    expect(messages[1]).toMatchObject({ results: [{ callId: 'a' }, { callId: 'b' }] });
    expect(messages[2]).toMatchObject({ content: 'Second. ', toolCalls: [{ id: 'c' }] });
    expect(messages[4]).toEqual({ role: 'assistant', content: 'Done.' });
  });

  it('every call gets a result, also those that never ran, saying what happened', () => {
    const statuses = ['denied', 'stopped', 'interrupted', 'failed'] as const;
    const calls = statuses.map((status, index) =>
      call(`c${index}`, 1, 0, {
        status,
        result: undefined,
        ...(status === 'failed' ? { error: 'Server gone.' } : {}),
      }),
    );
    const [, tool] = replyMessages(reply('', calls));
    expect(tool).toMatchObject({ role: 'tool' });
    const texts =
      tool?.role === 'tool'
        ? tool.results.map((result) => [result.isError, result.content[0]])
        : [];
    expect(texts).toEqual([
      [true, { type: 'text', text: 'The user declined to run this tool call.' }],
      [true, { type: 'text', text: expect.stringContaining('stopped') }],
      [true, { type: 'text', text: expect.stringContaining('interrupted') }],
      [true, { type: 'text', text: 'Server gone.' }],
    ]);
  });

  it('a result longer than a model is sent is cut with a note of how much was left out', () => {
    const long = 'x'.repeat(maxResultCharsForModel + 1234);
    const [, tool] = replyMessages(
      reply('', [
        call('a', 1, 0, { result: { content: [{ type: 'text', text: long }], isError: false } }),
      ]),
    );
    const content = tool?.role === 'tool' ? tool.results[0]?.content[0] : undefined;
    expect(content?.type === 'text' && content.text.length).toBeLessThan(long.length);
    expect(content).toMatchObject({
      text: expect.stringContaining('1,234 more characters were left out'),
    });
  });

  it('thinking blocks go with their step, and a Gemini signature with its call', () => {
    const thinking = [{ type: 'thinking' as const, thinking: 'hmm', signature: 'sig' }];
    const [assistant] = replyMessages(
      reply('', [
        call('a', 1, 0, { replay: { kind: 'anthropic', thinking } }),
        call('b', 1, 0, { replay: { kind: 'gemini', thoughtSignature: 'ts' } }),
      ]),
    );
    expect(assistant).toMatchObject({
      replay: { kind: 'anthropic', thinking },
      toolCalls: [{ id: 'a' }, { id: 'b', replay: { kind: 'gemini', thoughtSignature: 'ts' } }],
    });
  });

  it('earlier turns replay their tools; the turn being answered sends only its prompt', () => {
    const messages = history([
      turn('add', [reply('Sum: 2', [call('a', 1, 0)])]),
      turn('thanks', [reply('ignored')]),
    ]);
    expect(messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'thanks' });
  });
});
