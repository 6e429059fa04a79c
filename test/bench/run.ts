/**
 * `npm run bench`: Parley's live-transcript benchmark in the browser harness (real main
 * services, the production renderer build in headless Chromium, the mock LLM over HTTP).
 * Every figure is measured in this one run and printed beside its target. It reports rather
 * than fails: a missed target still exits 0; a crash exits 1. Method: test/bench/README.md.
 */
import { cpus, totalmem } from 'node:os';
import { launchApp, type LaunchedApp } from '../harness';
import { startMockLlm, type MockLlm } from '../mock-llm';
import { runBaseline, type BaselineResult } from './baseline';
import { benchReply } from './fixtures';
import { addBenchPicture } from './image-messages';
import { measureOpen, reloadWith, type OpenFigures } from './open-conversation';
import { probeScript } from './probe';
import { ReceiveLog } from './receive-log';
import { printReport, type Row } from './report';
import { scaleScenarios, runScaleScenarios } from './scale-scenarios';
import { seedConversation } from './seed';
import {
  delay,
  measureClockOffset,
  newConversation,
  say,
  streamReply,
  type Bench,
  type StreamResult,
} from './stream-reply';
import { addEchoServer, toolCardCount, toolStepScenarios } from './tool-cards';
import { median, percentile } from './trace';

const replyLength = 20_000;
/** Issue 13: opening a conversation of this many image messages (one image per user message). */
const imageMessages = 200;
/** 30 tok/s would take ~2.8 min for the whole reply: stream its first 20 s instead. */
const slowSeconds = 20;

/** Per-update cost in the last quarter of the updates ÷ the first quarter (medians). */
function quarterRatio(costs: number[]) {
  const quarter = Math.floor(costs.length / 4);
  const first = median(costs.slice(0, quarter));
  const last = median(costs.slice(costs.length - quarter));
  return { first, last, ratio: last / first };
}

/**
 * `PARLEY_BENCH_ONLY=<names>` (comma-separated) runs only some scenarios: `live` (every scenario
 * before issue 15's), `scale` (all of issue 15's), or single ones of `scaleScenarios`
 * (`open10k`, `scroll10k`, …). Unset: everything.
 */
function onlyScenarios(): Set<string> | null {
  const value = process.env.PARLEY_BENCH_ONLY?.trim();
  if (!value) return null;
  const names = new Set(value.split(',').map((name) => name.trim()));
  for (const name of names) {
    if (
      name !== 'live' &&
      name !== 'scale' &&
      !(scaleScenarios as readonly string[]).includes(name)
    )
      throw new Error(
        `PARLEY_BENCH_ONLY: no scenario ${name} (live, scale, ${scaleScenarios.join(', ')})`,
      );
  }
  return names;
}

