// What every wire format shares (streaming, stop reasons, failures, Stop) is in
// adapter-conformance.test.ts; this file keeps what only Gemini's native API does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGeminiProvider } from '../../../main/providers/gemini';
import type { ProviderConfig } from '../../../main/providers/types';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import { anthropicReplay, collect, geminiReplay, request, toolHistory } from './provider-test-kit';

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

describe('Gemini adapter: tool calls', () => {
  it('writes a tool step as a model turn of functionCall parts, the results as functionResponse parts', async () => {
    await collect(provider(), request({ messages: toolHistory(anthropicReplay, geminiReplay) }));
    const body = (await mock.nextRequest()).body as Record<string, unknown>;
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris, and a photo?' }] },
      {
        role: 'model',
        parts: [
          { text: 'Checking.' },
          {
            functionCall: { id: 'toolu_1', name: 'weather__get', args: { city: 'Paris' } },
            thoughtSignature: 'sig-gemini',
          },
          { functionCall: { id: 'call.2', name: 'camera__snap', args: {} } },
        ],
      },
      {
        // The results and the next user text are one user turn: Gemini wants roles to alternate.
        role: 'user',
        parts: [
          {
            functionResponse: {
              id: 'toolu_1',
              name: 'weather__get',
              response: { result: '18 °C' },
            },
          },
          {
            functionResponse: {
              id: 'call.2',
              name: 'camera__snap',
              response: { error: '[image result: image/png, not sent]\n\nLens cap on.' },
            },
          },
          { text: 'Thanks' },
        ],
      },
    ]);
    // Anthropic's thinking never reaches Gemini.
    expect(JSON.stringify(body)).not.toMatch(/sig-anthropic|opaque-redacted/);
  });

  it("sends no thoughtSignature that another provider's replay carried", async () => {
    await collect(
      provider(),
      request({ messages: toolHistory(undefined, { kind: 'anthropic', thoughtSignature: 'x' }) }),
    );
    const body = (await mock.nextRequest()).body as { contents: Array<{ parts: unknown[] }> };
    expect(body.contents[1]?.parts[1]).toEqual({
      functionCall: { id: 'toolu_1', name: 'weather__get', args: { city: 'Paris' } },
    });
  });

  it('offers tools as functionDeclarations with schemas Gemini accepts', async () => {
    await collect(
      provider(),
      request({
        tools: [
          {
            name: 'files__search',
            description: 'Search files.',
            inputSchema: {
              $schema: 'http://json-schema.org/draft-07/schema#',
              type: 'object',
              additionalProperties: false,
              properties: { query: { type: 'string', default: '', format: 'uri' } },
              required: ['query', 'gone'],
            },
          },
          { name: 'clock__now', description: 'The time.', inputSchema: { type: 'object' } },
        ],
      }),
    );
    const body = (await mock.nextRequest()).body as Record<string, unknown>;
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'files__search',
            description: 'Search files.',
            parameters: {
              type: 'object',
              properties: { query: { type: 'string' } },
              required: ['query'],
            },
          },
          // No arguments: no parameters (Gemini refuses an object without properties).
          { name: 'clock__now', description: 'The time.' },
        ],
      },
    ]);
  });

  it("passes a call's thoughtSignature on its end, and makes distinct ids when Gemini sends none", async () => {
    mock.enqueue({
      type: 'reply',
      text: '',
      toolCalls: [
        { name: 'weather__get', arguments: '{"city":"Rome"}', thoughtSignature: 'sig-1' },
        { name: 'weather__get', arguments: '{"city":"Oslo"}' },
      ],
    });
    const result = await collect(provider());
    const starts = result.events.filter((event) => event.type === 'tool-call-start');
    expect(starts).toHaveLength(2);
    expect(starts[0]?.id).toMatch(/^call_0_[a-zA-Z0-9_-]+$/);
    expect(starts[1]?.id).toMatch(/^call_1_[a-zA-Z0-9_-]+$/);
    expect(result.events.filter((event) => event.type === 'tool-call-end')).toEqual([
      { type: 'tool-call-end', index: 0, replay: { kind: 'gemini', thoughtSignature: 'sig-1' } },
      { type: 'tool-call-end', index: 1 },
    ]);
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use', raw: 'STOP' });
  });
});
