import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testConnection } from '../../../main/providers/connection-test';
import type { ProviderConfig } from '../../../main/providers/types';
import type { ProviderKind } from '../../../preload/api';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import { closedPort } from './provider-test-kit';

let mock: MockLlm;

beforeEach(async () => {
  mock = await startMockLlm();
});

afterEach(async () => {
  await mock.close();
});

function config(kind: ProviderKind, overrides: Partial<ProviderConfig> = {}): ProviderConfig {
  const baseUrl = kind === 'openai-compatible' ? `${mock.url}/v1` : mock.url;
  return { kind, baseUrl, apiKey: 'sk-test-123456', fetch, ...overrides };
}

describe('testConnection', () => {
  it.each(['anthropic', 'openai-compatible', 'gemini'] as const)(
    '%s: one tiny real request proves key, URL and model',
    async (kind) => {
      const result = await testConnection(config(kind), 'mock-model');
      expect(result).toMatchObject({
        ok: true,
        message: expect.stringMatching(/mock-model answered/),
      });
      expect(mock.requests).toHaveLength(1);
      const body = mock.requests[0]?.body as Record<string, unknown>;
      if (kind === 'anthropic') expect(body.max_tokens).toBe(1);
      if (kind === 'gemini') expect(body.generationConfig).toEqual({ maxOutputTokens: 1 });
    },
  );

  it('a wrong key', async () => {
    mock.enqueue({ type: 'http-error', status: 401 });
    const result = await testConnection(config('anthropic'), 'mock-model');
    expect(result).toMatchObject({ ok: false, problem: 'wrong_key', error: { kind: 'auth' } });
  });

  it('an unreachable host', async () => {
    const port = await closedPort();
    const result = await testConnection(
      config('openai-compatible', { baseUrl: `http://127.0.0.1:${port}/v1` }),
      'm',
    );
    expect(result).toMatchObject({ ok: false, problem: 'unreachable' });
  });

  it('a TLS failure is told apart from an unreachable host', async () => {
    const tlsFailure = Object.assign(new Error('self-signed certificate'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    const failingFetch = () => Promise.reject(new TypeError('fetch failed', { cause: tlsFailure }));
    const result = await testConnection(config('openai-compatible', { fetch: failingFetch }), 'm');
    expect(result).toMatchObject({ ok: false, problem: 'tls' });
    if (!result.ok) expect(result.error.message).toMatch(/certificate/);
  });

  it('an unknown model, named with the models the server does have', async () => {
    mock.modelIds = ['llama3.2', 'qwen3'];
    mock.enqueue({ type: 'http-error', status: 404 });
    const result = await testConnection(config('openai-compatible'), 'no-such-model');
    expect(result).toMatchObject({ ok: false, problem: 'unknown_model' });
    if (!result.ok) expect(result.error.message).toMatch(/"no-such-model".*llama3\.2, qwen3/);
  });

  it('a wrong base URL: nothing there answers like the API', async () => {
    mock.enqueue({ type: 'http-error', status: 404, body: '<html>Not here</html>' });
    mock.enqueueModels({ type: 'http-error', status: 404, body: '<html>Not here</html>' });
    const result = await testConnection(config('openai-compatible'), 'mock-model');
    expect(result).toMatchObject({ ok: false, problem: 'wrong_base_url' });
  });

  it('an HTML page where the stream was expected is a wrong base URL', async () => {
    mock.enqueue({
      type: 'raw',
      headers: { 'content-type': 'text/html' },
      chunks: ['<!doctype html><title>Router login</title>'],
    });
    const result = await testConnection(config('openai-compatible'), 'mock-model');
    expect(result).toMatchObject({ ok: false, problem: 'wrong_base_url' });
    if (!result.ok) expect(result.error.message).toMatch(/HTML/);
  });

  it('a base URL with the wrong path names the full URL it called, never the key', async () => {
    // The server answers 404 at the path a base URL without /v1 leads to.
    mock.enqueue({ type: 'http-error', status: 404, body: '404 page not found' });
    mock.enqueueModels({ type: 'http-error', status: 404, body: '404 page not found' });
    const base = mock.url;
    const result = await testConnection(
      config('openai-compatible', { baseUrl: base, apiKey: 'sk-secret-key-0001' }),
      'mock-model',
    );
    expect(result).toMatchObject({ ok: false, problem: 'wrong_base_url' });
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain(`The request went to ${base}/chat/completions.`);
    expect(message).not.toContain('sk-secret');
  });

  it('a refused connection names the URL too', async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    const result = await testConnection(config('anthropic', { baseUrl: base }), 'mock-model');
    expect(result.ok ? '' : result.error.message).toContain(
      `The request went to ${base}/v1/messages.`,
    );
  });
});
