import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localServerTargets, probeLocalServers } from '../../../main/providers/local-servers';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import { closedPort } from './provider-test-kit';

let mock: MockLlm;

beforeEach(async () => {
  mock = await startMockLlm();
  mock.modelIds = ['llama3.2', 'qwen3'];
});

afterEach(async () => {
  await mock.close();
});

describe('localServerTargets', () => {
  it('defaults to Ollama on 11434 and LM Studio on 1234', () => {
    expect(localServerTargets({}).map((target) => target.baseUrl)).toEqual([
      'http://127.0.0.1:11434/v1',
      'http://127.0.0.1:1234/v1',
    ]);
  });

  it('follows OLLAMA_HOST in each of its forms, a bind-all address meaning this machine', () => {
    const ollama = (value: string) => localServerTargets({ OLLAMA_HOST: value })[0]?.baseUrl;
    expect(ollama('0.0.0.0')).toBe('http://127.0.0.1:11434/v1');
    expect(ollama('127.0.0.1:9999')).toBe('http://127.0.0.1:9999/v1');
    expect(ollama('http://localhost:8000')).toBe('http://localhost:8000/v1');
    expect(localServerTargets({ LM_STUDIO_HOST: '127.0.0.1:4321' })[1]?.baseUrl).toBe(
      'http://127.0.0.1:4321/v1',
    );
  });
});

describe('probeLocalServers', () => {
  it('offers the servers that answer, with their installed models; silent about the rest', async () => {
    const port = await closedPort();
    const servers = await probeLocalServers(fetch, [
      { preset: 'ollama', name: 'Ollama', baseUrl: `${mock.url}/v1` },
      { preset: 'lmstudio', name: 'LM Studio', baseUrl: `http://127.0.0.1:${port}/v1` },
    ]);
    expect(servers).toEqual([
      {
        preset: 'ollama',
        name: 'Ollama',
        baseUrl: `${mock.url}/v1`,
        models: ['llama3.2', 'qwen3'],
      },
    ]);
    expect(mock.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('gives up on a server that does not answer in time', async () => {
    mock.enqueueModels({ type: 'raw', chunks: [], end: false, headers: {} });
    const started = performance.now();
    const servers = await probeLocalServers(
      fetch,
      [{ preset: 'ollama', name: 'Ollama', baseUrl: `${mock.url}/v1` }],
      200,
    );
    expect(servers).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
