import { describe, expect, it } from 'vitest';
import { useApp } from './support/app-fixture';

const app = useApp();

/** A reply long enough to overflow the window several times over. */
const longReply = Array.from({ length: 400 }, (_, i) => `Line ${i} of a long answer.`).join('\n\n');

/**
 * Where the transcript is scrolled, and how far its end is below the view, as the next frame
 * paints it. Text can land between frames (the store commits the first delta after a gap in a
 * microtask), and the transcript catches up in that frame, after layout (a ResizeObserver): a
 * new observer's first callback runs in the same frame after the app's, which is what the user
 * sees.
 */
function scrollState() {
  return app.page.evaluate(
    () =>
      new Promise<{ top: number; gap: number; textLength: number }>((resolve, reject) => {
        const log = document.querySelector('[role="log"]');
        if (!log) return reject(new Error('no transcript'));
        const observer = new ResizeObserver(() => {
          observer.disconnect();
          const replies = document.querySelectorAll('[data-testid="reply-text"]');
          resolve({
            top: log.scrollTop,
            gap: log.scrollHeight - log.scrollTop - log.clientHeight,
            textLength: [...replies].at(-1)?.textContent?.length ?? 0,
          });
        });
        observer.observe(log);
      }),
  );
}

/** The scroll position once a smooth (wheel or key) scroll has finished moving. */
async function settledTop(): Promise<number> {
  let previous = Number.NaN;
  for (let i = 0; i < 40; i++) {
    const { top } = await scrollState();
    if (top === previous) return top;
    previous = top;
    await app.page.waitForTimeout(100);
  }
  throw new Error('the transcript never stopped scrolling');
}

/**
 * The first frame's scroll state with more reply text than `length` on screen: the moment a
 * follow (or a snap back) would show, so a check after it is not a guess about timing.
 */
async function afterMoreText(length: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await scrollState();
    if (state.textLength > length) return state;
  }
  throw new Error(`no reply text past ${length} characters arrived`);
}

const jump = () => app.page.getByRole('button', { name: 'Jump to latest' });

describe('autoscroll', () => {
  it('follows while at the end, stays where the user scrolled to, and jumps back', async () => {
    app.mock.enqueue({ type: 'reply', text: longReply, tokensPerSecond: 250 });
    await app.send('Write a lot');

    // Following: the text grows past the window and the end stays in view.
    await expect
      .poll(async () => (await scrollState()).top, { timeout: 15_000 })
      .toBeGreaterThan(600);
    for (let i = 0; i < 3; i++) {
      const { textLength } = await scrollState();
      expect((await afterMoreText(textLength)).gap).toBeLessThanOrEqual(2);
    }
    expect(await jump().count()).toBe(0);

    // The user scrolls up with the wheel while text keeps arriving.
    await app.page.mouse.move(550, 300);
    await app.page.mouse.wheel(0, -500);
    await expect.poll(async () => jump().count()).toBe(1);
    const readingAt = await settledTop();
    const lengthThen = (await scrollState()).textLength;
    await expect
      .poll(async () => (await scrollState()).textLength, { timeout: 10_000 })
      .toBeGreaterThan(lengthThen + 500);
    // No snapping back: the view is exactly where the user put it.
    expect(Math.abs((await scrollState()).top - readingAt)).toBeLessThanOrEqual(1);
    expect((await scrollState()).gap).toBeGreaterThan(400);

    // Jump to latest: back at the end, and following again as text keeps arriving.
    await jump().click();
    await expect.poll(async () => (await scrollState()).gap).toBeLessThanOrEqual(2);
    expect(await jump().count()).toBe(0);
    const lengthAtJump = (await scrollState()).textLength;
    await expect
      .poll(async () => (await scrollState()).textLength, { timeout: 10_000 })
      .toBeGreaterThan(lengthAtJump + 300);
    expect((await scrollState()).gap).toBeLessThanOrEqual(2);
  });

  it('keyboard scrolling up stops following; sending a new message follows again', async () => {
    app.mock.enqueue(
      { type: 'reply', text: longReply, tokensPerSecond: 250 },
      { type: 'reply', text: longReply.slice(0, 3_000), tokensPerSecond: 400 },
    );
    await app.send('Write a lot');
    await expect
      .poll(async () => (await scrollState()).top, { timeout: 15_000 })
      .toBeGreaterThan(600);

    await app.page.getByRole('log', { name: 'Transcript' }).focus();
    await app.page.keyboard.press('PageUp');
    await expect.poll(async () => jump().count()).toBe(1);
    const readingAt = await settledTop();
    // More text arrives, and the view stays exactly where the key put it.
    const later = await afterMoreText((await scrollState()).textLength + 300);
    expect(Math.abs(later.top - readingAt)).toBeLessThanOrEqual(1);

    await app.page.getByRole('button', { name: 'Stop' }).click();
    await app.send('And a bit more');
    await expect.poll(async () => jump().count()).toBe(0);
    await expect
      .poll(async () => (await scrollState()).textLength, { timeout: 10_000 })
      .toBeGreaterThan(1_000);
    expect((await scrollState()).gap).toBeLessThanOrEqual(2);
  });
});
