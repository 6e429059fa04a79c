import type { ChatEvent, Reply } from '../../../preload/api';
import { closeOpenToolCalls, foldEvent } from '../../../common/reply-fold';

/**
 * How much of a stream is still welcome. `stopping`: the user stopped it (or regenerated over
 * it), so its text is dropped but its closing event may still report usage. `ended`: nothing.
 */
type StreamPhase = 'live' | 'stopping' | 'ended';

/** What the store must do after an event: paint at the next frame, paint now, or nothing. */
export type Accepted = 'buffered' | 'updated' | 'ended' | 'dropped';

/**
 * One reply and the stream that fills it: seq order, buffered text, and when to stop listening.
 * What an event means is decided by the shared fold (`common/reply-fold.ts`), the same one main
 * saves with; this class adds only what is the page's own: deltas wait for the next frame, and a
 * reply the user stopped keeps reading as stopped whatever its closing event says.
 */
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

  /** The seq of the newest event folded in or buffered (0 before the first). */
  get seq(): number {
    return this.lastSeq;
  }

  /**
   * Take what only main knows about the reply (its model) while keeping everything the stream
   * has delivered: used when the reply the page created meets main's answer.
   */
  adopt(reply: Reply): void {
    this.current = { ...this.current, model: reply.model };
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
    // After Stop nothing new appears: no retry notice, no call, no more arguments.
    if (event.type !== 'done' && event.type !== 'error' && this.phase !== 'live') {
      return event.type === 'save-failed' ? this.published(event) : 'dropped';
    }
    return this.published(event);
  }

  private published(event: ChatEvent): Accepted {
    this.publish(event);
    if (event.type !== 'done' && event.type !== 'error') return 'updated';
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
    this.publish();
    return this.lastSeq;
  }

  /** Fold the buffered text, then `event` if given, into a new published reply. */
  publish(event?: ChatEvent): void {
    const draft: Reply = { ...this.current };
    if (this.pendingText !== '' || this.pendingReasoning !== '') {
      const { streamId } = draft;
      const text = this.pendingText;
      const reasoning = this.pendingReasoning;
      foldEvent(draft, { type: 'delta', streamId, seq: this.lastSeq, text, reasoning });
      this.pendingText = '';
      this.pendingReasoning = '';
    }
    if (event) foldEvent(draft, event);
    if (this.phase === 'stopping') {
      // Stopped is what the user asked for and saw; a late ending only adds its usage.
      draft.status = 'done';
      draft.stopReason = 'stopped';
      delete draft.error;
      delete draft.retry;
      closeOpenToolCalls(draft, 'stopped');
    }
    draft.seq = this.lastSeq;
    this.current = draft;
  }
}
