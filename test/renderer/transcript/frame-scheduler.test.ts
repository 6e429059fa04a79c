import { afterEach, describe, expect, it, vi } from 'vitest';
import { quietGapMs } from '../../../common/stream-timing';
import {
  createFrameScheduler,
  type FrameClock,
} from '../../../renderer/src/transcript/frame-scheduler';
import { TranscriptStore } from '../../../renderer/src/transcript/transcript-store';
import { events, makeReply } from '../support/fake-parley';

/**
 * A clock whose frames and microtasks the test plays by hand; timers and `now` are vitest's
 * fake ones.
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
    now: () => Date.now(),
  };
  /** End the current task: run its microtasks. */
  const endTask = () => {
    while (microtasks.length > 0) {
      const due = microtasks;
      microtasks = [];
      for (const callback of due) callback();
    }
  };
  const playFrame = () => {
    const due = [...frames.values()];
    frames.clear();
    for (const callback of due) callback();
  };
  return { clock, endTask, playFrame, frameCount: () => frames.size };
}

describe('createFrameScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the first flush after a quiet gap in a microtask, before the coming frame', () => {
    vi.useFakeTimers();
    const { clock, endTask, frameCount } = manualClock();
    const callback = vi.fn();
    createFrameScheduler(clock, 100).schedule(callback);
    expect(callback).not.toHaveBeenCalled();

    endTask();
    expect(callback).toHaveBeenCalledTimes(1);
    expect(frameCount()).toBe(0);
  });

  it('while busy (flushes closer than the quiet gap) runs at the next frame', () => {
    vi.useFakeTimers();
    const { clock, endTask, playFrame } = manualClock();
    const scheduler = createFrameScheduler(clock, 100);
    scheduler.schedule(vi.fn());
    endTask();
    vi.advanceTimersByTime(quietGapMs - 9);
    const busy = vi.fn();
    scheduler.schedule(busy);
    endTask();
    expect(busy).not.toHaveBeenCalled();
    playFrame();
    expect(busy).toHaveBeenCalledTimes(1);

    // A frame-paced stream stays on frames; a gap makes the next flush immediate again.
    vi.advanceTimersByTime(16);
    const paced = vi.fn();
    scheduler.schedule(paced);
    endTask();
    expect(paced).not.toHaveBeenCalled();
    playFrame();
    vi.advanceTimersByTime(quietGapMs);
    const afterGap = vi.fn();
    scheduler.schedule(afterGap);
    endTask();
    expect(afterGap).toHaveBeenCalledTimes(1);
  });

  it('falls back to a timer when frames stop (a hidden page)', () => {
    vi.useFakeTimers();
    const { clock, endTask, frameCount } = manualClock();
    const scheduler = createFrameScheduler(clock, 100);
    scheduler.schedule(vi.fn());
    endTask();
    const callback = vi.fn();
    scheduler.schedule(callback);

    vi.advanceTimersByTime(99);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(frameCount()).toBe(0);
  });

  it('runs nothing once cancelled', () => {
    vi.useFakeTimers();
    const { clock, endTask, playFrame } = manualClock();
    const scheduler = createFrameScheduler(clock, 100);
    const now = vi.fn();
    scheduler.schedule(now)();
    endTask();
    const framed = vi.fn();
    scheduler.schedule(framed)();
    playFrame();
    vi.advanceTimersByTime(500);
    expect(now).not.toHaveBeenCalled();
    expect(framed).not.toHaveBeenCalled();
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
