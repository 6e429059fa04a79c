import type {
  ConversationChangedEvent,
  ConversationSummary,
  InvokeChannel,
} from '../../../preload/api';

type Handler = (payload: unknown) => unknown;

/** The channels this fake answers. */
type ConversationChannel = Extract<
  InvokeChannel,
  | 'conversations:list'
  | 'conversations:rename'
  | 'conversations:set-pinned'
  | 'conversations:delete'
  | 'conversations:restore'
>;

/** A summary as main would list it; `updatedAt` defaults to a fixed instant tests can rely on. */
export function makeSummary(
  id: string,
  overrides: Partial<ConversationSummary> = {},
): ConversationSummary {
  return {
    id,
    title: `Title ${id}`,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    pinned: false,
    streaming: false,
    ...overrides,
  };
}

/** Main's order for the sidebar: pinned first, then most recently updated. */
function byListOrder(a: ConversationSummary, b: ConversationSummary): number {
  return Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt;
}

/**
 * The conversations side of a fake main: an in-memory list with paging by offset cursor, and
 * rename/pin/delete/restore that answer like main and announce the change on `onChanged`.
 */
export function createFakeConversations(announce: (event: ConversationChangedEvent) => void) {
  const live = new Map<string, ConversationSummary>();
  const deleted = new Map<string, ConversationSummary>();
  const missing = { ok: false, error: { kind: 'not_found', message: 'No such conversation.' } };

  const update = (id: string, change: Partial<ConversationSummary>) => {
    const current = live.get(id);
    if (!current) return missing;
    const next = { ...current, ...change };
    live.set(id, next);
    announce({ conversationId: id, summary: next });
    return next;
  };

  const handlers: Record<ConversationChannel, Handler> = {
    'conversations:list': (payload) => {
      const { cursor, limit = 50 } = payload as { cursor?: string; limit?: number };
      const start = cursor === undefined ? 0 : Number(cursor);
      const all = [...live.values()].sort(byListOrder);
      const items = all.slice(start, start + limit);
      const end = start + items.length;
      return { items, nextCursor: end < all.length ? String(end) : null };
    },
    'conversations:rename': (payload) => {
      const { conversationId, title } = payload as { conversationId: string; title: string };
      return update(conversationId, { title: title.trim() });
    },
    'conversations:set-pinned': (payload) => {
      const { conversationId, pinned } = payload as { conversationId: string; pinned: boolean };
      return update(conversationId, { pinned });
    },
    'conversations:delete': (payload) => {
      const { conversationId } = payload as { conversationId: string };
      const current = live.get(conversationId);
      if (!current) return missing;
      live.delete(conversationId);
      deleted.set(conversationId, current);
      announce({ conversationId, summary: null });
      return null;
    },
    'conversations:restore': (payload) => {
      const { conversationId } = payload as { conversationId: string };
      const current = deleted.get(conversationId);
      if (!current) return missing;
      deleted.delete(conversationId);
      live.set(conversationId, current);
      announce({ conversationId, summary: current });
      return current;
    },
  };

  return {
    handlers,
    /** Put conversations in the fake database (without announcing them). */
    seed(...summaries: ConversationSummary[]) {
      for (const summary of summaries) live.set(summary.id, summary);
    },
    /** What the fake database holds now, in list order. */
    all: () => [...live.values()].sort(byListOrder),
  };
}
