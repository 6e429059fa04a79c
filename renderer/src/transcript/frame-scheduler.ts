/**
 * Schedules store flushes: as soon as they can still make the coming frame, at most one per
 * painted frame, never stalled by a hidden page.
 */
export interface FrameScheduler {
  /** Run `callback` once, as soon as the rule allows (see below); returns a cancel function. */
  schedule(callback: () => void): () => void;
}

/** The timer functions a scheduler needs; injectable so tests can drive frames by hand. */
export interface FrameClock {
  requestAnimationFrame(callback: () => void): number;
  cancelAnimationFrame(handle: number): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  queueMicrotask(callback: () => void): void;
}

interface Pending {
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * The first flush after a quiet gap (nothing flushed since the last painted frame) runs in a
 * microtask, so the text is in the DOM before the coming frame and paints in it, without
 * waiting for that frame's requestAnimationFrame. Any flush asked for after it waits until that
 * frame has been painted (a task queued from requestAnimationFrame), so however fast deltas
 * arrive, at most one flush lands in each painted frame. Browsers pause requestAnimationFrame
 * while the page is hidden, so a timer races it: whichever fires first ends the frame.
 */
export function createFrameScheduler(
  clock: FrameClock = browserClock(),
  fallbackMs = 100,
): FrameScheduler {
  /** True from a flush until the frame that paints it has been painted. */
  let flushedThisFrame = false;
  let waiting: Pending[] = [];

  const afterPaint = (callback: () => void) => {
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      clock.cancelAnimationFrame(frame);
      clock.clearTimeout(timer);
      callback();
    };
    // A task queued from a frame callback runs once that frame has been painted.
    const frame = clock.requestAnimationFrame(() => clock.setTimeout(run, 0));
    const timer = clock.setTimeout(run, fallbackMs);
  };

  /** A flush lands in this frame: later ones wait until it has been painted. */
  const startFrame = () => {
    flushedThisFrame = true;
    afterPaint(frameEnded);
  };

  const frameEnded = () => {
    const due = waiting.filter((pending) => !pending.cancelled);
    waiting = [];
    flushedThisFrame = false;
    if (due.length === 0) return;
    startFrame();
    for (const pending of due) pending.callback();
  };

  return {
    schedule(callback) {
      const pending: Pending = { callback, cancelled: false };
      if (flushedThisFrame) {
        waiting.push(pending);
      } else {
        startFrame();
        clock.queueMicrotask(() => {
          if (!pending.cancelled) callback();
        });
      }
      return () => {
        pending.cancelled = true;
      };
    },
  };
}

/** The page's own clock, bound so the methods can be called detached. */
function browserClock(): FrameClock {
  return {
    requestAnimationFrame: (callback) => globalThis.requestAnimationFrame(callback),
    cancelAnimationFrame: (handle) => globalThis.cancelAnimationFrame(handle),
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    queueMicrotask: (callback) => globalThis.queueMicrotask(callback),
  };
}
