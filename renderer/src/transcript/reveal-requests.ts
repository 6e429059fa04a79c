/** How long a request waits for its message to be loaded (a search hit's window arriving). */
export const revealWaitMs = 5_000;

type Listener = () => void;

/**
 * Asks the transcript to bring a message's turn on screen. The transcript mounts only the turns
 * near the view, so a message far from it (a search hit in the middle of its window) has no DOM
 * node to scroll to until the transcript scrolls its list there. One request at a time: a newer
 * one replaces it, and it lapses after `revealWaitMs` if no loaded turn holds the message.
 *
 * A request is `busy` from `request` until whoever highlights the message says it is `done`
 * (or it lapses): meanwhile the transcript loads no pages, since a page put before the loaded
 * turns moves every list index and would send the list's scroll to the wrong turn.
 */
export class RevealRequests {
  private pending: { messageId: string; until: number } | null = null;
  /** Taken by the transcript, not yet highlighted. */
  private inFlight: { messageId: string; until: number } | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Ask for `messageId` (a user message's turn id or a reply id) to be scrolled to. */
  request(messageId: string): void {
    this.pending = { messageId, until: this.now() + revealWaitMs };
    this.inFlight = null;
    this.notify();
  }

  /**
   * The pending message id if `holds` says it is loaded, taking it out; null (and the request
   * kept) otherwise. A lapsed request is dropped.
   */
  take(holds: (messageId: string) => boolean): string | null {
    const { pending } = this;
    if (!pending) return null;
    if (pending.until < this.now()) {
      this.pending = null;
      return null;
    }
    if (!holds(pending.messageId)) return null;
    this.pending = null;
    this.inFlight = { messageId: pending.messageId, until: this.now() + revealWaitMs };
    return pending.messageId;
  }

  /**
   * The message is highlighted on screen, or its reveal was given up or cancelled: the list may
   * move again. A newer request's message is left alone.
   */
  done(messageId: string): void {
    let changed = false;
    if (this.pending?.messageId === messageId) {
      this.pending = null;
      changed = true;
    }
    if (this.inFlight?.messageId === messageId) {
      this.inFlight = null;
      changed = true;
    }
    if (changed) this.notify();
  }

  /** True while a reveal is asked for or under way (neither done nor lapsed). */
  busy(): boolean {
    const now = this.now();
    return (
      (this.pending !== null && this.pending.until >= now) ||
      (this.inFlight !== null && this.inFlight.until >= now)
    );
  }

  /** Be told of each new request and each reveal done; returns the way to stop. */
  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** The app's one channel from "open this search hit" to the transcript that shows it. */
export const revealRequests = new RevealRequests();
