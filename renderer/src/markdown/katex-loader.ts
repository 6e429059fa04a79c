/**
 * Loads KaTeX (katex-plugin.ts) with a dynamic import, once for the page. Until it has loaded,
 * a block that may hold math parses without it (its formulas show as their TeX, like code) and
 * is not cached; `useKatex` re-renders such a block when KaTeX arrives.
 */
import { startTransition, useEffect, useState } from 'react';
import type { Pluggable } from 'unified';

let loaded: Pluggable | null = null;
let loading: Promise<Pluggable> | null = null;

/** Characters without which no formula can start (`$`, `\(`, `\[`): other blocks need no KaTeX. */
const mathMark = /\$|\\[([]/;

/** True when `source` may hold math (a `$` may also be a price: it is only a hint). */
export function mayHoldMath(source: string): boolean {
  return mathMark.test(source);
}

/** KaTeX's rehype plugin if it has loaded, else null. */
export function loadedKatex(): Pluggable | null {
  return loaded;
}

/** Load KaTeX (once). Rejects if its chunk cannot load; the next call tries again. */
export function loadKatex(): Promise<Pluggable> {
  loading ??= import('./katex-plugin').then(
    (module) => (loaded = module.rehypeMath),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * Whether KaTeX has loaded; when `needed` and it has not, starts loading it and re-renders the
 * caller (in a transition) once it has. If it cannot load, formulas stay as their TeX.
 */
export function useKatex(needed: boolean): boolean {
  const [ready, setReady] = useState(() => loaded !== null);
  useEffect(() => {
    if (!needed || ready) return;
    let mounted = true;
    loadKatex().then(
      () => {
        if (mounted) startTransition(() => setReady(true));
      },
      () => {
        // No KaTeX: the TeX stays as it is.
      },
    );
    return () => {
      mounted = false;
    };
  }, [needed, ready]);
  return ready;
}
