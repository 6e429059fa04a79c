import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiCompatibleProvider } from '../../../main/providers/openai-compatible';
import { createProvider } from '../../../main/providers/create-provider';
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
  return createOpenAiCompatibleProvider({
    kind: 'openai-compatible',
    baseUrl: `${mock.url}/v1`,
    apiKey: 'sk-test',
    fetch,
    ...overrides,
  });
}

/** One OpenAI chunk line with the given choices and extra fields. */
function chunk(choices: unknown, extra: Record<string, unknown> = {}): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
}

describe('OpenAI-compatible adapter: requests', () => {
  it('POSTs {base}/chat/completions with a bearer key and the system prompt first', async () => {
    mock.enqueue({ type: 'reply', text: 'Hi.' });
    const result = await collect(
      provider({ baseUrl: `${mock.url}/v1/` }),
      request({ system: 'Be brief.', maxTokens: 64 }),
    );
    expect(result.error).toBeUndefined();
    const recorded = await mock.nextRequest();
    expect(recorded.method).toBe('POST');
    expect(recorded.path).toBe('/v1/chat/completions');
    expect(recorded.headers.authorization).toBe('Bearer sk-test');
    expect(recorded.headers['content-type']).toBe('application/json');
    expect(recorded.headers.accept).toBe('text/event-stream');
    expect(recorded.body).toEqual({
      model: 'mock-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello?' },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 64,
    });
  });

  it('sends no Authorization header without a key, and no max_tokens unless set', async () => {
    await collect(provider({ apiKey: null }));
    const recorded = await mock.nextRequest();
    expect(recorded.headers.authorization).toBeUndefined();
    expect(recorded.body).not.toHaveProperty('max_tokens');
    expect((recorded.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: 'Hello?' },
    ]);
  });

  it('is what createProvider returns for the openai-compatible kind', async () => {
    const viaFactory = createProvider({
      kind: 'openai-compatible',
      baseUrl: mock.url,
      apiKey: null,
      fetch,
    });
    const result = await collect(viaFactory);
    expect(result.text).toBe('Hello from the mock.');
    expect((await mock.nextRequest()).path).toBe('/chat/completions');
  });
});

describe('OpenAI-compatible adapter: replies', () => {
  it('streams text, then usage, then one stop at the end', async () => {
    mock.enqueue({ type: 'reply', text: 'Hello there, friend.', usage: { input: 14, output: 30 } });
    const result = await collect(provider());
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('Hello there, friend.');
    expect(result.events.slice(-2)).toEqual([
      { type: 'usage', usage: { inputTokens: 14, outputTokens: 30 } },
      { type: 'stop', reason: 'end' },
    ]);
    expect(result.events.filter((event) => event.type === 'stop')).toHaveLength(1);
  });

  it.each(['reasoning_content', 'reasoning'] as const)(
    'streams delta.%s as reasoning',
    async (reasoningField) => {
      mock.enqueue({
        type: 'reply',
        text: 'Answer.',
        reasoning: 'Thinking it over.',
        reasoningField,
      });
      const result = await collect(provider());
      expect(result.reasoning).toBe('Thinking it over.');
      expect(result.text).toBe('Answer.');
    },
  );

  it.each([
    ['stop', 'end'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['content_filter', 'content_filter'],
    ['something_new', 'other'],
  ])('maps finish_reason %s to %s', async (wire, reason) => {
    mock.enqueue({ type: 'reply', text: 'Done.', stopReason: wire });
    const result = await collect(provider());
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason });
  });

  it.each([
    ['CRLF', { lineEnding: '\r\n' as const }],
    ['lone CR', { lineEnding: '\r' as const }],
    ['no space after the colon', { noSpaceAfterColon: true }],
    ['keep-alive comments', { comments: true }],
    ['a write per byte', { split: 'bytewise' as const }],
    [
      'random cuts inside UTF-8 characters',
      { split: 'random' as const, lineEnding: '\r' as const },
    ],
  ])('reads odd framing: %s', async (_name, framing) => {
    const text = '日本語 🎉 — naïve café, ünïcödé ✓ 𝄞 <b>&amp;</b> '.repeat(3);
    mock.enqueue({ type: 'reply', text, ...framing });
    const result = await collect(provider());
    expect(result.error).toBeUndefined();
    expect(result.text).toBe(text);
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'end' });
  });

  it('tolerates usage:null on every chunk and a usage chunk with choices:null (vLLM)', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        chunk([{ index: 0, delta: { role: 'assistant', content: 'The' }, finish_reason: null }], {
          usage: null,
        }),
        chunk([{ index: 0, delta: { content: ' sky' }, finish_reason: null }], { usage: null }),
        chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], { usage: null }),
        chunk(null, { usage: { prompt_tokens: 26, completion_tokens: 2, total_tokens: 28 } }),
        'data: [DONE]\n\n',
      ],
    });
    const result = await collect(provider());
    expect(result.error).toBeUndefined();
    expect(result.events).toEqual([
      { type: 'text', text: 'The' },
      { type: 'text', text: ' sky' },
      { type: 'usage', usage: { inputTokens: 26, outputTokens: 2 } },
      { type: 'stop', reason: 'end' },
    ]);
  });

  it('ends normally without [DONE] when a finish_reason arrived', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        chunk([{ index: 0, delta: { content: 'Short.' }, finish_reason: null }]),
        chunk([{ index: 0, delta: {}, finish_reason: 'length' }]),
      ],
    });
    const result = await collect(provider());
    expect(result.error).toBeUndefined();
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'max_tokens' });
  });
});

