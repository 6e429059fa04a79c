// What every wire format shares (streaming, stop reasons, failures, Stop) is in
// adapter-conformance.test.ts; this file keeps what only the Messages API does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '../../../main/providers/anthropic';
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
  return createAnthropicProvider({
    kind: 'anthropic',
    baseUrl: mock.url,
    apiKey: 'sk-ant-test',
    fetch,
    ...overrides,
  });
}

describe('Anthropic adapter: requests', () => {
  it('POSTs /v1/messages with the key, version, and a streaming body', async () => {
    mock.enqueue({ type: 'reply', text: 'Hi.' });
    const result = await collect(
      provider({ baseUrl: `${mock.url}/` }),
      request({ system: 'Be brief.', maxTokens: 100 }),
    );
    expect(result.error).toBeUndefined();
    const recorded = await mock.nextRequest();
    expect(recorded.method).toBe('POST');
    expect(recorded.path).toBe('/v1/messages');
    expect(recorded.headers['x-api-key']).toBe('sk-ant-test');
    expect(recorded.headers['anthropic-version']).toBe('2023-06-01');
    expect(recorded.headers['content-type']).toBe('application/json');
    expect(recorded.headers.accept).toBe('text/event-stream');
    expect(recorded.body).toEqual({
      model: 'mock-model',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hello?' }],
      system: 'Be brief.',
      stream: true,
    });
  });

  it('defaults max_tokens to 8192, leaves out an absent system prompt and a missing key', async () => {
    await collect(provider({ apiKey: null }));
    const recorded = await mock.nextRequest();
    expect(recorded.headers['x-api-key']).toBeUndefined();
    expect(recorded.body).toEqual({
      model: 'mock-model',
      max_tokens: 8192,
      messages: [{ role: 'user', content: 'Hello?' }],
      stream: true,
    });
  });
});

describe('Anthropic adapter: replies', () => {
  it('reports the input tokens from message_start before any text, not its placeholder output', async () => {
    mock.enqueue({ type: 'reply', text: 'Hello there, friend.', usage: { input: 12, output: 34 } });
    const result = await collect(provider());
    expect(result.events[0]).toEqual({ type: 'usage', usage: { inputTokens: 12 } });
    expect(result.events.filter((event) => event.type === 'usage').at(-1)).toEqual({
      type: 'usage',
      usage: { inputTokens: 12, outputTokens: 34 },
    });
  });

  it("takes a proxy's zero counts in message_start as no counts, and the final ones as final", async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":0,"output_tokens":0}}}\n\n',
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ok"}}\n\n',
        'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"input_tokens":0,"output_tokens":5}}\n\n',
        'event: message_stop\ndata: {"type":"message_stop"}\n\n',
      ],
    });
    const result = await collect(provider());
    expect(result.events.filter((event) => event.type === 'usage')).toEqual([
      { type: 'usage', usage: { outputTokens: 5 } },
    ]);
  });

  it('ignores unknown event types and tool-input deltas', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":3}}}\n\n',
        'event: shiny_new_thing\ndata: {"type":"shiny_new_thing","x":1}\n\n',
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ok"}}\n\n',
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"a"}}\n\n',
        'event: message_stop\ndata: {"type":"message_stop"}\n\n',
      ],
    });
    const result = await collect(provider());
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('ok');
    expect(result.events.at(-1)).toEqual({ type: 'stop', reason: 'end' });
  });
});
