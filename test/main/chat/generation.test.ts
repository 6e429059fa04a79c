import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../preload/api';
import { Generation } from '../../../main/chat/generation';
import { ProviderError } from '../../../main/providers/types';
import { ScriptedProvider, settle } from './scripted-provider';

function start(provider: ScriptedProvider) {
  const events: ChatEvent[] = [];
  const generation = new Generation({
    streamId: 's1',
    provider,
    request: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
    emit: (event) => events.push(event),
    frameMs: 0,
  });
  const text = () => events.map((event) => (event.type === 'delta' ? event.text : '')).join('');
  return { generation, events, text };
}

describe('Generation', () => {
  it('streams text, then ends with exactly one done carrying stop reason and usage', async () => {
    const provider = new ScriptedProvider();
    const { generation, events, text } = start(provider);
    provider.push(
      { type: 'usage', usage: { inputTokens: 7 } },
      { type: 'text', text: 'Hello' },
      { type: 'text', text: ' world' },
      { type: 'usage', usage: { outputTokens: 2 } },
      { type: 'stop', reason: 'max_tokens' },
      'end',
    );
    await generation.finished;
    expect(text()).toBe('Hello world');
    const terminal = events.filter((event) => event.type !== 'delta');
    expect(terminal).toEqual([
      {
        type: 'done',
        streamId: 's1',
        seq: events.length,
        stopReason: 'max_tokens',
        usage: { inputTokens: 7, outputTokens: 2 },
      },
    ]);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  });

  it('stop aborts the provider signal and no event follows the stopped done', async () => {
    const provider = new ScriptedProvider();
    const { generation, events, text } = start(provider);
    provider.push({ type: 'text', text: 'partial' });
    await settle();
    generation.stop();
    expect(provider.signals[0]?.aborted).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'stopped' });
    provider.push({ type: 'text', text: ' late' }, 'end');
    await generation.finished;
    await settle();
    expect(text()).toBe('partial');
    expect(events.filter((event) => event.type !== 'delta')).toHaveLength(1);
  });

  it('stop twice, or after the end, sends nothing more', async () => {
    const provider = new ScriptedProvider();
    const { generation, events } = start(provider);
    provider.push({ type: 'text', text: 'x' }, 'end');
    await generation.finished;
    const count = events.length;
    generation.stop();
    generation.stop();
    expect(events).toHaveLength(count);
    expect(generation.isEnded).toBe(true);
  });

  it('a provider error becomes the error event, keeping the text already sent', async () => {
    const provider = new ScriptedProvider();
    const { generation, events, text } = start(provider);
    provider.push(
      { type: 'text', text: 'so far' },
      new ProviderError({ kind: 'overloaded', message: 'The provider is overloaded.' }),
    );
    await generation.finished;
    expect(text()).toBe('so far');
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'overloaded', message: 'The provider is overloaded.' },
    });
    expect(events.filter((event) => event.type !== 'delta')).toHaveLength(1);
  });

  it('an unexpected exception becomes a plain-language error and is logged, not thrown', async () => {
    const provider = new ScriptedProvider();
    const logged: string[] = [];
    const events: ChatEvent[] = [];
    const generation = new Generation({
      streamId: 's2',
      provider,
      request: { model: 'm', messages: [] },
      emit: (event) => events.push(event),
      log: (message) => logged.push(message),
    });
    provider.push(new TypeError('undefined is not a function'));
    await generation.finished;
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    expect(JSON.stringify(last)).not.toContain('undefined is not a function');
    expect(logged).toHaveLength(1);
  });

  it('retries a failure before the first token, saying so, then streams', async () => {
    const provider = new ScriptedProvider();
    const events: ChatEvent[] = [];
    const generation = new Generation({
      streamId: 'r',
      provider,
      request: { model: 'm', messages: [] },
      emit: (event) => events.push(event),
      random: () => 0,
    });
    const overloaded = new ProviderError({
      kind: 'overloaded',
      message: 'Busy.',
      status: 529,
      retryAfterMs: 20,
    });
    provider.push(overloaded);
    await settle(40);
    provider.push({ type: 'text', text: 'Finally' }, 'end');
    await generation.finished;
    expect(provider.requests).toHaveLength(2);
    expect(events[0]).toMatchObject({
      type: 'retrying',
      attempt: 1,
      maxAttempts: 3,
      delayMs: 20,
      error: { kind: 'overloaded' },
    });
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end' });
  });

  it('never retries once text has arrived: the error ends the reply', async () => {
    const provider = new ScriptedProvider();
    const { generation, events } = start(provider);
    provider.push(
      { type: 'text', text: 'Half' },
      new ProviderError({ kind: 'connection', message: 'Dropped.' }),
    );
    await generation.finished;
    expect(provider.requests).toHaveLength(1);
    expect(events.some((event) => event.type === 'retrying')).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'connection' } });
  });

  it('gives up after two retries with the last failure', async () => {
    const provider = new ScriptedProvider();
    const events: ChatEvent[] = [];
    const generation = new Generation({
      streamId: 'g',
      provider,
      request: { model: 'm', messages: [] },
      emit: (event) => events.push(event),
    });
    for (let i = 0; i < 3; i += 1) {
      provider.push(
        new ProviderError({ kind: 'server', message: `Fail ${i}`, status: 500, retryAfterMs: 5 }),
      );
      await settle(15);
    }
    await generation.finished;
    expect(provider.requests).toHaveLength(3);
    expect(events.map((event) => event.type)).toEqual(['retrying', 'retrying', 'error']);
    expect(events.at(-1)).toMatchObject({ error: { message: 'Fail 2' } });
  });

  it('Stop during the wait cancels the retry at once', async () => {
    const provider = new ScriptedProvider();
    const { generation, events } = start(provider);
    provider.push(
      new ProviderError({
        kind: 'rate_limit',
        message: 'Slow down.',
        status: 429,
        retryAfterMs: 30_000,
      }),
    );
    await settle();
    expect(events.at(-1)?.type).toBe('retrying');
    generation.stop();
    await generation.finished;
    expect(provider.requests).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'stopped' });
  });

  it("keeps the provider's own stop value on the done event", async () => {
    const provider = new ScriptedProvider();
    const { generation, events } = start(provider);
    provider.push(
      { type: 'text', text: 'Some text.' },
      { type: 'stop', reason: 'other', raw: 'some_new_reason' },
      'end',
    );
    await generation.finished;
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      stopReason: 'other',
      providerStopReason: 'some_new_reason',
    });
  });

  it.each(['error', 'abort', 'cancelled', 'MALFORMED_FUNCTION_CALL'])(
    'a stop value that names a failure (%s) ends the reply as an error, keeping its text',
    async (raw) => {
      const provider = new ScriptedProvider();
      const { generation, events, text } = start(provider);
      provider.push(
        { type: 'text', text: 'Half an' },
        { type: 'stop', reason: 'other', raw },
        'end',
      );
      await generation.finished;
      expect(text()).toBe('Half an');
      const last = events.at(-1);
      expect(last).toMatchObject({ type: 'error', error: { kind: 'server', code: raw } });
      expect(last?.type === 'error' ? last.error.message : '').toContain(`"${raw}"`);
    },
  );

  it('an empty reply with no stop reason is an error, not a silent success', async () => {
    const provider = new ScriptedProvider();
    const { generation, events } = start(provider);
    provider.push({ type: 'stop', reason: 'end' }, 'end');
    await generation.finished;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'error',
      error: {
        kind: 'protocol',
        message: expect.stringMatching(/without any text and without saying why/),
      },
    });
  });

  it('an empty reply the provider says ended normally stays a finished reply', async () => {
    const provider = new ScriptedProvider();
    const { generation, events } = start(provider);
    provider.push({ type: 'stop', reason: 'end', raw: 'stop' }, 'end');
    await generation.finished;
    expect(events).toEqual([
      { type: 'done', streamId: 's1', seq: 1, stopReason: 'end', providerStopReason: 'stop' },
    ]);
  });

  it("usage from a stopped or failed reply is marked partial; a finished reply's is final", async () => {
    const stopped = new ScriptedProvider();
    const first = start(stopped);
    stopped.push({ type: 'usage', usage: { inputTokens: 25 } }, { type: 'text', text: 'Half' });
    await settle();
    first.generation.stop();
    expect(first.events.at(-1)).toMatchObject({
      type: 'done',
      stopReason: 'stopped',
      usage: { inputTokens: 25, partial: true },
    });

    const failing = new ScriptedProvider();
    const second = start(failing);
    failing.push(
      { type: 'usage', usage: { inputTokens: 25 } },
      { type: 'text', text: 'Half' },
      new ProviderError({ kind: 'connection', message: 'Cut.' }),
    );
    await second.generation.finished;
    expect(second.events.at(-1)).toMatchObject({
      type: 'error',
      usage: { inputTokens: 25, partial: true },
    });

    const finished = new ScriptedProvider();
    const third = start(finished);
    finished.push(
      { type: 'text', text: 'Whole.' },
      { type: 'usage', usage: { inputTokens: 25, outputTokens: 3 } },
      { type: 'stop', reason: 'end', raw: 'end_turn' },
      'end',
    );
    await third.generation.finished;
    const done = third.events.at(-1);
    expect(done?.type === 'done' ? done.usage : null).toEqual({ inputTokens: 25, outputTokens: 3 });
  });
});
