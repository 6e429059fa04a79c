import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { serveStatic } from '../harness/static-server';
import type { DeltaTimeline } from './run-types';
import { busyShare, longestTask, traceRenderer } from './trace';

/** What the naive baseline did with the same deltas. */
export interface BaselineResult {
  longestTaskMs: number;
  busyShare: number;
  /** How long it took to show the whole reply, against how long the stream took. */
  durationMs: number;
  streamMs: number;
}

/**
 * Build the baseline page (test/bench/baseline) with Vite, serve it, and replay in it the very
 * deltas the app's renderer received, at the same times, tracing the page as for the app.
 */
export async function runBaseline(
  browser: Browser,
  timeline: DeltaTimeline,
): Promise<BaselineResult> {
  const outDir = await mkdtemp(join(tmpdir(), 'parley-bench-baseline-'));
  await build({
    root: fileURLToPath(new URL('./baseline/', import.meta.url)),
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
  const server = await serveStatic(outDir, "default-src 'self'; style-src 'self' 'unsafe-inline'");
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  try {
    await page.goto(`${server.origin}/index.html`);
    await page.waitForFunction(() => '__replay' in window);
    let durationMs = 0;
    const trace = await traceRenderer(page, 'naive-baseline-3000', async () => {
      durationMs = await page.evaluate(async (deltas) => {
        const start = performance.now();
        await (window as unknown as { __replay(d: unknown): Promise<void> }).__replay(deltas);
        return performance.now() - start;
      }, timeline.deltas);
    });
    const updates = trace.marks.get('bench:update') ?? [];
    const from = updates[0] ?? 0;
    const to = updates.at(-1) ?? 0;
    return {
      longestTaskMs: longestTask(trace, from, to),
      busyShare: busyShare(trace, from, to),
      durationMs,
      streamMs: timeline.streamMs,
    };
  } finally {
    await page.close();
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  }
}
