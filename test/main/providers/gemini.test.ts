// What every wire format shares (streaming, stop reasons, failures, Stop) is in
// adapter-conformance.test.ts; this file keeps what only Gemini's native API does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGeminiProvider } from '../../../main/providers/gemini';
import type { ProviderConfig } from '../../../main/providers/types';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import { collect, request } from './provider-test-kit';

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
  it('counts thought tokens as output and says a blocked prompt was filtered', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        `data: ${JSON.stringify({
          promptFeedback: { blockReason: 'SAFETY' },
          usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 0, thoughtsTokenCount: 7 },
        })}\n\n`,
      ],
    });
    const result = await collect(provider());
    expect(result.error).toBeUndefined();
    expect(result.events).toEqual([
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 7 } },
      { type: 'stop', reason: 'content_filter', raw: 'SAFETY' },
    ]);
  });
});
