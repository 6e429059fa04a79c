/**
 * Shiki's fine-grained core with the JavaScript regex engine (the CSP forbids WASM, so no
 * Oniguruma); grammars and themes are fetched on first use by dynamic import. Imported only by
 * the highlight worker (and by tests in Node), so the grammars ship once, in the worker's chunks.
 */
import type { HighlighterCore } from 'shiki/core';

/** One styled run of text; `style` holds CSS variables for the light and dark themes. */
export interface HighlightToken {
  readonly text: string;
  readonly style: Readonly<Record<string, string>>;
}

/** One line of highlighted code. */
export type HighlightedLine = readonly HighlightToken[];

/** Lines longer than this are left unstyled by the tokenizer. */
const maxLineLength = 1_000;
// github-dark's comment colour (#6a737d) fails WCAG AA contrast on the dark code background (axe,
// test/e2e/accessibility.test.ts); github-dark-default's (#8b949e) passes.
const themes = { light: 'github-light', dark: 'github-dark-default' } as const;
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
      themes: [
        import('shiki/themes/github-light.mjs'),
        import('shiki/themes/github-dark-default.mjs'),
      ],
      langs: [],
      engine: createJavaScriptRegexEngine({ forgiving: true }),
    });
    return { core, grammars: bundledLanguages as GrammarTable };
  })();
  return highlighter;
}

/** The loaded grammar's name for a fence's language, or null when Shiki has none by that name. */
export function loadLanguage(lang: string): Promise<string | null> {
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

/** Tokenize `code` (whole lines) with the grammar `name` returned by `loadLanguage`. */
export async function tokenize(name: string, code: string): Promise<HighlightedLine[]> {
  const { core } = await loadHighlighter();
  const result = core.codeToTokens(code, {
    lang: name,
    themes,
    defaultColor: false,
    tokenizeMaxLineLength: maxLineLength,
    // The default time limit stays: a tighter one cuts lines short on the first, cold run
    // (regex compilation), leaving the rest of the line one colour.
  });
  return result.tokens.map((line) =>
    line.map((token) => ({ text: token.content, style: token.htmlStyle ?? {} })),
  );
}
