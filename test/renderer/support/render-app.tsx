import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { afterEach } from 'vitest';
import type { ChatEvent } from '../../../preload/api';
import { App } from '../../../renderer/src/app';
import { createFakeParley, type FakeParley } from './fake-parley';
import { ManualFrames } from './manual-frames';

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

/** Let pending bridge calls resolve and React commit what they caused. */
export async function flushAsync(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

// jsdom has no ResizeObserver, and the virtual list observes the transcript with one. With no
// layout nothing would ever resize, so one that never calls back is the faithful stand-in.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

// Nor scrollBy, which the virtual list uses to keep the view still as turns load above it.
Element.prototype.scrollBy ??= function scrollBy(): void {};

/**
 * jsdom lays nothing out, so the transcript's virtual list would measure a view of 0 px and
 * mount no turn: give it a tall view (100 turns of 100 px) so a test's turns are all mounted.
 */
export const virtualLayout = { viewportHeight: 10_000, itemHeight: 100 };

/** Render the whole app over a fake bridge, with frames the test plays by hand. */
export async function renderApp(fake: FakeParley = createFakeParley()) {
  const frames = new ManualFrames();
  const view = render(
    <VirtuosoMockContext value={virtualLayout}>
      <App api={fake.api} scheduler={frames} />
    </VirtuosoMockContext>,
  );
  await flushAsync();
  return {
    ...view,
    fake,
    frames,
    /** Deliver stream events and play a frame, as the window would. */
    stream(...events: ChatEvent[]) {
      act(() => {
        for (const event of events) fake.emit(event);
        frames.run();
      });
    },
  };
}

/** Type a message and press Enter, then wait for the send to land. */
export async function sendMessage(text: string): Promise<void> {
  const box = screen.getByRole('textbox', { name: 'Message' });
  fireEvent.change(box, { target: { value: text } });
  fireEvent.keyDown(box, { key: 'Enter' });
  await flushAsync();
}

/** The transcript log. */
export function transcript(): HTMLElement {
  return screen.getByRole('log', { name: 'Transcript' });
}
