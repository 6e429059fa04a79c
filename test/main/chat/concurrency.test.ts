/**
 * Ten conversations streaming at once at 1,000 tokens/s each, through main's real services and
 * real HTTP to the mock server. Every token is numbered, so the test can say that each one landed
 * in its own conversation, in order, exactly once; stopping one leaves the other nine running to
 * the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent, SendResult } from '../../../preload/api';
import type { EventSink } from '../../../main/chat/chat-service';
import { createServices, type Services } from '../../../main/services';
import { headlessPlatform } from '../../harness/headless-platform';
import { startMockLlm, type MockLlm } from '../../mock-llm';

const conversationsCount = 10;
const tokensEach = 1_500;
const tokensPerSecond = 1_000;
const stoppedIndex = 3;

/** Scenario `s`'s text: 4-character tokens, a letter for the scenario and a base-36 number. */
function numberedText(scenario: number): string {
  const letter = String.fromCharCode(65 + scenario);
  return Array.from(
    { length: tokensEach },
    (_, i) => `${letter}${i.toString(36).padStart(3, '0')}`,
  ).join('');
}

let mock: MockLlm;
let services: Services;
const events: ChatEvent[] = [];
const logged: string[] = [];
const sink: EventSink = {
  id: 1,
  isDestroyed: () => false,
  send: (_channel, payload) => void events.push(payload as ChatEvent),
};

beforeAll(async () => {
  mock = await startMockLlm();
  services = createServices(
    headlessPlatform({
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: mock.url },
      databasePath: ':memory:',
      keyDir: '/tmp/parley-concurrency',
      log: (message, error) =>
        void logged.push(error instanceof Error ? `${message}: ${error.message}` : message),
    }),
  );
});

afterAll(async () => {
  await services?.shutdown();
  await mock?.close();
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('ten conversations at once', () => {
  it(`streams ${conversationsCount} × ${tokensEach} numbered tokens at ${tokensPerSecond}/s; Stop on one leaves the rest`, async () => {
    for (let scenario = 0; scenario < conversationsCount; scenario += 1) {
      mock.enqueue({ type: 'reply', text: numberedText(scenario), tokensPerSecond });
    }
    const started: Array<{ conversationId: string; streamId: string }> = [];
    for (let index = 0; index < conversationsCount; index += 1) {
      const result: SendResult = await services.chat.send({ text: `conversation ${index}` }, sink);
      const streamId = result.turn.replies[0]?.streamId ?? '';
      started.push({ conversationId: result.conversationId, streamId });
    }
    expect(services.chat.activeCount).toBe(conversationsCount);
    const textOf = (streamId: string) =>
      events
        .filter((event) => event.streamId === streamId && event.type === 'delta')
        .map((event) => (event.type === 'delta' ? event.text : ''))
        .join('');

    // Stop one once a good part of it has arrived; the others are still streaming then.
    const victim = started[stoppedIndex];
    if (!victim) throw new Error('no conversation to stop');
    await waitFor(() => textOf(victim.streamId).length >= 400 * 4, 'the first 400 tokens');
    services.chat.stop({ streamId: victim.streamId });
    const runningAfterStop = services.chat.activeCount;
    await waitFor(() => services.chat.activeCount === 0, 'every reply to end');

    // The mock served requests in arrival order; each request's prompt names its conversation.
    const expectedFor = new Map<number, string>();
    for (const [arrival, request] of mock.requests.entries()) {
      const prompt = JSON.stringify(request.body);
      const index = Number(/conversation (\d+)/.exec(prompt)?.[1]);
      expectedFor.set(index, numberedText(arrival));
    }
    expect(expectedFor.size).toBe(conversationsCount);

    let tokensDelivered = 0;
    for (const [index, { conversationId, streamId }] of started.entries()) {
      const expected = expectedFor.get(index) ?? '';
      const own = events.filter((event) => event.streamId === streamId);
      // Sequence numbers 1, 2, 3, … with nothing missing, and exactly one terminal event, last.
      expect(own.map((event) => event.seq)).toEqual(own.map((_, i) => i + 1));
      const terminal = own.filter((event) => event.type === 'done' || event.type === 'error');
      expect(terminal).toHaveLength(1);
      expect(own.at(-1)).toBe(terminal[0]);

      const text = textOf(streamId);
      const saved = services.chat.snapshot({ conversationId })?.turns[0]?.replies[0];
      expect(saved?.text).toBe(text);
      // Every token is this conversation's, in order: the tokens are numbered 0, 1, 2, …
      const tokens = text.match(/.{4}/g) ?? [];
      expect(text.length % 4).toBe(0);
      expect(tokens.every((token, i) => token === expected.slice(i * 4, i * 4 + 4))).toBe(true);
      tokensDelivered += tokens.length;
      if (index === stoppedIndex) {
        expect(terminal[0]).toMatchObject({ type: 'done', stopReason: 'stopped' });
        expect(saved).toMatchObject({ status: 'done', stopReason: 'stopped' });
        expect(tokens.length).toBeGreaterThanOrEqual(400);
        expect(tokens.length).toBeLessThan(tokensEach);
      } else {
        expect(terminal[0]).toMatchObject({ type: 'done', stopReason: 'end' });
        expect(saved).toMatchObject({ status: 'done', stopReason: 'end' });
        expect(text).toBe(expected);
      }
    }
    // The stopped request's connection was closed by Parley, the others finished.
    const closedByClient = mock.requests.filter((request) => request.closedByClient);
    expect(closedByClient).toHaveLength(1);
    expect(runningAfterStop).toBe(conversationsCount - 1);
    expect(logged).toEqual([]);
    console.log(
      `concurrency: ${conversationsCount} conversations at ${tokensPerSecond} tok/s, ` +
        `${tokensDelivered} numbered tokens delivered in order (one stopped after ` +
        `${textOf(victim.streamId).length / 4}), ${events.length} events`,
    );
  }, 60_000);
});
