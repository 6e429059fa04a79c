/**
 * Syntax highlighting off the critical path. Code is tokenized in a Web Worker (Shiki's grammar
 * compilation and tokenizing never touch the page's main thread); only if the worker cannot
 * start does it fall back to the main thread, in small slices that keep to each idle period's
 * deadline. Results are cached by (language, code).
 */
import type { HighlightRequest, HighlightResponse } from './highlight-worker';
import { loadLanguage, tokenize, type GrammarState, type HighlightedLine } from './shiki-tokenizer';

export type { HighlightedLine, HighlightToken } from './shiki-tokenizer';

/** Blocks longer than this stay plain: highlighting them is not worth the time. */
export const highlightLimit = 20_000;
/** Characters tokenized per slice on the main-thread fallback (~20 ms cold on a slow machine). */
const sliceChars = 1_000;
const cacheSize = 64;

const cache = new Map<string, HighlightedLine[]>();
/** Blocks being highlighted now: a block mounted twice asks once. */
const inFlight = new Map<string, Promise<HighlightedLine[] | null | 'no-worker'>>();

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
 * big, or the signal aborted. On the main-thread fallback `onProgress` gets the lines done so
 * far after each idle period, so a big block lights up top-down.
 */
export async function highlightCode(
  lang: string,
  code: string,
  signal: AbortSignal,
  onProgress?: (lines: HighlightedLine[]) => void,
): Promise<HighlightedLine[] | null> {
  const key = cacheKey(lang, code);
  const cached = cache.get(key);
  if (cached) return cached;
  if (!canHighlight(lang, code)) return null;
  let pending = inFlight.get(key);
  if (!pending) {
    const client = highlightWorker();
    pending = client ? client.highlight(lang, code) : Promise.resolve('no-worker' as const);
    inFlight.set(key, pending);
    void pending.then((lines) => {
      inFlight.delete(key);
      if (Array.isArray(lines)) remember(key, lines);
    });
  }
  const result = await pending;
  if (result !== 'no-worker') return signal.aborted ? null : result;
  return highlightOnMainThread(lang, code, signal, onProgress);
}

/** The page's side of the highlight worker: one request per block, answers matched by id. */
interface WorkerClient {
  /** The lines (null: not highlightable), or 'no-worker' if the worker failed to start. */
  highlight(lang: string, code: string): Promise<HighlightedLine[] | null | 'no-worker'>;
}

/** undefined: not tried yet; null: no worker here (the fallback runs on the main thread). */
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
  const waiting = new Map<number, (lines: HighlightedLine[] | null | 'no-worker') => void>();
  let nextId = 0;
  let started = false;
  worker.addEventListener('message', (event: MessageEvent<HighlightResponse>) => {
    started = true;
    waiting.get(event.data.id)?.(event.data.lines);
    waiting.delete(event.data.id);
  });
  worker.addEventListener('error', (event) => {
    // A worker that never answered could not load (CSP, missing file): fall back for good.
    // An error after it worked is one request's failure; the worker answers the rest.
    if (started) return;
    event.preventDefault();
    worker.terminate();
    client = null;
    for (const resolve of waiting.values()) resolve('no-worker');
    waiting.clear();
  });
  client = {
    highlight(lang, code) {
      if (client === null) return Promise.resolve('no-worker');
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

/** The fallback: tokenize on the main thread, as many slices per idle period as its deadline allows. */
async function highlightOnMainThread(
  lang: string,
  code: string,
  signal: AbortSignal,
  onProgress?: (lines: HighlightedLine[]) => void,
): Promise<HighlightedLine[] | null> {
  const name = await loadLanguage(lang);
  if (!name || signal.aborted) return null;
  const parts = slices(code);
  const lines: HighlightedLine[] = [];
  let state: GrammarState | undefined;
  let index = 0;
  while (index < parts.length) {
    const deadline = await idle();
    if (signal.aborted) return null;
    // At least one slice per idle period (so a busy page still progresses), more while it lasts.
    do {
      const result = await tokenize(name, parts[index] ?? '', state);
      state = result.state;
      lines.push(...result.lines);
      index++;
    } while (index < parts.length && deadline.timeRemaining() > 0);
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

/** An idle period's deadline (bounded, so a busy stream cannot starve highlighting forever). */
function idle(): Promise<Pick<IdleDeadline, 'timeRemaining'>> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback((deadline) => resolve(deadline), { timeout: 300 });
    else setTimeout(() => resolve({ timeRemaining: () => 0 }), 0);
  });
}
