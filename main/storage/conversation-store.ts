import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type {
  ChatError,
  ConversationSnapshot,
  Reply,
  StopReason,
  Turn,
  Usage,
} from '../../preload/api';

/** How long a reply took: to its first token, and in all. */
export interface ReplyTimings {
  firstTokenMs?: number;
  durationMs?: number;
}

interface MessageRow {
  id: string;
  parent_id: string | null;
  role: 'user' | 'assistant';
  content: string;
  reasoning: string;
  active_reply: number;
  status: string | null;
  stream_id: string | null;
  seq: number;
  stop_reason: string | null;
  error: string | null;
  usage: string | null;
  model: string | null;
}

/**
 * Conversations in SQLite: one row per conversation, one per message. A turn is a user message;
 * its reply versions are assistant messages whose parent it is; the next prompt hangs off the
 * version it continued from. Every write is one statement or one transaction.
 */
export class ConversationStore {
  constructor(
    private readonly db: DatabaseSync,
    private readonly now: () => number = Date.now,
  ) {}

  /** Create an empty conversation. */
  createConversation(id: string): void {
    const at = this.now();
    this.run('INSERT INTO conversations (id, created_at, updated_at) VALUES (?, ?, ?)', id, at, at);
  }

  /** The conversation most recently written to, if any. */
  latestConversationId(): string | null {
    const row = this.db
      .prepare('SELECT id FROM conversations ORDER BY updated_at DESC, rowid DESC LIMIT 1')
      .get() as { id: string } | undefined;
    return row?.id ?? null;
  }

  /** A whole conversation as turns with their reply versions, or null if there is none. */
  load(id: string): ConversationSnapshot | null {
    const exists = this.db.prepare('SELECT 1 FROM conversations WHERE id = ?').get(id);
    if (!exists) return null;
    const rows = this.db
      .prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY position')
      .all(id) as unknown as MessageRow[];
    const turns: Turn[] = [];
    const byId = new Map<string, Turn>();
    for (const row of rows) {
      if (row.role === 'user') {
        const turn: Turn = {
          id: row.id,
          userText: row.content,
          replies: [],
          activeReply: row.active_reply,
        };
        turns.push(turn);
        byId.set(row.id, turn);
      } else if (row.parent_id !== null) {
        byId.get(row.parent_id)?.replies.push(replyFromRow(row));
      }
    }
    return { id, turns };
  }

  /** Add a user message; `parentId` is the reply version it continues from (null: first turn). */
  addTurn(conversationId: string, turn: Turn, parentId: string | null): void {
    const at = this.now();
    this.transaction(() => {
      this.run(
        `INSERT INTO messages (id, conversation_id, parent_id, role, position, content, created_at, updated_at)
         VALUES (?, ?, ?, 'user', ?, ?, ?, ?)`,
        turn.id,
        conversationId,
        parentId,
        this.nextPosition(conversationId),
        turn.userText,
        at,
        at,
      );
      this.touch(conversationId, at);
    });
  }

  /** Add a reply version under its turn and make it the active one. */
  addReply(conversationId: string, turn: Turn, reply: Reply, providerKind: string): void {
    const at = this.now();
    this.transaction(() => {
      this.run(
        `INSERT INTO messages (id, conversation_id, parent_id, role, position, status, stream_id,
           model, provider_kind, created_at, updated_at)
         VALUES (?, ?, ?, 'assistant', ?, ?, ?, ?, ?, ?, ?)`,
        reply.id,
        conversationId,
        turn.id,
        this.nextPosition(conversationId),
        reply.status,
        reply.streamId,
        reply.model,
        providerKind,
        at,
        at,
      );
      this.run('UPDATE messages SET active_reply = ? WHERE id = ?', turn.activeReply, turn.id);
      this.touch(conversationId, at);
    });
  }

  /** Save a reply's text and outcome as they are now (called while it streams and at its end). */
  saveReply(reply: Reply, timings: ReplyTimings = {}): void {
    this.run(
      `UPDATE messages SET content = ?, reasoning = ?, status = ?, seq = ?, stop_reason = ?,
         error = ?, usage = ?, first_token_ms = COALESCE(?, first_token_ms),
         duration_ms = COALESCE(?, duration_ms), updated_at = ?
       WHERE id = ?`,
      reply.text,
      reply.reasoning,
      reply.status,
      reply.seq,
      reply.stopReason ?? null,
      reply.error ? JSON.stringify(reply.error) : null,
      reply.usage ? JSON.stringify(reply.usage) : null,
      timings.firstTokenMs ?? null,
      timings.durationMs ?? null,
      this.now(),
      reply.id,
    );
  }

  /** Remember which reply version a turn continues from. */
  setActiveReply(turnId: string, index: number): void {
    this.run('UPDATE messages SET active_reply = ? WHERE id = ?', index, turnId);
  }

  /**
   * Replies still marked streaming belong to a process that died mid-reply: keep their text up
   * to the last save and mark them interrupted. Returns how many there were.
   */
  markInterrupted(): number {
    const result = this.run(
      `UPDATE messages SET status = 'done', stop_reason = 'interrupted' WHERE status = 'streaming'`,
    );
    return Number(result.changes);
  }

  private nextPosition(conversationId: string): number {
    const row = this.db
      .prepare(
        'SELECT COALESCE(MAX(position), 0) + 1 AS next FROM messages WHERE conversation_id = ?',
      )
      .get(conversationId) as { next: number };
    return row.next;
  }

  private touch(conversationId: string, at: number): void {
    this.run('UPDATE conversations SET updated_at = ? WHERE id = ?', at, conversationId);
  }

  private run(sql: string, ...params: SQLInputValue[]) {
    return this.db.prepare(sql).run(...params);
  }

  private transaction(body: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      body();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}

function replyFromRow(row: MessageRow): Reply {
  const reply: Reply = {
    id: row.id,
    streamId: row.stream_id ?? row.id,
    model: row.model ?? '',
    text: row.content,
    reasoning: row.reasoning,
    status: row.status === 'error' ? 'error' : row.status === 'streaming' ? 'streaming' : 'done',
    seq: row.seq,
  };
  if (row.stop_reason) reply.stopReason = row.stop_reason as StopReason;
  if (row.error) reply.error = JSON.parse(row.error) as ChatError;
  if (row.usage) reply.usage = JSON.parse(row.usage) as Usage;
  return reply;
}
