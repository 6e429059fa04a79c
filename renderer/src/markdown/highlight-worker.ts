/**
 * The highlight worker: Shiki's grammar compilation and tokenizing run here, off the page's main
 * thread, so even a cold TypeScript grammar (hundreds of ms of regex compilation) never blocks
 * the UI. A module worker from the app's own origin (the CSP allows `script-src 'self'`).
 * Requests are answered in order, one per task.
 */
import { loadLanguage, tokenize, type HighlightedLine } from './shiki-tokenizer';

/** Page → worker: highlight `code` as `lang`. */
export interface HighlightRequest {
  readonly id: number;
  readonly lang: string;
  readonly code: string;
}

/** Worker → page: the lines, or null when the language is unknown or tokenizing failed. */
export interface HighlightResponse {
  readonly id: number;
  readonly lines: HighlightedLine[] | null;
}

interface WorkerScope {
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<HighlightRequest>) => void,
  ): void;
  postMessage(message: HighlightResponse): void;
}

const scope = globalThis as unknown as WorkerScope;

async function highlight({ id, lang, code }: HighlightRequest): Promise<HighlightResponse> {
  try {
    const name = await loadLanguage(lang);
    if (!name) return { id, lines: null };
    return { id, lines: await tokenize(name, code) };
  } catch {
    return { id, lines: null };
  }
}

scope.addEventListener('message', (event) => {
  void highlight(event.data).then((response) => scope.postMessage(response));
});
