/**
 * Scrolling a long conversation from its newest message to its first with the mouse wheel, as a
 * user flings through it (issue 15): wheel events from Chromium's input pipeline (CDP
 * `Input.dispatchMouseEvent`), one step at a time, each followed by the frame that paints it.
 * Whatever loads older turns (paging, a virtualizer) has to keep up; the scenario only waits.
 *
 * A jump: between two painted frames, a message on screen (the anchor) moved by something other
 * than the wheel step between them. With no jump it moves down by exactly the step (or by less
 * when the list hits its top), however many turns were inserted above it meanwhile.
 */
import type { CDPSession } from 'playwright-core';
import type { LaunchedApp } from '../harness';
import type { BenchProbe } from './probe';
import { delay } from './stream-reply';
import { longestTask, traceRenderer } from './trace';

/** What the scroll cost and whether it ever jumped. */
export interface ScrollFigures {
  /** Whether the first message of the conversation was in the DOM at the end. */
  reachedFirst: boolean;
  /** Why it did not get there (timeout, or no older turns loaded while at the top), else null. */
  missReason: string | null;
  seconds: number;
  steps: number;
  /** Pixels a wheel step asks for, and the resulting speed (px/s) over the whole scroll. */
  wheelPx: number;
  pxPerSecond: number;
  /** `chat:turns` pages main answered during the scroll. */
  loads: number;
  /** Longest animation frame the page's observer reported (only ≥ 50 ms are), else null. */
  longestFrame: number | null;
  /** Longest main-thread task in the trace of the scroll, and the longest gap between frames. */
  longestTask: number;
  longestFrameGap: number;
  /** Steps where the anchor moved other than the wheel moved it, the largest such error (px). */
  jumps: number;
  largestJump: number;
  /** Jumps in a step during which a page of older turns arrived. */
  jumpsAtLoad: number;
  /** Message elements in the DOM at the end. */
  messagesInDom: number;
}

/** One reading in the page after a painted frame. */
interface Reading {
  scrollTop: number;
  anchorId: string | null;
  anchorTop: number;
  firstInDom: boolean;
  messages: number;
  /** The longest gap between two frames since the last reading (ms). */
  frameGap: number;
  /** Where the previous reading's anchor is now (null: none, or gone from the DOM). */
  previousAnchorTop: number | null;
}

/**
 * Runs in the page: finds the transcript's scroller and reads where things are, after the next
 * frame has been painted (a task queued from inside the frame), and once the scroll position has
 * stopped moving (smooth scrolling animates a wheel step over a few frames).
 */
