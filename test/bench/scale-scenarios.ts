/**
 * Issue 15's figures in the browser harness: the app started on the seeded data folder
 * (`scale-seed.ts`: 10,000 conversations, the latest 10,000 messages long) and driven as a user
 * drives it — restart, open, scroll with the wheel, search, stream a reply. Written against what
 * the user sees (messages by their `data-message-id`, the composer, the search dialog), not the
 * transcript's internals, so it measures whichever transcript the build has. Method:
 * test/bench/README.md ("Long conversations").
 */
import type { Page } from 'playwright-core';
import { launchApp } from '../harness';
import { startMockLlm } from '../mock-llm';
import { benchReply } from './fixtures';
import type { BenchProbe } from './probe';
import { probeScript } from './probe';
import { ReceiveLog } from './receive-log';
import type { Row } from './report';
import { prepareScaleData, searchTerm, searchText, type ScaleData } from './scale-seed';
import { scrollToFirst, type ScrollFigures } from './scroll-scenario';
import {
  delay,
  measureClockOffset,
  newConversation,
  say,
  streamReply,
  type Bench,
} from './stream-reply';
import { longestTask, median, traceRenderer } from './trace';

/** The scale scenarios by the names `PARLEY_BENCH_ONLY` takes. */
export const scaleScenarios = [
  'cold10k',
  'open10k',
  'heap10k',
  'search10k',
  'scroll10k',
  'stream10k',
] as const;
export type ScaleScenario = (typeof scaleScenarios)[number];

/** Rows for the table and lines for the notes. */
export interface ScaleResult {
  rows: Row[];
  info: string[];
  chromium: string;
}

const probe = (page: Page) =>
  page.evaluate(() => (window as unknown as { __bench: BenchProbe }).__bench);

/** Reload; resolves once the probe has seen the composer ready (and `target`, if named, painted). */
async function reload(page: Page, target: string | null): Promise<void> {
  await page.evaluate((id) => {
    if (id === null) sessionStorage.removeItem('bench:target');
    else sessionStorage.setItem('bench:target', id);
  }, target);
  await page.reload();
  await page.waitForFunction(
    () => {
      const state = (window as unknown as { __bench?: BenchProbe }).__bench;
      if (!state || (state.composerPaint ?? -1) < 0) return false;
      return sessionStorage.getItem('bench:target') === null || (state.targetPaint ?? -1) >= 0;
    },
    undefined,
    { timeout: 60_000, polling: 50 },
  );
}

/** Wait until the number of messages in the DOM has not changed for `quietMs` (at most 15 s). */
async function untilSettled(page: Page, quietMs = 600): Promise<void> {
  let count = -1;
  let since = performance.now();
  for (const end = performance.now() + 15_000; performance.now() < end;) {
    const now = await page.evaluate(() => document.querySelectorAll('[data-message-id]').length);
    if (now !== count) {
      count = now;
      since = performance.now();
    } else if (performance.now() - since >= quietMs) return;
    await delay(100);
  }
}

/** The renderer's JS heap after a full garbage collection (CDP), in MB. */
async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return usage.usedSize / 1e6;
  } finally {
    await cdp.detach();
  }
}

/**
 * Open a search hit the way a user does (Ctrl+K, type, arrow keys to the hit, Enter); ms from
 * the Enter key to the first painted frame with the hit's message highlighted on screen, or a
 * reason. The hit is the option whose snippet is the seeded message's text, wherever the list
 * puts it (hits carry no message id on screen): with none or more than one, there is no figure.
 */
