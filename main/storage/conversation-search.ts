import type { DatabaseSync } from 'node:sqlite';
import type { SearchHit, SnippetPart } from '../../preload/api';

// Control characters cannot appear in FTS tokens, so they safely mark the matches in a snippet.
const matchStart = '\u0001';
const matchEnd = '\u0002';

interface HitRow {
  conversation_id: string;
  title: string;
  id: string;
  role: 'user' | 'assistant';
  updated_at: number;
  snippet: string;
}

/**
 * Full-text search over every message with SQLite FTS5, newest first. The user's words are
 * quoted, so FTS syntax in a query is searched for literally; the last word also matches as a
 * prefix, so results appear while typing.
 */
export function searchMessages(db: DatabaseSync, query: string, limit = 30): SearchHit[] {
  const match = toFtsQuery(query);
  if (match === null) return [];
  // Newest first, straight off the FTS index in rowid order: ranking every match by relevance
  // costs time in proportion to how common the words are (hundreds of ms on a big history),
  // while recency answers in a few ms and is what people look for in their own chats.
  const rows = db
    .prepare(
      `SELECT m.conversation_id, c.title, m.id, m.role, m.updated_at,
         snippet(messages_fts, 0, '${matchStart}', '${matchEnd}', '…', 12) AS snippet
       FROM messages_fts
       JOIN messages m ON m.rowid = messages_fts.rowid
       JOIN conversations c ON c.id = m.conversation_id
       WHERE messages_fts MATCH ? AND c.deleted_at IS NULL
       ORDER BY messages_fts.rowid DESC
       LIMIT ?`,
    )
    .all(match, limit) as unknown as HitRow[];
  return rows.map((row) => ({
    conversationId: row.conversation_id,
    conversationTitle: row.title,
    messageId: row.id,
    role: row.role,
    snippet: splitSnippet(row.snippet),
    updatedAt: row.updated_at,
  }));
}

/** Quote each word for FTS5; null when nothing searchable is left. */
export function toFtsQuery(query: string): string | null {
  const words = query.match(/[\p{L}\p{N}_]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(' ');
}

/** Turn FTS5's marked snippet into runs the renderer highlights without parsing markup. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const piece of snippet.split(matchStart)) {
    const [matched, rest] = piece.includes(matchEnd) ? piece.split(matchEnd, 2) : [null, piece];
    if (matched) parts.push({ text: matched, match: true });
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}