function readAfterPaint(ids: {
  firstMessageId: string;
  previousAnchorId: string | null;
}): Promise<Reading> {
  const w = window as unknown as { __benchGap?: { last: number; max: number } };
  if (!w.__benchGap) {
    const gap = { last: performance.now(), max: 0 };
    w.__benchGap = gap;
    const tick = (now: number) => {
      gap.max = Math.max(gap.max, now - gap.last);
      gap.last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }
  const messages = () => [...document.querySelectorAll<HTMLElement>('[data-message-id]')];
  const scroller = (): HTMLElement | null => {
    let node: HTMLElement | null = messages()[0] ?? null;
    while (node) {
      const style = getComputedStyle(node);
      if (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight)
        return node;
      node = node.parentElement;
    }
    return null;
  };
  const afterFrame = () =>
    new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return (async () => {
    let last = -1;
    for (let frame = 0; frame < 30; frame++) {
      await afterFrame();
      const top = scroller()?.scrollTop ?? 0;
      if (top === last) break;
      last = top;
    }
    const box = scroller();
    const view = box?.getBoundingClientRect();
    // The anchor: the first message whose top is inside the scroller's box.
    const anchor = messages().find((element) => {
      const rect = element.getBoundingClientRect();
      return view !== undefined && rect.top >= view.top && rect.top < view.bottom;
    });
    const previous = messages().find(
      (element) => element.dataset.messageId === ids.previousAnchorId,
    );
    const gap = w.__benchGap?.max ?? 0;
    if (w.__benchGap) w.__benchGap.max = 0;
    return {
      scrollTop: box?.scrollTop ?? 0,
      anchorId: anchor?.dataset.messageId ?? null,
      anchorTop: anchor?.getBoundingClientRect().top ?? 0,
      firstInDom: messages().some((element) => element.dataset.messageId === ids.firstMessageId),
      messages: messages().length,
      frameGap: gap,
      previousAnchorTop: previous ? previous.getBoundingClientRect().top : null,
    };
  })();
}

/**
 * Scroll the open conversation up to its first message (`firstMessageId`), `wheelPx` a step,
 * under a trace; give up after `timeoutMs`, or after `stallMs` at the top with nothing loaded.
 */
export async function scrollToFirst(
  app: LaunchedApp,
  options: { firstMessageId: string; wheelPx: number; timeoutMs: number; stallMs: number },
): Promise<ScrollFigures> {
  const { page } = app;
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const box = await page.locator('[role="log"]').first().boundingBox();
  const x = (box?.x ?? 400) + (box?.width ?? 600) / 2;
  const y = (box?.y ?? 300) + (box?.height ?? 400) / 2;
  const loadsBefore = app.ipcLog.filter(
    (entry) => entry.direction === 'result' && entry.channel === 'chat:turns',
  ).length;
  const countLoads = () =>
    app.ipcLog.filter((entry) => entry.direction === 'result' && entry.channel === 'chat:turns')
      .length - loadsBefore;

  const figures: ScrollFigures = {
    reachedFirst: false,
    missReason: null,
    seconds: 0,
    steps: 0,
    wheelPx: options.wheelPx,
    pxPerSecond: 0,
    loads: 0,
    longestFrame: null,
    longestTask: 0,
    longestFrameGap: 0,
    jumps: 0,
    largestJump: 0,
    jumpsAtLoad: 0,
    messagesInDom: 0,
  };
  let scrolled = 0;
  const started = performance.now();
  const trace = await traceRenderer(page, 'scroll-10000-messages', async () => {
    await page.evaluate(() => {
      (window as unknown as { __bench: BenchProbe }).__bench.long = [];
      performance.mark('bench:scroll-start');
    });
    const { firstMessageId } = options;
    let reading = await page.evaluate(readAfterPaint, { firstMessageId, previousAnchorId: null });
    let stalledSince: number | null = null;
    let loadsSeen = countLoads();
    while (!reading.firstInDom) {
      if (performance.now() - started > options.timeoutMs) {
        figures.missReason = `timed out after ${Math.round(options.timeoutMs / 1000)} s with ${reading.messages} messages in the DOM`;
        return;
      }
      const loads = countLoads();
      if (reading.scrollTop <= 1 && loads === loadsSeen) {
        stalledSince ??= performance.now();
        if (performance.now() - stalledSince > options.stallMs) {
          figures.missReason = `at the top of ${reading.messages} messages in the DOM, nothing older loaded in ${Math.round(options.stallMs / 1000)} s (${loads} pages loaded)`;
          return;
        }
        await delay(100);
      } else stalledSince = null;
      const before = reading;
      await cdp.send('Input.dispatchMouseEvent', {
        type: 'mouseWheel',
        x,
        y,
        deltaX: 0,
        deltaY: -options.wheelPx,
      });
      figures.steps++;
      reading = await page.evaluate(readAfterPaint, {
        firstMessageId,
        previousAnchorId: before.anchorId,
      });
      figures.longestFrameGap = Math.max(figures.longestFrameGap, reading.frameGap);
      const loadsNow = countLoads();
      // Where the anchor of the previous reading is now: it should have moved down by the step
      // (or by what was left above it, at the top), never by anything else.
      const now = reading.previousAnchorTop;
      if (now !== null) {
        const moved = now - before.anchorTop;
        const expected = [options.wheelPx, Math.min(options.wheelPx, before.scrollTop)];
        const error = Math.min(...expected.map((value) => Math.abs(moved - value)));
        scrolled += Math.max(0, moved);
        if (error > 2) {
          figures.jumps++;
          figures.largestJump = Math.max(figures.largestJump, error);
          if (loadsNow > loadsSeen) figures.jumpsAtLoad++;
        }
      }
      loadsSeen = loadsNow;
    }
    figures.reachedFirst = true;
  });
  figures.seconds = (performance.now() - started) / 1000;
  figures.pxPerSecond = scrolled / figures.seconds;
  figures.loads = countLoads();
  const state = await page.evaluate(() => {
    const probe = (window as unknown as { __bench: BenchProbe }).__bench;
    return {
      frames: probe.long.filter((entry) => entry.type === 'long-animation-frame'),
      messages: document.querySelectorAll('[data-message-id]').length,
    };
  });
  figures.messagesInDom = state.messages;
  figures.longestFrame =
    state.frames.length > 0 ? Math.max(...state.frames.map((entry) => entry.duration)) : null;
  const from = trace.marks.get('bench:scroll-start')?.at(-1) ?? 0;
  figures.longestTask = longestTask(trace, from, Infinity);
  await cdp.detach();
  return figures;
}
