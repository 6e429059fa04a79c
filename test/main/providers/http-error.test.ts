import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  errorFromFetchFailure,
  errorFromNonStream,
  errorFromResponse,
  parseRetryAfter,
} from '../../../main/providers/http-error';
import { errorFromStreamPayload } from '../../../main/providers/stream-error';
import type { ChatError } from '../../../preload/api';
import {
  startMockLlm,
  type HttpErrorScenario,
  type MockLlm,
  type RawScenario,
} from '../../mock-llm';
import { closedPort } from './provider-test-kit';

let mock: MockLlm;

beforeEach(async () => {
  mock = await startMockLlm();
});

afterEach(async () => {
  await mock.close();
});

type Format = 'anthropic' | 'openai';
const paths: Record<Format, string> = { anthropic: '/v1/messages', openai: '/v1/chat/completions' };

/** Fetches a scenario over real HTTP and returns the Response. */
async function respond(
  scenario: Omit<HttpErrorScenario, 'type'> | RawScenario,
  format: Format = 'anthropic',
) {
  mock.enqueue('type' in scenario ? scenario : { type: 'http-error', ...scenario });
  return fetch(`${mock.url}${paths[format]}`, { method: 'POST', body: '{}' });
}

async function mapped(scenario: Omit<HttpErrorScenario, 'type'>, format: Format = 'anthropic') {
  return (await errorFromResponse(await respond(scenario, format))).info;
}

describe('parseRetryAfter', () => {
  const headers = (init: Record<string, string>) => new Headers(init);
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('reads retry-after-ms first, then retry-after seconds (floats too)', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(
      250,
    );
    expect(parseRetryAfter(headers({ 'retry-after': '20' }), now)).toBe(20_000);
    expect(parseRetryAfter(headers({ 'retry-after': '1.5' }), now)).toBe(1_500);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter(headers({ 'retry-after': 'Sun, 01 Jun 2025 12:00:30 GMT' }), now)).toBe(
      30_000,
    );
    expect(parseRetryAfter(headers({ 'retry-after': 'Sun, 01 Jun 2025 11:00:00 GMT' }), now)).toBe(
      0,
    );
  });

  it('is undefined when absent or unreadable', () => {
    expect(parseRetryAfter(headers({}), now)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after-ms': '-5' }), now)).toBeUndefined();
  });
});

