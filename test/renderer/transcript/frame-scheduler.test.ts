import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createFrameScheduler,
  type FrameClock,
} from '../../../renderer/src/transcript/frame-scheduler';
import { TranscriptStore } from '../../../renderer/src/transcript/transcript-store';
import { events, makeReply } from '../support/fake-parley';

/**
 * A clock whose frames and microtasks the test plays by hand; timers are vitest's fake ones. A
 * frame runs its callbacks; "after paint" is a timer those callbacks queue.
 */
function manualClock() {
  const frames = new Map<number, () => void>();
  let microtasks: Array<() => void> = [];
  let next = 1;
  const clock: FrameClock = {
    requestAnimationFrame: (callback) => {
      frames.set(next, callback);
      return next++;
    },
    cancelAnimationFrame: (handle) => void frames.delete(handle),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    queueMicrotask: (callback) => void microtasks.push(callback),
  };
  /** End the current task: run its microtasks. */
  const endTask = () => {
    while (microtasks.length > 0) {
      const due = microtasks;
      microtasks = [];
      for (const callback of due) callback();
    }
  };
  /** Run a frame's callbacks (the frame is painted when they return). */
  const playFrame = () => {
    const due = [...frames.values()];
    frames.clear();
    for (const callback of due) callback();
  };
  /** Run the tasks queued after the frame was painted. */
  const afterPaint = () => vi.advanceTimersByTime(0);
  return { clock, endTask, playFrame, afterPaint, frameCount: () => frames.size };
}

describe('createFrameScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the first flush after a quiet gap in a microtask, before the coming frame', () => {
    vi.useFakeTimers();
    const { clock, endTask } = manualClock();
    const callback = vi.fn();
    createFrameScheduler(clock, 100).schedule(callback);
    expect(callback).not.toHaveBeenCalled();

    endTask();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('holds any later flush until that frame is painted: one flush per frame', () => {
    vi.useFakeTimers();
    const { clock, endTask, playFrame, afterPaint } = manualClock();
    const scheduler = createFrameScheduler(clock, 100);
    const first = vi.fn();
    const second = vi.fn();
    const third = vi.fn();
    scheduler.schedule(first);
    endTask();
    scheduler.schedule(second);
    endTask();
    playFrame();
    expect(second).not.toHaveBeenCalled();

    afterPaint();
    expect(second).toHaveBeenCalledTimes(1);
    // That flush lands in the next frame, so the one after it waits for that frame in turn.
    scheduler.schedule(third);
    endTask();
    afterPaint();
    expect(third).not.toHaveBeenCalled();
    playFrame();
    afterPaint();
    expect(third).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledTimes(1);
  });

  it('is quiet again once a frame has passed without a flush', () => {
    vi.useFakeTimers();
    const { clock, endTask, playFrame, afterPaint } = manualClock();
    const scheduler = createFrameScheduler(clock, 100);
    scheduler.schedule(vi.fn());
    endTask();
    playFrame();
    afterPaint();

    const later = vi.fn();
    scheduler.schedule(later);
    endTask();
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('ends a frame by the fallback timer when frames stop (a hidden page)', () => {
    vi.useFakeTimers();
    const { clock, endTask } = manualClock();
    const scheduler = createFrameScheduler(clock, 100);
    scheduler.schedule(vi.fn());
    endTask();
    const held = vi.fn();
    scheduler.schedule(held);

    vi.advanceTimersByTime(99);
    expect(held).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(held).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled', () => {
    vi.useFakeTimers();
    const { clock, endTask, playFrame, afterPaint } = manualClock();
    const scheduler = createFrameScheduler(clock, 100);
    const now = vi.fn();
    const held = vi.fn();
    scheduler.schedule(now)();
    scheduler.schedule(held)();
    endTask();
    playFrame();
    afterPaint();
    vi.advanceTimersByTime(500);
    expect(now).not.toHaveBeenCalled();
    expect(held).not.toHaveBeenCalled();
  });

  it('keeps a store painting while the page is hidden', () => {
    vi.useFakeTimers();
    const { clock, endTask } = manualClock();
    const store = new TranscriptStore(createFrameScheduler(clock, 100));
    store.addTurn('c', {
      id: 't',
      userText: 'q',
      replies: [makeReply('r')],
      activeReply: 0,
      userVersion: 0,
      userVersionCount: 1,
    });

    store.handleEvent(events.delta('stream-r', 1, 'still '));
    endTask();
    expect(store.getReply('r')?.text).toBe('still ');
    store.handleEvent(events.delta('stream-r', 2, 'here'));
    endTask();
    expect(store.getReply('r')?.text).toBe('still ');
    vi.advanceTimersByTime(100);
    expect(store.getReply('r')?.text).toBe('still here');
  });
});
