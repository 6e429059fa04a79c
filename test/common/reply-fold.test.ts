import { describe, expect, it } from 'vitest';
import type { ChatEvent, Reply } from '../../preload/api';
import { foldEvent } from '../../common/reply-fold';

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
});
