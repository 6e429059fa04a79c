import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  HighlightRequest,
  HighlightResponse,
} from '../../../renderer/src/markdown/highlight-worker';
import type * as HighlighterModule from '../../../renderer/src/markdown/highlighter';
import { loadLanguage, tokenize } from '../../../renderer/src/markdown/shiki-tokenizer';

type Highlighter = typeof HighlighterModule;

/** A stand-in for the module worker: answers with the same tokenizer the real worker uses. */
class FakeWorker extends EventTarget {
  static created: FakeWorker[] = [];
  static fails = false;
  readonly requests: HighlightRequest[] = [];
  terminated = false;

  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    super();
    FakeWorker.created.push(this);
    // A worker that cannot load reports an error event soon after it was created.
    if (FakeWorker.fails) setTimeout(() => this.dispatchEvent(new Event('error')), 0);
  }

  postMessage(request: HighlightRequest) {
    this.requests.push(request);
    if (FakeWorker.fails) return;
    void (async () => {
      const name = await loadLanguage(request.lang);
      const lines = name ? (await tokenize(name, request.code)).lines : null;
      const response: HighlightResponse = { id: request.id, lines };
      this.dispatchEvent(new MessageEvent('message', { data: response }));
    })();
  }

  terminate() {
    this.terminated = true;
  }
}

/** A fresh highlighter module (its worker and cache are module state), with `Worker` stubbed. */
async function freshHighlighter(fails: boolean): Promise<Highlighter> {
  FakeWorker.created = [];
  FakeWorker.fails = fails;
  vi.stubGlobal('Worker', FakeWorker);
  vi.resetModules();
  return import('../../../renderer/src/markdown/highlighter');
}

afterEach(() => vi.unstubAllGlobals());

const code = 'const answer: number = 42;\n// a comment';

describe('highlightCode', () => {
  it('tokenizes in a module worker and caches the answer', async () => {
    const { highlightCode, cachedHighlight } = await freshHighlighter(false);
    const lines = await highlightCode('ts', code, new AbortController().signal);
    expect(FakeWorker.created).toHaveLength(1);
    expect(FakeWorker.created[0]?.options.type).toBe('module');
    expect(FakeWorker.created[0]?.requests).toEqual([{ id: 0, lang: 'ts', code }]);
    expect(lines?.map((line) => line.map((token) => token.text).join(''))).toEqual(
      code.split('\n'),
    );
    expect(cachedHighlight('ts', code)).toBe(lines);
  });

  it('asks the worker once for a block mounted twice at the same time', async () => {
    const { highlightCode } = await freshHighlighter(false);
    const signal = new AbortController().signal;
    const [first, second] = await Promise.all([
      highlightCode('js', 'let twice = 2;', signal),
      highlightCode('js', 'let twice = 2;', signal),
    ]);
    expect(FakeWorker.created[0]?.requests).toHaveLength(1);
    expect(second).toBe(first);
  });

  it('answers null for an unknown language, and after an abort', async () => {
    const { highlightCode } = await freshHighlighter(false);
    expect(await highlightCode('not-a-language', 'x', new AbortController().signal)).toBeNull();
    const controller = new AbortController();
    const pending = highlightCode('ts', 'let aborted = 1;', controller.signal);
    controller.abort();
    expect(await pending).toBeNull();
  });

  it('falls back to the main thread when the worker cannot start', async () => {
    const { highlightCode } = await freshHighlighter(true);
    const progress = vi.fn();
    const lines = await highlightCode('ts', code, new AbortController().signal, progress);
    expect(FakeWorker.created[0]?.terminated).toBe(true);
    expect(lines?.length).toBe(2);
    expect(progress).toHaveBeenCalled();
    // The failed worker is not tried again: the next block goes straight to the fallback.
    await highlightCode('js', 'let next = 1;', new AbortController().signal);
    expect(FakeWorker.created).toHaveLength(1);
  });
});
