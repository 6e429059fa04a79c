import { act, cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import { MarkdownBridgeContext } from '../../../renderer/src/markdown/bridge';
import { StreamingMarkdown } from '../../../renderer/src/markdown/streaming-markdown';
import { createFakeParley } from '../support/fake-parley';

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

/** Render markdown the way a reply does, over a fake bridge; `update` streams more text in. */
export function renderMarkdown(text: string, streaming = false) {
  const fake = createFakeParley();
  const ui = (next: string, live: boolean) => (
    <MarkdownBridgeContext value={fake.api}>
      <div className="reply-body">
        <StreamingMarkdown text={next} streaming={live} />
      </div>
    </MarkdownBridgeContext>
  );
  const view = render(ui(text, streaming));
  return {
    ...view,
    fake,
    body: view.container.querySelector('.reply-body') as HTMLElement,
    update: (next: string, live = streaming) => act(() => view.rerender(ui(next, live))),
  };
}
