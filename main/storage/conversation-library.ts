import type { DatabaseSync } from 'node:sqlite';
import type { ConversationSummary } from '../../preload/api';

interface SummaryRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  pinned: number;
}

/**
 * A conversation's listing as stored. Whether a reply is running there is not stored: the
 * conversation service adds `streaming` from the chat service when it hands a summary out.
 */
export type StoredSummary = Omit<ConversationSummary, 'streaming'>;

/** One page of stored listings (the conversation service adds `streaming` to each). */
export interface StoredPage {
  items: StoredSummary[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const summaryColumns = 'id, title, created_at, updated_at, pinned';

/** What a conversation was last set to use; unset fields follow the active profile. */
export interface ConversationSettings {
  profileId?: string;
  model?: string;
  systemPrompt?: string;
  /** The MCP servers its model may use; absent: every enabled server; empty: no tools. */
  toolServerIds?: string[];
}

/**
 * A change to a conversation's settings: undefined fields stay as they were; `toolServerIds:
 * null` goes back to every enabled server (preload/api/profiles.ts `conversation-settings:set`).
 */
export type ConversationSettingsChange = Omit<ConversationSettings, 'toolServerIds'> & {
  toolServerIds?: string[] | null;
};

/**
 * The repository of the conversations table: every statement on it is here (the messages table
 * is ConversationStore's). Listing (pinned first, then newest), titles, pins, deletion that can
 * be undone until the next start, and each conversation's settings, branch root and last
 * activity. The connection is handed in by whoever opened the database (services.ts).
 */
export class ConversationLibrary {
  constructor(
    private readonly db: DatabaseSync,
    private readonly now: () => number = Date.now,
  ) {}

  /** Create an empty conversation, created and updated `at` (ms since the epoch). */
  create(id: string, title: string, at: number): void {
    this.db
      .prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(id, title, at, at);
  }

  /** The conversation most recently written to, if any (deleted ones excluded). */
  latestId(): string | null {
    const row = this.db
      .prepare(
        `SELECT id FROM conversations WHERE deleted_at IS NULL
         ORDER BY updated_at DESC, rowid DESC LIMIT 1`,
      )
      .get() as { id: string } | undefined;
    return row?.id ?? null;
  }

  /** Title and first prompt on screen of a conversation that is not deleted, or null. */
  head(id: string): { title: string; activeRootId: string | null } | null {
    const row = this.db
      .prepare(
        'SELECT title, active_root_id FROM conversations WHERE id = ? AND deleted_at IS NULL',
      )
      .get(id) as { title: string; active_root_id: string | null } | undefined;
    return row ? { title: row.title, activeRootId: row.active_root_id } : null;
  }

  /** Title and creation time (ms since the epoch), deleted or not; null if there is none. */
  meta(id: string): { title: string; createdAt: number } | null {
    const row = this.db
      .prepare('SELECT title, created_at FROM conversations WHERE id = ?')
      .get(id) as { title: string; created_at: number } | undefined;
    return row ? { title: row.title, createdAt: row.created_at } : null;
  }

  /** Show the first prompt `messageId` (a root of the conversation's tree). */
  setActiveRoot(id: string, messageId: string): void {
    this.db.prepare('UPDATE conversations SET active_root_id = ? WHERE id = ?').run(messageId, id);
  }

  /** Record activity `at` (ms since the epoch): the sidebar orders by it. */
  touch(id: string, at: number): void {
    this.db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run(at, id);
  }

  /** The model, profile, system prompt and tool servers a conversation was set to use. */
  settings(id: string): ConversationSettings {
    const row = this.db
      .prepare(
        `SELECT profile_id, model, system_prompt, tool_server_ids FROM conversations
         WHERE id = ?`,
      )
      .get(id) as
      | {
          profile_id: string | null;
          model: string | null;
          system_prompt: string | null;
          tool_server_ids: string | null;
        }
      | undefined;
    const settings: ConversationSettings = {};
    if (row?.profile_id) settings.profileId = row.profile_id;
    if (row?.model) settings.model = row.model;
    if (row?.system_prompt) settings.systemPrompt = row.system_prompt;
    const toolServerIds = parseIdList(row?.tool_server_ids ?? null);
    if (toolServerIds) settings.toolServerIds = toolServerIds;
    return settings;
  }

  /**
   * Change what a conversation uses; a field set to undefined is left as it was, and
   * `toolServerIds: null` goes back to every enabled server.
   */
  setSettings(id: string, settings: ConversationSettingsChange): void {
    const servers = settings.toolServerIds;
    this.db
      .prepare(
        `UPDATE conversations SET profile_id = COALESCE(?, profile_id), model = COALESCE(?, model),
           system_prompt = COALESCE(?, system_prompt),
           tool_server_ids = CASE WHEN ? THEN ? ELSE tool_server_ids END
         WHERE id = ?`,
      )
      .run(
        settings.profileId ?? null,
        settings.model ?? null,
        settings.systemPrompt ?? null,
        servers === undefined ? 0 : 1,
        servers ? JSON.stringify(servers) : null,
        id,
      );
  }

  /** One page of conversations; the cursor is opaque to the renderer. */
  list(cursor: string | undefined, limit = 50): StoredPage {
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
  summary(id: string): StoredSummary | null {
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

/**
 * A stored list of server ids; null when there is none or it is damaged, which means every
 * enabled server (the default), never "no tools".
 */
function parseIdList(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) {
      return parsed as string[];
    }
  } catch {
    // Damaged: fall through to the default.
  }
  return null;
}

function toSummary(row: SummaryRow): StoredSummary {
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
