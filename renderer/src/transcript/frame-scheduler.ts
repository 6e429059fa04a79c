/** Schedules store flushes: at most one per animation frame, never stalled by a hidden page. */
export interface FrameScheduler {
  /** Run `callback` once, at the next frame (or the fallback timer); returns a cancel function. */
  schedule(callback: () => void): () => void;
}

/** The timer functions a scheduler needs; injectable so tests can drive frames by hand. */
export interface FrameClock {
  requestAnimationFrame(callback: () => void): number;
  cancelAnimationFrame(handle: number): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * rAF paints with the display, but browsers pause it while the page is hidden or occluded, so
 * a timer races it: whichever fires first runs the callback and cancels the other.
 */
export function createFrameScheduler(
  clock: FrameClock = browserClock(),
  fallbackMs = 100,
): FrameScheduler {
  return {
    schedule(callback) {
      let done = false;
      const run = () => {
        if (done) return;
        done = true;
        clock.cancelAnimationFrame(frame);
        clock.clearTimeout(timer);
        callback();
      };
      const frame = clock.requestAnimationFrame(run);
      const timer = clock.setTimeout(run, fallbackMs);
      return () => {
        done = true;
        clock.cancelAnimationFrame(frame);
        clock.clearTimeout(timer);
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
  };
}
