import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as HighlighterModule from '../../../renderer/src/markdown/highlighter';
import { FakeHighlightWorker, stubHighlightWorker } from '../support/fake-highlight-worker';

type Highlighter = typeof HighlighterModule;

/**
 * A fresh highlighter module (its worker and cache are module state), with `Worker` stubbed by
 * a fake that loads (`'loads'`) or fails to (`'fails'`), or absent (`'none'`).
 */
async function freshHighlighter(worker: 'loads' | 'fails' | 'none'): Promise<Highlighter> {
  if (worker === 'none') vi.stubGlobal('Worker', undefined);
  else stubHighlightWorker(worker === 'fails');
  vi.resetModules();
  return import('../../../renderer/src/markdown/highlighter');
}

afterEach(() => vi.unstubAllGlobals());

const code = 'const answer: number = 42;\n// a comment';
const created = () => FakeHighlightWorker.created;

describe('highlightCode', () => {
  it('tokenizes in a module worker and caches the answer', async () => {
    const { highlightCode, cachedHighlight } = await freshHighlighter('loads');
    const lines = await highlightCode('ts', code, new AbortController().signal);
    expect(created()).toHaveLength(1);
    expect(created()[0]?.options.type).toBe('module');
    expect(created()[0]?.requests).toEqual([{ id: 0, lang: 'ts', code }]);
    expect(lines?.map((line) => line.map((token) => token.text).join(''))).toEqual(
      code.split('\n'),
    );
    expect(cachedHighlight('ts', code)).toBe(lines);
  });

  it('asks the worker once for a block mounted twice at the same time', async () => {
    const { highlightCode } = await freshHighlighter('loads');
    const signal = new AbortController().signal;
    const [first, second] = await Promise.all([
      highlightCode('js', 'let twice = 2;', signal),
      highlightCode('js', 'let twice = 2;', signal),
    ]);
    expect(created()[0]?.requests).toHaveLength(1);
    expect(second).toBe(first);
  });

  it('answers null for an unknown language, and after an abort', async () => {
    const { highlightCode } = await freshHighlighter('loads');
    expect(await highlightCode('not-a-language', 'x', new AbortController().signal)).toBeNull();
    const controller = new AbortController();
    const pending = highlightCode('ts', 'let aborted = 1;', controller.signal);
    controller.abort();
    expect(await pending).toBeNull();
  });

  it('leaves code plain when the worker cannot start, and does not try it again', async () => {
    const { highlightCode, cachedHighlight } = await freshHighlighter('fails');
    expect(await highlightCode('ts', code, new AbortController().signal)).toBeNull();
    expect(created()[0]?.terminated).toBe(true);
    expect(await highlightCode('js', 'let next = 1;', new AbortController().signal)).toBeNull();
    expect(created()).toHaveLength(1);
    expect(cachedHighlight('ts', code)).toBeUndefined();
  });

  it('leaves code plain where there is no Worker at all', async () => {
    const { highlightCode } = await freshHighlighter('none');
    expect(await highlightCode('ts', code, new AbortController().signal)).toBeNull();
  });
});
