import type { DatabaseSync } from 'node:sqlite';
import type { AttachmentKind, AttachmentView } from '../../preload/api';

/** An attachment as stored: its view, plus the text intake extracted (PDFs, text files). */
export interface StoredAttachment extends AttachmentView {
  /** PDFs: their text layer ('' for a scanned PDF); text files: their text, decoded. */
  text?: string;
}

interface AttachmentRow {
  id: string;
  name: string;
  kind: AttachmentKind;
  mime_type: string;
  size: number;
  width: number | null;
  height: number | null;
  page_count: number | null;
  text_chars: number | null;
  thumbnail: string | null;
  text?: string | null;
}

/** Columns of a view (not the text, which can be megabytes). */
const viewColumns =
  'a.id, a.name, a.kind, a.mime_type, a.size, a.width, a.height, a.page_count, a.text_chars, a.thumbnail';

/**
 * How much of one attachment's text goes into the search index: enough for every page of a long
 * PDF people search in, bounded so a 50 MB log file does not make the index (and every save of
 * it) that much bigger.
 */
export const searchTextLimit = 200_000;

/**
 * The repository of the attachments and message_attachments tables (migration 6): every
 * statement that writes them is here. A message's `attachment_text` (search) is the messages
 * table's, written by ConversationStore from `searchText`.
 */
export class AttachmentRecords {
  constructor(private readonly db: DatabaseSync) {}

  /**
   * Record an attachment whose bytes are already fully on disk (AttachmentFiles.write resolved).
   * Adding the same bytes again keeps the row, takes the newer name and restarts the one-day
   * grace for drafts (`unused`).
   */
  put(attachment: StoredAttachment, at: number): void {
    this.db
      .prepare(
        `INSERT INTO attachments (id, name, kind, mime_type, size, width, height, page_count,
           text_chars, thumbnail, text, added_at, linked)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, added_at = excluded.added_at,
           linked = 0`,
      )
      .run(
        attachment.id,
        attachment.name,
        attachment.kind,
        attachment.mimeType,
        attachment.size,
        attachment.width ?? null,
        attachment.height ?? null,
        attachment.pageCount ?? null,
        attachment.textChars ?? null,
        attachment.thumbnail ?? null,
        attachment.text ?? null,
        at,
      );
  }

  /** The view of an attachment, or null when there is none. */
  view(id: string): AttachmentView | null {
    const row = this.db
      .prepare(`SELECT ${viewColumns} FROM attachments a WHERE a.id = ?`)
      .get(id) as AttachmentRow | undefined;
    return row ? toView(row) : null;
  }

  /** The extracted text of an attachment (PDFs, text files), or null when it has none. */
  text(id: string): string | null {
    const row = this.db.prepare('SELECT text FROM attachments WHERE id = ?').get(id) as
      { text: string | null } | undefined;
    return row?.text ?? null;
  }

  /** The ids among `ids` that are not stored. */
  missing(ids: readonly string[]): string[] {
    const has = this.db.prepare('SELECT 1 FROM attachments WHERE id = ?');
    return ids.filter((id) => has.get(id) === undefined);
  }

  /**
   * Make `items` the attachments of `messageId`, in order, each under the name it had there, and
   * mark them used. Call inside the caller's transaction (ConversationStore.attach).
   */
  link(messageId: string, items: ReadonlyArray<{ id: string; name: string }>): void {
    this.db.prepare('DELETE FROM message_attachments WHERE message_id = ?').run(messageId);
    const insert = this.db.prepare(
      `INSERT INTO message_attachments (message_id, position, attachment_id, name)
       VALUES (?, ?, ?, ?)`,
    );
    const mark = this.db.prepare('UPDATE attachments SET linked = 1 WHERE id = ?');
    items.forEach((item, index) => {
      insert.run(messageId, index, item.id, item.name);
      mark.run(item.id);
    });
  }

  /** The ids of a message's attachments, in order ([] when it has none). */
  idsOf(messageId: string): string[] {
    const rows = this.db
      .prepare(
        'SELECT attachment_id FROM message_attachments WHERE message_id = ? ORDER BY position',
      )
      .all(messageId) as Array<{ attachment_id: string }>;
    return rows.map((row) => row.attachment_id);
  }

