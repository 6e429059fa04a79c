/**
 * `npm run soak`: 500 generations back to back through main's real services and real HTTP to the
 * mock server, with stops, regenerations (some over a running reply), retries and errors mixed
 * in, plus one reply whose first byte takes a real 30 s. Before and after, with a full GC: heap,
 * active handles, live AbortControllers and their abort listeners, live generations; at the end
 * the database must pass `PRAGMA integrity_check`. Prints a table; exits non-zero only on a
 * clear leak or a wrong outcome. Not part of `npm test` (about a minute). Then the day-of-use
 * soak of issue 15 (`day-of-use.ts`, the whole app in the browser harness) in its own process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
// Types only: erased, so nothing loads before the re-launch below.
import type { ChatEvent } from '../../preload/api';
import type { Scenario } from '../mock-llm';

// The heap is only comparable after a full GC: re-launch with it exposed (tsx stays the loader).
// Then the day-of-use soak (day-of-use.ts), in a process of its own. PARLEY_SOAK_ONLY=generations
// or =day runs only one of the two.
if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
  const only = process.env.PARLEY_SOAK_ONLY;
  const run = (script: string, flags: string[]) =>
    spawnSync(process.execPath, [...flags, '--import', 'tsx', script, ...process.argv.slice(2)], {
      stdio: 'inherit',
    }).status ?? 1;
  const soak = only === 'day' ? 0 : run(fileURLToPath(import.meta.url), ['--expose-gc']);
  const day =
    only === 'generations' ? 0 : run(fileURLToPath(new URL('day-of-use.ts', import.meta.url)), []);
  process.exit(soak || day);
}

const { trackAbortControllers, LiveSet, read } = await import('./probes');
// Counting starts before main's code makes its first controller.
trackAbortControllers();
const { createServices } = await import('../../main/services');
const { headlessPlatform } = await import('../harness/headless-platform');
const { startMockLlm } = await import('../mock-llm');

const totalGenerations = Number(process.env.SOAK_GENERATIONS ?? 500);
const warmUpGenerations = 40;
const slowFirstByteMs = Number(process.env.SOAK_SLOW_FIRST_BYTE_MS ?? 30_000);
/** Node's fetch keeps idle sockets ~4 s; readings wait them out so they compare like for like. */
const settleMs = 5_000;

// ───────────── the app: main's services, a database file, the mock ─────────────

const dataDir = mkdtempSync(join(tmpdir(), 'parley-soak-'));
const databasePath = join(dataDir, 'parley.db');
const mock = await startMockLlm();
const logged: string[] = [];
const services = createServices(
  headlessPlatform({
    env: { ANTHROPIC_API_KEY: 'sk-ant-soak-key', ANTHROPIC_BASE_URL: mock.url },
    databasePath,
    keyDir: dataDir,
    log: (message, error) =>
      void logged.push(error instanceof Error ? `${message}: ${error.message}` : message),
  }),
);
const running = (services.chat as unknown as { running: Map<string, { generation: object }> })
  .running;
const generations = new LiveSet();

// Events by stream: the first text, and the one terminal event.
const firstText = new Map<string, () => void>();
const ended = new Map<string, ChatEvent>();
const endWaiters = new Map<string, (event: ChatEvent) => void>();
const lastSeq = new Map<string, number>();
const sink = {
  id: 1,
  isDestroyed: () => false,
  send(_channel: string, payload: unknown) {
    const event = payload as ChatEvent;
    lastSeq.set(event.streamId, event.seq);
    if (event.type === 'delta' && event.text) firstText.get(event.streamId)?.();
    if (event.type === 'done' || event.type === 'error') {
      const waiter = endWaiters.get(event.streamId);
      if (waiter) waiter(event);
      else ended.set(event.streamId, event);
    }
  },
};

function started(streamId: string) {
  for (const run of running.values()) generations.add(run.generation);
  return streamId;
}

function endOf(streamId: string): Promise<ChatEvent> {
  const already = ended.get(streamId);
  if (already) {
    ended.delete(streamId);
    return Promise.resolve(already);
  }
  return new Promise((resolve) =>
    endWaiters.set(streamId, (event) => {
      endWaiters.delete(streamId);
      lastSeq.delete(streamId);
      resolve(event);
    }),
  );
}

function textArrived(streamId: string): Promise<void> {
  return new Promise((resolve) =>
    firstText.set(streamId, () => {
      firstText.delete(streamId);
      resolve();
    }),
  );
}

// ───────────── the mix ─────────────

let seed = 0x50a6;
const random = () => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 4_294_967_296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const words = 'river cloud token stream parser window socket thread render matrix'.split(' ');
const prose = (length: number) =>
  Array.from({ length: Math.ceil(length / 6) }, () => pick(words))
    .join(' ')
    .slice(0, length);

let conversationId: string | undefined;
let lastTurnId: string | undefined;
let turnsHere = 0;
const outcomes = new Map<string, number>();
const unexpected: string[] = [];
let generationCount = 0;

