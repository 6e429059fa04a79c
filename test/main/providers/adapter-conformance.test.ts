import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatErrorKind, ProviderKind, StopReason } from '../../../preload/api';
import { createProvider } from '../../../main/providers/create-provider';
import type { ProviderConfig } from '../../../main/providers/types';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import {
  argumentsByIndex,
  chatError,
  closedPort,
  collect,
  longText,
  request,
  within,
} from './provider-test-kit';

/**
 * One suite for what every wire format must do the same way: stream text, reasoning and usage,
 * map stop reasons, turn every failure into a typed error, and close the upstream connection
 * on Stop or silence. Each format supplies only its wire words; what only one format does
 * (its request shape, its own event kinds) is tested in that format's own file.
 */
interface WireFormatCase {
  kind: ProviderKind;
  /** The base URL a profile for the mock would hold. */
  baseUrl: (mock: MockLlm) => string;
  /** Where the format POSTs its stream on the mock. */
  path: string;
  /** The wire's stop values and what the person is told. */
  stopReasons: Array<[wire: string, reason: StopReason]>;
  /** The stop value of an ordinary end, kept as the stop event's `raw`. */
  normalStop: string;
  /** In-stream error types (the mock's `errorEvent.type`) and the kind each becomes. */
  streamErrors: Array<[wire: string, kind: ChatErrorKind]>;
  /** One raw event carrying a text delta, without any end-of-reply marker. */
  textEvent: (text: string) => string;
  /** Raw events that finish a reply after its text. */
  endEvents: string[];
  /** A raw event whose data is not JSON, and that data. */
  malformed: { event: string; data: string };
  /** The mock's error messages (the detail a person sees) for a 401 and a 429. */
  details: { 401: string; 429: string };
  /** The provider's own code for a 401, kept on the ChatError. */
  authCode: string;
  /** The wire stop value of a step that called tools, and that of a reply cut by the output limit. */
  toolStop: string;
  lengthStop: string;
  /** Whether argument JSON streams in pieces (Gemini sends each call whole, parsed). */
  streamsArguments: boolean;
}

const formats: WireFormatCase[] = [
  {
    kind: 'anthropic',
    baseUrl: (mock) => mock.url,
    path: '/v1/messages',
    normalStop: 'end_turn',
    stopReasons: [
      ['end_turn', 'end'],
      ['stop_sequence', 'end'],
      ['max_tokens', 'max_tokens'],
      ['tool_use', 'tool_use'],
      ['refusal', 'refusal'],
      ['pause_turn', 'other'],
    ],
    streamErrors: [
      ['overloaded_error', 'overloaded'],
      ['rate_limit_error', 'rate_limit'],
      ['api_error', 'server'],
    ],
    textEvent: (text) =>
      `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })}\n\n`,
    endEvents: ['event: message_stop\ndata: {"type":"message_stop"}\n\n'],
    malformed: {
      event: 'event: content_block_delta\ndata: {"type": oops\n\n',
      data: '{"type": oops',
    },
    details: { 401: 'invalid x-api-key', 429: 'Rate limit reached for requests' },
    authCode: 'authentication_error',
    toolStop: 'tool_use',
    lengthStop: 'max_tokens',
    streamsArguments: true,
  },
  {
    kind: 'openai-compatible',
    baseUrl: (mock) => `${mock.url}/v1`,
    path: '/v1/chat/completions',
    normalStop: 'stop',
    stopReasons: [
      ['stop', 'end'],
      ['length', 'max_tokens'],
      ['tool_calls', 'tool_use'],
      ['function_call', 'tool_use'],
      ['content_filter', 'content_filter'],
      ['something_new', 'other'],
    ],
    streamErrors: [['server_error', 'server']],
    textEvent: (text) => openAiChunk([{ index: 0, delta: { content: text }, finish_reason: null }]),
    endEvents: [openAiChunk([{ index: 0, delta: {}, finish_reason: 'stop' }]), 'data: [DONE]\n\n'],
    malformed: { event: 'data: {"choices": [\n\n', data: '{"choices": [' },
    details: { 401: 'invalid x-api-key', 429: 'Rate limit reached for requests' },
    authCode: 'invalid_api_key',
    toolStop: 'tool_calls',
    lengthStop: 'length',
    streamsArguments: true,
  },
  {
    kind: 'gemini',
    baseUrl: (mock) => mock.url,
    path: '/v1beta/models/mock-model:streamGenerateContent?alt=sse',
    normalStop: 'STOP',
    stopReasons: [
      ['STOP', 'end'],
      ['MAX_TOKENS', 'max_tokens'],
      ['SAFETY', 'content_filter'],
      ['RECITATION', 'content_filter'],
      ['PROHIBITED_CONTENT', 'content_filter'],
      ['MALFORMED_FUNCTION_CALL', 'other'],
    ],
    streamErrors: [['UNAVAILABLE', 'overloaded']],
    textEvent: (text) => geminiChunk({ content: { parts: [{ text }], role: 'model' } }),
    endEvents: [geminiChunk({ content: { parts: [], role: 'model' }, finishReason: 'STOP' })],
    malformed: { event: 'data: {"candidates": [\n\n', data: '{"candidates": [' },
    details: {
      401: 'API key not valid. Please pass a valid API key.',
      429: 'Resource has been exhausted (e.g. check quota).',
    },
    authCode: 'UNAUTHENTICATED',
    toolStop: 'STOP',
    lengthStop: 'MAX_TOKENS',
    streamsArguments: false,
  },
];

