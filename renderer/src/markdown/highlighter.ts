/**
 * Syntax highlighting off the critical path. Shiki's fine-grained core with the JavaScript regex
 * engine (the CSP forbids WASM, so no Oniguruma), grammars and themes fetched on first use by
 * dynamic import, and code tokenized in small slices, one per idle period, so even a big block
 * never holds the main thread for long. Results are cached by (language, code).
 */
import type { HighlighterCore } from 'shiki/core';

/** Blocks longer than this stay plain: highlighting them is not worth the time. */
export const highlightLimit = 20_000;
/** Characters tokenized per idle slice (~20 ms cold on a slow machine). */
const sliceChars = 1_000;
/** Lines longer than this are left unstyled by the tokenizer. */
const maxLineLength = 1_000;
const cacheSize = 64;

/** One styled run of text; `style` holds CSS variables for the light and dark themes. */
export interface HighlightToken {
  readonly text: string;
  readonly style: Readonly<Record<string, string>>;
}

/** One line of highlighted code. */
export type HighlightedLine = readonly HighlightToken[];

const themes = { light: 'github-light', dark: 'github-dark' } as const;
const cache = new Map<string, HighlightedLine[]>();
const languages = new Map<string, Promise<string | null>>();
let highlighter: Promise<{ core: HighlighterCore; grammars: GrammarTable }> | null = null;

type GrammarTable = Record<string, () => Promise<{ default: ReadonlyArray<{ name: string }> }>>;

function loadHighlighter() {
  highlighter ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRegexEngine }, { bundledLanguages }] =
      await Promise.all([
        import('shiki/core'),
        import('shiki/engine/javascript'),
        import('shiki/langs'),
      ]);
    const core = await createHighlighterCore({
      themes: [import('shiki/themes/github-light.mjs'), import('shiki/themes/github-dark.mjs')],
      langs: [],
      engine: createJavaScriptRegexEngine({ forgiving: true }),
    });
    return { core, grammars: bundledLanguages as GrammarTable };
  })();
  return highlighter;
}

/** The loaded grammar's name for a fence's language, or null when Shiki has none by that name. */
function loadLanguage(lang: string): Promise<string | null> {
  const key = lang.toLowerCase();
  let pending = languages.get(key);
  if (!pending) {
    pending = (async () => {
      const { core, grammars } = await loadHighlighter();
      // hasOwn: a fence's info string is model output ("constructor", "__proto__").
      const grammar = Object.hasOwn(grammars, key) ? grammars[key] : undefined;
      if (!grammar) return null;
      const registrations = (await grammar()).default;
      await core.loadLanguage(...(registrations as Parameters<HighlighterCore['loadLanguage']>));
      return registrations[registrations.length - 1]?.name ?? null;
    })().catch(() => null);
    languages.set(key, pending);
  }
  return pending;
}

const cacheKey = (lang: string, code: string) => `${lang.toLowerCase()}\u0000${code}`;

/** The highlighted lines for (lang, code) if they were computed before; never starts work. */
export function cachedHighlight(lang: string, code: string): HighlightedLine[] | undefined {
  return cache.get(cacheKey(lang, code));
}

/** True when a block of this language and size is worth highlighting at all. */
export function canHighlight(lang: string, code: string): boolean {
  return lang !== '' && code.length > 0 && code.length <= highlightLimit;
}

/**
 * Highlight `code` in idle slices. `onProgress` gets the lines done so far after each slice, so
 * a big block lights up top-down. Resolves to all lines, or null when the language is unknown,
 * the block too big, or the signal aborted.
 */
export async function highlightCode(
  lang: string,
  code: string,
  signal: AbortSignal,
  onProgress?: (lines: HighlightedLine[]) => void,
): Promise<HighlightedLine[] | null> {
  const cached = cachedHighlight(lang, code);
  if (cached) return cached;
  if (!canHighlight(lang, code)) return null;
  const name = await loadLanguage(lang);
  if (!name || signal.aborted) return null;
  const { core } = await loadHighlighter();

  const lines: HighlightedLine[] = [];
  let state: ReturnType<HighlighterCore['getLastGrammarState']> | undefined;
  for (const slice of slices(code)) {
    await idle();
    if (signal.aborted) return null;
    const result = core.codeToTokens(slice, {
      lang: name,
      themes,
      defaultColor: false,
      grammarState: state,
      tokenizeMaxLineLength: maxLineLength,
      // The default time limit stays: a tighter one cuts lines short on the first, cold run
      // (regex compilation), leaving the rest of the line one colour.
    });
    state = result.grammarState;
    for (const line of result.tokens) {
      lines.push(line.map((token) => ({ text: token.content, style: token.htmlStyle ?? {} })));
    }
    onProgress?.(lines.slice());
  }
  remember(cacheKey(lang, code), lines);
  return lines;
}

/** Whole lines, grouped into runs of about `sliceChars`, so a grammar state carries across. */
function slices(code: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of code.split('\n')) {
    current.push(line);
    size += line.length + 1;
    if (size >= sliceChars) {
      out.push(current.join('\n'));
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) out.push(current.join('\n'));
  return out;
}

function remember(key: string, lines: HighlightedLine[]) {
  cache.set(key, lines);
  // Map keeps insertion order: the first key is the oldest.
  if (cache.size > cacheSize) cache.delete(cache.keys().next().value ?? key);
}

/** Wait for an idle moment (bounded, so a busy stream cannot starve highlighting forever). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: 300 });
    else setTimeout(resolve, 0);
  });
}
