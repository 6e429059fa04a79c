/**
 * Faults, through the whole app: every way a provider, a proxy or the network can fail, played by
 * the mock server into the real main services and the production renderer. For each the user sees
 * a specific sentence on the reply, the text that arrived is kept and saved, nothing is logged as
 * unexpected, and the next message streams as if nothing had happened. Failures before the first
 * token are retried (at most twice, "Retrying in N s…" on screen); after it, never.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent, ConversationSnapshot, Reply } from '../../preload/api';
import { closedPort } from '../main/providers/provider-test-kit';
import type { Scenario } from '../mock-llm';
import { anthropicAtMock, useApp } from './support/app-fixture';

// Scaled down so the suite stays quick: the real 60 s idle timeout and a 30 s first byte are in
// `npm run soak`. The 2 s first byte below is legitimate because it is well inside these 4 s.
const idleTimeoutMs = 4_000;
const slowFirstByteMs = 2_000;
const afterText = 'Hello from the mock.';
const partial = 'Partial answer';
const longer = `${partial} that never finished.`;

let closedPortUrl: string;
/** When set, main's fetch is sent to a port nobody listens on (connection refused). */
let refuseConnections = false;
const tried: string[] = [];

const app = useApp({
  scope: 'all',
  launch: async (mock) => {
    closedPortUrl = `http://127.0.0.1:${await closedPort()}`;
    return {
      ...anthropicAtMock(mock),
      idleTimeoutMs,
      wrapFetch: (plain) => (url, init) =>
        plain(refuseConnections ? String(url).replace(mock.url, closedPortUrl) : url, init),
    };
  },
});

beforeAll(watchRetryNotices);

afterAll(() => console.log(`faults: ${tried.length} scenarios tried`));

