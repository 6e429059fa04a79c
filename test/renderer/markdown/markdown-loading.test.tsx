import { render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeParley } from '../support/fake-parley';

/** The markdown modules from a fresh module graph: nothing loaded yet, as at first paint. */
async function freshMarkdown() {
  vi.resetModules();
  const { StreamingMarkdown } = await import('../../../renderer/src/markdown/streaming-markdown');
  const { MarkdownBridgeContext } = await import('../../../renderer/src/markdown/bridge');
  const { loadMarkdown } = await import('../../../renderer/src/markdown/markdown-loader');
  const fake = createFakeParley();
  const ui = (text: string, streaming: boolean) => (
    <MarkdownBridgeContext value={fake.api}>
      <div className="reply-body">
        <StreamingMarkdown text={text} streaming={streaming} />
      </div>
    </MarkdownBridgeContext>
  );
  return { ui, loadMarkdown };
}

describe('before the markdown chunks have loaded', () => {
  let fresh: Awaited<ReturnType<typeof freshMarkdown>>;
  beforeEach(async () => {
    fresh = await freshMarkdown();
  });

  it('shows the reply as plain text, then as markdown, losing nothing', async () => {
    const view = render(fresh.ui('# Title\n\nSome **bold**', true));

    const plain = view.container.querySelector('p.markdown-plain');
    expect(plain?.textContent).toBe('# Title\n\nSome **bold**');
    expect(view.container.querySelector('h1')).toBeNull();
    // Still streaming: the plain text keeps up with the reply.
    view.rerender(fresh.ui('# Title\n\nSome **bold** text', false));
    expect(view.container.textContent).toBe('# Title\n\nSome **bold** text');

    await waitFor(() => expect(view.container.querySelector('h1')?.textContent).toBe('Title'));
    expect(view.container.querySelector('strong')?.textContent).toBe('bold');
    expect(view.container.querySelector('[data-markdown="pending"]')).toBeNull();
    view.unmount();
  });

  it('shows a formula as its TeX until KaTeX arrives, then typeset, and caches only that', async () => {
    // Markdown is in, KaTeX is not: the first formula asks for it.
    await fresh.loadMarkdown();
    const text = 'Inline $x^2$ here.';
    const view = render(fresh.ui(text, false));
    expect(view.container.querySelector('.katex')).toBeNull();
    expect(view.container.querySelector('p')?.textContent).toBe('Inline x^2 here.');

    await waitFor(() => expect(view.container.querySelectorAll('.katex')).toHaveLength(1));
    view.unmount();
    // Mounted again: the typeset parse, not the one made before KaTeX loaded.
    const again = render(fresh.ui(text, false));
    expect(again.container.querySelectorAll('.katex')).toHaveLength(1);
    again.unmount();
  });
});
