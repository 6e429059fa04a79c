/**
 * Opening a conversation in the browser harness, as after a restart: the page reloads into the
 * latest conversation under a trace; first paint of a turn and the longest main-thread task.
 * Used for the 500-message and the image-message conversations of `run.ts`.
 */
import type { Page } from 'playwright-core';
import type { BenchProbe } from './probe';
import { longestTask, traceRenderer } from './trace';

/** Reload the page with the latest conversation and wait until all `turns` are mounted. */
export async function reloadWith(page: Page, turns: number): Promise<void> {
  await page.reload();
  // The transcript is virtualized: only the turns in view mount, never all `turns`. Opened means
  // the newest turns are in and the list has settled (the same count for 10 frames running).
  await page.waitForFunction(
    (count) => document.querySelectorAll('.turn').length >= Math.min(count, 2),
    turns,
    { timeout: 30_000, polling: 50 },
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = -1;
        let still = 0;
        const frame = () => {
          const count = document.querySelectorAll('.turn').length;
          still = count === last ? still + 1 : 0;
          last = count;
          if (still >= 10) resolve();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );
  await page.evaluate(() => performance.mark('bench:mounted'));
}

/** What opening a conversation cost the page, in ms. */
export interface OpenFigures {
  /** Navigation start → the first paint showing a turn (null: none painted). */
  firstPaint: number | null;
  /** The longest main-thread task from the page's first script to every turn mounted. */
  longestTask: number;
}

/**
 * Open the latest conversation (`turns` turns) as after a restart: reload the page under a
 * trace (named `label` when traces are saved) and read the probe's first turn paint.
 */
export async function measureOpen(page: Page, label: string, turns: number): Promise<OpenFigures> {
  const trace = await traceRenderer(page, label, () => reloadWith(page, turns));
  const state = await page.evaluate(() => (window as unknown as { __bench: BenchProbe }).__bench);
  const loadMark = trace.marks.get('bench:load')?.at(-1) ?? 0;
  const mountedMark = trace.marks.get('bench:mounted')?.at(-1) ?? 0;
  return {
    firstPaint: state.firstTurnPaint,
    longestTask: longestTask(trace, loadMark, mountedMark),
  };
}
