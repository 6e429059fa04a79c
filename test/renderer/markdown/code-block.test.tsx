import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MarkdownBridgeContext } from '../../../renderer/src/markdown/bridge';
import { CodeBlock } from '../../../renderer/src/markdown/code-block';
import { highlightLimit } from '../../../renderer/src/markdown/highlighter';
import { createFakeParley } from '../support/fake-parley';

afterEach(cleanup);

function renderCode(code: string, lang: string, highlight: boolean) {
  const fake = createFakeParley();
  const view = render(
    <MarkdownBridgeContext value={fake.api}>
      <CodeBlock code={code} lang={lang} highlight={highlight} />
    </MarkdownBridgeContext>,
  );
  return { ...view, fake, pre: () => view.container.querySelector('pre') as HTMLElement };
}

/** Let idle slices and dynamic imports run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

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

  it('stays plain while the fence is open', async () => {
    const { pre } = renderCode('let open = 1;', 'js', false);
    await settle();
    expect(pre().dataset.highlighted).toBeUndefined();
    expect(pre().textContent).toBe('let open = 1;');
  });

  it.each([
    ['an unknown language', 'not-a-language', 'x = 1'],
    ['a prototype key as language', 'constructor', 'x = 1'],
    ['no language', '', 'x = 1'],
    ['a block over the limit', 'js', 'let x = 1;\n'.repeat(highlightLimit / 10)],
  ])('stays plain for %s', async (_name, lang, code) => {
    const { pre } = renderCode(code, lang, true);
    await settle();
    expect(pre().dataset.highlighted).toBeUndefined();
    expect(pre().textContent).toBe(code);
  });

  it('labels the language and copies the code through main', async () => {
    const { fake } = renderCode('echo hi', 'bash', false);
    expect(screen.getByText('bash')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(fake.callsTo('clipboard:write-text')).toEqual([{ text: 'echo hi' }]);
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
  });
});
