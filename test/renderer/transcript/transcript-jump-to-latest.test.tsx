import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { events } from '../support/fake-parley';
import { renderApp, sendMessage, transcript } from '../support/render-app';

const { delta, done } = events;
const jumpButton = () => screen.queryByRole('button', { name: 'Jump to latest' });

/**
 * jsdom has no layout: give the log a scroll geometry (5,000 px of content in a 500 px view)
 * and a scrollTop that remembers what it was set to, clamped like a browser's.
 */
function withGeometry(log: HTMLElement) {
  const geometry = { scrollHeight: 5_000, clientHeight: 500, top: 4_500 };
  Object.defineProperties(log, {
    scrollHeight: { configurable: true, get: () => geometry.scrollHeight },
    clientHeight: { configurable: true, get: () => geometry.clientHeight },
    scrollTop: {
      configurable: true,
      get: () => geometry.top,
      set: (value: number) => {
        geometry.top = Math.max(0, Math.min(value, geometry.scrollHeight - geometry.clientHeight));
      },
    },
  });
  return {
    geometry,
    /** The user scrolls to `top` (a scrollbar drag, a touch): the browser fires scroll. */
    scrollTo(top: number) {
      log.scrollTop = top;
      fireEvent.scroll(log);
    },
  };
}

async function streamingApp() {
  const app = await renderApp();
  await sendMessage('Write a lot');
  app.stream(delta('stream-reply-1', 1, 'Growing'));
  const view = withGeometry(transcript());
  // Following put the view at the end; a browser reports that scroll.
  view.scrollTo(4_500);
  return { ...app, ...view };
}

describe('Jump to latest', () => {
  it('is hidden while following the newest text', async () => {
    await streamingApp();
    expect(jumpButton()).toBeNull();
  });

  it('appears when the user scrolls up with the wheel, and brings the view back', async () => {
    const { geometry, stream } = await streamingApp();
    fireEvent.wheel(transcript(), { deltaY: -100 });
    expect(jumpButton()).toBeTruthy();
    // More text arrives while the user reads: nothing moves them.
    geometry.top = 1_200;
    stream(delta('stream-reply-1', 2, ' more text'));
    geometry.scrollHeight = 6_000;
    expect(geometry.top).toBe(1_200);
    expect(jumpButton()).toBeTruthy();

    fireEvent.click(jumpButton() as HTMLElement);
    expect(geometry.top).toBe(5_500);
    expect(jumpButton()).toBeNull();
    expect(document.activeElement).toBe(transcript());
  });

  it('appears when the user presses PageUp, Home or ArrowUp in the transcript', async () => {
    await streamingApp();
    for (const key of ['PageUp', 'Home', 'ArrowUp']) {
      fireEvent.keyDown(transcript(), { key });
      expect(jumpButton()).toBeTruthy();
      fireEvent.click(jumpButton() as HTMLElement);
      expect(jumpButton()).toBeNull();
    }
    fireEvent.keyDown(transcript(), { key: 'PageDown' });
    expect(jumpButton()).toBeNull();
  });

  it('follows a scrollbar drag: up stops following, back near the end follows again', async () => {
    const { scrollTo } = await streamingApp();
    scrollTo(3_000);
    expect(jumpButton()).toBeTruthy();
    scrollTo(4_470); // within 48 px of the end
    expect(jumpButton()).toBeNull();
  });

  it('content shrinking under the view is not mistaken for the user scrolling up', async () => {
    const { geometry } = await streamingApp();
    geometry.scrollHeight = 4_000;
    geometry.top = 3_500; // the browser clamped it
    fireEvent.scroll(transcript());
    expect(jumpButton()).toBeNull();
  });

  it('sending a new message follows again', async () => {
    const { stream } = await streamingApp();
    fireEvent.wheel(transcript(), { deltaY: -100 });
    expect(jumpButton()).toBeTruthy();
    stream(done('stream-reply-1', 2));
    await sendMessage('And another thing');
    expect(jumpButton()).toBeNull();
  });
});
