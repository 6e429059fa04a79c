// What every wire format shares (streaming, stop reasons, failures, Stop) is in
// adapter-conformance.test.ts; this file keeps what only the Messages API does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '../../../main/providers/anthropic';
import type { ProviderConfig } from '../../../main/providers/types';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import {
  anthropicReplay,
  chatError,
  collect,
  geminiReplay,
  request,
  toolHistory,
} from './provider-test-kit';

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

describe('Anthropic adapter: tool calls', () => {
  it('writes a tool step as thinking, text and tool_use blocks, the results as one user turn', async () => {
    await collect(
      provider(),
      request({
        messages: toolHistory(anthropicReplay, geminiReplay),
        thinkingBudget: 1024,
        tools: [
          { name: 'weather__get', description: 'Weather.', inputSchema: { properties: {} } },
          { name: 'camera__snap', description: 'Photo.', inputSchema: {} },
        ],
      }),
    );
    const body = (await mock.nextRequest()).body as Record<string, unknown>;
    expect(body.tools).toEqual([
      {
        name: 'weather__get',
        description: 'Weather.',
        input_schema: { type: 'object', properties: {} },
      },
      {
        name: 'camera__snap',
        description: 'Photo.',
        input_schema: { type: 'object', properties: {} },
      },
    ]);
    expect(body.messages).toEqual([
      { role: 'user', content: 'Weather in Paris, and a photo?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Need two tools.', signature: 'sig-anthropic' },
          { type: 'redacted_thinking', data: 'opaque-redacted' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'weather__get', input: { city: 'Paris' } },
          // Unparsable arguments go back as {}; an id the API refuses is made safe, same for its result.
          { type: 'tool_use', id: 'call_2', name: 'camera__snap', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_1',
            content: [{ type: 'text', text: '18 °C' }],
            is_error: false,
          },
          {
            type: 'tool_result',
            tool_use_id: 'call_2',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
              { type: 'text', text: 'Lens cap on.' },
            ],
            is_error: true,
          },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ]);
  });

  it("drops another provider's replay data: no thinking blocks, no Gemini signature", async () => {
    await collect(provider(), request({ messages: toolHistory(geminiReplay, geminiReplay) }));
    const body = (await mock.nextRequest()).body as { messages: Array<{ content: unknown }> };
    expect(JSON.stringify(body)).not.toContain('sig-gemini');
    expect(body.messages[1]?.content).toEqual([
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'toolu_1', name: 'weather__get', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_2', name: 'camera__snap', input: {} },
    ]);
  });

  it('sends the thinking blocks back as one replay event before the stop', async () => {
    mock.enqueue({
      type: 'reply',
      reasoning: 'I should call the tool.',
      text: '',
      toolCalls: [{ id: 'toolu_9', name: 'weather__get', arguments: '{"city":"Rome"}' }],
    });
    const result = await collect(provider());
    expect(result.reasoning).toBe('I should call the tool.');
    expect(result.events.filter((event) => event.type !== 'usage').slice(-2)).toEqual([
      {
        type: 'replay',
        replay: {
          kind: 'anthropic',
          thinking: [
            {
              type: 'thinking',
              thinking: 'I should call the tool.',
              signature: 'EqQBCgIYAhIMmock',
            },
          ],
        },
      },
      { type: 'stop', reason: 'tool_use', raw: 'tool_use' },
    ]);
  });

  it('keeps redacted thinking, and takes a tool input sent whole in content_block_start', async () => {
    const event = (data: Record<string, unknown>) =>
      `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;
    mock.enqueue({
      type: 'raw',
      chunks: [
        event({ type: 'message_start', message: { usage: { input_tokens: 3 } } }),
        event({
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'redacted_thinking', data: 'secret' },
        }),
        event({ type: 'content_block_stop', index: 0 }),
        event({
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'tool_use', id: 'toolu_x', name: 'a__b', input: { q: 1 } },
        }),
        event({ type: 'content_block_stop', index: 1 }),
        event({ type: 'message_delta', delta: { stop_reason: 'tool_use' } }),
        event({ type: 'message_stop' }),
      ],
    });
    const result = await collect(provider());
    expect(result.events.filter((item) => item.type !== 'usage')).toEqual([
      { type: 'tool-call-start', index: 1, id: 'toolu_x', name: 'a__b' },
      { type: 'tool-call-delta', index: 1, fragment: '{"q":1}' },
      { type: 'tool-call-end', index: 1 },
      {
        type: 'replay',
        replay: { kind: 'anthropic', thinking: [{ type: 'redacted_thinking', data: 'secret' }] },
      },
      { type: 'stop', reason: 'tool_use', raw: 'tool_use' },
    ]);
  });

  it('a stream cut inside the arguments ends the call, then reports the cut', async () => {
    mock.enqueue({
      type: 'raw',
      chunks: [
        'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_c","name":"a__b","input":{}}}\n\n',
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"q\\": \\"ha"}}\n\n',
      ],
    });
    const result = await collect(provider());
    expect(result.events).toEqual([
      { type: 'tool-call-start', index: 0, id: 'toolu_c', name: 'a__b' },
      { type: 'tool-call-delta', index: 0, fragment: '{"q": "ha' },
      { type: 'tool-call-end', index: 0 },
    ]);
    expect(chatError(result.error).kind).toBe('connection');
  });
});
