import { useEffect, useState } from 'react';
import { cachedHighlight, canHighlight, highlightCode, type HighlightedLine } from './highlighter';

interface Highlight {
  key: string;
  lines: HighlightedLine[];
}

/**
 * Highlighted lines for a code block once `enabled` (its fence closed), computed in the
 * background; null until then, so the caller shows the plain text meanwhile. A block that was
 * highlighted before (same language and code) comes back at once from the cache.
 */
export function useHighlight(
  lang: string,
  code: string,
  enabled: boolean,
): HighlightedLine[] | null {
  const key = `${lang}\u0000${code}`;
  const [state, setState] = useState<Highlight | null>(null);
  const cached = enabled ? cachedHighlight(lang, code) : undefined;
  const wanted = enabled && !cached && canHighlight(lang, code);

  useEffect(() => {
    if (!wanted) return;
    const controller = new AbortController();
    const show = (lines: HighlightedLine[]) => {
      if (!controller.signal.aborted) setState({ key, lines });
    };
    void highlightCode(lang, code, controller.signal).then((lines) => lines && show(lines));
    return () => controller.abort();
  }, [wanted, key, lang, code]);

  if (cached) return cached;
  return enabled && state?.key === key ? state.lines : null;
}
