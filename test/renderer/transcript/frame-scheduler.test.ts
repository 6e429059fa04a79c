import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createFrameScheduler,
  type FrameClock,
} from '../../../renderer/src/transcript/frame-scheduler';
import { TranscriptStore } from '../../../renderer/src/transcript/transcript-store';
import { events, makeReply } from '../support/fake-parley';

/** A clock whose frames the test plays by hand; timers are vitest's fake ones. */
function manualClock() {
  const frames = new Map<number, () => void>();
  let next = 1;
  const clock: FrameClock = {
    requestAnimationFrame: (callback) => {
      frames.set(next, callback);
      return next++;
    },
    cancelAnimationFrame: (handle) => void frames.delete(handle),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const playFrame = () => {
    const due = [...frames.values()];
    frames.clear();
    for (const callback of due) callback();
  };
  return { clock, playFrame, frameCount: () => frames.size };
}

describe('createFrameScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at the next frame and cancels the fallback timer', () => {
    vi.useFakeTimers();
    const { clock, playFrame } = manualClock();
    const callback = vi.fn();
    createFrameScheduler(clock, 100).schedule(callback);

    playFrame();
    vi.advanceTimersByTime(500);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('falls back to a timer when frames stop (a hidden page)', () => {
    vi.useFakeTimers();
    const { clock, frameCount } = manualClock();
    const callback = vi.fn();
    createFrameScheduler(clock, 100).schedule(callback);

    vi.advanceTimersByTime(99);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(frameCount()).toBe(0);
  });

  it('runs nothing once cancelled', () => {
    vi.useFakeTimers();
    const { clock, playFrame } = manualClock();
    const callback = vi.fn();
    const cancel = createFrameScheduler(clock, 100).schedule(callback);
    cancel();
    playFrame();
    vi.advanceTimersByTime(500);
    expect(callback).not.toHaveBeenCalled();
  });

  it('keeps a store painting while the page is hidden', () => {
    vi.useFakeTimers();
    const { clock } = manualClock();
    const store = new TranscriptStore(createFrameScheduler(clock, 100));
    store.addTurn('c', { id: 't', userText: 'q', replies: [makeReply('r')], activeReply: 0, userVersion: 0, userVersionCount: 1 });

    store.handleEvent(events.delta('stream-r', 1, 'still '));
    store.handleEvent(events.delta('stream-r', 2, 'here'));
    vi.advanceTimersByTime(100);
    expect(store.getReply('r')?.text).toBe('still here');
  });
});
