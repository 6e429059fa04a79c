/**
 * Streaming one reply into the page under a trace, and what the page's probe saw: longest task,
 * busy share, per-update costs and receive-to-paint latencies (method: test/bench/README.md).
 * Shared by `run.ts`'s scenarios and the scale scenarios (`scale-scenarios.ts`).
 */
import type { Page } from 'playwright-core';
import type { LaunchedApp } from '../harness';
import type { MockLlm, ReplyScenario } from '../mock-llm';
import type { BenchProbe } from './probe';
import { epochNow, type ReceiveLog } from './receive-log';
import type { DeltaTimeline } from './run-types';
import { busyShare, longestTask, traceRenderer, updateCosts } from './trace';

/** What one streamed reply cost the page. */
export interface StreamResult {
  tokensPerSecond: number;
  chars: number;
  streamMs: number;
  longestTaskMs: number;
  busyShare: number;
  updateCosts: number[];
  latencies: number[];
  longEntries: BenchProbe['long'];
  timeline: DeltaTimeline;
}

/** The app under test, the mock, and main's receive log, as the streaming scenarios use them. */
export interface Bench {
  app: LaunchedApp;
  mock: MockLlm;
  page: Page;
  log: ReceiveLog;
  /** Page epoch clock minus Node's. */
  clockOffset: number;
}

const probe = (page: Page) =>
  page.evaluate(() => (window as unknown as { __bench: BenchProbe }).__bench);

/** Page clock minus Node clock, from the tightest of a few round trips. */
export async function measureClockOffset(page: Page): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 15; i++) {
    const before = epochNow();
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = epochNow();
    if (after - before < best.rtt)
      best = { rtt: after - before, offset: pageNow - (before + after) / 2 };
  }
  return best.offset;
}

/** Start a new conversation as a user does (the sidebar's button). */
export async function newConversation(page: Page) {
  await page.getByRole('button', { name: 'New conversation' }).click();
}

/** Type a message into the composer and press Enter. */
export async function send(page: Page, text: string) {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

/**
 * Wait until main has no generation running, then a few frames for the last paint. `requests`:
 * how many model requests the reply makes (one per step).
 */
export async function untilReplyEnds(bench: Bench, requests = 1) {
  for (let index = 0; index < requests; index++) {
    const request = await bench.mock.nextRequest();
    await request.closed;
  }
  while (bench.app.services.chat.activeCount > 0) await delay(20);
  await delay(400);
}

/** Wait `ms` milliseconds. */
export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A progress line on stderr (the table goes to stdout). */
export const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** Stream one reply into the page and measure it. */
export async function streamReply(
  bench: Bench,
  options: {
    label: string;
    text: string;
    tokensPerSecond: number;
    markers: boolean;
    /**
     * Steps the reply makes before the measured text (tool calls): played first, unmeasured.
     * The final text then waits a moment before its first byte, so the page has painted every
     * card before the updates that are measured begin.
     */
    steps?: ReplyScenario[];
    /**
     * Resolves once the page shows what the steps made (every card done). The harness's IPC (a
     * `page.evaluate` per event) can leave the page a second or more behind main after hundreds
     * of card events, so "the final request arrived" does not mean the page has caught up.
     */
    stepsShown?: () => Promise<unknown>;
  },
): Promise<StreamResult> {
  const { page, mock, log } = bench;
  const steps = options.steps ?? [];
  mock.enqueue(...steps, {
    type: 'reply',
    text: options.text,
    tokensPerSecond: options.tokensPerSecond,
    // Longer than the page takes to catch up on the steps' events (see `stepsShown`), so the
    // text streams into a page that is idle, as the plain runs' does.
    ...(steps.length > 0 ? { firstByteDelayMs: 4_000 } : {}),
  });
  const watch = () =>
    page.evaluate(
      (markers) => (window as unknown as { __bench: BenchProbe }).__bench.watch({ markers }),
      options.markers,
    );
  const firstRequest = mock.requests.length;
  if (steps.length === 0) {
    log.start();
    await watch();
  }
  const label = options.label;
  const trace = await traceRenderer(page, label, async () => {
    await send(page, `Stream ${options.tokensPerSecond} tokens a second, please.`);
    if (steps.length > 0) {
      // The final text's request has arrived: every step before it (and its cards) is done.
      while (mock.requests.length <= firstRequest + steps.length) await delay(10);
      await options.stepsShown?.();
      log.start();
      await watch();
    }
    await untilReplyEnds(bench, steps.length + 1);
  });
  log.stop();
  await page.evaluate(() => (window as unknown as { __bench: BenchProbe }).__bench.unwatch());
  const state = await probe(page);

  if (steps.length > 0) {
    // Only the final text's updates: the page watches once every card is done (all the steps'
    // events are in), and counts from the next text delta that reaches it (`bench:text`).
    const textFrom = trace.marks.get('bench:text')?.[0] ?? Infinity;
    const all = trace.marks.get('bench:update') ?? [];
    const kept = all.filter((at) => at >= textFrom);
    trace.marks.set('bench:update', kept);
    say(`${all.length - kept.length} updates before the final text's first delta left out`);
  }
  const updates = trace.marks.get('bench:update') ?? [];
  const from = updates[0] ?? 0;
  const to = updates.at(-1) ?? 0;
  const latencies: number[] = [];
  for (const [marker, receivedAt] of log.markerAt) {
    const paintedAt = state.paintedMarker[marker];
    if (paintedAt !== undefined) latencies.push(paintedAt - bench.clockOffset - receivedAt);
  }
  const first = state.received[0]?.[0] ?? 0;
  const deltas = state.received.map(([at, text]): [number, string] => [at - first, text]);
  return {
    tokensPerSecond: options.tokensPerSecond,
    chars: log.deltas.reduce((sum, delta) => sum + delta.text.length, 0),
    streamMs: (log.deltas.at(-1)?.at ?? 0) - (log.deltas[0]?.at ?? 0),
    longestTaskMs: longestTask(trace, from, to),
    busyShare: busyShare(trace, from, to),
    updateCosts: updateCosts(trace, 'bench:update'),
    latencies,
    longEntries: state.long,
    timeline: { deltas, streamMs: deltas.at(-1)?.[0] ?? 0 },
  };
}
