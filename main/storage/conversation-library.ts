import type { DatabaseSync } from 'node:sqlite';
import type { ConversationSummary, ListConversationsResult } from '../../preload/api';

interface SummaryRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  pinned: number;
}

const summaryColumns = 'id, title, created_at, updated_at, pinned';

/**
 * The sidebar's view of the conversations table: listing (pinned first, then newest), titles,
 * pins, and deletion that can be undone until the next start.
 */
export class ConversationLibrary {
  constructor(
    private readonly db: DatabaseSync,
    private readonly now: () => number = Date.now,
  ) {}

  /** One page of conversations; the cursor is opaque to the renderer. */
  list(cursor: string | undefined, limit = 50): ListConversationsResult {
    const after = decodeCursor(cursor);
    const rows = (after
      ? this.db
          .prepare(
            `SELECT ${summaryColumns} FROM conversations
               WHERE deleted_at IS NULL AND (pinned, updated_at, id) < (?, ?, ?)
               ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ?`,
          )
          .all(after.pinned, after.updatedAt, after.id, limit + 1)
      : this.db
          .prepare(
            `SELECT ${summaryColumns} FROM conversations WHERE deleted_at IS NULL
               ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ?`,
          )
          .all(limit + 1)) as unknown as SummaryRow[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  /** A conversation's listing, or null if it does not exist (or is deleted). */
  summary(id: string): ConversationSummary | null {
    const row = this.db
      .prepare(`SELECT ${summaryColumns} FROM conversations WHERE id = ? AND deleted_at IS NULL`)
      .get(id) as SummaryRow | undefined;
    return row ? toSummary(row) : null;
  }

  /** The title, or '' when the conversation has none yet. */
  title(id: string): string {
    const row = this.db.prepare('SELECT title FROM conversations WHERE id = ?').get(id) as
      { title: string } | undefined;
    return row?.title ?? '';
  }

  /** Set the title without counting as activity (the sidebar order stays). */
  setTitle(id: string, title: string): boolean {
    const result = this.db
      .prepare('UPDATE conversations SET title = ? WHERE id = ? AND deleted_at IS NULL')
      .run(title, id);
    return result.changes > 0;
  }

  /** Pin or unpin. */
  setPinned(id: string, pinned: boolean): boolean {
    const result = this.db
      .prepare('UPDATE conversations SET pinned = ? WHERE id = ? AND deleted_at IS NULL')
      .run(pinned ? 1 : 0, id);
    return result.changes > 0;
  }

  /** Hide a conversation; `restore` brings it back until `purgeDeleted` runs. */
  softDelete(id: string): boolean {
    const result = this.db
      .prepare('UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL')
      .run(this.now(), id);
    return result.changes > 0;
  }

  /** Undo a delete. */
  restore(id: string): boolean {
    const result = this.db
      .prepare('UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL')
      .run(id);
    return result.changes > 0;
  }

  /** Remove for good what was deleted before this start (messages go with them). */
  purgeDeleted(): number {
    return Number(
      this.db.prepare('DELETE FROM conversations WHERE deleted_at IS NOT NULL').run().changes,
    );
  }
}

function toSummary(row: SummaryRow): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    pinned: row.pinned === 1,
  };
}

function encodeCursor(row: SummaryRow): string {
  return `${row.pinned}:${row.updated_at}:${row.id}`;
}

function decodeCursor(cursor: string | undefined) {
  const match = cursor?.match(/^([01]):(\d+):(.+)$/);
  if (!match) return null;
  return { pinned: Number(match[1]), updatedAt: Number(match[2]), id: match[3] ?? '' };
}
