import { createServer } from 'node:net';
import { expect } from 'vitest';
import type { ChatError, ProviderReplay } from '../../../preload/api';
import {
  ProviderError,
  type Provider,
  type ProviderEvent,
  type ProviderRequest,
} from '../../../main/providers/types';

/** What a stream produced before it ended or failed. */
export interface Collected {
  events: ProviderEvent[];
  text: string;
  reasoning: string;
  error: unknown;
}

/** A minimal request, overridable per test. */
export function request(overrides: Partial<ProviderRequest> = {}): ProviderRequest {
  return { model: 'mock-model', messages: [{ role: 'user', content: 'Hello?' }], ...overrides };
}

/**
 * A history with one tool step, as main/chat/history.ts builds it: the step's text and two calls
 * (the second with arguments that do not parse and an id with a dot), the step's thinking and
 * the first call's signature as `replay` / `callReplay` give them, the results (the second an
 * error with an image), then the user's next message.
 */
export function toolHistory(
  replay: ProviderReplay | undefined,
  callReplay: ProviderReplay | undefined,
): ProviderRequest['messages'] {
  return [
    { role: 'user', content: 'Weather in Paris, and a photo?' },
    {
      role: 'assistant',
      content: 'Checking.',
      toolCalls: [
        {
          id: 'toolu_1',
          name: 'weather__get',
          arguments: '{"city":"Paris"}',
          ...(callReplay ? { replay: callReplay } : {}),
        },
        { id: 'call.2', name: 'camera__snap', arguments: '{"broken' },
      ],
      ...(replay ? { replay } : {}),
    },
    {
      role: 'tool',
      results: [
        {
          callId: 'toolu_1',
          name: 'weather__get',
          content: [{ type: 'text', text: '18 °C' }],
          isError: false,
        },
        {
          callId: 'call.2',
          name: 'camera__snap',
          content: [
            { type: 'image', mimeType: 'image/png', data: 'iVBOR' },
            { type: 'text', text: 'Lens cap on.' },
          ],
          isError: true,
        },
      ],
    },
    { role: 'user', content: 'Thanks' },
  ];
}

/** Anthropic thinking blocks as a replay, and a Gemini signature as one. */
export const anthropicReplay: ProviderReplay = {
  kind: 'anthropic',
  thinking: [
    { type: 'thinking', thinking: 'Need two tools.', signature: 'sig-anthropic' },
    { type: 'redacted_thinking', data: 'opaque-redacted' },
  ],
};
export const geminiReplay: ProviderReplay = { kind: 'gemini', thoughtSignature: 'sig-gemini' };

/** Runs a stream to its end (or its error) and gathers everything it yielded. */
export async function collect(
  provider: Provider,
  providerRequest: ProviderRequest = request(),
  signal: AbortSignal = new AbortController().signal,
): Promise<Collected> {
  const events: ProviderEvent[] = [];
  let error: unknown;
  try {
    for await (const event of provider.stream(providerRequest, signal)) events.push(event);
  } catch (caught) {
    error = caught;
  }
  const join = (type: 'text' | 'reasoning') =>
    events.map((event) => (event.type === type ? event.text : '')).join('');
  return { events, text: join('text'), reasoning: join('reasoning'), error };
}

/** Each tool call's argument text, joined from its delta events, by call index. */
export function argumentsByIndex(events: readonly ProviderEvent[]): Record<number, string> {
  const args: Record<number, string> = {};
  for (const event of events) {
    if (event.type === 'tool-call-start') args[event.index] = '';
    if (event.type === 'tool-call-delta')
      args[event.index] = (args[event.index] ?? '') + event.fragment;
  }
  return args;
}

/** The ChatError inside a thrown ProviderError; fails the test for anything else. */
export function chatError(error: unknown): ChatError {
  expect(error).toBeInstanceOf(ProviderError);
  return (error as ProviderError).info;
}

/** Resolves with `promise`, or rejects if it takes longer than `ms` (for "promptly" checks). */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A long reply text, so a paced stream is still running when a test acts on it. */
export const longText = 'The quick brown fox jumps over the lazy dog. '.repeat(40);
