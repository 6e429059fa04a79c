import { coalesceFrameMs } from '../../common/stream-timing';

/** Receives merged text: one call per IPC message. */
export type CoalescedFlush = (text: string, reasoning: string) => void;

/**
 * Merges token deltas so at most one message per frame crosses IPC. The first delta of a burst
 * goes out at once (first-token latency matters most); deltas that follow within the same frame
 * are held and sent together when the frame ends.
 */
export class DeltaCoalescer {
  private text = '';
  private reasoning = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly flushTo: CoalescedFlush,
    private readonly frameMs = coalesceFrameMs,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Add a delta; it is sent now if no message went out this frame, else at the frame's end. */
  push(text: string, reasoning = ''): void {
    this.text += text;
    this.reasoning += reasoning;
    if (this.timer !== null) return;
    const sinceLast = this.now() - this.lastFlushAt;
    if (sinceLast >= this.frameMs) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.frameMs - sinceLast);
  }

  /** Send whatever is held right away (before a terminal event, or on stop). */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.text === '' && this.reasoning === '') return;
    const { text, reasoning } = this;
    this.text = '';
    this.reasoning = '';
    this.lastFlushAt = this.now();
    this.flushTo(text, reasoning);
  }

  /** Drop anything held and cancel the timer; nothing is sent after this. */
  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.text = '';
    this.reasoning = '';
  }
}
