import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { closeOpenToolCalls } from '../../common/reply-fold';
import type { ConversationSnapshot, Reply, ToolCall, Turn, TurnPage } from '../../preload/api';
import {
  ConversationLibrary,
  type ConversationSettings,
  type ConversationSettingsChange,
} from './conversation-library';
import { AttachmentRecords } from './attachment-records';
import {
  branchTurns,
  buildPath,
  materializeTurns,
  replyFromRow,
  type DamageLog,
  type MessageRow,
  type PathRow,
  type PathTurn,
} from './conversation-path';
import { storedToolCalls, toolSearchText } from './stored-tool-calls';

export type { ConversationSettings, ConversationSettingsChange } from './conversation-library';

/** How long a reply took: to its first token, and in all. */
export interface ReplyTimings {
  firstTokenMs?: number;
  durationMs?: number;
}

/** A message as an export carries it (conversation-transfer.ts). */
export interface ExportRow {
  id: string;
  parent_id: string | null;
  role: 'user' | 'assistant';
  content: string;
  reasoning: string;
  model: string | null;
  stop_reason: string | null;
  /** The reply's tool calls as stored JSON (stored-tool-calls.ts), or null. */
  tool_calls: string | null;
  created_at: number;
}

/** An attachment of an imported message: an id already stored (checked like intake) and its name. */
export interface ImportedAttachment {
  id: string;
  name: string;
}

/** A finished message to insert as it comes, from an import; positions follow the order given. */
export interface ImportedMessage {
  id: string;
  parentId: string | null;
  role: 'user' | 'assistant';
  content: string;
  reasoning: string;
  model: string | null;
  stopReason: string | null;
  /** A reply's tool calls, already checked (none are still open: an import is finished). */
  toolCalls?: ToolCall[];
  /** A user message's attachments, in order, already stored. */
  attachments?: ImportedAttachment[];
  createdAt: number;
}

/**
 * Conversations in SQLite. A turn is a user message; its reply versions are assistant messages
 * whose parent it is; the next prompt hangs off the version it continued from, and an edited
 * prompt is a sibling of the original. Pointers on each node say which child the user is on,
 * so `load` returns the branch on screen. Every write is one statement or one transaction.
 *
 * The repository of the messages table; what touches a conversation's own row (creation, branch
 * root, last activity, settings) goes through `conversations`, the table's one repository,
 * inside the same transactions. The connection is handed in by whoever opened the database.
 */
export class ConversationStore {
  /** Branch shapes kept between pages, by conversation (see branchOf). */
  private readonly shapes = new Map<string, { activeRootId: string | null; turns: PathTurn[] }>();

  constructor(
    private readonly db: DatabaseSync,
    private readonly now: () => number = Date.now,
    /** The conversations table; services.ts hands in the one the sidebar uses too. */
    readonly conversations: ConversationLibrary = new ConversationLibrary(db, now),
    /** Hears about stored rows read only in part (damaged tool calls); services.ts logs them. */
    private readonly log: DamageLog = () => {},
    /** The attachments tables (migration 6), on the same connection. */
    readonly attachments: AttachmentRecords = new AttachmentRecords(db),
  ) {}

  /** Create an empty conversation. */
  createConversation(id: string, title = ''): void {
    this.conversations.create(id, title, this.now());
  }

  /** The conversation most recently written to, if any (deleted ones excluded). */
  latestConversationId(): string | null {
    return this.conversations.latestId();
  }

  /** The branch of a conversation the user is on, as turns; null if there is none. */
  load(id: string): ConversationSnapshot | null {
    const conversation = this.conversations.head(id);
    if (!conversation) return null;
    const rows = this.db
      .prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY position')
      .all(id) as unknown as MessageRow[];
    return {
      id,
      title: conversation.title,
      turns: buildPath(
        rows,
        conversation.activeRootId,
        this.log,
        this.attachments.forConversation(id),
      ),
    };
  }

  /**
   * A window of the branch the user is on: the newest `limit` turns, or with `aroundMessageId`
   * the `limit` turns centred on the turn holding that message (a search hit). Reads the tree's
   * shape for the whole conversation but the content of the window's messages only, so its cost
   * grows with the window, not the conversation (test/bench/storage-bench.ts measures it).
   * Null if there is no such conversation.
   */
  loadWindow(
    id: string,
    window: { limit: number; aroundMessageId?: string | undefined },
  ): ConversationSnapshot | null {
    const conversation = this.conversations.head(id);
    if (!conversation) return null;
    const path = this.branchOf(id, conversation.activeRootId);
    let end = path.length;
    if (window.aroundMessageId !== undefined) {
      const hit = path.findIndex(
        (turn) =>
          turn.userId === window.aroundMessageId ||
          turn.replyIds.includes(window.aroundMessageId ?? ''),
      );
      if (hit >= 0) end = Math.min(path.length, hit + Math.ceil(window.limit / 2));
    }
    const start = Math.max(0, end - window.limit);
    return {
      id,
      title: conversation.title,
      turns: this.materialize(path.slice(start, end)),
      earlierTurns: start,
      laterTurns: path.length - end,
    };
  }