function expectEnd(action: string, event: ChatEvent, want: string) {
  const got =
    event.type === 'done'
      ? `done:${event.stopReason}`
      : `error:${event.type === 'error' ? event.error.kind : ''}`;
  outcomes.set(action, (outcomes.get(action) ?? 0) + 1);
  if (!new RegExp(`^(${want})$`).test(got))
    unexpected.push(`${action}: wanted ${want}, got ${got}`);
}

async function send(scenarios: Scenario[]): Promise<string> {
  mock.enqueue(...scenarios);
  if (turnsHere >= 8 || random() < 0.15) conversationId = undefined;
  const result = await services.chat.send(
    { conversationId, text: prose(40 + Math.floor(random() * 200)) },
    sink,
  );
  conversationId = result.conversationId;
  lastTurnId = result.turn.id;
  turnsHere = conversationId === result.conversationId ? turnsHere + 1 : 1;
  generationCount += 1;
  return started(result.turn.replies.at(-1)?.streamId ?? '');
}

async function regenerate(scenarios: Scenario[]): Promise<string> {
  mock.enqueue(...scenarios);
  const result = await services.chat.regenerate(
    { conversationId: conversationId ?? '', turnId: lastTurnId ?? '' },
    sink,
  );
  generationCount += 1;
  return started(result.reply.streamId);
}

const reply = (length: number): Scenario => ({ type: 'reply', text: prose(length) });
const slowReply: Scenario = { type: 'reply', text: prose(8_000), tokensPerSecond: 2_000 };
const errors: Array<[string, Scenario[], string]> = [
  ['error 401', [{ type: 'http-error', status: 401 }], 'error:auth'],
  ['error 400', [{ type: 'http-error', status: 400 }], 'error:bad_request'],
  [
    'error event mid-stream',
    [
      {
        type: 'reply',
        text: prose(400),
        afterChars: 100,
        after: { errorEvent: { type: 'api_error', message: 'boom' } },
      },
    ],
    'error:server',
  ],
  [
    'reset mid-stream',
    [{ type: 'reply', text: prose(400), afterChars: 100, after: 'drop' }],
    'error:connection',
  ],
  [
    'malformed event',
    [
      {
        type: 'raw',
        chunks: [
          'event: content_block_delta\ndata: {"type": "content_block_delta", "delta": {\n\n',
        ],
      },
    ],
    'error:protocol',
  ],
];

/** One step of the mix; returns when every stream it started has ended. */
async function step(): Promise<void> {
  const roll = random();
  const idle = conversationId !== undefined && lastTurnId !== undefined;
  if (roll < 0.5 || !idle) {
    const stream = await send([reply(50 + Math.floor(random() * 3_000))]);
    return expectEnd('reply', await endOf(stream), 'done:end');
  }
  if (roll < 0.6) {
    const stream = await send([slowReply]);
    await textArrived(stream);
    services.chat.stop({ streamId: stream, shownSeq: lastSeq.get(stream) });
    return expectEnd('stop mid-stream', await endOf(stream), 'done:stopped');
  }
  if (roll < 0.63) {
    const stream = await send([
      { type: 'reply', text: prose(400), afterChars: 40, after: 'stall' },
    ]);
    await textArrived(stream);
    await new Promise((resolve) => setTimeout(resolve, 50));
    services.chat.stop({ streamId: stream });
    return expectEnd('stop a stalled stream', await endOf(stream), 'done:stopped');
  }
  if (roll < 0.75) {
    const stream = await regenerate([reply(500)]);
    return expectEnd('regenerate', await endOf(stream), 'done:end');
  }
  if (roll < 0.8) {
    const first = await send([slowReply]);
    await textArrived(first);
    const second = await regenerate([reply(300)]);
    expectEnd('regenerate over a running reply (old)', await endOf(first), 'done:stopped');
    return expectEnd('regenerate over a running reply (new)', await endOf(second), 'done:end');
  }
  if (roll < 0.88) {
    const stream = await send([
      { type: 'http-error', status: 503, headers: { 'retry-after-ms': '20' } },
      reply(200),
    ]);
    return expectEnd('retry after 503, then reply', await endOf(stream), 'done:end');
  }
  const [name, scenarios, want] = pick(errors);
  const stream = await send(scenarios);
  return expectEnd(name, await endOf(stream), want);
}

// ───────────── run ─────────────

const wallStart = performance.now();
while (generationCount < warmUpGenerations) await step();
await waitIdle();
await new Promise((resolve) => setTimeout(resolve, settleMs));
const before = await read();
const generationsBefore = generations.alive;

// The real 30 s first byte, in its own conversation, while the soak runs beside it.
mock.enqueue({ type: 'reply', text: 'Worth the wait.', firstByteDelayMs: slowFirstByteMs });
const slowStart = performance.now();
const slow = await services.chat.send({ text: 'A slow provider' }, sink);
const slowStream = started(slow.turn.replies[0]?.streamId ?? '');
let slowSeconds = 0;
const slowEnd = endOf(slowStream).then((event) => {
  slowSeconds = (performance.now() - slowStart) / 1000;
  return event;
});
await mock.nextRequest();
await new Promise((resolve) => setImmediate(resolve));
conversationId = undefined;

