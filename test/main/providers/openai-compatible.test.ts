// What every wire format shares (streaming, stop reasons, failures, Stop) is in
// adapter-conformance.test.ts; this file keeps what only the OpenAI format and its servers do.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiCompatibleProvider } from '../../../main/providers/openai-compatible';
import { createProvider } from '../../../main/providers/create-provider';
import type { ProviderConfig } from '../../../main/providers/types';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import {
  anthropicReplay,
  argumentsByIndex,
  chatError,
  collect,
  geminiReplay,
  request,
  toolHistory,
} from './provider-test-kit';

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

describe('OpenAI-compatible adapter: tool calls', () => {
  it('writes a tool step as content + tool_calls, then one tool message per result, text only', async () => {
    await collect(
      provider(),
      request({
        messages: toolHistory(anthropicReplay, geminiReplay),
        tools: [{ name: 'weather__get', description: 'Weather.', inputSchema: { type: 'object' } }],
      }),
    );
    const body = (await mock.nextRequest()).body as Record<string, unknown>;
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'weather__get',
          description: 'Weather.',
          parameters: { type: 'object', properties: {} },
        },
      },
    ]);
    expect(body.messages).toEqual([
      { role: 'user', content: 'Weather in Paris, and a photo?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          {
            id: 'toolu_1',
            type: 'function',
            function: { name: 'weather__get', arguments: '{"city":"Paris"}' },
          },
          // Broken argument JSON goes back as {}: servers that parse it would refuse the request.
          { id: 'call.2', type: 'function', function: { name: 'camera__snap', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: '18 °C' },
      {
        role: 'tool',
        tool_call_id: 'call.2',
        content: 'Error: [image result: image/png, not sent]\n\nLens cap on.',
      },
      { role: 'user', content: 'Thanks' },
    ]);
    // Replay data belongs to Anthropic and Gemini: none of it is sent here.
    expect(JSON.stringify(body)).not.toMatch(/sig-|opaque-redacted/);
  });

  it('sends content null for a step that only called tools', async () => {
    const messages = toolHistory(undefined, undefined);
    const step = messages[1];
    if (step?.role === 'assistant') step.content = '';
    await collect(provider(), request({ messages }));
    const body = (await mock.nextRequest()).body as { messages: Array<Record<string, unknown>> };
    expect(body.messages[1]).toMatchObject({ role: 'assistant', content: null });
  });

  const call = { id: 'call_w', name: 'weather__get', arguments: ['{"ci', 'ty": "Oslo"}'] };
  const second = { id: 'call_f', name: 'files__list', arguments: ['{"dir', '": "/"}'] };

  it.each([
    ['arguments whole in one chunk', { argumentsWhole: true }],
    ['the name repeated on every fragment', { repeatName: true }],
    ['no index on any fragment', { noIndex: true }],
    ['parallel calls interleaved', { interleaved: true }],
  ])('reads a server that sends %s', async (_name, toolCallStyle) => {
    mock.enqueue({ type: 'reply', text: '', toolCalls: [call, second], toolCallStyle });
    const result = await collect(provider());
    expect(result.error).toBeUndefined();
    expect(result.events.filter((event) => event.type === 'tool-call-start')).toEqual([
      { type: 'tool-call-start', index: 0, id: 'call_w', name: 'weather__get' },
      { type: 'tool-call-start', index: 1, id: 'call_f', name: 'files__list' },
    ]);
    expect(argumentsByIndex(result.events)).toEqual({ 0: '{"city": "Oslo"}', 1: '{"dir": "/"}' });
    expect(result.events.filter((event) => event.type === 'tool-call-end')).toHaveLength(2);
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use', raw: 'tool_calls' });
  });

  it('makes stable, distinct ids for calls the server sent without one', async () => {
    mock.enqueue({
      type: 'reply',
      text: '',
      toolCalls: [call, second],
      toolCallStyle: { noId: true },
    });
    const result = await collect(provider());
    const ids = result.events.flatMap((event) =>
      event.type === 'tool-call-start' ? [event.id] : [],
    );
    // call_<index>_<the chunk's id>: unique in the request, and valid for every provider.
    expect(ids).toEqual(['call_0_chatcmpl-mock0', 'call_1_chatcmpl-mock0']);
  });

  it("takes finish_reason stop after tool calls as the step's tool use", async () => {
    mock.enqueue({ type: 'reply', text: 'Calling.', toolCalls: [call], stopReason: 'stop' });
    const result = await collect(provider());
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use', raw: 'stop' });
  });

  it('tells apart parallel calls a server numbers all 0, by their ids', async () => {
    const fragment = (id: string, name: string, args: string) =>
      chunk([
        {
          index: 0,
          delta: {
            tool_calls: [{ index: 0, id, type: 'function', function: { name, arguments: args } }],
          },
          finish_reason: null,
        },
      ]);
    mock.enqueue({
      type: 'raw',
      chunks: [
        fragment('g1', 'a__x', '{"n":1}'),
        fragment('g2', 'a__y', '{"n":2}'),
        chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
        'data: [DONE]\n\n',
      ],
    });
    const result = await collect(provider());
    expect(result.events).toEqual([
      { type: 'tool-call-start', index: 0, id: 'g1', name: 'a__x' },
      { type: 'tool-call-delta', index: 0, fragment: '{"n":1}' },
      { type: 'tool-call-start', index: 1, id: 'g2', name: 'a__y' },
      { type: 'tool-call-delta', index: 1, fragment: '{"n":2}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-end', index: 1 },
      { type: 'stop', reason: 'tool_use', raw: 'tool_calls' },
    ]);
  });

  it('a connection dropped inside the arguments ends the call, then reports the cut', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        chunk([
          {
            index: 0,
            delta: {
              tool_calls: [
                {
                  index: 0,
                  id: 'c9',
                  type: 'function',
                  function: { name: 'a__b', arguments: '{"q": "\\u00' },
                },
              ],
            },
            finish_reason: null,
          },
        ]),
      ],
    });
    const result = await collect(provider());
    expect(result.events).toEqual([
      { type: 'tool-call-start', index: 0, id: 'c9', name: 'a__b' },
      { type: 'tool-call-delta', index: 0, fragment: '{"q": "\\u00' },
      { type: 'tool-call-end', index: 0 },
    ]);
    expect(chatError(result.error).kind).toBe('connection');
  });
});