/** Records every "Retrying in…" notice the page shows, however briefly, for the test to read. */
async function watchRetryNotices() {
  await app.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __retryNotices: string[] }).__retryNotices = seen;
    const record = () => {
      for (const notice of document.querySelectorAll('.reply-retry')) {
        const text = notice.textContent ?? '';
        if (!seen.includes(text)) seen.push(text);
      }
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

async function takeRetryNotices(): Promise<string[]> {
  return app.page.evaluate(() => {
    const seen = (window as unknown as { __retryNotices: string[] }).__retryNotices;
    return seen.splice(0, seen.length);
  });
}

const lastReply = () => app.page.locator('article.reply').last();

/** Waits until no generation runs and the last reply on screen is whole. */
async function settled() {
  await expect.poll(() => app.services.chat.activeCount, { timeout: 30_000 }).toBe(0);
  await expect.poll(() => lastReply().getAttribute('aria-busy'), { timeout: 10_000 }).toBe('false');
}

async function shownText(): Promise<string> {
  // allTextContents does not wait: a reply that failed before any text has no body at all.
  return (await lastReply().locator('[data-testid="reply-text"]').allTextContents()).join('');
}

function savedConversation(conversationId: string): ConversationSnapshot {
  const snapshot = app.services.chat.snapshot({ conversationId });
  if (!snapshot) throw new Error('the conversation was not saved');
  return snapshot;
}

function lastSavedReply(conversationId: string): Reply {
  const turn = savedConversation(conversationId).turns.at(-1);
  const reply = turn?.replies[turn.activeReply];
  if (!reply) throw new Error('no saved reply');
  return reply;
}

interface Fault {
  name: string;
  /** A function when a scenario must be built at play time (an HTTP date). */
  scenarios: Scenario[] | (() => Scenario[]);
  /** Words the reply's alert must show; absent when the reply must end without an error. */
  message?: RegExp;
  /** The provider's own words, shown smaller under the message. */
  detail?: RegExp;
  /** Text that must be on screen and saved at the end. */
  text?: string;
  /** Requests the mock must have answered (connection refused reaches no server). */
  requests: number;
  /** Retries Parley must have announced (each shown as "Retrying in…"). */
  retries: number;
  /** Words the retry notice must show. */
  notice?: RegExp;
  /** Check the retry waits main chose (e.g. the server's retry-after). */
  delays?: (delays: number[]) => void;
  /** How the reply ended when it did not fail. */
  stopReason?: Reply['stopReason'];
  before?: () => void;
  after?: () => void;
}

/**
 * Plays a fault into a new conversation, checks what the user sees and what was saved, then
 * proves the app still works by sending the next message in the same conversation.
 */
async function play(fault: Fault) {
  tried.push(fault.name);
  await app.page.getByRole('button', { name: 'New conversation' }).click();
  await expect.poll(() => app.page.locator('article.reply').count()).toBe(0);
  await takeRetryNotices();
  const requestsBefore = app.mock.requests.length;
  const logStart = app.ipcLog.length;
  app.mock.enqueue(
    ...(typeof fault.scenarios === 'function' ? fault.scenarios() : fault.scenarios),
  );
  fault.before?.();
  try {
    await app.send(`Fault: ${fault.name}`);
    await settled();
  } finally {
    fault.after?.();
  }

  const events = app.ipcLog
    .slice(logStart)
    .filter((entry) => entry.direction === 'event' && entry.channel === 'chat:event')
    .map((entry) => entry.payload as ChatEvent);
  const sendResult = app.ipcLog
    .slice(logStart)
    .find((entry) => entry.direction === 'result' && entry.channel === 'chat:send');
  const conversationId = (sendResult?.payload as { value: { conversationId: string } }).value
    .conversationId;
  const retrying = events.filter((event) => event.type === 'retrying');
  const notices = await takeRetryNotices();
  const alert = lastReply().getByRole('alert');
  const saved = lastSavedReply(conversationId);

  console.log(
    `fault: ${fault.name} → ${app.mock.requests.length - requestsBefore} requests, ${retrying.length} retries` +
      (retrying.length > 0
        ? ` (waits ${retrying.map((event) => (event.type === 'retrying' ? event.delayMs : 0)).join(', ')} ms)`
        : '') +
      ', ' +
      (saved.error
        ? `"${saved.error.message}"${saved.error.detail ? ` (${saved.error.detail})` : ''}`
        : `ended ${saved.stopReason}`) +
      `, ${saved.text.length} chars kept`,
  );

  expect(app.mock.requests.length - requestsBefore).toBe(fault.requests);
  expect(retrying).toHaveLength(fault.retries);
  // Never a retry once text has arrived.
  const firstDelta = events.findIndex((event) => event.type === 'delta' && event.text !== '');
  if (firstDelta >= 0) {
    expect(events.slice(firstDelta).some((event) => event.type === 'retrying')).toBe(false);
  }
  if (fault.retries > 0) {
    expect(notices.join('\n')).toMatch(/Retrying in \d+ s…/);
    if (fault.notice) expect(notices.join('\n')).toMatch(fault.notice);
    fault.delays?.(retrying.map((event) => (event.type === 'retrying' ? event.delayMs : -1)));
  } else {
    expect(notices).toEqual([]);
  }

  const text = fault.text ?? '';
  expect(await shownText()).toBe(text);
  expect(saved.text).toBe(text);
  if (fault.message) {
    expect(saved.status).toBe('error');
    await expect
      .poll(() => alert.locator('.reply-error-message').textContent())
      .toMatch(fault.message);
    if (fault.detail) expect(await alert.textContent()).toMatch(fault.detail);
    // What to do next is on the reply: Settings for a settings problem, else Regenerate. The
    // key here comes from ANTHROPIC_API_KEY, so a key problem names that variable instead of
    // sending the user to Settings to look for a key that is not there.
    const action = alert.getByRole('button', {
      name: /Open settings|Save a key in Settings|Regenerate/,
    });
    expect(await action.count()).toBe(1);
    const kind = saved.error?.kind ?? '';
    if (kind === 'auth' || kind === 'permission') {
      await expect.poll(() => action.textContent()).toBe('Save a key in Settings');
      expect(await alert.textContent()).toContain('environment variable ANTHROPIC_API_KEY');
    } else if (['not_found', 'config'].includes(kind)) {
      expect(await action.textContent()).toBe('Open settings');
    }
  } else {
    expect(saved.status).toBe('done');
    expect(saved.stopReason).toBe(fault.stopReason ?? 'end');
    expect(await alert.count()).toBe(0);
  }
  expect(app.errors.main).toEqual([]);
  expect(app.errors.page).toEqual([]);

  // Still usable: the next message in the same conversation streams normally.
  app.mock.enqueue({ type: 'reply', text: afterText, tokensPerSecond: 400 });
  await app.send('Still there?');
  await settled();
  expect(await shownText()).toBe(afterText);
  expect(lastSavedReply(conversationId)).toMatchObject({ text: afterText, status: 'done' });
  // The failed reply is still there, as it was.
  const turns = savedConversation(conversationId).turns;
  expect(turns.at(-2)?.replies.at(-1)?.text).toBe(text);
}

// ───────────── raw streams for faults the reply scenario cannot script ─────────────

const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
const start = [
  event('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_raw',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'mock-model',
    },
  }),
  event('content_block_start', {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'text', text: '' },
  }),
];
const delta = (text: string) =>
  event('content_block_delta', {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'text_delta', text },
  });