describe('errorFromResponse with the providers’ real error bodies', () => {
  it.each<[Format, number, ChatError['kind'], string]>([
    ['anthropic', 400, 'bad_request', 'messages: field required'],
    ['anthropic', 401, 'auth', 'invalid x-api-key'],
    [
      'anthropic',
      403,
      'permission',
      'Your API key does not have permission to use the specified resource.',
    ],
    ['anthropic', 404, 'not_found', 'model: mock-missing-model'],
    ['anthropic', 413, 'bad_request', 'Request exceeds the maximum allowed number of bytes.'],
    ['anthropic', 429, 'rate_limit', 'Rate limit reached for requests'],
    ['anthropic', 500, 'server', 'Internal server error'],
    ['anthropic', 529, 'overloaded', 'Overloaded'],
    ['openai', 401, 'auth', 'invalid x-api-key'],
    ['openai', 404, 'not_found', 'model: mock-missing-model'],
    ['openai', 429, 'rate_limit', 'Rate limit reached for requests'],
    ['openai', 503, 'overloaded', 'The engine is currently overloaded, please try again later'],
  ])('%s %i → %s with the provider message as detail', async (format, status, kind, detail) => {
    const error = await mapped({ status }, format);
    expect(error).toMatchObject({ kind, status, detail });
    expect(error.message).not.toContain(detail);
  });

  it('tells a person what to do', async () => {
    expect((await mapped({ status: 401 })).message).toBe(
      'The provider rejected the API key. Check the key in Settings.',
    );
    expect((await mapped({ status: 404 })).message).toMatch(/model.*base URL/);
    expect((await mapped({ status: 413 })).message).toMatch(/too large/);
    expect((await mapped({ status: 403 })).message).toMatch(/billing/);
  });

  it.each([
    ['retry-after seconds', { 'retry-after': '20' }, 20_000],
    ['retry-after float seconds', { 'retry-after': '0.5' }, 500],
    ['retry-after-ms', { 'retry-after-ms': '1234' }, 1_234],
  ])('429 carries retryAfterMs from %s', async (_name, headers, expected) => {
    const error = await mapped({ status: 429, headers });
    expect(error).toMatchObject({ kind: 'rate_limit', retryAfterMs: expected });
    expect(error.message).toMatch(/Try again in \d+ s/);
  });

  it('429 carries retryAfterMs from an HTTP date', async () => {
    const date = new Date(Math.ceil(Date.now() / 1000) * 1000 + 30_000).toUTCString();
    const error = await mapped({ status: 429, headers: { 'retry-after': date } });
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(31_000);
  });

  it('429 insufficient_quota (OpenAI) and 402 (OpenRouter) are quota, not rate limits', async () => {
    const openAiQuota = {
      error: {
        message: 'You exceeded your current quota',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    };
    expect(await mapped({ status: 429, body: openAiQuota }, 'openai')).toMatchObject({
      kind: 'quota',
      detail: 'You exceeded your current quota',
    });
    const openRouter = { error: { code: 402, message: 'Insufficient credits' } };
    const error = await mapped({ status: 402, body: openRouter }, 'openai');
    expect(error).toMatchObject({ kind: 'quota', status: 402, detail: 'Insufficient credits' });
    expect(error.message).toMatch(/credits/);
  });

  it.each<[string, object | unknown[], number, ChatError['kind'], string]>([
    [
      'Gemini',
      { error: { code: 400, message: 'API key not valid.', status: 'INVALID_ARGUMENT' } },
      400,
      'bad_request',
      'API key not valid.',
    ],
    [
      'Gemini in an array',
      [{ error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }],
      429,
      'rate_limit',
      'Quota exceeded',
    ],
    [
      'Ollama',
      {
        error: {
          message: 'model "llama9" not found, try pulling it first',
          type: 'not_found_error',
        },
      },
      404,
      'not_found',
      'model "llama9" not found, try pulling it first',
    ],
    ['Ollama native', { error: 'model not found' }, 404, 'not_found', 'model not found'],
    [
      'vLLM',
      { object: 'error', message: 'max_tokens is too large', type: 'BadRequestError', code: 400 },
      400,
      'bad_request',
      'max_tokens is too large',
    ],
    ['FastAPI', { detail: 'Not authenticated' }, 401, 'auth', 'Not authenticated'],
  ])('reads the %s error shape', async (_name, body, status, kind, detail) => {
    expect(await mapped({ status, body }, 'openai')).toMatchObject({ kind, status, detail });
  });

  it('a 502 HTML page from a proxy is a server error with no HTML in it', async () => {
    const page =
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    const error = await mapped({ status: 502, body: page });
    expect(error.kind).toBe('server');
    expect(error.status).toBe(502);
    expect(error.detail).toBeUndefined();
    expect(error.message).toMatch(/HTML error page \(HTTP 502\)/);
    expect(error.message).not.toMatch(/</);
  });

  it('a short plain-text body becomes the detail', async () => {
    const error = await mapped({ status: 500, body: 'upstream connect error' });
    expect(error).toMatchObject({ kind: 'server', detail: 'upstream connect error', status: 500 });
  });

  it('reads at most 64 KB of a huge body', async () => {
    const error = await mapped({ status: 500, body: `x${'y'.repeat(2_000_000)}` });
    expect(error.kind).toBe('server');
    expect(error.detail?.length).toBeLessThanOrEqual(501);
    const recorded = await mock.nextRequest();
    await recorded.closed;
  });
});

describe('errors that name their cause in the body', () => {
  const contentFilterBodies: Array<[string, object]> = [
    [
      'OpenAI/Azure code content_filter',
      {
        error: {
          message:
            "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
          type: null,
          param: 'prompt',
          code: 'content_filter',
        },
      },
    ],
    [
      'OpenAI content_policy_violation',
      {
        error: {
          message: 'Your request was rejected.',
          type: 'invalid_request_error',
          code: 'content_policy_violation',
        },
      },
    ],
    [
      'Azure ResponsibleAIPolicyViolation',
      { error: { message: 'Blocked.', code: 'ResponsibleAIPolicyViolation' } },
    ],
    [
      'a gateway that only says so in words',
      { error: { message: 'Input was flagged by moderation.' } },
    ],
  ];

  it.each(contentFilterBodies)(
    'a 400 from the content filter (%s) says so and keeps the code',
    async (_name, body) => {
      const error = await mapped({ status: 400, body }, 'openai');
      expect(error.kind).toBe('bad_request');
      expect(error.message).toBe(
        "The provider's content filter blocked this request. Rephrase the message; if an earlier message set it off, start a new conversation.",
      );
      expect(error.message).not.toMatch(/invalid/);
      const inner = (body as { error: { code?: string } }).error;
      expect(error.code).toBe(inner.code);
    },
  );

  it('a 400 for a conversation too long for the model says that, with the code', async () => {
    const error = await mapped(
      {
        status: 400,
        body: {
          error: {
            message: "This model's maximum context length is 8192 tokens.",
            type: 'invalid_request_error',
            code: 'context_length_exceeded',
          },
        },
      },
      'openai',
    );
    expect(error).toMatchObject({ kind: 'bad_request', code: 'context_length_exceeded' });
    expect(error.message).toMatch(/too long for this model/);
  });

  it('an ordinary 400 keeps the generic wording and its type as the code', async () => {
    const error = await mapped({ status: 400 });
    expect(error).toMatchObject({ kind: 'bad_request', code: 'invalid_request_error' });
    expect(error.message).toMatch(/rejected the request as invalid/);
  });

  it('a content filter reported inside a stream is not retried and says what happened', () => {
    const error = errorFromStreamPayload({
      error: { message: 'Filtered', code: 'content_filter' },
    }).info;
    expect(error).toMatchObject({ kind: 'bad_request', code: 'content_filter' });
    expect(error.message).toMatch(/content filter blocked/);
  });

  it('a rate limit that mentions tokens stays a rate limit', async () => {
    const error = await mapped(
      {
        status: 429,
        body: {
          error: {
            message: 'Too many tokens per minute; context window busy',
            type: 'tokens',
            code: 'rate_limit_exceeded',
          },
        },
      },
      'openai',
    );
    expect(error.kind).toBe('rate_limit');
    expect(error.message).toMatch(/rate-limiting/);
  });
});

describe('errorFromNonStream', () => {
  it('a 200 HTML page is a protocol error pointing at the base URL', async () => {
    const response = await respond({
      type: 'raw',
      headers: { 'content-type': 'text/html' },
      chunks: ['<!doctype html><title>Welcome</title>'],
    });
    expect((await errorFromNonStream(response)).info).toEqual({
      kind: 'protocol',
      message: 'The server answered with an HTML page, not a stream. Check the base URL.',
      status: 200,
    });
  });

  it('a whole JSON reply is a protocol error; a JSON error body keeps its kind', async () => {
    const whole = await respond({
      type: 'raw',
      headers: { 'content-type': 'application/json' },
      chunks: ['{"choices":[{"message":{"content":"Hi"}}]}'],
    });
    expect((await errorFromNonStream(whole)).info).toMatchObject({ kind: 'protocol', status: 200 });
    const failure = await respond({
      type: 'raw',
      headers: { 'content-type': 'application/json' },
      chunks: ['{"error":{"message":"Invalid API key","type":"authentication_error"}}'],
    });
    expect((await errorFromNonStream(failure)).info).toMatchObject({
      kind: 'auth',
      detail: 'Invalid API key',
    });
  });
});

describe('errorFromFetchFailure', () => {
  it('a refused connection (real) names the cause', async () => {
    const port = await closedPort();
    const failure = await fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    const { info } = errorFromFetchFailure(failure);
    expect(info.kind).toBe('connection');
    expect(info.message).toMatch(/refused the connection/);
    expect(info.detail).toMatch(/ECONNREFUSED/);
  });

  it('a reset before the answer (real: a server that hangs up) is a connection error', async () => {
    const { createServer } = await import('node:net');
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const failure = await fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { info } = errorFromFetchFailure(failure);
    expect(info.kind).toBe('connection');
    expect(info.message).toMatch(/reset/);
  });

  // Node's fetch wraps the socket error as TypeError('fetch failed', { cause }).
  const nodeFailure = (code: string, message: string) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });

  it.each<[string, unknown, ChatError['kind'], RegExp]>([
    [
      'DNS',
      nodeFailure('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.invalid'),
      'connection',
      /did not resolve/,
    ],
    ['reset', nodeFailure('ECONNRESET', 'read ECONNRESET'), 'connection', /reset/],
    ['undici socket', nodeFailure('UND_ERR_SOCKET', 'other side closed'), 'connection', /reset/],
    [
      'certificate',
      nodeFailure('CERT_HAS_EXPIRED', 'certificate has expired'),
      'connection',
      /certificate/,
    ],
    [
      'self-signed',
      nodeFailure('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
      'connection',
      /certificate/,
    ],
    [
      'happy eyeballs',
      new TypeError('fetch failed', {
        cause: new AggregateError([
          Object.assign(new Error('connect ECONNREFUSED ::1:11434'), { code: 'ECONNREFUSED' }),
        ]),
      }),
      'connection',
      /refused/,
    ],
    ['Electron refused', new TypeError('net::ERR_CONNECTION_REFUSED'), 'connection', /refused/],
    ['Electron DNS', new TypeError('net::ERR_NAME_NOT_RESOLVED'), 'connection', /did not resolve/],
    [
      'Electron certificate',
      new TypeError('net::ERR_CERT_AUTHORITY_INVALID'),
      'connection',
      /certificate/,
    ],
    ['Electron proxy', new TypeError('net::ERR_PROXY_CONNECTION_FAILED'), 'connection', /proxy/],
    [
      'Electron offline',
      new TypeError('net::ERR_INTERNET_DISCONNECTED'),
      'connection',
      /unreachable/,
    ],
    [
      'a bad URL',
      new TypeError('Failed to parse URL from x', {
        cause: Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }),
      }),
      'config',
      /base URL/,
    ],
    ['anything else', new Error('something odd'), 'connection', /Could not reach/],
  ])('%s', (_name, failure, kind, message) => {
    const { info } = errorFromFetchFailure(failure);
    expect(info.kind).toBe(kind);
    expect(info.message).toMatch(message);
    expect(info.detail).toBeTruthy();
  });
});
