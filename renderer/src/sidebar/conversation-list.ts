import type {
  ConversationChangedEvent,
  ConversationSummary,
  IpcFailure,
  ParleyApi,
} from '../../../preload/api';
import { settle } from '../chat/settle';

/** The sidebar's list as React reads it; replaced whole on every change. */
export interface ConversationListState {
  readonly items: readonly ConversationSummary[];
  /** True once the first page arrived (an empty list before that is "loading", not "none"). */
  readonly loaded: boolean;
  /** True while a page request is in flight. */
  readonly loading: boolean;
  /** True when main has more pages to give. */
  readonly hasMore: boolean;
}

/** How many conversations one page asks for: more than a tall window shows. */
export const pageSize = 50;

const initial: ConversationListState = { items: [], loaded: false, loading: false, hasMore: true };

/** Pinned first, then most recently updated: the order main pages in, kept after local edits. */
function byListOrder(a: ConversationSummary, b: ConversationSummary): number {
  return Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt;
}

/**
 * The conversations the sidebar shows: paged in from `conversations.list` and kept fresh by
 * `conversations.onChanged` and by the user's own edits. An external store, so it is tested
 * without React and any action can update it.
 */
export class ConversationList {
  private state = initial;
  private cursor: string | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: ParleyApi,
    private readonly onFailure: (action: string, failure: IpcFailure) => void,
  ) {}

  /** The list now. */
  readonly getState = (): ConversationListState => this.state;

  /** Be told when the list changes. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Listen for changes, then load the first page; returns the way to stop listening. */
  start(): () => void {
    const unsubscribe = this.api.conversations.onChanged((event) => this.apply(event));
    void this.loadMore();
    return unsubscribe;
  }

  /** Fetch the next page, unless one is in flight or there is none. */
  async loadMore(): Promise<void> {
    if (this.state.loading || !this.state.hasMore) return;
    this.set({ ...this.state, loading: true });
    const request =
      this.cursor === undefined ? { limit: pageSize } : { cursor: this.cursor, limit: pageSize };
    const result = await settle(() => this.api.conversations.list(request));
    if (!result.ok) {
      // Stop paging: retrying on every scroll would repeat the same failure notice.
      this.set({ ...this.state, loading: false, loaded: true, hasMore: false });
      this.onFailure("Couldn't load your conversations.", result.error);
      return;
    }
    const { items, nextCursor } = result.value;
    this.cursor = nextCursor ?? undefined;
    // A page is main's state as of now: it replaces whatever an earlier event said.
    const fresh = new Set(items.map((item) => item.id));
    const kept = this.state.items.filter((item) => !fresh.has(item.id));
    this.set({
      items: [...kept, ...items].sort(byListOrder),
      loaded: true,
      loading: false,
      hasMore: nextCursor !== null,
    });
  }

  /** Fold in an `onChanged` event: a new or changed conversation, or one deleted. */
  apply(event: ConversationChangedEvent): void {
    if (event.summary === null) this.remove(event.conversationId);
    else this.put(event.summary);
  }

  /** Insert or replace one conversation, keeping the list order. */
  put(summary: ConversationSummary): void {
    const others = this.state.items.filter((item) => item.id !== summary.id);
    this.set({ ...this.state, items: [...others, summary].sort(byListOrder) });
  }

  /** Take one conversation out; returns what it was, so Undo can put it back. */
  remove(conversationId: string): ConversationSummary | undefined {
    const removed = this.find(conversationId);
    if (removed) {
      const items = this.state.items.filter((item) => item.id !== conversationId);
      this.set({ ...this.state, items });
    }
    return removed;
  }

  /** One conversation, if listed. */
  find(conversationId: string): ConversationSummary | undefined {
    return this.state.items.find((item) => item.id === conversationId);
  }

  /** A message was just sent in it: it moves to the top of its group now, not at next start. */
  touch(conversationId: string, at = Date.now()): void {
    const summary = this.find(conversationId);
    if (summary && summary.updatedAt < at) this.put({ ...summary, updatedAt: at });
  }

  private set(state: ConversationListState): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }
}