const end = [
  event('content_block_stop', { type: 'content_block_stop', index: 0 }),
  event('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 3 },
  }),
  event('message_stop', { type: 'message_stop' }),
];
const ok = (text: string): Scenario => ({ type: 'reply', text });
const httpError = (
  status: number,
  extra: Partial<Extract<Scenario, { type: 'http-error' }>> = {},
): Scenario => ({
  type: 'http-error',
  status,
  ...extra,
});

const faults: Fault[] = [
  {
    name: '401 rejected key',
    scenarios: [httpError(401)],
    message: /rejected the API key\. Check the key in Settings/,
    detail: /invalid x-api-key/,
    requests: 1,
    retries: 0,
  },
  {
    name: '403 permission',
    scenarios: [httpError(403)],
    message: /refused this key or account \(permissions or billing\)/,
    requests: 1,
    retries: 0,
  },
  {
    name: '404 unknown model',
    scenarios: [httpError(404)],
    message: /does not know this model, or the base URL is wrong/,
    detail: /mock-missing-model/,
    requests: 1,
    retries: 0,
  },
  {
    name: "400 with the provider's message",
    scenarios: [
      httpError(400, {
        body: {
          type: 'error',
          error: {
            type: 'invalid_request_error',
            message: 'max_tokens: 100000 > 64000, which is the maximum allowed for this model',
          },
        },
      }),
    ],
    message: /rejected the request as invalid; its reason is in the details/,
    detail: /max_tokens: 100000 > 64000/,
    requests: 1,
    retries: 0,
  },
  {
    name: '429 with retry-after in seconds, then success',
    scenarios: [httpError(429, { headers: { 'retry-after': '1' } }), ok('Recovered after 429.')],
    text: 'Recovered after 429.',
    requests: 2,
    retries: 1,
    notice: /rate-limiting/,
    delays: (delays) => expect(delays).toEqual([1_000]),
  },
  {
    name: '429 with retry-after as an HTTP date, then success',
    // Built when played: a date made at import would be in the past by now.
    scenarios: () => [
      httpError(429, { headers: { 'retry-after': new Date(Date.now() + 3_000).toUTCString() } }),
      ok('Recovered after a dated 429.'),
    ],
    text: 'Recovered after a dated 429.',
    requests: 2,
    retries: 1,
    notice: /rate-limiting/,
    // The date has whole seconds, so 2-3 s remain of it: well above any first backoff (≤ 0.5 s).
    delays: ([delay]) => {
      expect(delay).toBeGreaterThan(600);
      expect(delay).toBeLessThanOrEqual(3_000);
    },
  },
  {
    name: '429 with retry-after-ms, three times: two retries, then the error',
    scenarios: [1, 2, 3].map(() => httpError(429, { headers: { 'retry-after-ms': '600' } })),
    message: /rate-limiting requests\. Try again in 1 s/,
    requests: 3,
    retries: 2,
    delays: (delays) => expect(delays).toEqual([600, 600]),
  },
  {
    name: '500 three times: backoff with jitter, two retries, then the error',
    scenarios: [httpError(500), httpError(500), httpError(500)],
    message: /internal error \(HTTP 500\)\. Try again in a moment/,
    requests: 3,
    retries: 2,
    notice: /internal error/,
    delays: ([first = 0, second = 0]) => {
      expect(first).toBeGreaterThanOrEqual(375);
      expect(first).toBeLessThanOrEqual(500);
      expect(second).toBeGreaterThanOrEqual(750);
      expect(second).toBeLessThanOrEqual(1_000);
    },
  },
  {
    name: '500 with x-should-retry: false is not retried',
    scenarios: [httpError(500, { headers: { 'x-should-retry': 'false' } })],
    message: /internal error \(HTTP 500\)/,
    requests: 1,
    retries: 0,
  },
  {
    name: '502 with an HTML body, then success',
    scenarios: [
      httpError(502, {
        body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>',
      }),
      ok('Recovered after 502.'),
    ],
    text: 'Recovered after 502.',
    requests: 2,
    retries: 1,
    notice: /HTML error page \(HTTP 502\)/,
  },
  {
    name: '502 with an HTML body three times',
    scenarios: [1, 2, 3].map(() =>
      httpError(502, {
        body: '<html><body>Bad Gateway</body></html>',
        headers: { 'retry-after-ms': '100' },
      }),
    ),
    message: /HTML error page \(HTTP 502\).*proxy or gateway/,
    requests: 3,
    retries: 2,
  },
  {
    name: '503 three times',
    scenarios: [1, 2, 3].map(() => httpError(503, { headers: { 'retry-after-ms': '200' } })),
    message: /overloaded right now\. Try again in a moment/,
    requests: 3,
    retries: 2,
  },
  {
    name: '529 overloaded, then success',
    scenarios: [
      httpError(529, {
        body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      }),
      ok('Recovered after 529.'),
    ],
    text: 'Recovered after 529.',
    requests: 2,
    retries: 1,
    notice: /overloaded/,
  },
  {
    name: 'an error event mid-stream',
    scenarios: [
      {
        type: 'reply',
        text: longer,
        afterChars: partial.length,
        after: { errorEvent: { type: 'overloaded_error', message: 'Overloaded' } },
      },
    ],
    message: /overloaded right now/,
    detail: /Overloaded/,
    text: partial,
    requests: 1,
    retries: 0,
  },
  {
    name: 'an error event before the first token, then success',
    scenarios: [
      {
        type: 'reply',
        text: longer,
        afterChars: 0,
        after: { errorEvent: { type: 'api_error', message: 'Internal server error' } },
      },
      ok('Recovered after an early error event.'),
    ],
    text: 'Recovered after an early error event.',
    requests: 2,
    retries: 1,
  },
  {
    name: 'a connection reset mid-stream',
    scenarios: [{ type: 'reply', text: longer, afterChars: partial.length, after: 'drop' }],
    message: /The connection closed before the reply finished/,
    text: partial,
    requests: 1,
    retries: 0,
  },
  {
    name: `a stall longer than the idle timeout (${idleTimeoutMs / 1000} s) mid-stream`,
    scenarios: [{ type: 'reply', text: longer, afterChars: partial.length, after: 'stall' }],
    message: new RegExp(`sent nothing for ${idleTimeoutMs / 1000} s, so Parley stopped waiting`),
    text: partial,
    requests: 1,
    retries: 0,
  },
  {
    name: 'a 200 that is JSON, not text/event-stream',
    scenarios: [
      {
        type: 'raw',
        headers: { 'content-type': 'application/json' },
        chunks: [
          JSON.stringify({ id: 'msg_1', type: 'message', content: [{ type: 'text', text: 'Hi' }] }),
        ],
      },
    ],
    message: /whole JSON answer instead of a stream/,
    requests: 1,
    retries: 0,
  },
  {
    name: 'a 200 that is an HTML page',
    scenarios: [
      {
        type: 'raw',
        headers: { 'content-type': 'text/html' },
        chunks: ['<!doctype html><title>Captive portal</title><p>Log in to continue</p>'],
      },
    ],
    message: /HTML page, not a stream\. Check the base URL/,
    requests: 1,
    retries: 0,
  },
  {
    name: 'a malformed JSON event after some text',
    scenarios: [
      {
        type: 'raw',
        chunks: [
          ...start,
          delta(partial),
          'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_del\n\n',
          ...end,
        ],
      },
    ],
    message: /sent an event Parley could not read/,
    detail: /text_del/,
    text: partial,
    requests: 1,
    retries: 0,
  },
  {
    name: 'a single 10 MB line (an event the client ignores) inside a reply',
    scenarios: [
      {
        type: 'raw',
        chunks: [
          ...start,
          delta('Before the big line, '),
          event('ping', { type: 'ping', padding: 'x'.repeat(10 * 1024 * 1024) }),
          delta('and after it.'),
          ...end,
        ],
      },
    ],
    text: 'Before the big line, and after it.',
    requests: 1,
    retries: 0,
  },
  {
    name: 'invalid UTF-8 in a text delta',
    scenarios: [
      {
        type: 'raw',
        chunks: [
          ...start,
          Buffer.concat([
            Buffer.from(
              'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "bad ',
            ),
            // Two bytes that never occur in UTF-8, and a lead byte with no continuation.
            Buffer.from([0xff, 0xfe, 0xc3]),
            Buffer.from(' bytes"}}\n\n'),
          ]),
          delta(' then fine.'),
          ...end,
        ],
      },
    ],
    // Bytes that are not UTF-8 become U+FFFD; the reply goes on.
    text: 'bad \uFFFD\uFFFD\uFFFD bytes then fine.',
    requests: 1,
    retries: 0,
  },
  {
    name: 'a truncated final event (no blank line, no message_stop)',
    scenarios: [
      {
        type: 'raw',
        chunks: [...start, delta(partial), delta(' and more').slice(0, -2)],
      },
    ],
    message: /The connection closed before the reply finished/,
    text: partial,
    requests: 1,
    retries: 0,
  },
  {
    name: 'connection refused (nothing listens on the base URL)',
    scenarios: [],
    message: /the server refused the connection/,
    requests: 0,
    retries: 2,
    notice: /refused the connection/,
    before: () => {
      refuseConnections = true;
    },
    after: () => {
      refuseConnections = false;
    },
  },
  {
    name: `a slow first byte (${slowFirstByteMs / 1000} s, inside the ${idleTimeoutMs / 1000} s idle timeout)`,
    scenarios: [{ type: 'reply', text: 'Worth the wait.', firstByteDelayMs: slowFirstByteMs }],
    text: 'Worth the wait.',
    requests: 1,
    retries: 0,
  },
];

