import type { DatabaseSync } from 'node:sqlite';
import type { SearchHit, SnippetPart } from '../../preload/api';
import { planSearch } from './search-query';

// Control characters cannot appear in FTS tokens, so they safely mark the matches in a snippet.
const matchStart = '\u0001';
const matchEnd = '\u0002';

/**
 * How far back a search made only of 1–2 character substrings (`数据`, `C#`) looks. No index
 * answers those (trigrams need 3 characters), so they are a LIKE scan of the newest messages;
 * the window keeps the scan's worst case (nothing matches) inside the search's time budget
 * (≤ 50 ms p95 on a million messages, test/bench/storage-bench.ts). Any longer term in the same
 * query makes the search use an index and look through everything.
 */
export const shortSearchWindow = 200_000;

interface HitRow {
  conversation_id: string;
  title: string;
  id: string;
  role: 'user' | 'assistant';
  updated_at: number;
  snippet: string;
}

/**
 * Search every message, newest first (see search-query.ts for how a query is split). Words use
 * the FTS5 word index (accents ignored; the last word also as a prefix, so results appear while
 * typing); CJK text and symbol names (`C++`, `.NET`) match as substrings through the trigram
 * index, or with LIKE over the newest `shortSearchWindow` messages when only 1–2 characters
 * long. Every term must match. FTS syntax in a query is searched for literally.
 */
export function searchMessages(db: DatabaseSync, query: string, limit = 30): SearchHit[] {
  const plan = planSearch(query);
  if (plan === null) return [];
  // Newest first, straight off an index in rowid order: ranking every match by relevance
  // costs time in proportion to how common the words are (hundreds of ms on a big history),
  // while recency answers in a few ms and is what people look for in their own chats.
  const filters: string[] = [];
  const params: Array<string | number> = [];
  let source: string;
  let snippet: string;
  if (plan.words !== null) {
    source = `messages_fts JOIN messages m ON m.rowid = messages_fts.rowid`;
    filters.push('messages_fts MATCH ?');
    params.push(plan.words);
    snippet = `snippet(messages_fts, 0, '${matchStart}', '${matchEnd}', '…', 12)`;
  } else if (plan.trigrams !== null) {
    source = `messages_trigram JOIN messages m ON m.rowid = messages_trigram.rowid`;
    snippet = `snippet(messages_trigram, 0, '${matchStart}', '${matchEnd}', '…', 32)`;
  } else {
    source = 'messages m';
    filters.push('m.rowid > (SELECT MAX(rowid) FROM messages) - ?');
    params.push(shortSearchWindow);
    snippet = 'm.content';
  }
  if (plan.trigrams !== null) {
    if (plan.words === null) {
      filters.push('messages_trigram MATCH ?');
    } else {
      // Checked per word match, by rowid: FTS5 seeks each trigram's list to that one row.
      filters.push(
        `EXISTS (SELECT 1 FROM messages_trigram WHERE messages_trigram.rowid = m.rowid
           AND messages_trigram MATCH ?)`,
      );
    }
    params.push(plan.trigrams);
  }
  for (const pattern of plan.short) {
    filters.push(`m.content LIKE ? ESCAPE '\\'`);
    params.push(pattern);
  }
  const rows = db
    .prepare(
      `SELECT m.conversation_id, c.title, m.id, m.role, m.updated_at, ${snippet} AS snippet
       FROM ${source}
       JOIN conversations c ON c.id = m.conversation_id
       WHERE ${filters.join(' AND ')} AND c.deleted_at IS NULL
       ORDER BY m.rowid DESC
       LIMIT ?`,
    )
    .all(...params, limit) as unknown as HitRow[];
  const onlyShort = plan.words === null && plan.trigrams === null;
  return rows.map((row) => ({
    conversationId: row.conversation_id,
    conversationTitle: row.title,
    messageId: row.id,
    role: row.role,
    snippet: onlyShort ? markedExcerpt(row.snippet, plan.substrings) : splitSnippet(row.snippet),
    updatedAt: row.updated_at,
  }));
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
