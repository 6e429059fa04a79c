/**
 * Syntax highlighting off the critical path. Code is tokenized in a Web Worker (Shiki's grammar
 * compilation and tokenizing never touch the page's main thread). Where no worker can start
 * (no `Worker` at all, or it failed to load) code stays plain: the grammars ship once, inside the
 * worker's chunks, not a second time for a main-thread fallback. Results are cached by
 * (language, code).
 */
import type { HighlightRequest, HighlightResponse } from './highlight-worker';
import type { HighlightedLine } from './shiki-tokenizer';

export type { HighlightedLine, HighlightToken } from './shiki-tokenizer';

/** Blocks longer than this stay plain: highlighting them is not worth the time. */
export const highlightLimit = 20_000;
const cacheSize = 64;

const cache = new Map<string, HighlightedLine[]>();
/** Blocks being highlighted now: a block mounted twice asks once. */
const inFlight = new Map<string, Promise<HighlightedLine[] | null>>();

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
 * Highlight `code`. Resolves to all lines, or null when the language is unknown, the block too
 * big, the signal aborted, or no worker can run here (the caller then keeps the plain text).
 */
export async function highlightCode(
  lang: string,
  code: string,
  signal: AbortSignal,
): Promise<HighlightedLine[] | null> {
  const key = cacheKey(lang, code);
  const cached = cache.get(key);
  if (cached) return cached;
  if (!canHighlight(lang, code)) return null;
  let pending = inFlight.get(key);
  if (!pending) {
    const client = highlightWorker();
    pending = client ? client.highlight(lang, code) : Promise.resolve(null);
    inFlight.set(key, pending);
    void pending.then((lines) => {
      inFlight.delete(key);
      if (lines) remember(key, lines);
    });
  }
  const result = await pending;
  return signal.aborted ? null : result;
}

/** The page's side of the highlight worker: one request per block, answers matched by id. */
interface WorkerClient {
  /** The lines, or null: not highlightable, or the worker failed to start. */
  highlight(lang: string, code: string): Promise<HighlightedLine[] | null>;
}

/** undefined: not tried yet; null: no worker here (code stays plain). */
let client: WorkerClient | null | undefined;

function highlightWorker(): WorkerClient | null {
  if (client !== undefined) return client;
  client = null;
  if (typeof Worker === 'undefined') return client;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./highlight-worker.ts', import.meta.url), {
      type: 'module',
      name: 'highlighter',
    });
  } catch {
    return client;
  }
  const waiting = new Map<number, (lines: HighlightedLine[] | null) => void>();
  let nextId = 0;
  let started = false;
  worker.addEventListener('message', (event: MessageEvent<HighlightResponse>) => {
    started = true;
    waiting.get(event.data.id)?.(event.data.lines);
    waiting.delete(event.data.id);
  });
  worker.addEventListener('error', (event) => {
    // A worker that never answered could not load (CSP, missing file): plain code for good.
    // An error after it worked is one request's failure; the worker answers the rest.
    if (started) return;
    event.preventDefault();
    worker.terminate();
    client = null;
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  });
  client = {
    highlight(lang, code) {
      if (client === null) return Promise.resolve(null);
      const id = nextId++;
      const request: HighlightRequest = { id, lang, code };
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage(request);
      });
    },
  };
  return client;
}

function remember(key: string, lines: HighlightedLine[]) {
  cache.set(key, lines);
  // Map keeps insertion order: the first key is the oldest.
  if (cache.size > cacheSize) cache.delete(cache.keys().next().value ?? key);
}
