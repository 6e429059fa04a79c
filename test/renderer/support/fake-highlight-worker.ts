/**
 * A stand-in for the highlight module worker in jsdom (which has no `Worker`): it answers each
 * request with the same Shiki tokenizer the real worker runs, asynchronously, as a worker would.
 * The real worker is exercised in Chromium by test/e2e/markdown.test.ts.
 */
import { vi } from 'vitest';
import type {
  HighlightRequest,
  HighlightResponse,
} from '../../../renderer/src/markdown/highlight-worker';
import { loadLanguage, tokenize } from '../../../renderer/src/markdown/shiki-tokenizer';

/** The fake `Worker` class; `created` lists every instance, `fails` makes new ones fail to load. */
export class FakeHighlightWorker extends EventTarget {
  static created: FakeHighlightWorker[] = [];
  static fails = false;
  readonly requests: HighlightRequest[] = [];
  /** Every answer posted back, in order (a test waits on these instead of sleeping). */
  readonly responses: HighlightResponse[] = [];
  terminated = false;

  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    super();
    FakeHighlightWorker.created.push(this);
    // A worker that cannot load reports an error event soon after it was created.
    if (FakeHighlightWorker.fails) setTimeout(() => this.dispatchEvent(new Event('error')), 0);
  }

  postMessage(request: HighlightRequest) {
    this.requests.push(request);
    if (FakeHighlightWorker.fails) return;
    void (async () => {
      const name = await loadLanguage(request.lang);
      const lines = name ? await tokenize(name, request.code) : null;
      const response: HighlightResponse = { id: request.id, lines };
      this.responses.push(response);
      this.dispatchEvent(new MessageEvent('message', { data: response }));
    })();
  }

  terminate() {
    this.terminated = true;
  }
}

/** Install the fake as the global `Worker`, fresh (no instances, loads fine unless `fails`). */
export function stubHighlightWorker(fails = false): void {
  FakeHighlightWorker.created = [];
  FakeHighlightWorker.fails = fails;
  vi.stubGlobal('Worker', FakeHighlightWorker);
}
