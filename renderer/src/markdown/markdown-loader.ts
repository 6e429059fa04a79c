/**
 * Loads the markdown stack (markdown-body.tsx and what it imports: marked, micromark, remark,
 * react-markdown) as its own chunk, with a dynamic import, so the entry chunk the first paint
 * waits for carries none of it (issue 15: entry ≤ 200 kB gzip). KaTeX is a further chunk
 * (katex-loader.ts), and Shiki lives in the highlight worker's chunks.
 *
 * One import for the whole page: every caller shares the same promise, and once it has resolved
 * `loadedMarkdown()` answers synchronously, so replies mounted later render markdown at once.
 */
import type { MarkdownBodyModule } from './markdown-body';

let loaded: MarkdownBodyModule | null = null;
let loading: Promise<MarkdownBodyModule> | null = null;

/** The markdown module if it has loaded, else null (the caller shows plain text meanwhile). */
export function loadedMarkdown(): MarkdownBodyModule | null {
  return loaded;
}

/**
 * Load the markdown module (once). Rejects if its chunk cannot load (a broken install); the next
 * call tries again, and meanwhile replies stay plain text.
 */
export function loadMarkdown(): Promise<MarkdownBodyModule> {
  loading ??= import('./markdown-body').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * Start loading markdown once the page has painted: after the next animation frame (the first
 * paint) and a task, so its download and compile never delay that paint. KaTeX follows in a task
 * of its own, so the first formula rarely has to wait for it.
 */
export function loadMarkdownAfterFirstPaint(): void {
  requestAnimationFrame(() => {
    setTimeout(() => {
      loadMarkdown().then(
        (markdown) => setTimeout(() => void markdown.loadKatex().catch(ignore), 0),
        // Replies stay plain text; a reply that mounts later asks again.
        ignore,
      );
    }, 0);
  });
}

function ignore(): void {}