async function main() {
  const started = performance.now();
  const only = onlyScenarios();
  const mock = await startMockLlm();
  const rows: Row[] = [];
  const info: string[] = [];
  let chromium = 'unknown';
  try {
    if (only === null || only.has('live')) {
      const live = await liveScenarios(mock);
      rows.push(...live.rows);
      info.push(...live.info);
      chromium = live.chromium;
    }
    if (only === null || [...only].some((name) => name !== 'live')) {
      const scale = await runScaleScenarios(only);
      rows.push(...scale.rows);
      info.push(...scale.info);
      chromium = scale.chromium;
    }
  } finally {
    await mock.close();
  }
  printReport({
    machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium ${chromium} (headless, no GPU)`,
    rows,
    info,
    seconds: (performance.now() - started) / 1000,
  });
}

/** Every scenario before issue 15's, in one app on a fresh data folder. */
async function liveScenarios(
  mock: MockLlm,
): Promise<{ rows: Row[]; info: string[]; chromium: string }> {
  const log = new ReceiveLog();
  const app = await launchApp({
    env: { ANTHROPIC_API_KEY: 'sk-ant-bench', ANTHROPIC_BASE_URL: mock.url },
    wrapFetch: log.wrap,
  });
  const { page } = app;
  const bench: Bench = { app, mock, page, log, clockOffset: 0 };
  try {
    await page.addInitScript(probeScript());
    await page.reload();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    bench.clockOffset = await measureClockOffset(page);
    const browser = page.context().browser();
    const chromium = browser?.version() ?? 'unknown';
    const reply = benchReply(replyLength);

    // A first reply loads what a session loads once (markdown, highlighter): measured apart.
    say('warm-up reply (cold start)');
    const cold = await streamReply(bench, {
      label: 'cold-start',
      text: benchReply(3_000, 1, 1),
      tokensPerSecond: 3_000,
      markers: false,
    });

    const runs: StreamResult[] = [];
    for (const tokensPerSecond of [30, 300, 3_000]) {
      say(`streaming ${replyLength} characters at ${tokensPerSecond} tokens/s`);
      await newConversation(page);
      runs.push(
        await streamReply(bench, {
          label: `stream-${tokensPerSecond}`,
          // ~4 characters a token: the first `slowSeconds` of the reply at 30 tok/s.
          text: tokensPerSecond === 30 ? reply.slice(0, 30 * 4 * slowSeconds) : reply,
          tokensPerSecond,
          markers: tokensPerSecond !== 3_000,
        }),
      );
    }
    const [slow, medium, fast] = runs as [StreamResult, StreamResult, StreamResult];

    say(`the same reply at 3000 tokens/s after ${toolCardCount} tool calls (cards) in that reply`);
    await newConversation(page);
    const removeEchoServer = await addEchoServer(app);
    const withCards = await streamReply(bench, {
      label: 'stream-after-50-tool-cards',
      text: reply,
      tokensPerSecond: 3_000,
      markers: false,
      steps: toolStepScenarios(),
      stepsShown: () =>
        page.waitForFunction(
          (count) => document.querySelectorAll('.tool-call.tool-call-done').length >= count,
          toolCardCount,
          { timeout: 30_000, polling: 50 },
        ),
    });
    const cardsShown = await page.locator('[data-testid="tool-call"]').count();
    await removeEchoServer();

    say('seeding 500 turns (1,000 messages) and streaming the reply after them');
    await seedConversation(app, mock, 500);
    await reloadWith(page, 500);
    await delay(500);
    const long = await streamReply(bench, {
      label: 'stream-after-1000-messages',
      text: reply,
      tokensPerSecond: 3_000,
      markers: false,
    });
    say('the same without render-when-visible (content-visibility off)');
    const styleOff = await page.addStyleTag({
      content: '.turn-settled { content-visibility: visible !important; }',
    });
    await delay(500);
    const longNoCv = await streamReply(bench, {
      label: 'stream-after-1000-messages-no-content-visibility',
      text: reply,
      tokensPerSecond: 3_000,
      markers: false,
    });
    await styleOff.evaluate((node) => (node as Element).remove());

    say('opening a 500-message conversation');
    await seedConversation(app, mock, 250);
    const open = await measureOpen(page, 'open-500-messages', 250);

    say(`opening a conversation of ${imageMessages} messages with an image each`);
    await seedConversation(app, mock, imageMessages, (index) => addBenchPicture(app, index));
    const openImages = await measureOpen(page, 'open-200-image-messages', imageMessages);
    const thumbnails = await page.locator('.message-attachment-thumb img').count();
    const imageSnapshot = snapshotSizes(app);

    say('naive baseline: the same deltas, react-markdown re-rendering the whole reply each');
    let baseline: BaselineResult | null = null;
    if (browser) baseline = await runBaseline(browser, fast.timeline);

    const latencies = [...slow.latencies, ...medium.latencies];
    const quarters = quarterRatio(fast.updateCosts);
    const withNone = median(fast.updateCosts);
    const withMany = median(long.updateCosts);
    const withManyNoCv = median(longNoCv.updateCosts);
    const withToolCards = median(withCards.updateCosts);
    const rows: Row[] = [
      {
        figure: 'receive-to-paint latency of a delta, p95 (30 + 300 tok/s)',
        value: `${fmt(percentile(latencies, 95))} ms (p50 ${fmt(percentile(latencies, 50))}, n=${latencies.length})`,
        target: '≤ 33 ms',
        pass: percentile(latencies, 95) <= 33,
      },
      ...runs.map((run) => ({
        figure: `longest main-thread task, ${run.tokensPerSecond} tok/s (${run.chars.toLocaleString('en')} chars${run === slow ? `, first ${slowSeconds} s` : ''})`,
        value: `${fmt(run.longestTaskMs)} ms`,
        target: '≤ 50 ms',
        pass: run.longestTaskMs <= 50,
      })),
      {
        figure: 'renderer main-thread busy share, 3000 tok/s',
        value: `${fmt(fast.busyShare * 100)} %`,
        target: '≤ 40 %',
        pass: fast.busyShare <= 0.4,
      },
      {
        figure: 'per-update cost, last quarter ÷ first quarter (3000 tok/s)',
        value: `${fmt(quarters.ratio, 2)} (${fmt(quarters.last, 2)} / ${fmt(quarters.first, 2)} ms)`,
        target: '≤ 1.3',
        pass: quarters.ratio <= 1.3,
      },
      {
        figure: 'per-update cost, 1,000 earlier messages ÷ none',
        value: `${fmt(withMany / withNone, 2)} (${fmt(withMany, 2)} / ${fmt(withNone, 2)} ms)`,
        target: '≤ 1.2',
        pass: withMany / withNone <= 1.2,
      },
      {
        figure: `per-update cost while a reply with ${toolCardCount} tool cards streams ÷ plain text`,
        value: `${fmt(withToolCards / withNone, 2)} (${fmt(withToolCards, 2)} / ${fmt(withNone, 2)} ms)`,
        target: '≤ 1.2',
        pass: withToolCards / withNone <= 1.2,
      },
      {
        figure: `longest main-thread task, 3000 tok/s after ${toolCardCount} tool cards`,
        value: `${fmt(withCards.longestTaskMs)} ms`,
        target: '≤ 50 ms',
        pass: withCards.longestTaskMs <= 50,
      },
      {
        figure: `renderer main-thread busy share, 3000 tok/s after ${toolCardCount} tool cards`,
        value: `${fmt(withCards.busyShare * 100)} %`,
        target: '≤ 40 %',
        pass: withCards.busyShare <= 0.4,
      },
      ...openRows('open a 500-message conversation', open),
      ...openRows(`open a conversation of ${imageMessages} image messages`, openImages),
    ];
    const info: string[] = [
      `naive baseline, 3000 tok/s, same deltas: longest task ${fmt(baseline?.longestTaskMs ?? NaN)} ms vs ours ${fmt(fast.longestTaskMs)} ms (×${fmt((baseline?.longestTaskMs ?? NaN) / fast.longestTaskMs, 1)}); busy share ${fmt((baseline?.busyShare ?? NaN) * 100)} % vs ours ${fmt(fast.busyShare * 100)} % (×${fmt((baseline?.busyShare ?? NaN) / fast.busyShare, 1)}); it took ${fmt(baseline?.durationMs ?? NaN)} ms to show a stream of ${fmt(baseline?.streamMs ?? NaN)} ms`,
      `render-when-visible: per-update cost with 1,000 earlier messages ${fmt(withMany, 2)} ms with content-visibility, ${fmt(withManyNoCv, 2)} ms without (none earlier: ${fmt(withNone, 2)} ms, the floor virtualization could reach); busy share ${fmt(long.busyShare * 100)} % vs ${fmt(longNoCv.busyShare * 100)} %; longest task ${fmt(long.longestTaskMs)} vs ${fmt(longNoCv.longestTaskMs)} ms`,
      `receive-to-paint p95 by rate: 30 tok/s ${fmt(percentile(slow.latencies, 95))} ms, 300 tok/s ${fmt(percentile(medium.latencies, 95))} ms`,
      `busy share by rate: 30 tok/s ${fmt(slow.busyShare * 100)} %, 300 tok/s ${fmt(medium.busyShare * 100)} %; updates measured at 3000 tok/s: ${fast.updateCosts.length}, median ${fmt(withNone, 2)} ms, p95 ${fmt(percentile(fast.updateCosts, 95), 2)} ms`,
      `tool cards: ${cardsShown} cards in the transcript while the final text streamed (${withCards.chars.toLocaleString('en')} of its characters arrived after the page had every card done); ${withCards.updateCosts.length} updates measured, median ${fmt(withToolCards, 2)} ms, p95 ${fmt(percentile(withCards.updateCosts, 95), 2)} ms (plain text: median ${fmt(withNone, 2)} ms, p95 ${fmt(percentile(fast.updateCosts, 95), 2)} ms)`,
      `page's own PerformanceObserver (≥ 50 ms only): ${describeLong(runs.concat(long))}`,
      `cold start (first reply of the session, 3,000 chars at 3000 tok/s): longest task ${fmt(cold.longestTaskMs)} ms`,
      `image messages: ${imageMessages} turns, each user message with one distinct 320 × 240 palette PNG added through main's intake (its 256 px thumbnail shown); ${thumbnails} thumbnails in the transcript once all were mounted; the snapshot the page loads is ${fmt(imageSnapshot.total / 1e6, 1)} MB of JSON, ${fmt(imageSnapshot.thumbnails / 1e6, 1)} MB of it thumbnails`,
    ];
    return { rows, info, chromium };
  } finally {
    await app.close();
  }
}

