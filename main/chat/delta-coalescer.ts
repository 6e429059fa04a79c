import { coalesceWindowMs } from '../../common/stream-timing';

/** Receives merged text: one call per IPC message. */
export type CoalescedFlush = (text: string, reasoning: string) => void;

/**
 * Merges token deltas so at most one message per window (`coalesceWindowMs`, one frame)
 * crosses IPC. A delta that comes after a quiet window goes out at once (first-token latency
 * matters most); deltas that follow within the window are held and sent together when it ends.
 * The window only bounds the IPC message rate: the page batches per frame (frame-scheduler.ts),
 * so a frame-long window here would batch twice and delay every token by up to a frame more.
 */
export class DeltaCoalescer {
  private text = '';
  private reasoning = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly flushTo: CoalescedFlush,
    private readonly windowMs = coalesceWindowMs,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Add a delta; it is sent now if no message went out this window, else at the window's end. */
  push(text: string, reasoning = ''): void {
    this.text += text;
    this.reasoning += reasoning;
    if (this.timer !== null) return;
    const sinceLast = this.now() - this.lastFlushAt;
    if (sinceLast >= this.windowMs) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.windowMs - sinceLast);
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
