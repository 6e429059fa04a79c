import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '../../../main/providers/anthropic';
import type { ProviderConfig } from '../../../main/providers/types';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import { chatError, closedPort, collect, longText, request, within } from './provider-test-kit';

let mock: MockLlm;

beforeEach(async () => {
  mock = await startMockLlm();
});

afterEach(async () => {
  await mock.close();
});

function provider(overrides: Partial<ProviderConfig> = {}) {
  return createAnthropicProvider({
    kind: 'anthropic',
    baseUrl: mock.url,
    apiKey: 'sk-ant-test',
    fetch,
    ...overrides,
  });
}

describe('Anthropic adapter: requests', () => {
  it('POSTs /v1/messages with the key, version, and a streaming body', async () => {
    mock.enqueue({ type: 'reply', text: 'Hi.' });
    const result = await collect(
      provider({ baseUrl: `${mock.url}/` }),
      request({ system: 'Be brief.', maxTokens: 100 }),
    );
    expect(result.error).toBeUndefined();
    const recorded = await mock.nextRequest();
    expect(recorded.method).toBe('POST');
    expect(recorded.path).toBe('/v1/messages');
    expect(recorded.headers['x-api-key']).toBe('sk-ant-test');
    expect(recorded.headers['anthropic-version']).toBe('2023-06-01');
    expect(recorded.headers['content-type']).toBe('application/json');
    expect(recorded.headers.accept).toBe('text/event-stream');
    expect(recorded.body).toEqual({
      model: 'mock-model',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hello?' }],
      system: 'Be brief.',
      stream: true,
    });
  });

  it('defaults max_tokens to 8192, leaves out an absent system prompt and a missing key', async () => {
    await collect(provider({ apiKey: null }));
    const recorded = await mock.nextRequest();
    expect(recorded.headers['x-api-key']).toBeUndefined();
    expect(recorded.body).toEqual({
      model: 'mock-model',
      max_tokens: 8192,
      messages: [{ role: 'user', content: 'Hello?' }],
      stream: true,
    });
  });
});

describe('Anthropic adapter: replies', () => {
  it('streams text, usage and the stop reason, in order', async () => {
    mock.enqueue({ type: 'reply', text: 'Hello there, friend.', usage: { input: 12, output: 34 } });
    const result = await collect(provider());
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('Hello there, friend.');
    expect(result.events.filter((event) => event.type === 'text').length).toBeGreaterThan(1);
    expect(result.events[0]).toEqual({
      type: 'usage',
      usage: { inputTokens: 12, outputTokens: 1 },
    });
    expect(result.events.at(-2)).toEqual({
      type: 'usage',
      usage: { inputTokens: 12, outputTokens: 34 },
    });
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'end' });
    expect(result.events.filter((event) => event.type === 'stop')).toHaveLength(1);
  });

  it('streams thinking as reasoning before the text and ignores the signature', async () => {
    mock.enqueue({ type: 'reply', reasoning: '27 * 453 = 12,231', text: 'It is 12,231.' });
    const result = await collect(provider());
    expect(result.reasoning).toBe('27 * 453 = 12,231');
    expect(result.text).toBe('It is 12,231.');
    const firstText = result.events.findIndex((event) => event.type === 'text');
    const lastReasoning = result.events.findLastIndex((event) => event.type === 'reasoning');
    expect(lastReasoning).toBeLessThan(firstText);
  });

  it.each([
    ['end_turn', 'end'],
    ['stop_sequence', 'end'],
    ['max_tokens', 'max_tokens'],
    ['tool_use', 'tool_use'],
    ['refusal', 'refusal'],
    ['pause_turn', 'other'],
  ])('maps stop_reason %s to %s', async (wire, reason) => {
    mock.enqueue({ type: 'reply', text: 'Done.', stopReason: wire });
    const result = await collect(provider());
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason });
  });

  it.each([
    ['CRLF', { lineEnding: '\r\n' as const }],
    ['lone CR', { lineEnding: '\r' as const }],
    ['no space after the colon', { noSpaceAfterColon: true }],
    ['keep-alive comments and pings', { comments: true }],
    ['a write per byte', { split: 'bytewise' as const }],
    [
      'random cuts inside UTF-8 characters',
      { split: 'random' as const, lineEnding: '\r\n' as const },
    ],
  ])('reads odd framing: %s', async (_name, framing) => {
    const text = '日本語 🎉 — naïve café, ünïcödé ✓ 𝄞 '.repeat(3);
    mock.enqueue({ type: 'reply', text, reasoning: 'Überlegung 🤔', ...framing });
    const result = await collect(provider());
    expect(result.error).toBeUndefined();
    expect(result.text).toBe(text);
    expect(result.reasoning).toBe('Überlegung 🤔');
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'end' });
  });

  it('ignores unknown event types', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":3}}}\n\n',
        'event: shiny_new_thing\ndata: {"type":"shiny_new_thing","x":1}\n\n',
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ok"}}\n\n',
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"a"}}\n\n',
        'event: message_stop\ndata: {"type":"message_stop"}\n\n',
      ],
    });
    const result = await collect(provider());
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('ok');
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'end' });
  });
});

