import { hiddenPageFallbackMs, quietGapMs } from '../../../common/stream-timing';

/**
 * Schedules store flushes: a quiet stream's delta paints in the coming frame, a busy stream
 * flushes at most once a frame, and a hidden page never stalls.
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
  now(): number;
}

/**
 * The first flush after a quiet gap (nothing flushed for `quietGapMs`) runs in a microtask, so
 * its text is in the DOM before the coming frame and paints in it without waiting for that
 * frame's requestAnimationFrame. While a stream is busy (flushes closer together than that),
 * flushes run in requestAnimationFrame: at most one a frame, however fast deltas arrive.
 * Browsers pause requestAnimationFrame while the page is hidden, so a timer races it: whichever
 * fires first runs the callback and cancels the other.
 */
export function createFrameScheduler(
  clock: FrameClock = browserClock(),
  fallbackMs = hiddenPageFallbackMs,
): FrameScheduler {
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  const flushed = (callback: () => void) => {
    lastFlushAt = clock.now();
    callback();
  };
  return {
    schedule(callback) {
      let done = false;
      if (clock.now() - lastFlushAt >= quietGapMs) {
        lastFlushAt = clock.now();
        clock.queueMicrotask(() => {
          if (done) return;
          done = true;
          flushed(callback);
        });
        return () => {
          done = true;
        };
      }
      const run = () => {
        if (done) return;
        done = true;
        clock.cancelAnimationFrame(frame);
        clock.clearTimeout(timer);
        flushed(callback);
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
    queueMicrotask: (callback) => globalThis.queueMicrotask(callback),
    now: () => globalThis.performance.now(),
  };
}