/** One OpenAI chunk line with the given choices. */
function openAiChunk(choices: unknown): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices })}\n\n`;
}

/** One Gemini GenerateContentResponse line with a single candidate. */
function geminiChunk(candidate: Record<string, unknown>): string {
  return `data: ${JSON.stringify({ candidates: [{ index: 0, ...candidate }] })}\n\n`;
}

/** A tool as the chat offers it. */
const weatherTool = {
  name: 'weather__get',
  description: 'The weather in a city.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

let mock: MockLlm;

beforeEach(async () => {
  mock = await startMockLlm();
});

afterEach(async () => {
  await mock.close();
});

describe.each(formats)('$kind adapter conforms', (format) => {
  function provider(overrides: Partial<ProviderConfig> = {}) {
    return createProvider({
      kind: format.kind,
      baseUrl: format.baseUrl(mock),
      apiKey: 'sk-test-key',
      fetch,
      ...overrides,
    });
  }

  describe('replies', () => {
    it('is built by createProvider and POSTs to its endpoint', async () => {
      const result = await collect(provider());
      expect(result.text).toBe('Hello from the mock.');
      const recorded = await mock.nextRequest();
      expect(recorded.method).toBe('POST');
      expect(recorded.path).toBe(format.path);
    });

    it('streams text in several events, then the final usage, then exactly one stop', async () => {
      mock.enqueue({
        type: 'reply',
        text: 'Hello there, friend.',
        usage: { input: 12, output: 34 },
      });
      const result = await collect(provider());
      expect(result.error).toBeUndefined();
      expect(result.text).toBe('Hello there, friend.');
      expect(result.events.filter((event) => event.type === 'text').length).toBeGreaterThan(1);
      expect(result.events.slice(-2)).toEqual([
        { type: 'usage', usage: { inputTokens: 12, outputTokens: 34 } },
        { type: 'stop', reason: 'end', raw: format.normalStop },
      ]);
      expect(result.events.filter((event) => event.type === 'stop')).toHaveLength(1);
    });

    it('streams reasoning as reasoning, all of it before the text', async () => {
      mock.enqueue({ type: 'reply', reasoning: '27 * 453 = 12,231', text: 'It is 12,231.' });
      const result = await collect(provider());
      expect(result.error).toBeUndefined();
      expect(result.reasoning).toBe('27 * 453 = 12,231');
      expect(result.text).toBe('It is 12,231.');
      const firstText = result.events.findIndex((event) => event.type === 'text');
      const lastReasoning = result.events.findLastIndex((event) => event.type === 'reasoning');
      expect(lastReasoning).toBeLessThan(firstText);
    });

    it.each(format.stopReasons)('maps the stop value %s to %s', async (wire, reason) => {
      mock.enqueue({ type: 'reply', text: 'Done.', stopReason: wire });
      const result = await collect(provider());
      expect(result.events.at(-1)).toEqual({ type: 'stop', reason, raw: wire });
    });

    it.each([
      ['CRLF', { lineEnding: '\r\n' as const }],
      ['lone CR', { lineEnding: '\r' as const }],
      ['no space after the colon', { noSpaceAfterColon: true }],
      ['keep-alive comments (and pings)', { comments: true }],
      ['a write per byte', { split: 'bytewise' as const }],
      ['random cuts inside UTF-8, CRLF', { split: 'random' as const, lineEnding: '\r\n' as const }],
      [
        'random cuts inside UTF-8, lone CR',
        { split: 'random' as const, lineEnding: '\r' as const },
      ],
    ])('reads odd framing: %s', async (_name, framing) => {
      const text = '日本語 🎉 — naïve café, ünïcödé ✓ 𝄞 <b>&amp;</b> '.repeat(3);
      mock.enqueue({ type: 'reply', text, reasoning: 'Überlegung 🤔', ...framing });
      const result = await collect(provider());
      expect(result.error).toBeUndefined();
      expect(result.text).toBe(text);
      expect(result.reasoning).toBe('Überlegung 🤔');
      expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'end', raw: format.normalStop });
    });

    it('a finished reply lets the server end the response (keeps the connection reusable)', async () => {
      // Some bytes (here a comment) still follow the end of the reply before the response ends.
      mock.enqueue({
        type: 'raw',
        chunks: [format.textEvent('Done.'), ...format.endEvents, ': trailing\n\n'],
        delayMs: 50,
      });
      const result = await collect(provider());
      expect(result.text).toBe('Done.');
      expect(result.events.at(-1)).toMatchObject({ type: 'stop', reason: 'end' });
      const recorded = await mock.nextRequest();
      await within(recorded.closed, 1_000, 'the response closing');
      expect(recorded.closedByClient).toBe(false);
    });
  });

  describe('tool calls', () => {
    // Cut inside a key, inside a string, inside a \u escape and right after a backslash.
    const awkward = ['{"ci', 'ty": "Par', 'is \\u00', 'e9", "n', 'ote": "a\\', '"b"}'];
    const awkwardArgs = { city: 'Paris é', note: 'a"b' };

    it('streams a call as start, argument pieces, end, then stop tool_use, the JSON exact', async () => {
      mock.enqueue({
        type: 'reply',
        text: 'Let me look.',
        toolCalls: [{ id: 'call-1', name: 'weather__get', arguments: awkward }],
      });
      const result = await collect(provider(), request({ tools: [weatherTool] }));
      expect(result.error).toBeUndefined();
      expect(result.text).toBe('Let me look.');
      const toolEvents = result.events.filter((event) => event.type.startsWith('tool-call'));
      expect(toolEvents[0]).toEqual({
        type: 'tool-call-start',
        index: toolEvents[0]?.type === 'tool-call-start' ? toolEvents[0].index : -1,
        id: 'call-1',
        name: 'weather__get',
      });
      expect(toolEvents.at(-1)).toMatchObject({ type: 'tool-call-end' });
      expect(toolEvents.filter((event) => event.type === 'tool-call-end')).toHaveLength(1);
      const [args] = Object.values(argumentsByIndex(result.events));
      if (format.streamsArguments) {
        expect(args).toBe(awkward.join(''));
        expect(toolEvents.length).toBeGreaterThan(3);
      }
      expect(JSON.parse(args ?? '')).toEqual(awkwardArgs);
      expect(result.events.at(-1)).toEqual({
        type: 'stop',
        reason: 'tool_use',
        raw: format.toolStop,
      });
      // Every call ends before the stop, after the text.
      const end = result.events.findIndex((event) => event.type === 'tool-call-end');
      expect(end).toBeGreaterThan(result.events.findLastIndex((event) => event.type === 'text'));
    });

    it.each([
      ['a write per byte, CRLF', { split: 'bytewise' as const, lineEnding: '\r\n' as const }],
      [
        'random cuts, lone CR, comments',
        { split: 'random' as const, lineEnding: '\r' as const, comments: true },
      ],
    ])('reads a tool call under odd framing: %s', async (_name, framing) => {
      mock.enqueue({
        type: 'reply',
        text: 'Un moment… 🎉',
        toolCalls: [
          {
            id: 'call-u',
            name: 'notes__add',
            arguments: ['{"text": "日本', '語 🎉 \\ud83c', '\\udf89"}'],
          },
        ],
        ...framing,
      });
      const result = await collect(provider());
      expect(result.error).toBeUndefined();
      expect(result.text).toBe('Un moment… 🎉');
      const [args] = Object.values(argumentsByIndex(result.events));
      expect(JSON.parse(args ?? '')).toEqual({ text: '日本語 🎉 🎉' });
      expect(result.events.at(-1)).toMatchObject({ type: 'stop', reason: 'tool_use' });
    });

    it('streams parallel calls of one step apart, each with its own id, name and arguments', async () => {
      mock.enqueue({
        type: 'reply',
        text: '',
        toolCalls: [
          { id: 'a1', name: 'weather__get', arguments: '{"city": "Oslo"}' },
          { id: 'b2', name: 'files__read_file', arguments: ['{"path":', ' "/tmp/ü.txt"}'] },
        ],
      });
      const result = await collect(provider(), request({ tools: [weatherTool] }));
      expect(result.error).toBeUndefined();
      const starts = result.events.filter((event) => event.type === 'tool-call-start');
      expect(starts.map((event) => [event.id, event.name])).toEqual([
        ['a1', 'weather__get'],
        ['b2', 'files__read_file'],
      ]);
      const args = argumentsByIndex(result.events);
      expect(starts.map((event) => JSON.parse(args[event.index] ?? ''))).toEqual([
        { city: 'Oslo' },
        { path: '/tmp/ü.txt' },
      ]);
      const ends = result.events.filter((event) => event.type === 'tool-call-end');
      expect(ends.map((event) => event.index).sort()).toEqual(
        starts.map((event) => event.index).sort(),
      );
      expect(result.events.at(-1)).toMatchObject({ type: 'stop', reason: 'tool_use' });
    });

    // Gemini sends a call whole or not at all, so only the streaming formats can cut one.
    it.runIf(format.streamsArguments)(
      'argument JSON cut off by the output limit still ends the call, and does not throw',
      async () => {
        mock.enqueue({
          type: 'reply',
          text: '',
          toolCalls: [{ id: 'c1', name: 'weather__get', arguments: ['{"city": "Pa'] }],
          stopReason: format.lengthStop,
        });
        const result = await collect(provider(), request({ tools: [weatherTool] }));
        expect(result.error).toBeUndefined();
        expect(Object.values(argumentsByIndex(result.events))).toEqual(['{"city": "Pa']);
        expect(result.events.filter((event) => event.type === 'tool-call-end')).toHaveLength(1);
        expect(result.events.at(-1)).toEqual({
          type: 'stop',
          reason: 'max_tokens',
          raw: format.lengthStop,
        });
      },
    );

    it('sends the offered tools, and none when the request offers none', async () => {
      await collect(provider(), request({ tools: [weatherTool] }));
      await collect(provider(), request({ tools: [] }));
      const [offered, plain] = [await mock.nextRequest(), await mock.nextRequest()];
      expect(JSON.stringify(offered.body)).toContain('weather__get');
      expect(plain.body).not.toHaveProperty('tools');
    });
  });

  describe('failures in the stream', () => {
    it.each(format.streamErrors)(
      'a %s error event mid-stream throws %s after the partial text, with no stop',
      async (type, kind) => {
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
      },
    );

    it('an error event before any text says so, and one after text says the reply broke off', async () => {
      const type = format.streamErrors.find(([, kind]) => kind === 'server')?.[0] ?? 'INTERNAL';
      mock.enqueue(
        {
          type: 'reply',
          text: 'Never sent',
          afterChars: 0,
          after: { errorEvent: { type, message: 'x' } },
        },
        {
          type: 'reply',
          text: 'Partial answer',
          afterChars: 7,
          after: { errorEvent: { type, message: 'x' } },
        },
      );
      const before = chatError((await collect(provider())).error);
      expect(before).toMatchObject({ kind: 'server', code: type });
      expect(before?.message).not.toMatch(/middle/);
      const after = chatError((await collect(provider())).error);
      expect(after?.message).toMatch(/in the middle of the reply/);
    });

    it('a dropped connection is a connection error after the partial text', async () => {
      mock.enqueue({ type: 'reply', text: 'This reply will be cut', afterChars: 9, after: 'drop' });
      const result = await collect(provider());
      expect(result.text).toBe('This repl');
      expect(result.events.some((event) => event.type === 'stop')).toBe(false);
      expect(chatError(result.error)).toMatchObject({
        kind: 'connection',
        message: 'The connection closed before the reply finished.',
      });
    });

    it('a stream that ends cleanly without saying the reply is over is a connection error', async () => {
      mock.enqueue({ type: 'raw', chunks: [format.textEvent('Half')] });
      const result = await collect(provider());
      expect(result.text).toBe('Half');
      expect(chatError(result.error)).toMatchObject({
        kind: 'connection',
        message: 'The connection closed before the reply finished.',
      });
    });

    it('an event that is not JSON is a protocol error quoting it', async () => {
      mock.enqueue({ type: 'raw', chunks: [format.malformed.event] });
      const result = await collect(provider());
      expect(chatError(result.error)).toMatchObject({
        kind: 'protocol',
        detail: format.malformed.data,
      });
    });

    it('times out when the stream stalls, and closes the connection', async () => {
      mock.enqueue({ type: 'reply', text: 'Stalling here', afterChars: 8, after: 'stall' });
      // 1 s, not less: on a loaded CI machine 200 ms passed between the mock's first chunks.
      const result = await collect(provider({ idleTimeoutMs: 1_000 }));
      expect(result.text).toBe('Stalling');
      expect(chatError(result.error).kind).toBe('timeout');
      const recorded = await mock.nextRequest();
      await within(recorded.closed, 1_000, 'closing the stalled connection');
      expect(recorded.closedByClient).toBe(true);
    });

    it('times out while waiting for response headers', async () => {
      mock.enqueue({ type: 'reply', text: 'Too late', firstByteDelayMs: 5_000 });
      const started = performance.now();
      const result = await collect(provider({ idleTimeoutMs: 1_000 }));
      expect(chatError(result.error).kind).toBe('timeout');
      expect(performance.now() - started).toBeLessThan(4_000);
    });
  });

  describe('Stop', () => {
    it('aborting while the consumer is not pulling closes the upstream connection at once and throws the reason', async () => {
      mock.enqueue({ type: 'reply', text: longText, tokensPerSecond: 50 });
      const controller = new AbortController();
      const iterator = provider().stream(request(), controller.signal)[Symbol.asyncIterator]();
      let first = await iterator.next();
      while (!first.done && first.value.type !== 'text') first = await iterator.next();
      expect(first.value).toMatchObject({ type: 'text' });
      const recorded = await mock.nextRequest();
      const reason = new DOMException('Stopped by the user', 'AbortError');
      controller.abort(reason);
      await within(recorded.closed, 1_000, 'closing the upstream connection');
      expect(recorded.closedByClient).toBe(true);
      // The specific reason, not just any rejection: the chat tells Stop apart from a failure by it.
      await expect(iterator.next()).rejects.toBe(reason);
    });

    it('aborting inside the loop yields nothing more and throws the reason', async () => {
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
      expect(received).toHaveLength(2);
      const recorded = await recordedPromise;
      await within(recorded.closed, 1_000, 'closing the upstream connection');
      expect(recorded.closedByClient).toBe(true);
      expect(recorded.bytesSent).toBeLessThan(20_000);
    });

    it('aborting while waiting for headers throws an AbortError at once and closes the connection', async () => {
      mock.enqueue({ type: 'reply', text: 'Slow', firstByteDelayMs: 5_000 });
      const controller = new AbortController();
      const pending = collect(provider(), request(), controller.signal);
      const recorded = await mock.nextRequest();
      controller.abort();
      const result = await within(pending, 1_000, 'rejecting after abort');
      expect(result.error).toBe(controller.signal.reason);
      expect((result.error as Error).name).toBe('AbortError');
      await within(recorded.closed, 1_000, 'closing the connection');
      expect(recorded.closedByClient).toBe(true);
    });
  });

  describe('HTTP and connection failures', () => {
    it.each([
      [400, 'bad_request'],
      [401, 'auth'],
      [403, 'permission'],
      [404, 'not_found'],
      [429, 'rate_limit'],
      [500, 'server'],
      [503, 'overloaded'],
    ] as const)('HTTP %i in the format’s error shape is %s', async (status, kind) => {
      mock.enqueue({ type: 'http-error', status });
      const error = chatError((await collect(provider())).error);
      expect(error.kind).toBe(kind);
      expect(error.status).toBe(status);
      expect(error.detail).toBeTruthy();
    });

    it('a 401 says to check the key, with the provider message as detail', async () => {
      mock.enqueue({ type: 'http-error', status: 401 });
      const result = await collect(provider());
      expect(chatError(result.error)).toEqual({
        kind: 'auth',
        message: 'The provider rejected the API key. Check the key in Settings.',
        detail: format.details[401],
        status: 401,
        code: format.authCode,
      });
    });

    it('a 429 with Retry-After is rate_limit with retryAfterMs', async () => {
      mock.enqueue({ type: 'http-error', status: 429, headers: { 'retry-after': '7' } });
      const result = await collect(provider());
      expect(chatError(result.error)).toMatchObject({
        kind: 'rate_limit',
        status: 429,
        retryAfterMs: 7_000,
        detail: format.details[429],
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
        message: `The server answered with an HTML page, not a stream. Check the base URL. The request went to ${mock.url}${format.path}.`,
        status: 200,
      });
    });

    it.each([404, 405])('a %s names the full URL the request went to', async (status) => {
      mock.enqueue({
        type: 'raw',
        status,
        headers: { 'content-type': 'text/plain' },
        chunks: ['Not here'],
      });
      const result = await collect(provider());
      expect(chatError(result.error)).toMatchObject({ kind: 'not_found', status });
      expect(chatError(result.error)?.message).toContain(
        `The request went to ${mock.url}${format.path}.`,
      );
    });

    it('a refused connection is a connection error naming the cause', async () => {
      const port = await closedPort();
      const result = await collect(provider({ baseUrl: `http://127.0.0.1:${port}` }));
      const error = chatError(result.error);
      expect(error.kind).toBe('connection');
      expect(error.message).toMatch(/refused/);
      expect(error.detail).toMatch(/ECONNREFUSED/);
    });

    it('an unparseable base URL is a config error', async () => {
      const result = await collect(provider({ baseUrl: 'not a url' }));
      expect(chatError(result.error).kind).toBe('config');
    });
  });
});
