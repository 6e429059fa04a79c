// What every wire format shares (streaming, stop reasons, failures, Stop) is in
// adapter-conformance.test.ts; this file keeps what only the OpenAI format and its servers do.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiCompatibleProvider } from '../../../main/providers/openai-compatible';
import { createProvider } from '../../../main/providers/create-provider';
import type { ProviderConfig } from '../../../main/providers/types';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import { chatError, collect, request } from './provider-test-kit';

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
      { type: 'stop', reason: 'end', raw: 'stop' },
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
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'max_tokens', raw: 'length' });
  });
});

describe('OpenAI-compatible adapter: failures', () => {
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
});

describe('OpenAI-compatible adapter: optional fields a server refuses', () => {
  const bodies = () =>
    mock.requests
      .filter((recorded) => recorded.method === 'POST')
      .map((recorded) => recorded.body as Record<string, unknown>);

  it('a 400 naming stream_options is retried once without it, and the server is remembered', async () => {
    const refusedFields = new Set<string>();
    mock.enqueue(
      {
        type: 'http-error',
        status: 400,
        body: {
          error: {
            message: 'Unrecognized request argument supplied: stream_options',
            type: 'invalid_request_error',
            param: null,
            code: null,
          },
        },
      },
      { type: 'reply', text: 'Fine without it.' },
      { type: 'reply', text: 'Still fine.' },
    );
    const first = await collect(provider({ refusedFields }), request());
    expect(first.error).toBeUndefined();
    expect(first.text).toBe('Fine without it.');
    expect([...refusedFields]).toEqual(['stream_options']);
    const second = await collect(provider({ refusedFields }), request());
    expect(second.text).toBe('Still fine.');
    expect(bodies().map((body) => 'stream_options' in body)).toEqual([true, false, false]);
  });

  it('a 422 whose pydantic detail names max_completion_tokens is resent with max_tokens', async () => {
    mock.enqueue(
      {
        type: 'http-error',
        status: 422,
        body: {
          detail: [{ loc: ['body', 'max_completion_tokens'], msg: 'extra fields not permitted' }],
        },
      },
      { type: 'reply', text: 'Limited.' },
    );
    const result = await collect(
      provider({ refusedFields: new Set() }),
      request({ maxTokens: 64, reasoningEffort: 'low' }),
    );
    expect(result.text).toBe('Limited.');
    const [refused, resent] = bodies();
    expect(refused).toMatchObject({ max_completion_tokens: 64, reasoning_effort: 'low' });
    expect(resent).toMatchObject({ max_tokens: 64, reasoning_effort: 'low' });
    expect(resent).not.toHaveProperty('max_completion_tokens');
  });

  it('retries once only: a second refusal is shown, not retried again', async () => {
    const refusal = (field: string) => ({
      type: 'http-error' as const,
      status: 400,
      body: {
        error: { message: `Unsupported parameter: '${field}'.`, type: 'invalid_request_error' },
      },
    });
    mock.enqueue(refusal('reasoning_effort'), refusal('stream_options'), refusal('stream_options'));
    const result = await collect(
      provider({ refusedFields: new Set() }),
      request({ reasoningEffort: 'high' }),
    );
    expect(chatError(result.error)).toMatchObject({ kind: 'bad_request', status: 400 });
    expect(chatError(result.error).detail).toMatch(/stream_options/);
    expect(bodies()).toHaveLength(2);
  });

  it('a 400 that names no optional field is not retried', async () => {
    mock.enqueue({
      type: 'http-error',
      status: 400,
      body: { error: { message: 'messages: field required', type: 'invalid_request_error' } },
    });
    const result = await collect(provider({ refusedFields: new Set() }), request());
    expect(chatError(result.error)).toMatchObject({ kind: 'bad_request' });
    expect(bodies()).toHaveLength(1);
  });
});
