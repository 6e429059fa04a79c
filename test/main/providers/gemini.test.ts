import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGeminiProvider } from '../../../main/providers/gemini';
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
  return createGeminiProvider({
    kind: 'gemini',
    baseUrl: mock.url,
    apiKey: 'gm-test-key',
    fetch,
    ...overrides,
  });
}

describe('Gemini adapter: requests', () => {
  it('POSTs streamGenerateContent?alt=sse with x-goog-api-key and a contents body', async () => {
    mock.enqueue({ type: 'reply', text: 'Hi.' });
    const result = await collect(
      provider({ baseUrl: `${mock.url}/v1beta/`, headers: { 'x-extra': 'yes' } }),
      request({
        model: 'gemini-2.5-flash',
        system: 'Be brief.',
        messages: [
          { role: 'user', content: 'Hello?' },
          { role: 'assistant', content: 'Hi.' },
          { role: 'user', content: 'Again' },
        ],
        temperature: 0.3,
        maxTokens: 50,
        thinkingBudget: 2048,
      }),
    );
    expect(result.error).toBeUndefined();
    const recorded = await mock.nextRequest();
    expect(recorded.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(recorded.headers['x-goog-api-key']).toBe('gm-test-key');
    expect(recorded.headers['x-extra']).toBe('yes');
    expect(recorded.headers.authorization).toBeUndefined();
    expect(recorded.body).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'Hello?' }] },
        { role: 'model', parts: [{ text: 'Hi.' }] },
        { role: 'user', parts: [{ text: 'Again' }] },
      ],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: {
        temperature: 0.3,
        maxOutputTokens: 50,
        thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
      },
    });
  });

  it('leaves generationConfig out when the profile sets nothing', async () => {
    await collect(provider(), request());
    const recorded = await mock.nextRequest();
    expect(recorded.body).not.toHaveProperty('generationConfig');
    expect(recorded.body).not.toHaveProperty('systemInstruction');
  });
});

describe('Gemini adapter: streams', () => {
  it('yields text, thoughts as reasoning, usage and the finish reason', async () => {
    mock.enqueue({
      type: 'reply',
      text: 'The sky is blue.',
      reasoning: 'Rayleigh scattering.',
      usage: { input: 6, output: 9 },
      split: 'random',
    });
    const result = await collect(provider());
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('The sky is blue.');
    expect(result.reasoning).toBe('Rayleigh scattering.');
    expect(result.events).toContainEqual({
      type: 'usage',
      usage: { inputTokens: 6, outputTokens: 9 },
    });
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'end' });
  });

  it('maps MAX_TOKENS and SAFETY', async () => {
    mock.enqueue(
      { type: 'reply', text: 'Cut', stopReason: 'MAX_TOKENS' },
      { type: 'reply', text: 'No', stopReason: 'SAFETY' },
    );
    expect((await collect(provider())).events.at(-1)).toEqual({
      type: 'stop',
      reason: 'max_tokens',
    });
    expect((await collect(provider())).events.at(-1)).toEqual({
      type: 'stop',
      reason: 'content_filter',
    });
  });

  it('a stream that ends without a finish reason was cut short', async () => {
    mock.enqueue({ type: 'reply', text: longText, afterChars: 20, after: 'drop' });
    const result = await collect(provider());
    expect(result.text.length).toBeGreaterThan(0);
    expect(chatError(result.error).kind).toBe('connection');
  });

  it('an error event mid-stream becomes a typed error', async () => {
    mock.enqueue({
      type: 'reply',
      text: longText,
      afterChars: 8,
      after: { errorEvent: { type: 'UNAVAILABLE', message: 'The model is overloaded.' } },
    });
    const error = chatError((await collect(provider())).error);
    expect(error.kind).toBe('overloaded');
    expect(error.detail).toBe('The model is overloaded.');
  });

  it('Stop closes the upstream connection at once', async () => {
    mock.enqueue({ type: 'reply', text: longText, tokensPerSecond: 20 });
    const controller = new AbortController();
    const iterator = provider().stream(request(), controller.signal)[Symbol.asyncIterator]();
    await iterator.next();
    const recorded = await mock.nextRequest();
    controller.abort();
    await expect(iterator.next()).rejects.toBeDefined();
    await within(recorded.closed, 1_000, 'closing the connection');
    expect(recorded.closedByClient).toBe(true);
  });
});

describe('Gemini adapter: HTTP errors', () => {
  it.each([
    [400, 'bad_request'],
    [401, 'auth'],
    [403, 'permission'],
    [404, 'not_found'],
    [429, 'rate_limit'],
    [500, 'server'],
    [503, 'overloaded'],
  ])('HTTP %i in Gemini’s error shape is %s', async (status, kind) => {
    mock.enqueue({ type: 'http-error', status });
    const error = chatError((await collect(provider())).error);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.detail).toBeTruthy();
  });

  it('a refused connection says the server is not running', async () => {
    const port = await closedPort();
    const error = chatError(
      (await collect(provider({ baseUrl: `http://127.0.0.1:${port}` }))).error,
    );
    expect(error.kind).toBe('connection');
    expect(error.message).toMatch(/refused/);
  });
});