describe('OpenAI-compatible adapter: failures', () => {
  it('an error key mid-stream throws after the partial text', async () => {
    mock.enqueue({
      type: 'reply',
      text: 'Partial answer that goes on',
      afterChars: 14,
      after: { errorEvent: { type: 'server_error', message: 'The server had an error.' } },
    });
    const result = await collect(provider());
    expect(result.text).toBe('Partial answer');
    expect(chatError(result.error)).toMatchObject({
      kind: 'server',
      detail: 'The server had an error.',
    });
  });

  it('an OpenRouter error event with a status code maps by that code', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        ': OPENROUTER PROCESSING\n\n',
        chunk([{ index: 0, delta: { content: 'Hi' }, finish_reason: null }]),
        `data: ${JSON.stringify({ error: { code: 429, message: 'Provider rate limited' } })}\n\n`,
      ],
    });
    const result = await collect(provider());
    expect(result.text).toBe('Hi');
    expect(chatError(result.error)).toMatchObject({
      kind: 'rate_limit',
      detail: 'Provider rate limited',
    });
  });

  it("vLLM's {object: error} event is an error", async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        `data: ${JSON.stringify({ object: 'error', message: 'This model is too busy', type: 'BadRequestError', code: 400 })}\n\n`,
      ],
    });
    const result = await collect(provider());
    expect(chatError(result.error)).toMatchObject({
      kind: 'bad_request',
      detail: 'This model is too busy',
    });
  });

  it("llama.cpp's `error:` field line is an error even when cut into single bytes", async () => {
    const errorLine =
      'error: {"code":400,"message":"the request exceeds the available context size","type":"exceed_context_size_error"}\n\n';
    mock.enqueue({
      type: 'raw',
      chunks: [
        chunk([{ index: 0, delta: { content: 'Par' }, finish_reason: null }]),
        ...Array.from(errorLine),
        'data: [DONE]\n\n',
      ],
    });
    const result = await collect(provider());
    expect(result.text).toBe('Par');
    expect(result.events.some((event) => event.type === 'stop')).toBe(false);
    expect(chatError(result.error)).toMatchObject({
      kind: 'bad_request',
      detail: 'the request exceeds the available context size',
    });
  });

  it('a stream that ends without [DONE] or a finish_reason is a connection error', async () => {
    mock.enqueue({ type: 'reply', text: 'Cut short here', afterChars: 8, after: 'drop' });
    const result = await collect(provider());
    expect(result.text).toBe('Cut shor');
    expect(chatError(result.error)).toMatchObject({
      kind: 'connection',
      message: 'The connection closed before the reply finished.',
    });
  });

  it('a chunk that is not JSON is a protocol error', async () => {
    mock.enqueue({ type: 'raw', chunks: ['data: {"choices": [\n\n'] });
    const result = await collect(provider());
    expect(chatError(result.error).kind).toBe('protocol');
  });

  it('maps an HTTP 429 to rate_limit with retryAfterMs', async () => {
    mock.enqueue({ type: 'http-error', status: 429, headers: { 'retry-after': '7' } });
    const result = await collect(provider());
    expect(chatError(result.error)).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryAfterMs: 7_000,
      detail: 'Rate limit reached for requests',
    });
  });

  it('a 200 HTML page instead of a stream is a protocol error', async () => {
    mock.enqueue({
      type: 'raw',
      headers: { 'content-type': 'text/html; charset=utf-8' },
      chunks: ['<!doctype html><h1>Router login</h1>'],
    });
    const result = await collect(provider());
    expect(chatError(result.error)).toEqual({
      kind: 'protocol',
      message: 'The server answered with an HTML page, not a stream. Check the base URL.',
      status: 200,
    });
  });

  it('times out when the stream stalls', async () => {
    mock.enqueue({ type: 'reply', text: 'Stalling here', afterChars: 8, after: 'stall' });
    const result = await collect(provider({ idleTimeoutMs: 200 }));
    expect(result.text).toBe('Stalling');
    expect(chatError(result.error).kind).toBe('timeout');
    const recorded = await mock.nextRequest();
    await within(recorded.closed, 1_000, 'closing the stalled connection');
    expect(recorded.closedByClient).toBe(true);
  });

  it('aborting mid-stream closes the upstream connection promptly and throws the reason', async () => {
    mock.enqueue({ type: 'reply', text: longText, tokensPerSecond: 50 });
    const controller = new AbortController();
    const received: string[] = [];
    const reason = new DOMException('Stopped by the user', 'AbortError');
    const recordedPromise = mock.nextRequest();
    let caught: unknown;
    try {
      for await (const event of provider().stream(request(), controller.signal)) {
        if (event.type === 'text') received.push(event.text);
        if (received.length === 2) controller.abort(reason);
      }
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(reason);
    // Nothing arrives after Stop.
    expect(received).toHaveLength(2);
    const recorded = await recordedPromise;
    await within(recorded.closed, 1_000, 'closing the upstream connection');
    expect(recorded.closedByClient).toBe(true);
    expect(recorded.bytesSent).toBeLessThan(20_000);
  });

  it('a finished reply lets the server end the response after [DONE]', async () => {
    // Some bytes (here a comment) still follow [DONE] before the response ends.
    mock.enqueue({
      type: 'raw',
      chunks: [
        chunk([{ index: 0, delta: { content: 'Done.' }, finish_reason: 'stop' }]),
        'data: [DONE]\n\n',
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

  it('a refused connection is a connection error', async () => {
    const port = await closedPort();
    const result = await collect(provider({ baseUrl: `http://127.0.0.1:${port}/v1` }));
    expect(chatError(result.error)).toMatchObject({ kind: 'connection' });
    expect(chatError(result.error).message).toMatch(/refused/);
  });

  it('an unparseable base URL is a config error', async () => {
    const result = await collect(provider({ baseUrl: 'not a url' }));
    expect(chatError(result.error).kind).toBe('config');
  });
});
