/**
 * What the soak measures in its own (main-like) process: heap after a full GC, active libuv
 * handles, AbortControllers still alive, abort listeners still attached to their signals, and
 * generations still referenced. Needs `--expose-gc`; run.ts re-launches itself with it.
 */
import { getEventListeners } from 'node:events';

const liveControllers: Array<WeakRef<AbortController>> = [];
let controllersCreated = 0;

/**
 * Counts every AbortController made from now on (Generation's, the provider request's, fetch's
 * own): each is held weakly, so after a GC the ones still alive are the ones something keeps.
 */
export function trackAbortControllers(): void {
  const Original = globalThis.AbortController;
  class TrackedAbortController extends Original {
    constructor() {
      super();
      controllersCreated += 1;
      liveControllers.push(new WeakRef(this));
    }
  }
  globalThis.AbortController = TrackedAbortController;
}

/** Objects (generations) to watch for: alive after a GC means something still holds them. */
export class LiveSet {
  private readonly refs: Array<WeakRef<object>> = [];
  private readonly seen = new WeakSet<object>();
  created = 0;
  add(value: object): void {
    if (this.seen.has(value)) return;
    this.seen.add(value);
    this.created += 1;
    this.refs.push(new WeakRef(value));
  }
  get alive(): number {
    return this.refs.filter((ref) => ref.deref() !== undefined).length;
  }
}

/** One reading of every figure. */
export interface Reading {
  heapUsedMb: number;
  handles: number;
  handleTypes: Record<string, number>;
  abortControllersAlive: number;
  abortControllersCreated: number;
  abortListeners: number;
}

/** Full GC (twice, with a turn of the loop between, so finalizers and weak refs settle). */
export async function fullGc(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Collects garbage, then reads every figure. */
export async function read(): Promise<Reading> {
  await fullGc();
  const handleTypes: Record<string, number> = {};
  const resources = process.getActiveResourcesInfo();
  for (const type of resources) handleTypes[type] = (handleTypes[type] ?? 0) + 1;
  let abortListeners = 0;
  let abortControllersAlive = 0;
  for (const ref of liveControllers) {
    const controller = ref.deref();
    if (!controller) continue;
    abortControllersAlive += 1;
    abortListeners += getEventListeners(controller.signal, 'abort').length;
  }
  return {
    heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
    handles: resources.length,
    handleTypes,
    abortControllersAlive,
    abortControllersCreated: controllersCreated,
    abortListeners,
  };
}