const soakStart = generationCount;
while (generationCount - soakStart < totalGenerations) {
  await step();
  // The mock keeps every request it saw; the soak measures main, not the mock.
  mock.requests.splice(0);
}
const slowResult = await slowEnd;
expectEnd(`first byte after ${slowFirstByteMs / 1000} s`, slowResult, 'done:end');
const slowText = services.chat.snapshot({ conversationId: slow.conversationId })?.turns[0]
  ?.replies[0]?.text;
if (slowText !== 'Worth the wait.')
  unexpected.push(`slow first byte: reply was ${JSON.stringify(slowText)}`);
await waitIdle();
await new Promise((resolve) => setTimeout(resolve, settleMs));
const after = await read();
const generationsAfter = generations.alive;
const activeAfter = services.chat.activeCount;
const soakSeconds = (performance.now() - wallStart) / 1000;

await services.shutdown();
await mock.close();
const db = new DatabaseSync(databasePath);
const integrity = db
  .prepare('PRAGMA integrity_check')
  .all()
  .map((row) => Object.values(row)[0])
  .join(', ');
const foreignKeys = db.prepare('PRAGMA foreign_key_check').all().length;
const replies = Number(
  Object.values(
    db.prepare("SELECT COUNT(*) FROM messages WHERE role = 'assistant'").get() ?? {},
  )[0],
);
const stillStreaming = Number(
  Object.values(
    db.prepare("SELECT COUNT(*) FROM messages WHERE status = 'streaming'").get() ?? {},
  )[0],
);
db.close();
rmSync(dataDir, { recursive: true, force: true });

async function waitIdle() {
  for (const deadline = Date.now() + 120_000; services.chat.activeCount > 0;) {
    if (Date.now() > deadline) throw new Error('generations never finished');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// ───────────── report ─────────────

const heapGrowth = (after.heapUsedMb - before.heapUsedMb) / before.heapUsedMb;
const expectedReplies = generationCount + 1;
const checks: Array<[string, string, string, boolean]> = [
  [
    'heap used after GC (MB)',
    before.heapUsedMb.toFixed(1),
    after.heapUsedMb.toFixed(1),
    heapGrowth <= 0.2,
  ],
  [
    'active handles',
    String(before.handles),
    String(after.handles),
    after.handles <= before.handles + 2,
  ],
  [
    'AbortControllers alive',
    String(before.abortControllersAlive),
    String(after.abortControllersAlive),
    after.abortControllersAlive <= before.abortControllersAlive + 2,
  ],
  [
    'abort listeners on live signals',
    String(before.abortListeners),
    String(after.abortListeners),
    after.abortListeners <= before.abortListeners + 2,
  ],
  [
    'generations alive',
    String(generationsBefore),
    String(generationsAfter),
    generationsAfter === 0,
  ],
  ['generations running', '0', String(activeAfter), activeAfter === 0],
  ['replies saved / started', '', `${replies} / ${expectedReplies}`, replies === expectedReplies],
  ['replies left "streaming" in the DB', '', String(stillStreaming), stillStreaming === 0],
  ['PRAGMA integrity_check', '', integrity, integrity === 'ok'],
  ['PRAGMA foreign_key_check rows', '', String(foreignKeys), foreignKeys === 0],
  ['unexpected outcomes', '', String(unexpected.length), unexpected.length === 0],
  ['errors logged by main', '', String(logged.length), logged.length === 0],
];
const pad = (text: string, width: number) => text.padEnd(width);
console.log(
  `\nsoak: ${generationCount - soakStart} generations after ${soakStart} to warm up, ${soakSeconds.toFixed(0)} s; ` +
    `${after.abortControllersCreated - before.abortControllersCreated} AbortControllers made, ${generations.created} generations tracked; ` +
    `the ${slowFirstByteMs / 1000} s first byte arrived after ${slowSeconds.toFixed(1)} s`,
);
console.log(`${pad('figure', 36)}${pad('before', 10)}${pad('after', 14)}verdict`);
for (const [name, was, now, ok] of checks)
  console.log(`${pad(name, 36)}${pad(was, 10)}${pad(now, 14)}${ok ? 'ok' : 'LEAK/FAIL'}`);
console.log(
  `heap growth ${(heapGrowth * 100).toFixed(1)} %; handles before ${JSON.stringify(before.handleTypes)}, after ${JSON.stringify(after.handleTypes)}`,
);
console.log(`mix: ${[...outcomes].map(([name, count]) => `${name} ${count}`).join(', ')}`);
for (const line of [...unexpected, ...logged].slice(0, 20)) console.log(`  ! ${line}`);
process.exit(checks.every(([, , , ok]) => ok) ? 0 : 1);
