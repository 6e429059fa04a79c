import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MarkdownBridgeContext } from '../../../renderer/src/markdown/bridge';
import { CodeBlock } from '../../../renderer/src/markdown/code-block';
import { highlightLimit } from '../../../renderer/src/markdown/highlighter';
import { FakeHighlightWorker, stubHighlightWorker } from '../support/fake-highlight-worker';
import { createFakeParley } from '../support/fake-parley';

// jsdom has no Worker: a fake one runs the real tokenizer (the app has no main-thread fallback).
beforeAll(() => stubHighlightWorker());
afterAll(() => vi.unstubAllGlobals());
afterEach(cleanup);

/** Every request the highlight worker got, and every answer it sent, across this file. */
const requests = () => FakeHighlightWorker.created.flatMap((worker) => worker.requests);
const responses = () => FakeHighlightWorker.created.flatMap((worker) => worker.responses);

function renderCode(code: string, lang: string, highlight: boolean) {
  const fake = createFakeParley();
  const view = render(
    <MarkdownBridgeContext value={fake.api}>
      <CodeBlock code={code} lang={lang} highlight={highlight} />
    </MarkdownBridgeContext>,
  );
  return { ...view, fake, pre: () => view.container.querySelector('pre') as HTMLElement };
}

describe('CodeBlock', () => {
  it('highlights a closed fence with Shiki, keeping the exact text', async () => {
    const code = 'const answer: number = 42;\n// a comment\nconsole.log(answer);';
    const { pre } = renderCode(code, 'ts', true);
    await waitFor(() => expect(pre().dataset.highlighted).toBe('true'), { timeout: 10_000 });
    const styled = [...pre().querySelectorAll<HTMLElement>('span[style]')];
    expect(styled.length).toBeGreaterThan(5);
    expect(styled[0]?.style.getPropertyValue('--shiki-light')).toMatch(/^#/);
    expect(styled[0]?.style.getPropertyValue('--shiki-dark')).toMatch(/^#/);
    // Keyword, name, number, comment: several colours in each theme, not one run-on colour.
    for (const theme of ['--shiki-light', '--shiki-dark']) {
      const colours = new Set(styled.map((span) => span.style.getPropertyValue(theme)));
      expect(colours.size).toBeGreaterThan(2);
    }
    expect(pre().textContent).toBe(code);
  });

  it('comes back highlighted at once from the cache', async () => {
    const code = 'let cached = true;';
    const first = renderCode(code, 'js', true);
    await waitFor(() => expect(first.pre().dataset.highlighted).toBe('true'), { timeout: 10_000 });
    first.unmount();
    const second = renderCode(code, 'js', true);
    expect(second.pre().dataset.highlighted).toBe('true');
  });

  // Not even asked for: the decision is made while rendering, so nothing can come later.
  it.each([
    ['an open fence', 'js', 'let open = 1;', false],
    ['no language', '', 'x = 1', true],
    ['a block over the limit', 'js', 'let x = 1;\n'.repeat(highlightLimit / 10), true],
  ])('stays plain for %s, without asking the worker', (_name, lang, code, closed) => {
    const asked = requests().length;
    const { pre } = renderCode(code, lang, closed);
    expect(requests()).toHaveLength(asked);
    expect(pre().dataset.highlighted).toBeUndefined();
    expect(pre().textContent).toBe(code);
  });

  it.each([
    ['an unknown language', 'not-a-language', 'x = 1'],
    ['a prototype key as language', 'constructor', 'y = 2'],
  ])('stays plain for %s once the worker has answered', async (_name, lang, code) => {
    const { pre } = renderCode(code, lang, true);
    await vi.waitFor(() => {
      const request = requests().find((asked) => asked.code === code);
      expect(responses().some((answer) => answer.id === request?.id)).toBe(true);
    });
    expect(pre().dataset.highlighted).toBeUndefined();
    expect(pre().textContent).toBe(code);
  });

  it('labels the language and copies the code through main', async () => {
    const { fake } = renderCode('echo hi', 'bash', false);
    screen.getByText('bash');
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(fake.callsTo('clipboard:write-text')).toEqual([{ text: 'echo hi' }]);
    await screen.findByRole('button', { name: 'Copied' });
  });
});