  /**
   * Up to `limit` turns of the branch just before `beforeTurnId` or just after `afterTurnId`,
   * and how many remain beyond them. Null if the conversation is gone or the turn is not on the
   * branch the user is on (they switched branch meanwhile).
   */
  turnPage(
    id: string,
    page: { beforeTurnId?: string | undefined; afterTurnId?: string | undefined; limit: number },
  ): TurnPage | null {
    const conversation = this.conversations.head(id);
    if (!conversation) return null;
    const path = this.branchOf(id, conversation.activeRootId);
    const anchorId = page.beforeTurnId ?? page.afterTurnId;
    const anchor = path.findIndex((turn) => turn.userId === anchorId);
    if (anchor < 0) return null;
    if (page.beforeTurnId !== undefined) {
      const start = Math.max(0, anchor - page.limit);
      return { turns: this.materialize(path.slice(start, anchor)), remaining: start };
    }
    const end = Math.min(path.length, anchor + 1 + page.limit);
    return { turns: this.materialize(path.slice(anchor + 1, end)), remaining: path.length - end };
  }

  /**
   * The branch the user is on, as ids: the tree's shape only, no message text. Kept between
   * calls, so paging through a long conversation walks its tree once: only a structural write
   * (a new message, another chosen version or branch) changes the shape, and every one of those
   * goes through `run`, `pointAt` or `insertImported`, which forget the kept shapes. Saving a
   * reply's text (`saveContent`) does not, so a reply streaming meanwhile costs nothing here.
   */
  private branchOf(id: string, activeRootId: string | null): PathTurn[] {
    const kept = this.shapes.get(id);
    if (kept && kept.activeRootId === activeRootId) return kept.turns;
    const rows = this.db
      .prepare(
        `SELECT id, parent_id, role, active_reply, active_child_id FROM messages
         WHERE conversation_id = ? ORDER BY position`,
      )
      .all(id) as unknown as PathRow[];
    const turns = branchTurns(rows, activeRootId);
    // One conversation is paged at a time; keeping a few bounds memory (ids only, ~100 B a turn).
    if (this.shapes.size >= 4) this.shapes.clear();
    this.shapes.set(id, { activeRootId, turns });
    return turns;
  }

  /** The content of some turns of a branch: their messages' rows and attachments only. */
  private materialize(path: readonly PathTurn[]): Turn[] {
    if (path.length === 0) return [];
    const ids = path.flatMap((turn) => [turn.userId, ...turn.replyIds]);
    const rows: MessageRow[] = [];
    // SQLite limits bound parameters (32,766 since 3.32); chunks keep any window well inside it.
    for (let at = 0; at < ids.length; at += 500) {
      const chunk = ids.slice(at, at + 500);
      rows.push(
        ...(this.db
          .prepare(`SELECT * FROM messages WHERE id IN (${chunk.map(() => '?').join(',')})`)
          .all(...chunk) as unknown as MessageRow[]),
      );
    }
    return materializeTurns(
      path,
      rows,
      this.log,
      this.attachments.forMessages(path.map((turn) => turn.userId)),
    );
  }

  /** Every message of a conversation's tree in the order written, as an export carries it. */
  exportRows(conversationId: string): ExportRow[] {
    return this.db
      .prepare(
        `SELECT id, parent_id, role, content, reasoning, model, stop_reason, tool_calls,
           created_at FROM messages WHERE conversation_id = ? ORDER BY position`,
      )
      .all(conversationId) as unknown as ExportRow[];
  }

  /** Add finished messages to an existing conversation (an import), positions 1, 2, … in order. */
  insertImported(conversationId: string, messages: readonly ImportedMessage[]): void {
    this.shapes.clear();
    const insert = this.db.prepare(
      `INSERT INTO messages (id, conversation_id, parent_id, role, position, content, reasoning,
         status, model, stop_reason, tool_calls, tool_text, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'done', ?, ?, ?, ?, ?, ?)`,
    );
    messages.forEach((message, index) => {
      insert.run(
        message.id,
        conversationId,
        message.parentId,
        message.role,
        index + 1,
        message.content,
        message.reasoning,
        message.model,
        message.stopReason,
        storedToolCalls(message.toolCalls),
        toolSearchText(message.toolCalls),
        message.createdAt,
        message.createdAt,
      );
      if (message.attachments?.length) this.linkAttachments(message.id, message.attachments);
    });
  }