describe('faults a user can recover from', () => {
  for (const fault of faults) {
    it(fault.name, async () => {
      await play(fault);
    });
  }

  it('a single 10 MB line of reply text renders without freezing the page', async () => {
    tried.push('a single 10 MB line of reply text');
    await app.page.getByRole('button', { name: 'New conversation' }).click();
    const line = `${'lorem ipsum dolor sit amet '.repeat(388_350)}THE END`;
    expect(line.length).toBeGreaterThan(10_000_000);
    app.mock.enqueue({
      type: 'raw',
      chunks: [...start, delta(line.slice(0, 5_000_000)), delta(line.slice(5_000_000)), ...end],
    });
    await app.send('Fault: one enormous line of text');
    await settled();
    // The page answers promptly while holding it (it was frozen for minutes before).
    const started = performance.now();
    await app.page.evaluate(() => document.title);
    expect(performance.now() - started).toBeLessThan(2_000);
    const shown = await shownText();
    expect(shown.length).toBe(line.length);
    expect(shown.endsWith('THE END')).toBe(true);
    expect(await lastReply().getByRole('alert').count()).toBe(0);
  }, 90_000);

  it('after text has arrived a failure offers Regenerate, which works', async () => {
    tried.push('Regenerate after a mid-stream reset');
    await app.page.getByRole('button', { name: 'New conversation' }).click();
    const before = app.mock.requests.length;
    app.mock.enqueue(
      { type: 'reply', text: longer, afterChars: partial.length, after: 'drop' },
      { type: 'reply', text: 'The whole answer.' },
    );
    await app.send('Fault: drop, then Regenerate');
    await settled();
    expect(app.mock.requests.length - before).toBe(1);
    const alert = lastReply().getByRole('alert');
    await alert.getByRole('button', { name: 'Regenerate' }).click();
    await expect.poll(shownText).toBe('The whole answer.');
    await settled();
    expect(await app.page.getByRole('log', { name: 'Transcript' }).textContent()).toContain(
      '2 / 2',
    );
    // The broken version is kept a pager away, with its partial text.
    await app.page.getByRole('button', { name: 'Previous version' }).click();
    await expect.poll(shownText).toBe(partial);
    expect(app.errors.main).toEqual([]);
    expect(app.errors.page).toEqual([]);
  });

  it('Stop during "Retrying in…" cancels the retry', async () => {
    tried.push('Stop while waiting to retry');
    await app.page.getByRole('button', { name: 'New conversation' }).click();
    const before = app.mock.requests.length;
    // Short enough to outwait below, long enough that Stop lands well before it.
    const retryAfterMs = 2_000;
    app.mock.enqueue(httpError(429, { headers: { 'retry-after': String(retryAfterMs / 1_000) } }));
    await app.send('Fault: Stop while retrying');
    await expect
      .poll(() => lastReply().locator('.reply-retry').textContent())
      .toMatch(/Retrying in \d+ s…/);
    await app.page.getByRole('button', { name: 'Stop', exact: true }).click();
    const stoppedAt = Date.now();
    await settled();
    expect(await lastReply().locator('.reply-retry').count()).toBe(0);
    await expect.poll(() => lastReply().textContent()).toContain('Stopped');
    app.mock.enqueue(ok(afterText));
    await app.send('Still there?');
    await settled();
    expect(await shownText()).toBe(afterText);
    // Past the moment the cancelled retry was due: had it fired, the mock would have a third
    // request (the first try, the next message, the retry).
    await expect
      .poll(() => Date.now() - stoppedAt, { timeout: retryAfterMs + 2_000 })
      .toBeGreaterThan(retryAfterMs + 500);
    expect(app.mock.requests.length - before).toBe(2);
  });
});