describe('Anthropic adapter: failures', () => {
  it.each([
    ['overloaded_error', 'overloaded'],
    ['rate_limit_error', 'rate_limit'],
    ['api_error', 'server'],
  ])('an %s event mid-stream throws %s after the partial text', async (type, kind) => {
    mock.enqueue({
      type: 'reply',
      text: 'Partial answer that goes on',
      afterChars: 14,
      after: { errorEvent: { type, message: 'Something happened' } },
    });
    const result = await collect(provider());
    expect(result.text).toBe('Partial answer');
    expect(result.events.some((event) => event.type === 'stop')).toBe(false);
    expect(chatError(result.error)).toMatchObject({ kind, detail: 'Something happened' });
  });

  it('a dropped connection is a connection error after the partial text', async () => {
    mock.enqueue({ type: 'reply', text: 'This reply will be cut', afterChars: 9, after: 'drop' });
    const result = await collect(provider());
    expect(result.text).toBe('This repl');
    expect(chatError(result.error)).toMatchObject({
      kind: 'connection',
      message: 'The connection closed before the reply finished.',
    });
  });

  it('a stream that ends cleanly without message_stop is a connection error', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Half"}}\n\n',
      ],
    });
    const result = await collect(provider());
    expect(result.text).toBe('Half');
    expect(chatError(result.error)).toMatchObject({
      kind: 'connection',
      message: 'The connection closed before the reply finished.',
    });
  });

  it('an event that is not JSON is a protocol error', async () => {
    mock.enqueue({ type: 'raw', chunks: ['event: content_block_delta\ndata: {"type": oops\n\n'] });
    const result = await collect(provider());
    expect(chatError(result.error)).toMatchObject({ kind: 'protocol', detail: '{"type": oops' });
  });

  it('maps an HTTP error to its kind with the provider message as detail', async () => {
    mock.enqueue({ type: 'http-error', status: 401 });
    const result = await collect(provider());
    expect(chatError(result.error)).toEqual({
      kind: 'auth',
      message: 'The provider rejected the API key. Check the key in Settings.',
      detail: 'invalid x-api-key',
      status: 401,
    });
  });

  it('times out when the stream stalls, and closes the connection', async () => {
    mock.enqueue({ type: 'reply', text: 'Stalling here', afterChars: 8, after: 'stall' });
    const result = await collect(provider({ idleTimeoutMs: 200 }));
    expect(result.text).toBe('Stalling');
    expect(chatError(result.error).kind).toBe('timeout');
    const recorded = await mock.nextRequest();
    await within(recorded.closed, 1_000, 'closing the stalled connection');
    expect(recorded.closedByClient).toBe(true);
  });

  it('times out while waiting for response headers', async () => {
    mock.enqueue({ type: 'reply', text: 'Too late', firstByteDelayMs: 5_000 });
    const started = performance.now();
    const result = await collect(provider({ idleTimeoutMs: 200 }));
    expect(chatError(result.error).kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it('aborting mid-stream closes the upstream connection promptly and throws the reason', async () => {
    mock.enqueue({ type: 'reply', text: longText, tokensPerSecond: 50 });
    const controller = new AbortController();
    const iterator = provider().stream(request(), controller.signal)[Symbol.asyncIterator]();
    let first = await iterator.next();
    while (!first.done && first.value.type !== 'text') first = await iterator.next();
    expect(first.value).toMatchObject({ type: 'text' });
    const recorded = await mock.nextRequest();
    const reason = new DOMException('Stopped by the user', 'AbortError');
    // Abort while the consumer is not pulling: the socket must still close at once.
    controller.abort(reason);
    await within(recorded.closed, 1_000, 'closing the upstream connection');
    expect(recorded.closedByClient).toBe(true);
    await expect(iterator.next()).rejects.toBe(reason);
  });

  it('aborting while waiting for headers throws the reason at once', async () => {
    mock.enqueue({ type: 'reply', text: 'Slow', firstByteDelayMs: 5_000 });
    const controller = new AbortController();
    const pending = collect(provider(), request(), controller.signal);
    const recorded = await mock.nextRequest();
    controller.abort();
    const result = await within(pending, 1_000, 'rejecting after abort');
    expect((result.error as Error).name).toBe('AbortError');
    await within(recorded.closed, 1_000, 'closing the connection');
    expect(recorded.closedByClient).toBe(true);
  });

  it('a finished reply lets the server end the response (keeps the connection reusable)', async () => {
    // Some bytes (here a comment) still follow message_stop before the response ends.
    mock.enqueue({
      type: 'raw',
      chunks: [
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Done."}}\n\n',
        'event: message_stop\ndata: {"type":"message_stop"}\n\n',
        ': trailing\n\n',
      ],
      delayMs: 50,
    });
    const result = await collect(provider());
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'end' });
    const recorded = await mock.nextRequest();
    await within(recorded.closed, 1_000, 'the response closing');
    expect(recorded.closedByClient).toBe(false);
  });

  it('a refused connection is a connection error naming the cause', async () => {
    const port = await closedPort();
    const result = await collect(provider({ baseUrl: `http://127.0.0.1:${port}` }));
    const error = chatError(result.error);
    expect(error.kind).toBe('connection');
    expect(error.message).toMatch(/refused/);
    expect(error.detail).toMatch(/ECONNREFUSED/);
  });
});