  /**
   * Make `ids` the attachments of the user message `messageId`, in order (the chat service calls
   * this when it saves a turn; `addTurn` does it for `turn.attachments`). Search then finds the
   * message by the files' names and text.
   * @throws Error naming the first id that is not stored (nothing is linked then).
   */
  attach(messageId: string, ids: readonly string[]): void {
    this.transaction(() => this.linkAttachments(messageId, this.namedAttachments(ids)));
  }

  /** Whether a message with this id exists (in any conversation, deleted ones included). */
  hasMessage(messageId: string): boolean {
    return this.db.prepare('SELECT 1 FROM messages WHERE id = ?').get(messageId) !== undefined;
  }

  /** The parent of a message (null for a conversation's first prompts). */
  parentOf(messageId: string): string | null {
    const row = this.db.prepare('SELECT parent_id FROM messages WHERE id = ?').get(messageId) as
      { parent_id: string | null } | undefined;
    return row?.parent_id ?? null;
  }

  /** The ids of a user message and its sibling versions, oldest first. */
  userVersions(userId: string): string[] {
    const row = this.db
      .prepare('SELECT conversation_id, parent_id FROM messages WHERE id = ?')
      .get(userId) as { conversation_id: string; parent_id: string | null } | undefined;
    if (!row) return [];
    const rows = this.db
      .prepare(
        `SELECT id FROM messages WHERE conversation_id = ? AND role = 'user' AND parent_id IS ?
         ORDER BY position`,
      )
      .all(row.conversation_id, row.parent_id) as Array<{ id: string }>;
    return rows.map((sibling) => sibling.id);
  }

