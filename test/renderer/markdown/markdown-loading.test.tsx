import { render, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createFakeParley } from '../support/fake-parley';

describe('before the markdown chunk has loaded', () => {
  it('shows the reply as plain text, then as markdown, losing nothing', async () => {
    // A fresh module graph: the markdown stack not loaded yet, as at the app's first paint.
    vi.resetModules();
    const { StreamingMarkdown } = await import('../../../renderer/src/markdown/streaming-markdown');
    const { MarkdownBridgeContext } = await import('../../../renderer/src/markdown/bridge');
    const fake = createFakeParley();
    const ui = (text: string, streaming: boolean) => (
      <MarkdownBridgeContext value={fake.api}>
        <div className="reply-body">
          <StreamingMarkdown text={text} streaming={streaming} />
        </div>
      </MarkdownBridgeContext>
    );
    const view = render(ui('# Title\n\nSome **bold**', true));

    const plain = view.container.querySelector('p.markdown-plain');
    expect(plain?.textContent).toBe('# Title\n\nSome **bold**');
    expect(view.container.querySelector('h1')).toBeNull();
    // Still streaming: the plain text keeps up with the reply.
    view.rerender(ui('# Title\n\nSome **bold** text', false));
    expect(view.container.textContent).toBe('# Title\n\nSome **bold** text');

    await waitFor(() => expect(view.container.querySelector('h1')?.textContent).toBe('Title'));
    expect(view.container.querySelector('strong')?.textContent).toBe('bold');
    expect(view.container.querySelector('[data-markdown="pending"]')).toBeNull();
    view.unmount();
  });
});