  /** Each message's attachments in a conversation, in order, as views under their names there. */
  forConversation(conversationId: string): Map<string, AttachmentView[]> {
    const rows = this.db
      .prepare(
        `SELECT ma.message_id, ma.name AS used_name, ma.left_out, ${viewColumns}
         FROM messages m
         CROSS JOIN message_attachments ma ON ma.message_id = m.id
         CROSS JOIN attachments a ON a.id = ma.attachment_id
         WHERE m.conversation_id = ?
         ORDER BY ma.message_id, ma.position`,
      )
      .all(conversationId) as unknown as Array<
      AttachmentRow & { message_id: string; used_name: string; left_out: number }
    >;
    const byMessage = new Map<string, AttachmentView[]>();
    for (const row of rows) {
      const list = byMessage.get(row.message_id) ?? [];
      list.push(linkedView(row));
      byMessage.set(row.message_id, list);
    }
    return byMessage;
  }

  /** The attachments of some messages, in order, by message id (messages without any are absent). */
  forMessages(messageIds: readonly string[]): Map<string, AttachmentView[]> {
    const byMessage = new Map<string, AttachmentView[]>();
    for (let at = 0; at < messageIds.length; at += 500) {
      const chunk = messageIds.slice(at, at + 500);
      const rows = this.db
        .prepare(
          `SELECT ma.message_id, ma.name AS used_name, ma.left_out, ${viewColumns}
           FROM message_attachments ma
           CROSS JOIN attachments a ON a.id = ma.attachment_id
           WHERE ma.message_id IN (${chunk.map(() => '?').join(',')})
           ORDER BY ma.message_id, ma.position`,
        )
        .all(...chunk) as unknown as Array<
        AttachmentRow & { message_id: string; used_name: string; left_out: number }
      >;
      for (const row of rows) {
        const list = byMessage.get(row.message_id) ?? [];
        list.push(linkedView(row));
        byMessage.set(row.message_id, list);
      }
    }
    return byMessage;
  }

  /**
   * Mark a file of a message as left out (migration 7): the user chose to go on without it
   * after the provider refused it. Returns whether the message carries that file.
   */
  leaveOut(messageId: string, attachmentId: string): boolean {
    const result = this.db
      .prepare(
        'UPDATE message_attachments SET left_out = 1 WHERE message_id = ? AND attachment_id = ?',
      )
      .run(messageId, attachmentId);
    return Number(result.changes) > 0;
  }

  /**
   * What search indexes for a message carrying `items`: each file's name, then (bounded by
   * `searchTextLimit`) its extracted text.
   */
  searchText(items: ReadonlyArray<{ id: string; name: string }>): string {
    return items
      .map((item) => {
        const text = this.text(item.id) ?? '';
        return text ? `${item.name}\n${text.slice(0, searchTextLimit)}` : item.name;
      })
      .join('\n\n');
  }

  /**
   * Attachments no message uses that may go: those a message used before (its conversation was
   * purged), and drafts added before `addedBefore` (ms since the epoch) and never sent.
   */
  unused(addedBefore: number): string[] {
    const rows = this.db
      .prepare(
        `SELECT id FROM attachments a
         WHERE NOT EXISTS (SELECT 1 FROM message_attachments ma WHERE ma.attachment_id = a.id)
           AND (a.linked = 1 OR a.added_at < ?)`,
      )
      .all(addedBefore) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** Forget attachments (their files are the caller's to delete afterwards). */
  remove(ids: readonly string[]): void {
    const remove = this.db.prepare('DELETE FROM attachments WHERE id = ?');
    for (const id of ids) remove.run(id);
  }

  /** Every stored attachment id. */
  ids(): Set<string> {
    const rows = this.db.prepare('SELECT id FROM attachments').all() as Array<{ id: string }>;
    return new Set(rows.map((row) => row.id));
  }
}

function toView(row: AttachmentRow): AttachmentView {
  const view: AttachmentView = {
    id: row.id,
    name: row.name,
    kind: row.kind,
    mimeType: row.mime_type,
    size: row.size,
  };
  if (row.width !== null) view.width = row.width;
  if (row.height !== null) view.height = row.height;
  if (row.page_count !== null) view.pageCount = row.page_count;
  if (row.text_chars !== null) view.textChars = row.text_chars;
  if (row.thumbnail !== null) view.thumbnail = row.thumbnail;
  return view;
}

/** A message's attachment as the transcript shows it: under the name it was sent with. */
function linkedView(row: AttachmentRow & { used_name: string; left_out: number }): AttachmentView {
  const view = { ...toView(row), name: row.used_name };
  return row.left_out ? { ...view, leftOut: true } : view;
}
