import { describe, expect, it } from 'vitest';
import type { ChatEvent, Reply } from '../../preload/api';
import { closeOpenToolCalls, foldEvent } from '../../common/reply-fold';
import type { ToolCall } from '../../preload/api';

const streamId = 's1';

function streaming(): Reply {
  return { id: 'r1', streamId, model: 'm', text: '', reasoning: '', status: 'streaming', seq: 0 };
}

function fold(events: ChatEvent[]): Reply {
  const reply = streaming();
  for (const event of events) foldEvent(reply, event);
  return reply;
}

const error = { kind: 'rate_limit' as const, message: 'Too many requests.' };

describe('foldEvent: what each stream event does to a reply (main and the page share it)', () => {
  it('appends text and reasoning, and ends with the stop reason and usage', () => {
    const reply = fold([
      { type: 'delta', streamId, seq: 1, text: 'Hel', reasoning: 'think' },
      { type: 'delta', streamId, seq: 2, text: 'lo', reasoning: 'ing' },
      { type: 'done', streamId, seq: 3, stopReason: 'max_tokens', usage: { outputTokens: 2 } },
    ]);
    expect(reply).toMatchObject({
      text: 'Hello',
      reasoning: 'thinking',
      status: 'done',
      stopReason: 'max_tokens',
      usage: { outputTokens: 2 },
      seq: 3,
    });
  });

  it('a retry notice lasts until the next thing happens; a failed save does not clear it', () => {
    const retrying: ChatEvent = {
      type: 'retrying',
      streamId,
      seq: 1,
      attempt: 1,
      maxAttempts: 2,
      delayMs: 3_000,
      error,
    };
    const waiting = fold([
      retrying,
      { type: 'save-failed', streamId, seq: 2, message: 'Disk full.' },
    ]);
    expect(waiting.retry).toMatchObject({ attempt: 1, delayMs: 3_000 });
    expect(waiting.saveError).toBe('Disk full.');

    const answered = fold([
      retrying,
      { type: 'delta', streamId, seq: 2, text: 'Hi', reasoning: '' },
    ]);
    expect(answered.retry).toBeUndefined();
    expect(answered.text).toBe('Hi');
  });

  it('an error keeps the partial text, the error and the save error it reports', () => {
    const reply = fold([
      { type: 'delta', streamId, seq: 1, text: 'Partial', reasoning: '' },
      { type: 'error', streamId, seq: 2, error, saveError: 'Read-only folder.' },
    ]);
    expect(reply).toMatchObject({
      text: 'Partial',
      status: 'error',
      error,
      saveError: 'Read-only folder.',
    });
    expect(reply.stopReason).toBeUndefined();
  });

  it('a tool call is placed by its whole state, its arguments stream in, and a notice is kept', () => {
    const call: ToolCall = {
      id: 'c1',
      name: 'srv__add',
      serverId: 'srv',
      serverName: 'srv',
      tool: 'add',
      step: 1,
      textOffset: 5,
      arguments: '',
      status: 'streaming',
    };
    const reply = streaming();
    foldEvent(reply, { type: 'delta', streamId, seq: 1, text: 'Hello', reasoning: '' });
    foldEvent(reply, { type: 'tool-call', streamId, seq: 2, call });
    const before = reply.toolCalls;
    foldEvent(reply, { type: 'tool-arguments', streamId, seq: 3, callId: 'c1', fragment: '{"a":' });
    foldEvent(reply, { type: 'tool-arguments', streamId, seq: 4, callId: 'c1', fragment: '1}' });
    // New arrays and objects: the page compares by identity to know what to paint again.
    expect(reply.toolCalls).not.toBe(before);
    expect(before?.[0]?.arguments).toBe('');
    expect(reply.toolCalls?.[0]?.arguments).toBe('{"a":1}');
    const done = { ...call, arguments: '{"a":1}', status: 'done' as const };
    foldEvent(reply, { type: 'tool-call', streamId, seq: 5, call: done });
    foldEvent(reply, { type: 'notice', streamId, seq: 6, message: '3 tools were left out.' });
    expect(reply.toolCalls).toEqual([done]);
    expect(reply.notices).toEqual(['3 tools were left out.']);
    expect(reply.seq).toBe(6);
  });

  it('closing open calls marks only the unfinished ones and drops a late result', () => {
    const base: ToolCall = {
      id: 'c1',
      name: 'n',
      serverId: 's',
      serverName: 's',
      tool: 't',
      step: 1,
      textOffset: 0,
      arguments: '{}',
      status: 'done',
    };
    const reply = streaming();
    reply.toolCalls = [
      base,
      { ...base, id: 'c2', status: 'running', result: { content: [], isError: false } },
      { ...base, id: 'c3', status: 'awaiting-approval' },
      { ...base, id: 'c4', status: 'denied' },
    ];
    closeOpenToolCalls(reply, 'interrupted');
    expect(reply.toolCalls.map((call) => call.status)).toEqual([
      'done',
      'interrupted',
      'interrupted',
      'denied',
    ]);
    expect(reply.toolCalls[1]?.result).toBeUndefined();
  });
});
