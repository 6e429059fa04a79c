import type { ChatEvent, Reply } from '../../../preload/api';

/**
 * How much of a stream is still welcome. `stopping`: the user stopped it (or regenerated over
 * it), so its text is dropped but its closing event may still report usage. `ended`: nothing.
 */
type StreamPhase = 'live' | 'stopping' | 'ended';

/** What the store must do after an event: paint at the next frame, paint now, or nothing. */
export type Accepted = 'buffered' | 'updated' | 'ended' | 'dropped';

/** One reply and the stream that fills it: seq order, buffered text, and when to stop listening. */
export class ReplyStream {
  private pendingText = '';
  private pendingReasoning = '';
  private lastSeq: number;
  private phase: StreamPhase;

  constructor(private current: Reply) {
    this.lastSeq = current.seq;
    this.phase = current.status === 'streaming' ? 'live' : 'ended';
  }

  /** The reply as last published: a new object per publish, so readers compare by identity. */
  get reply(): Reply {
    return this.current;
  }

  /** True while every new event of the stream still applies. */
  get live(): boolean {
    return this.phase === 'live';
  }

  /** Fold an event in; deltas only buffer, the closing event publishes at once. */
  accept(event: ChatEvent): Accepted {
    // seq increases by one per event: anything not newer is a duplicate or already in a snapshot.
    if (this.phase === 'ended' || event.seq <= this.lastSeq) return 'dropped';
    this.lastSeq = event.seq;
    if (event.type === 'delta') {
      if (this.phase !== 'live') return 'dropped';
      this.pendingText += event.text;
      this.pendingReasoning += event.reasoning;
      return 'buffered';
    }
    if (event.type === 'save-failed') {
      this.publish({ saveError: event.message, retry: this.current.retry });
      return 'updated';
    }
    if (event.type === 'retrying') {
      if (this.phase !== 'live') return 'dropped';
      const { attempt, maxAttempts, delayMs, error } = event;
      this.publish({ retry: { attempt, maxAttempts, delayMs, error } });
      return 'updated';
    }
    const usage = event.usage ?? this.current.usage;
    const saveError = event.saveError ?? this.current.saveError;
    const kept = saveError === undefined ? { usage } : { usage, saveError };
    if (this.phase === 'stopping') this.publish(kept);
    else if (event.type === 'done') {
      const { stopReason, providerStopReason } = event;
      this.publish({
        ...kept,
        status: 'done',
        stopReason,
        ...(providerStopReason !== undefined ? { providerStopReason } : {}),
      });
    } else this.publish({ ...kept, status: 'error', error: event.error });
    this.phase = 'ended';
    return 'ended';
  }

  /**
   * The user stopped it: it reads as stopped now, and no later text is accepted. Returns the seq
   * of the last event shown, or null when the stream was no longer live.
   */
  stop(): number | null {
    if (this.phase !== 'live') return null;
    this.phase = 'stopping';
    this.publish({ status: 'done', stopReason: 'stopped' });
    return this.lastSeq;
  }

  /** Fold the buffered text (and `changes`) into a new published reply. */
  publish(changes: Partial<Reply> = {}): void {
    const { current } = this;
    // A retry notice lasts until the next thing happens to the reply.
    const { retry: _previousRetry, ...rest } = current;
    this.current = {
      ...rest,
      ...changes,
      text: current.text + this.pendingText,
      reasoning: current.reasoning + this.pendingReasoning,
      seq: this.lastSeq,
    };
    this.pendingText = '';
    this.pendingReasoning = '';
  }
}
