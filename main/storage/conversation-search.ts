import type { DatabaseSync } from 'node:sqlite';
import type { SearchHit, SnippetPart } from '../../preload/api';
import { planSearch } from './search-query';

// Control characters cannot appear in FTS tokens, so they safely mark the matches in a snippet.
const matchStart = '\u0001';
const matchEnd = '\u0002';

/**
 * How far back a search with a 1–2 character substring (`数据`, `C#`) looks, in messages. No
 * index answers those (trigrams need 3 characters), so they are a LIKE test of the newest
 * messages; the window keeps the worst case (nothing matches) near the search's time budget
 * (≤ 50 ms p95 on a million messages, test/bench/storage-bench.ts). Longer terms, alone, use
 * the indexes and look through everything.
 */
export const shortSearchWindow = 50_000;

interface HitRow {
  conversation_id: string;
  title: string;
  id: string;
  role: 'user' | 'assistant';
  updated_at: number;
  snippet: string;
  /** The tool calls' text, read only for searches no index answers ('' otherwise). */
  tool_text: string;
  /** The attachments' names and text, read as `tool_text` is. */
  attachment_text: string;
}

/**
 * Search every message, its text and its tool calls' text (server and tool names, arguments,
 * results: `tool_text`, stored-tool-calls.ts) and its attachments' names and text
 * (`attachment_text`, AttachmentRecords.searchText), newest first (see search-query.ts for how a query is split). Words use
 * the FTS5 word index (accents ignored; the last word also as a prefix, so results appear while
 * typing); CJK text and symbol names (`C++`, `.NET`) match as substrings through the trigram
 * index; a query with a 1–2 character substring looks only through the newest
 * `shortSearchWindow` messages. Every term must match. FTS syntax in a query is searched for literally.
 */
export function searchMessages(db: DatabaseSync, query: string, limit = 30): SearchHit[] {
  const plan = planSearch(query);
  if (plan === null) return [];
  // Newest first, straight off an index in rowid order: ranking every match by relevance
  // costs time in proportion to how common the words are (hundreds of ms on a big history),
  // while recency answers in a few ms and is what people look for in their own chats.
  const filters: string[] = [];
  const params: Array<string | number> = [];
  // The index that drives the search, read in rowid order; the other terms filter its rows.
  // Substrings drive when there are any: CJK text and names like C++ are rarer than words, and
  // a common word driving a search for a rare substring would test every row of that word.
  let driver: string;
  let source: string;
  let snippet: string;
  // Checked per row, by rowid: FTS5 seeks each word's list to that one row.
  const wordsFilter = `EXISTS (SELECT 1 FROM messages_fts WHERE messages_fts.rowid = m.rowid
    AND messages_fts MATCH ?)`;
  if (plan.trigrams !== null) {
    driver = 'messages_trigram';
    source = `messages_trigram CROSS JOIN messages m ON m.rowid = messages_trigram.rowid`;
    filters.push('messages_trigram MATCH ?');
    params.push(plan.trigrams);
    // Column -1: the snippet comes from whichever column matched best, the reply's text or its
    // tool calls, so a hit in a call's arguments shows them.
    snippet = `snippet(messages_trigram, -1, '${matchStart}', '${matchEnd}', '…', 32)`;
  } else if (plan.words !== null && plan.short.length === 0) {
    driver = 'messages_fts';
    source = `messages_fts CROSS JOIN messages m ON m.rowid = messages_fts.rowid`;
    filters.push('messages_fts MATCH ?');
    params.push(plan.words);
    snippet = `snippet(messages_fts, -1, '${matchStart}', '${matchEnd}', '…', 12)`;
  } else {
    // Only short substrings can narrow the rows here: the newest messages are tested directly.
    driver = 'm';
    source = 'messages m';
    snippet = 'm.content';
  }
  if (plan.words !== null && driver !== 'messages_fts') {
    filters.push(wordsFilter);
    params.push(plan.words);
  }
  if (plan.short.length > 0) {
    // No index holds 1–2 character substrings: only the newest messages are tested for them.
    filters.push(`${driver}.rowid > (SELECT MAX(rowid) FROM messages) - ?`);
    params.push(shortSearchWindow);
  }
  for (const pattern of plan.short) {
    filters.push(
      `(m.content LIKE ? ESCAPE '\\' OR m.tool_text LIKE ? ESCAPE '\\'
        OR m.attachment_text LIKE ? ESCAPE '\\')`,
    );
    params.push(pattern, pattern, pattern);
  }
  const onlyShort = driver === 'm';
  // CROSS JOIN keeps SQLite's join order as written: left to choose, it may start from the
  // conversations and sort every match, which is seconds on a big history.
  const rows = db
    .prepare(
      `SELECT m.conversation_id, c.title, m.id, m.role, m.updated_at, ${snippet} AS snippet,
         ${onlyShort ? 'm.tool_text' : "''"} AS tool_text,
         ${onlyShort ? 'm.attachment_text' : "''"} AS attachment_text
       FROM ${source}
       CROSS JOIN conversations c ON c.id = m.conversation_id
       WHERE ${filters.join(' AND ')} AND c.deleted_at IS NULL
       ORDER BY ${driver}.rowid DESC
       LIMIT ?`,
    )
    .all(...params, limit) as unknown as HitRow[];
  return rows.map((row) => ({
    conversationId: row.conversation_id,
    conversationTitle: row.title,
    messageId: row.id,
    role: row.role,
    snippet: onlyShort
      ? markedExcerpt(excerptSource(row, plan.substrings), plan.substrings)
      : splitSnippet(row.snippet),
    updatedAt: row.updated_at,
  }));
}

/**
 * The text a short-only hit is excerpted from: the message's, else its tool calls' or its
 * attachments', whichever holds a term.
 */
function excerptSource(row: HitRow, terms: readonly string[]): string {
  const holds = (text: string) =>
    terms.some((term) => text.toLowerCase().includes(term.toLowerCase()));
  if (holds(row.snippet)) return row.snippet;
  return holds(row.tool_text) || !holds(row.attachment_text) ? row.tool_text : row.attachment_text;
}

/** Quote each word for FTS5; null when nothing searchable is left. */
export function toFtsQuery(query: string): string | null {
  return planSearch(query)?.words ?? null;
}

/**
 * A snippet of `text` around the first of `terms` it contains (case-insensitive), every
 * occurrence marked, for matches no FTS index found (FTS5's snippet() needs its index).
 * About 40 characters either side, cut with "…" like FTS5's snippets.
 */
export function markedExcerpt(text: string, terms: readonly string[]): SnippetPart[] {
  const lower = text.toLowerCase();
  const needles = terms.map((term) => term.toLowerCase()).filter(Boolean);
  const first = Math.min(
    ...needles.map((needle) => lower.indexOf(needle)).filter((at) => at >= 0),
    text.length,
  );
  const from = Math.max(0, first - 40);
  const to = Math.min(text.length, first + 80);
  const parts: SnippetPart[] = [];
  let plain = from > 0 ? '…' : '';
  for (let at = from; at < to;) {
    const needle = needles.find((candidate) => lower.startsWith(candidate, at));
    if (needle) {
      if (plain) parts.push({ text: plain, match: false });
      plain = '';
      parts.push({ text: text.slice(at, at + needle.length), match: true });
      at += needle.length;
    } else {
      plain += text[at];
      at += 1;
    }
  }
  if (to < text.length) plain += '…';
  if (plain) parts.push({ text: plain, match: false });
  return parts;
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