  /** Add a user message under `parentId` (a reply version, or null) and make it the one shown. */
  addTurn(conversationId: string, turn: Turn, parentId: string | null): void {
    const at = this.now();
    const attachments = turn.attachments?.map((view) => ({ id: view.id, name: view.name }));
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
      if (attachments?.length) this.linkAttachments(turn.id, attachments);
      this.pointAt(conversationId, parentId, turn.id);
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

  /**
   * Save a reply's text, tool calls and outcome as they are now (called while it streams, at
   * each step of a tool call, and at its end). One statement: text and calls are never saved
   * apart, so a crash leaves the last save whole.
   */
  saveReply(reply: Reply, timings: ReplyTimings = {}): void {
    this.saveContent(
      `UPDATE messages SET content = ?, reasoning = ?, status = ?, seq = ?, stop_reason = ?,
         provider_stop_reason = ?, error = ?, usage = ?, first_token_ms = COALESCE(?, first_token_ms),
         duration_ms = COALESCE(?, duration_ms), tool_calls = ?, tool_text = ?, updated_at = ?
       WHERE id = ?`,
      reply.text,
      reply.reasoning,
      reply.status,
      reply.seq,
      reply.stopReason ?? null,
      reply.providerStopReason ?? null,
      reply.error ? JSON.stringify(reply.error) : null,
      reply.usage ? JSON.stringify(reply.usage) : null,
      timings.firstTokenMs ?? null,
      timings.durationMs ?? null,
      storedToolCalls(reply.toolCalls),
      toolSearchText(reply.toolCalls),
      this.now(),
      reply.id,
    );
  }

  /** Remember which reply version a turn continues from. */
  setActiveReply(turnId: string, index: number): void {
    this.run('UPDATE messages SET active_reply = ? WHERE id = ?', index, turnId);
  }

  /** Show the user-message version `userId` (and the branch below it). */
  setActiveUserVersion(conversationId: string, userId: string): void {
    this.pointAt(conversationId, this.parentOf(userId), userId);
  }

  /**
   * Point every node from the root down to `messageId` at it, so the branch holding it shows.
   * A message the branch on screen already shows (a user message on it, or a reply that is its
   * turn's chosen one: every search hit in a conversation with no edits or retries) needs no
   * write: the walk to the root is skipped. It costs a query and a write per message above the
   * hit (~90 ms for one 9,000 messages up), and its writes would drop the kept branch shape
   * that the window read next needs (~35 ms to read it again for 10,000 messages).
   */
  reveal(conversationId: string, messageId: string): void {
    const conversation = this.conversations.head(conversationId);
    if (!conversation) return;
    const shown = this.branchOf(conversationId, conversation.activeRootId).some(
      (turn) => turn.userId === messageId || turn.replyIds[turn.activeReply] === messageId,
    );
    if (shown) return;
    this.transaction(() => {
      let child = this.db
        .prepare('SELECT id, parent_id, role FROM messages WHERE id = ? AND conversation_id = ?')
        .get(messageId, conversationId) as
        { id: string; parent_id: string | null; role: string } | undefined;
      while (child) {
        if (child.role === 'user') this.pointAt(conversationId, child.parent_id, child.id);
        else if (child.parent_id !== null) {
          const siblings = this.db
            .prepare(
              `SELECT id FROM messages WHERE parent_id = ? AND role = 'assistant' ORDER BY position`,
            )
            .all(child.parent_id) as Array<{ id: string }>;
          const index = siblings.findIndex((sibling) => sibling.id === child?.id);
          this.setActiveReply(child.parent_id, Math.max(0, index));
        }
        if (child.parent_id === null) break;
        child = this.db
          .prepare('SELECT id, parent_id, role FROM messages WHERE id = ?')
          .get(child.parent_id) as typeof child;
      }
    });
  }

  /** The model, profile and system prompt a conversation was set to use. */
  getConversationSettings(id: string): ConversationSettings {
    return this.conversations.settings(id);
  }

  /**
   * Change what a conversation uses; a field set to undefined is left as it was, and
   * `toolServerIds: null` goes back to every enabled server.
   */
  setConversationSettings(id: string, settings: ConversationSettingsChange): void {
    this.conversations.setSettings(id, settings);
  }

  /**
   * Replies still marked streaming belong to a process that died mid-reply: keep their text and
   * tool calls up to the last save and mark them interrupted, and with them every call that was
   * still open (writing its arguments, waiting for approval, running): nothing runs it now.
   * Returns how many replies there were.
   */
  markInterrupted(): number {
    let changes = 0;
    this.transaction(() => {
      const open = this.db
        .prepare(
          `SELECT * FROM messages WHERE status = 'streaming' AND role = 'assistant'
             AND tool_calls IS NOT NULL`,
        )
        .all() as unknown as MessageRow[];
      for (const row of open) {
        const reply = replyFromRow(row, this.log);
        closeOpenToolCalls(reply, 'interrupted');
        this.run(
          'UPDATE messages SET tool_calls = ?, tool_text = ? WHERE id = ?',
          storedToolCalls(reply.toolCalls),
          toolSearchText(reply.toolCalls),
          row.id,
        );
      }
      const result = this.run(
        `UPDATE messages SET status = 'done', stop_reason = 'interrupted' WHERE status = 'streaming'`,
      );
      changes = Number(result.changes);
    });
    return changes;
  }

  /** Run `body` in one transaction. */
  transaction(body: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      body();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Each id with its stored name. @throws Error naming the first id not stored. */
  private namedAttachments(ids: readonly string[]): Array<{ id: string; name: string }> {
    return ids.map((id) => {
      const view = this.attachments.view(id);
      if (!view) throw new Error(`No attachment ${id} is stored.`);
      return { id, name: view.name };
    });
  }

  /** Link attachments to a message and index their names and text with it (in a transaction). */
  private linkAttachments(
    messageId: string,
    items: ReadonlyArray<{ id: string; name: string }>,
  ): void {
    const missing = this.attachments.missing(items.map((item) => item.id));
    if (missing.length > 0) throw new Error(`No attachment ${missing[0]} is stored.`);
    this.attachments.link(messageId, items);
    this.run(
      'UPDATE messages SET attachment_text = ? WHERE id = ?',
      this.attachments.searchText(items),
      messageId,
    );
  }

  private pointAt(conversationId: string, parentId: string | null, childId: string): void {
    this.shapes.clear();
    if (parentId === null) {
      this.conversations.setActiveRoot(conversationId, childId);
    } else {
      this.run('UPDATE messages SET active_child_id = ? WHERE id = ?', childId, parentId);
    }
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
    this.conversations.touch(conversationId, at);
  }

  /** Run a write. Any write may change a tree's shape, so the kept shapes are forgotten. */
  private run(sql: string, ...params: SQLInputValue[]) {
    this.shapes.clear();
    return this.db.prepare(sql).run(...params);
  }

  /** Run a write that changes messages' content only, never the tree's shape (see branchOf). */
  private saveContent(sql: string, ...params: SQLInputValue[]) {
    return this.db.prepare(sql).run(...params);
  }
}
