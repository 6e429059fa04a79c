/**
 * What a search box query asks for, split by which index can answer each part:
 * - words of scripts written with spaces ("deep pot", "crème") go to the word index
 *   (FTS5 unicode61: accent-insensitive, the last word also as a prefix while typing);
 * - text in scripts written without spaces (Chinese, Japanese, Thai, …; Korean too, whose
 *   particles attach to words) and terms whose symbols matter (`C++`, `C#`, `F#`, `.NET`) are
 *   substrings: the word index would read `数据库迁移方案` as one token and `C++` as the word "c";
 * - a substring of 3 or more characters goes to the trigram index (FTS5 trigram); a shorter one
 *   (`数据`, `C#`) cannot be answered by trigrams and is matched with LIKE instead.
 */

/** One part of a query, and how it must match. */
export type SearchTerm = { kind: 'word'; text: string } | { kind: 'substring'; text: string };

/** The parts of a query by the index that answers them; every part must match (AND). */
export interface SearchPlan {
  /** FTS5 query for the word index, or null when the query has no words. */
  words: string | null;
  /** FTS5 query for the trigram index (substrings of 3+ characters), or null. */
  trigrams: string | null;
  /** Substrings of 1–2 characters, as LIKE patterns (with `\` as the escape character). */
  short: string[];
  /** Every substring term, for marking matches where no index does (short-only searches). */
  substrings: string[];
}

// Scripts written without spaces between words (and Hangul, see above): searched as substrings.
const unspacedScript =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
// A name whose leading dot or trailing + / # is part of it: .NET, C++, C#, F#, .js.
const symbolName = /^(?:\.[\p{L}\p{N}_]+|[\p{L}\p{N}_]+[+#]+)$/u;
const wordChars = /[\p{L}\p{N}_]+/gu;

/** Split a query into words and substrings (see the module comment); empty when nothing is left. */
export function parseQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const chunk of query.split(/\s+/)) {
    // Punctuation around a term ("C++," or "(.NET)" or "end.") is not part of it.
    const trimmed = chunk
      .replace(/^[^\p{L}\p{N}_.]+|[^\p{L}\p{N}_+#]+$/gu, '')
      .replace(/^\.+(?=\.)/u, '');
    if (unspacedScript.test(chunk)) {
      for (const run of chunk.match(wordChars) ?? []) terms.push({ kind: 'substring', text: run });
    } else if (symbolName.test(trimmed)) {
      terms.push({ kind: 'substring', text: trimmed });
    } else {
      for (const word of chunk.match(wordChars) ?? []) terms.push({ kind: 'word', text: word });
    }
  }
  return terms;
}

/** The query's terms grouped by index; null when nothing searchable is left. */
export function planSearch(query: string): SearchPlan | null {
  const terms = parseQuery(query);
  if (terms.length === 0) return null;
  const words = terms.filter((term) => term.kind === 'word').map((term) => term.text);
  const substrings = terms.filter((term) => term.kind === 'substring').map((term) => term.text);
  const long = substrings.filter((text) => [...text].length >= 3);
  const short = substrings.filter((text) => [...text].length < 3);
  // While typing, the query's last word also matches as a prefix ("tomat" finds "tomatoes").
  const prefixLast = terms.at(-1)?.kind === 'word';
  return {
    words:
      words.length === 0
        ? null
        : words
            .map((word, index) => `"${word}"${prefixLast && index === words.length - 1 ? '*' : ''}`)
            .join(' '),
    trigrams: long.length === 0 ? null : long.map((text) => `"${text}"`).join(' '),
    short: short.map((text) => `%${text.replace(/[\\%_]/g, '\\$&')}%`),
    substrings,
  };
}
