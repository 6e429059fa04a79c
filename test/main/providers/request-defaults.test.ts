import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '../../../main/providers/anthropic';
import { createOpenAiCompatibleProvider } from '../../../main/providers/openai-compatible';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import { collect, request } from './provider-test-kit';

let mock: MockLlm;

beforeEach(async () => {
  mock = await startMockLlm();
});

afterEach(async () => {
  await mock.close();
});

const anthropic = () =>
  createAnthropicProvider({
    kind: 'anthropic',
    baseUrl: mock.url,
    apiKey: 'k',
    fetch,
    headers: { 'x-team': 'blue' },
  });
const openAi = () =>
  createOpenAiCompatibleProvider({
    kind: 'openai-compatible',
    baseUrl: `${mock.url}/v1`,
    apiKey: 'k',
    fetch,
  });

async function body(): Promise<Record<string, unknown>> {
  return (await mock.nextRequest()).body as Record<string, unknown>;
}

describe('profile defaults reach the wire', () => {
  it('Anthropic: temperature and max_tokens, and the profile’s extra headers', async () => {
    await collect(anthropic(), request({ temperature: 0.2, maxTokens: 300 }));
    const recorded = await mock.nextRequest();
    expect(recorded.body).toMatchObject({ temperature: 0.2, max_tokens: 300 });
    expect(recorded.body).not.toHaveProperty('thinking');
    expect(recorded.headers['x-team']).toBe('blue');
  });

  it('Anthropic thinking: the budget is sent, temperature left out, max_tokens kept above it', async () => {
    await collect(
      anthropic(),
      request({ temperature: 0.2, maxTokens: 1000, thinkingBudget: 4096 }),
    );
    const sent = await body();
    expect(sent.thinking).toEqual({ type: 'enabled', budget_tokens: 4096 });
    expect(sent).not.toHaveProperty('temperature');
    expect(sent.max_tokens as number).toBeGreaterThan(4096);
  });

  it('OpenAI format: temperature and max_tokens', async () => {
    await collect(openAi(), request({ temperature: 1.1, maxTokens: 64 }));
    expect(await body()).toMatchObject({ temperature: 1.1, max_tokens: 64 });
  });

  it('OpenAI reasoning effort goes with max_completion_tokens, which reasoning models require', async () => {
    await collect(openAi(), request({ reasoningEffort: 'high', maxTokens: 64 }));
    const sent = await body();
    expect(sent).toMatchObject({ reasoning_effort: 'high', max_completion_tokens: 64 });
    expect(sent).not.toHaveProperty('max_tokens');
  });

  it('nothing set, nothing sent', async () => {
    await collect(openAi(), request());
    const sent = await body();
    for (const field of [
      'temperature',
      'max_tokens',
      'reasoning_effort',
      'max_completion_tokens',
    ]) {
      expect(sent).not.toHaveProperty(field);
    }
  });
});