/** The latest conversation's snapshot as the page receives it: its JSON size and the thumbnails' share (bytes). */
function snapshotSizes(app: LaunchedApp): { total: number; thumbnails: number } {
  const snapshot = app.services.chat.snapshot({});
  const thumbnails = (snapshot?.turns ?? [])
    .flatMap((turn) => turn.attachments ?? [])
    .reduce((sum, view) => sum + (view.thumbnail?.length ?? 0), 0);
  return { total: JSON.stringify(snapshot).length, thumbnails };
}

/** The two rows of opening a conversation: first paint ≤ 300 ms, longest task ≤ 100 ms. */
function openRows(what: string, open: OpenFigures): Row[] {
  return [
    {
      figure: `${what}: first paint`,
      value: `${fmt(open.firstPaint ?? Number.NaN)} ms`,
      target: '≤ 300 ms',
      pass: (open.firstPaint ?? Infinity) <= 300,
    },
    {
      figure: `${what}: longest task`,
      value: `${fmt(open.longestTask)} ms`,
      target: '≤ 100 ms',
      pass: open.longestTask <= 100,
    },
  ];
}

function describeLong(runs: StreamResult[]): string {
  return runs
    .map((run) => {
      const frames = run.longEntries.filter((entry) => entry.type === 'long-animation-frame');
      const tasks = run.longEntries.filter((entry) => entry.type === 'longtask');
      const max = Math.max(0, ...run.longEntries.map((entry) => entry.duration));
      return `${run.tokensPerSecond} tok/s ${tasks.length} long tasks, ${frames.length} long frames (max ${fmt(max)} ms)`;
    })
    .join('; ');
}

function fmt(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench crashed:', error);
    process.exit(1);
  },
);
