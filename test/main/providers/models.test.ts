import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listModels } from '../../../main/providers/models';
import type { ProviderKind } from '../../../preload/api';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import { closedPort } from './provider-test-kit';

let mock: MockLlm;

beforeEach(async () => {
  mock = await startMockLlm();
  mock.modelIds = ['zeta-model', 'alpha-model'];
});

afterEach(async () => {
  await mock.close();
});

function list(
  kind: ProviderKind,
  baseUrl = kind === 'openai-compatible' ? `${mock.url}/v1` : mock.url,
) {
  return listModels({ kind, baseUrl, apiKey: 'key-1234567890', fetch, headers: { 'x-org': 'o' } });
}

describe('listModels', () => {
  it('OpenAI format: GET {base}/models with a bearer key, sorted', async () => {
    expect(await list('openai-compatible')).toEqual({
      ok: true,
      models: [{ id: 'alpha-model' }, { id: 'zeta-model' }],
    });
    const recorded = await mock.nextRequest();
    expect(recorded.method).toBe('GET');
    expect(recorded.path).toBe('/v1/models');
    expect(recorded.headers.authorization).toBe('Bearer key-1234567890');
    expect(recorded.headers['x-org']).toBe('o');
  });

  it('Anthropic: GET /v1/models with x-api-key and anthropic-version, with display names', async () => {
    const result = await list('anthropic');
    expect(result).toEqual({
      ok: true,
      models: [
        { id: 'alpha-model', label: 'alpha model' },
        { id: 'zeta-model', label: 'zeta model' },
      ],
    });
    const recorded = await mock.nextRequest();
    expect(recorded.path).toMatch(/^\/v1\/models\?/);
    expect(recorded.headers['x-api-key']).toBe('key-1234567890');
    expect(recorded.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('Gemini: GET /v1beta/models with x-goog-api-key, chat models only, without "models/"', async () => {
    const result = await list('gemini');
    expect(result).toEqual({ ok: true, models: [{ id: 'alpha-model' }, { id: 'zeta-model' }] });
    const recorded = await mock.nextRequest();
    expect(recorded.path).toMatch(/^\/v1beta\/models\?/);
    expect(recorded.headers['x-goog-api-key']).toBe('key-1234567890');
  });

  it('a rejected key is an auth error with a sentence', async () => {
    mock.enqueueModels({ type: 'http-error', status: 401 });
    const result = await list('openai-compatible');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('auth');
    expect(result.error.message).toMatch(/API key/);
  });

  it('an HTML page where JSON was expected names the base URL', async () => {
    mock.enqueueModels({
      type: 'raw',
      headers: { 'content-type': 'text/html' },
      chunks: ['<!doctype html><html><body>Welcome</body></html>'],
    });
    const result = await list('openai-compatible');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('protocol');
    expect(result.error.message).toMatch(/HTML page.*base URL/);
  });

  it('JSON that is not a list says so', async () => {
    mock.enqueueModels({
      type: 'raw',
      headers: { 'content-type': 'application/json' },
      chunks: ['{"hello":1}'],
    });
    const result = await list('openai-compatible');
    expect(result.ok ? null : result.error.message).toMatch(/not with a list of models/);
  });

  it('an unreachable server is a connection error', async () => {
    const port = await closedPort();
    const result = await list('openai-compatible', `http://127.0.0.1:${port}/v1`);
    expect(result.ok ? null : result.error.kind).toBe('connection');
  });
});