async function jumpToHit(page: Page, messageId: string): Promise<number | string> {
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill(searchTerm);
  // The status line gives the count once the search is done (not while it is typing or running).
  await dialog
    .getByRole('status')
    .filter({ hasText: /\d+ results?$/ })
    .waitFor({ timeout: 10_000 });
  const snippets = await dialog.getByRole('option').locator('.search-snippet').allTextContents();
  // A snippet may be cut to the words around the match, marked with an ellipsis.
  const matching = snippets.flatMap((snippet, index) => {
    const parts = snippet.split('…').map((part) => part.trim());
    return parts.every((part) => searchText.includes(part)) && snippet.includes(searchTerm)
      ? [index]
      : [];
  });
  if (matching.length !== 1) {
    await page.keyboard.press('Escape');
    return `${matching.length} of the ${snippets.length} hits are the seeded message`;
  }
  for (let step = 0; step < (matching[0] ?? 0); step++) await page.keyboard.press('ArrowDown');
  const timing = page
    .evaluate((id) => {
      const find = () =>
        [...document.querySelectorAll<HTMLElement>('[data-message-id]')].find(
          (element) => element.dataset.messageId === id && element.dataset.revealed === 'true',
        );
      return new Promise<number | string>((resolve) => {
        let pressed = -1;
        const giveUp = setTimeout(() => {
          const element = [...document.querySelectorAll<HTMLElement>('[data-message-id]')].find(
            (candidate) => candidate.dataset.messageId === id,
          );
          const where = element
            ? `in the DOM at ${Math.round(element.getBoundingClientRect().top)} px, ${element.dataset.revealed ? 'highlighted' : 'not highlighted'}`
            : 'not in the DOM';
          resolve(
            `not highlighted on screen within 10 s (${pressed < 0 ? 'Enter not seen; ' : ''}${where})`,
          );
        }, 10_000);
        window.addEventListener(
          'keydown',
          (event) => {
            if (event.key === 'Enter') pressed = event.timeStamp;
          },
          { capture: true, once: true },
        );
        const frame = () => {
          const element = find();
          const box = element?.getBoundingClientRect();
          if (pressed >= 0 && box && box.bottom > 0 && box.top < window.innerHeight) {
            requestAnimationFrame(() =>
              setTimeout(() => {
                clearTimeout(giveUp);
                resolve(performance.now() - pressed);
              }, 0),
            );
            return;
          }
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
    }, messageId)
    // Settled here, so a failure in the page never becomes an unhandled rejection.
    .catch((error: unknown) => `failed in the page: ${String(error)}`);
  await delay(50);
  await page.keyboard.press('Enter');
  return timing;
}

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/**
 * Run the chosen scale scenarios (all when `only` is null) against a copy of the seeded data
 * folder, with a mock of their own (the streamed replies' requests are awaited in order, so no
 * earlier scenario's requests may be in its list).
 */
export async function runScaleScenarios(only: ReadonlySet<string> | null): Promise<ScaleResult> {
  const wanted = (name: ScaleScenario) => only === null || only.has(name) || only.has('scale');
  const data: ScaleData = await prepareScaleData(say);
  const mock = await startMockLlm();
  const log = new ReceiveLog();
  const app = await launchApp({
    env: { ANTHROPIC_API_KEY: 'sk-ant-bench', ANTHROPIC_BASE_URL: mock.url },
    wrapFetch: log.wrap,
    userDataDir: data.dataDir,
  });
  const { page } = app;
  const rows: Row[] = [];
  const info: string[] = [
    `scale seed: ${data.conversations.toLocaleString('en')} conversations, ${data.messages.toLocaleString('en')} messages; the long one ${(2 * 5_000).toLocaleString('en')} messages with ${data.images} pictures and ${data.toolCalls.toLocaleString('en')} tool cards, written through main's storage classes (${data.buildSeconds > 0 ? `built in ${fmt(data.buildSeconds)} s` : 'cached template'})`,
  ];
  try {
    await page.addInitScript(probeScript());
    await reload(page, null);
    const chromium = page.context().browser()?.version() ?? 'unknown';

    if (wanted('cold10k')) {
      say('cold start with 10,000 conversations (three reloads)');
      const times: number[] = [];
      for (let round = 0; round < 3; round++) {
        await reload(page, null);
        times.push((await probe(page)).composerPaint ?? Number.NaN);
        await untilSettled(page);
      }
      const value = median(times);
      rows.push({
        figure: 'cold start with 10,000 conversations: page load to the composer accepting input',
        value: `${fmt(value)} ms (${times.map((time) => fmt(time)).join(', ')})`,
        target: '≤ 400 ms',
        pass: value <= 400,
      });
    }

    if (wanted('open10k')) {
      say(
        'opening the 10,000-message conversation (restart into it, twice; from the sidebar, once)',
      );
      const paints: number[] = [];
      const tasks: number[] = [];
      for (let round = 0; round < 2; round++) {
        const trace = await traceRenderer(page, `open-10000-messages-${round}`, async () => {
          await reload(page, data.newestMessageId);
          await untilSettled(page);
          await page.evaluate(() => performance.mark('bench:mounted'));
        });
        paints.push((await probe(page)).targetPaint ?? Number.NaN);
        const from = trace.marks.get('bench:load')?.at(-1) ?? 0;
        const to = trace.marks.get('bench:mounted')?.at(-1) ?? 0;
        tasks.push(longestTask(trace, from, to));
      }
      // From the sidebar: a new conversation first, then a click on the long one.
      await newConversation(page);
      await untilSettled(page);
      const fromSidebar = await openFromSidebar(page, data.newestMessageId);
      await untilSettled(page);
      rows.push(
        {
          figure:
            'open the 10,000-message conversation (restart into it): first paint of the newest turns',
          value: `${fmt(median(paints))} ms (${paints.map((paint) => fmt(paint)).join(', ')})`,
          target: '≤ 200 ms',
          pass: median(paints) <= 200,
        },
        {
          figure: 'longest task while opening it',
          value: `${fmt(Math.max(...tasks))} ms (${tasks.map((task) => fmt(task)).join(', ')})`,
          target: '≤ 50 ms',
          pass: Math.max(...tasks) <= 50,
        },
        {
          figure: 'open it from the sidebar: click to the first paint of the newest turns',
          value:
            typeof fromSidebar === 'number' ? `${fmt(fromSidebar)} ms` : `n/a (${fromSidebar})`,
          target: '≤ 200 ms',
          pass: typeof fromSidebar === 'number' && fromSidebar <= 200,
        },
      );
    }

    let emptyHeap = Number.NaN;
    if (wanted('heap10k') || wanted('scroll10k')) {
      await reload(page, null);
      await newConversation(page);
      await untilSettled(page);
      emptyHeap = await heapMb(page);
    }
    const heapTarget = emptyHeap * 2 + 50;
    if (wanted('heap10k')) {
      say('renderer heap: an empty conversation, then the 10,000-message one open');
      await reload(page, data.newestMessageId);
      await untilSettled(page);
      const openHeap = await heapMb(page);
      rows.push({
        figure: 'renderer JS heap with the 10,000-message conversation open (after GC)',
        value: `${fmt(openHeap, 2)} MB (empty conversation ${fmt(emptyHeap, 2)} MB)`,
        target: `≤ 2 × empty + 50 MB (${fmt(heapTarget, 1)})`,
        pass: openHeap <= heapTarget,
      });
    }

    if (wanted('search10k')) {
      say('jumping to a search hit 9,000 messages up (three times)');
      const times: Array<number | string> = [];
      for (let round = 0; round < 3; round++) {
        await reload(page, null);
        await untilSettled(page);
        times.push(await jumpToHit(page, data.searchMessageId));
        await untilSettled(page);
      }
      const measured = times.filter((time): time is number => typeof time === 'number');
      const value = measured.length === times.length ? median(measured) : Number.NaN;
      rows.push({
        figure:
          'jump to a search hit 9,000 messages up: Enter to the highlighted message on screen',
        value: `${fmt(value)} ms (${times.map((time) => (typeof time === 'number' ? fmt(time) : time)).join(', ')})`,
        target: '≤ 300 ms',
        pass: value <= 300,
      });
    }

    if (wanted('scroll10k')) {
      const wheelPx = Number(process.env.PARLEY_BENCH_WHEEL_PX ?? 2_400);
      say(`scrolling from the newest message to the first, ${wheelPx} px a wheel step`);
      await reload(page, data.newestMessageId);
      await untilSettled(page);
      const scroll = await scrollToFirst(app, {
        firstMessageId: data.firstMessageId,
        wheelPx,
        timeoutMs: Number(process.env.PARLEY_BENCH_SCROLL_TIMEOUT_S ?? 300) * 1_000,
        stallMs: 10_000,
      });
      const scrolledHeap = await heapMb(page);
      rows.push(...scrollRows(scroll));
      rows.push({
        figure: 'renderer JS heap after scrolling through all of it (after GC)',
        value: `${fmt(scrolledHeap, 2)} MB (empty conversation ${fmt(emptyHeap, 2)} MB)${scroll.reachedFirst ? '' : ' — the scroll never reached the first message'}`,
        target: `≤ 2 × empty + 50 MB (${fmt(heapTarget, 1)})`,
        pass: scroll.reachedFirst && scrolledHeap <= heapTarget,
      });
      info.push(
        `scroll: ${scroll.steps} wheel steps of ${scroll.wheelPx} px in ${fmt(scroll.seconds)} s (${fmt(scroll.pxPerSecond)} px/s moved on screen), ${scroll.loads} pages of older turns loaded, ${scroll.messagesInDom} messages in the DOM at the end; longest task ${fmt(scroll.longestTask)} ms, longest gap between two frames ${fmt(scroll.longestFrameGap)} ms; ${scroll.jumps} jumps (${scroll.jumpsAtLoad} in a step where a page arrived), largest ${fmt(scroll.largestJump)} px${scroll.missReason ? `; stopped: ${scroll.missReason}` : ''}`,
      );
    }

    if (wanted('stream10k')) {
      say('streaming the 20,000-character reply after 10,000 messages, then in a new conversation');
      await reload(page, data.newestMessageId);
      await untilSettled(page);
      const bench: Bench = { app, mock, page, log, clockOffset: await measureClockOffset(page) };
      const reply = benchReply(20_000);
      const after = await streamReply(bench, {
        label: 'stream-after-10000-messages',
        text: reply,
        tokensPerSecond: 3_000,
        markers: false,
      });
      await newConversation(page);
      await delay(500);
      const none = await streamReply(bench, {
        label: 'stream-scale-empty',
        text: reply,
        tokensPerSecond: 3_000,
        markers: false,
      });
      const withMany = median(after.updateCosts);
      const withNone = median(none.updateCosts);
      rows.push({
        figure:
          'per-update cost of a reply streamed after 10,000 messages ÷ in an empty conversation',
        value: `${fmt(withMany / withNone, 2)} (${fmt(withMany, 2)} / ${fmt(withNone, 2)} ms)`,
        target: '≤ 1.2',
        pass: withMany / withNone <= 1.2,
      });
      info.push(
        `streaming after 10,000 messages: ${after.updateCosts.length} updates, longest task ${fmt(after.longestTaskMs)} ms, busy share ${fmt(after.busyShare * 100)} % (empty conversation: ${none.updateCosts.length} updates, ${fmt(none.longestTaskMs)} ms, ${fmt(none.busyShare * 100)} %)`,
      );
    }
    if (app.errors.page.length > 0 || app.errors.main.length > 0)
      info.push(
        `errors during the scale scenarios: ${[...app.errors.main, ...app.errors.page].slice(0, 5).join(' | ')}`,
      );
    return { rows, info, chromium };
  } finally {
    await app.close();
    await mock.close();
    data.remove();
  }
}

/**
 * Click the long conversation in the sidebar (the latest, so first in it); ms from the click to
 * the first painted frame showing `newestMessageId` on screen with the transcript filled and
 * scrolled to its end (as the reader will see it), or why it never showed.
 */
async function openFromSidebar(page: Page, newestMessageId: string): Promise<number | string> {
  const timing = page
    .evaluate((id) => {
      return new Promise<number | string>((resolve) => {
        let clicked = -1;
        const giveUp = setTimeout(() => resolve('not on screen within 10 s'), 10_000);
        window.addEventListener('click', (event) => (clicked = event.timeStamp), {
          capture: true,
          once: true,
        });
        const frame = () => {
          const element = [...document.querySelectorAll<HTMLElement>('[data-message-id]')].find(
            (candidate) => candidate.dataset.messageId === id,
          );
          const box = element?.getBoundingClientRect();
          // As the probe's targetPaint: on screen, the transcript filled and at its end.
          const log = document.querySelector<HTMLElement>('[role="log"]');
          const settled =
            log !== null &&
            log.scrollHeight > log.clientHeight &&
            log.scrollHeight - log.scrollTop - log.clientHeight < 2;
          if (clicked >= 0 && box && box.bottom > 0 && box.top < window.innerHeight && settled) {
            requestAnimationFrame(() =>
              setTimeout(() => {
                clearTimeout(giveUp);
                resolve(performance.now() - clicked);
              }, 0),
            );
            return;
          }
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
    }, newestMessageId)
    // Settled here, so a failure in the page never becomes an unhandled rejection.
    .catch((error: unknown) => `failed in the page: ${String(error)}`);
  await delay(50);
  await page
    .getByRole('button', { name: /A very long conversation/ })
    .first()
    .click();
  return timing;
}

/** The table's rows of the scroll: longest animation frame, and whether it ever jumped. */
function scrollRows(scroll: ScrollFigures): Row[] {
  const reached = scroll.reachedFirst
    ? ''
    : ` — never reached the first message: ${scroll.missReason ?? '?'}`;
  return [
    {
      figure: 'scroll from the newest to the first message (fast wheel): longest animation frame',
      value: `${scroll.longestFrame === null ? '< 50 ms (none ≥ 50 reported)' : `${fmt(scroll.longestFrame)} ms`}${reached}`,
      target: '≤ 50 ms',
      pass: scroll.reachedFirst && (scroll.longestFrame ?? 0) <= 50,
    },
    {
      figure: 'scroll position jumps (a message on screen moved other than the wheel moved it)',
      value: `${scroll.jumps} (largest ${fmt(scroll.largestJump)} px, ${scroll.loads} pages loaded)${reached}`,
      target: 'none',
      pass: scroll.reachedFirst && scroll.jumps === 0,
    },
  ];
}
