import type { FrameScheduler } from '../../../renderer/src/transcript/frame-scheduler';

/** A frame scheduler the test drives: nothing is painted until `run()` is called. */
export class ManualFrames implements FrameScheduler {
  private queue: Array<() => void> = [];

  /** How many callbacks wait for the next frame. */
  get pending(): number {
    return this.queue.length;
  }

  schedule(callback: () => void): () => void {
    this.queue.push(callback);
    return () => {
      this.queue = this.queue.filter((queued) => queued !== callback);
    };
  }

  /** Play one frame. */
  run(): void {
    const due = this.queue;
    this.queue = [];
    for (const callback of due) callback();
  }
}
