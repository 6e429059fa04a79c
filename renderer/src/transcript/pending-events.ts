import type { ChatEvent } from '../../../preload/api';

/**
 * Events for streams the store has not met yet. They arrive when main streams faster than
 * `chat.send()` resolves (or before a reload's snapshot lands); they are replayed when the
 * reply is registered. Bounded, because a stream that is never registered must not leak.
 */
export class PendingEvents {
  private readonly byStream = new Map<string, ChatEvent[]>();

  constructor(
    private readonly maxStreams = 16,
    private readonly maxEventsPerStream = 2_000,
  ) {}

  /** Hold an event until its stream is registered. */
  hold(event: ChatEvent): void {
    let events = this.byStream.get(event.streamId);
    if (!events) {
      events = [];
      this.byStream.set(event.streamId, events);
      // A Map iterates in insertion order, so the first key is the stalest stream.
      if (this.byStream.size > this.maxStreams) {
        const stalest = this.byStream.keys().next().value;
        if (stalest !== undefined) this.byStream.delete(stalest);
      }
    }
    events.push(event);
    if (events.length > this.maxEventsPerStream) events.shift();
  }

  /** Remove and return a stream's held events, oldest `seq` first. */
  take(streamId: string): ChatEvent[] {
    const events = this.byStream.get(streamId) ?? [];
    this.byStream.delete(streamId);
    return events.sort((a, b) => a.seq - b.seq);
  }

  /** Forget a stream's held events (it ended or left the transcript). */
  discard(streamId: string): void {
    this.byStream.delete(streamId);
  }
}
