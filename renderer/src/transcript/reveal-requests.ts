/** How long a request waits for its message to be loaded (a search hit's window arriving). */
export const revealWaitMs = 5_000;

type Listener = () => void;

/**
 * Asks the transcript to bring a message's turn on screen. The transcript mounts only the turns
 * near the view, so a message far from it (a search hit in the middle of its window) has no DOM
 * node to scroll to until the transcript scrolls its list there. One request at a time: a newer
 * one replaces it, and it lapses after `revealWaitMs` if no loaded turn holds the message.
 */
export class RevealRequests {
  private pending: { messageId: string; until: number } | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Ask for `messageId` (a user message's turn id or a reply id) to be scrolled to. */
  request(messageId: string): void {
    this.pending = { messageId, until: this.now() + revealWaitMs };
    for (const listener of [...this.listeners]) listener();
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
    return pending.messageId;
  }

  /** Be told of each new request; returns the way to stop. */
  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** The app's one channel from "open this search hit" to the transcript that shows it. */
export const revealRequests = new RevealRequests();
