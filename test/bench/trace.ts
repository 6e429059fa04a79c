import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** One Chrome trace event (only the fields the benchmark reads). */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** The renderer main thread's tasks in a trace, and the page's user-timing marks. */
export interface RendererTrace {
  /** Top-level tasks on the page's main thread: start and duration in ms (trace clock). */
  tasks: Array<{ start: number; duration: number }>;
  /** User-timing marks by name: times in ms (trace clock). */
  marks: Map<string, number[]>;
}

/**
 * Tasks and marks only: the scheduler's top-level task events and user timing. DevTools' own
 * timeline categories add a per-event cost that would inflate every figure; with
 * PARLEY_BENCH_TRACES=<dir> they are recorded too and each trace is saved for DevTools.
 */
const categories = ['toplevel', 'blink.user_timing'];
const detailedCategories = [
  ...categories,
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
];
const traceDir = process.env.PARLEY_BENCH_TRACES;

/** Trace the page's main thread while `work` runs; `label` names the saved trace file. */
export async function traceRenderer(
  page: Page,
  label: string,
  work: () => Promise<void>,
): Promise<RendererTrace> {
  const browser = page.context().browser() as Browser;
  await browser.startTracing(page, { categories: traceDir ? detailedCategories : categories });
  let failure: unknown = null;
  await work().catch((error: unknown) => (failure = error ?? new Error('bench step failed')));
  const buffer = await browser.stopTracing();
  if (failure) throw failure;
  if (traceDir) {
    await mkdir(traceDir, { recursive: true });
    await writeFile(join(traceDir, `${label}.json`), buffer);
  }
  return parseTrace(buffer.toString('utf8'));
}

function parseTrace(json: string): RendererTrace {
  const parsed = JSON.parse(json) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const rendererMains = new Set<string>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      rendererMains.add(`${event.pid}:${event.tid}`);
  }
  // The page's thread is the renderer main thread that carries the benchmark's marks.
  const markCount = new Map<string, number>();
  for (const event of events) {
    if (event.name.startsWith('bench:')) {
      const key = `${event.pid}:${event.tid}`;
      markCount.set(key, (markCount.get(key) ?? 0) + 1);
    }
  }
  const busiest = [...markCount].sort((a, b) => b[1] - a[1])[0]?.[0];
  const thread = busiest ?? [...rendererMains][0];
  const tasks: RendererTrace['tasks'] = [];
  const marks = new Map<string, number[]>();
  for (const event of events) {
    if (`${event.pid}:${event.tid}` !== thread) continue;
    if (
      event.name === 'ThreadControllerImpl::RunTask' &&
      event.ph === 'X' &&
      event.dur !== undefined
    ) {
      tasks.push({ start: event.ts / 1000, duration: event.dur / 1000 });
    } else if (event.name.startsWith('bench:') && (event.ph === 'I' || event.ph === 'R')) {
      const list = marks.get(event.name) ?? [];
      list.push(event.ts / 1000);
      marks.set(event.name, list);
    }
  }
  tasks.sort((a, b) => a.start - b.start);
  for (const list of marks.values()) list.sort((a, b) => a - b);
  return { tasks, marks };
}

/** Tasks that overlap [from, to]. */
export function tasksIn(trace: RendererTrace, from: number, to: number) {
  return trace.tasks.filter((task) => task.start + task.duration >= from && task.start <= to);
}

/** The longest task overlapping [from, to] (ms). */
export function longestTask(trace: RendererTrace, from: number, to: number): number {
  return Math.max(0, ...tasksIn(trace, from, to).map((task) => task.duration));
}

/** Share of [from, to] the main thread spent running tasks (0..1). */
export function busyShare(trace: RendererTrace, from: number, to: number): number {
  let busy = 0;
  for (const task of tasksIn(trace, from, to)) {
    busy += Math.min(to, task.start + task.duration) - Math.max(from, task.start);
  }
  return to > from ? busy / (to - from) : 0;
}

/**
 * The cost of each DOM update: the task that made it plus, when it was made between frames (a
 * commit in a microtask), the frame task that painted it (style, layout, paint, compositor
 * commit). A commit inside requestAnimationFrame is one task that holds both. `markName` is the
 * page's mark per update and `frameMarkName` the mark the probe puts in the frame that paints an
 * update made between frames; one task counts once however many marks it holds.
 */
export function updateCosts(
  trace: RendererTrace,
  markName: string,
  frameMarkName = 'bench:frame',
): number[] {
  const updateTasks = tasksHolding(trace, trace.marks.get(markName) ?? []);
  const frameTasks = tasksHolding(trace, trace.marks.get(frameMarkName) ?? []);
  const costs: number[] = [];
  const counted = new Set<number>();
  let nextFrame = 0;
  for (const index of updateTasks) {
    if (counted.has(index)) continue;
    counted.add(index);
    const task = trace.tasks[index];
    if (!task) continue;
    let cost = task.duration;
    if (!frameTasks.includes(index)) {
      while ((frameTasks[nextFrame] ?? Infinity) < index) nextFrame++;
      const frame = frameTasks[nextFrame];
      const frameTask = frame === undefined ? undefined : trace.tasks[frame];
      // The frame that paints it comes within a few frames; it is counted with one update.
      if (frame !== undefined && frameTask && !counted.has(frame)) {
        if (frameTask.start - (task.start + task.duration) < 50) {
          counted.add(frame);
          cost += frameTask.duration;
        }
      }
    }
    costs.push(cost);
  }
  return costs;
}

/** The indexes (in `trace.tasks`) of the tasks that hold the marks at `times`, in order, once each. */
function tasksHolding(trace: RendererTrace, times: readonly number[]): number[] {
  const indexes: number[] = [];
  let taskIndex = 0;
  for (const at of times) {
    while (taskIndex < trace.tasks.length) {
      const task = trace.tasks[taskIndex];
      if (task && task.start + task.duration < at) taskIndex++;
      else break;
    }
    const task = trace.tasks[taskIndex];
    if (!task || task.start > at || indexes.at(-1) === taskIndex) continue;
    indexes.push(taskIndex);
  }
  return indexes;
}

/** The p-th percentile (0..100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median of `values`. */
export const median = (values: readonly number[]) => percentile(values, 50);
