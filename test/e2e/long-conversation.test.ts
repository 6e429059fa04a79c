import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../preload/api';
import type { EventSink } from '../../main/chat/chat-service';
import { useApp } from './support/app-fixture';

const app = useApp();

const transcript = () => app.page.getByRole('log', { name: 'Transcript' });
const jump = () => app.page.getByRole('button', { name: 'Jump to latest' });

/** How many turns the long conversation has. */
const turnCount = 160;

/**
 * The turn whose question holds the word a search finds: in the middle (80 turns up, outside the
 * first 30), so the window opened around it has turns to load on both sides, as far up a long
 * conversation; the list must land on the hit without a page moving it elsewhere.
 */
const hitTurn = 80;

/** A reply of a few paragraphs, so turns have different, real heights. */
function replyText(index: number): string {
  const paragraphs = 1 + (index % 4);
  return Array.from(
    { length: paragraphs },
    (_, p) => `Answer ${index}, part ${p}: the details of step ${index} and what follows from it.`,
  ).join('\n\n');
}

/**
 * Fill a conversation with `turns` finished turns through main's chat service (the mock answers
 * at once), outside the page, as test/bench/seed.ts does; the page sees it after a reload.
 */
async function seed(turns: number): Promise<void> {
  let ended: (() => void) | null = null;
  const sink: EventSink = {
    id: 9_998,
    isDestroyed: () => false,
    send(_channel, payload) {
      if ((payload as ChatEvent).type !== 'delta') ended?.();
    },
  };
  let conversationId: string | undefined;
  for (let index = 0; index < turns; index++) {
    app.mock.enqueue({ type: 'reply', text: replyText(index) });
    const done = new Promise<void>((resolve) => (ended = resolve));
    const word = index === hitTurn ? ' Mind the wombat.' : '';
    const text = `Question ${index}: what about step ${index}?${word}`;
    const result = await app.services.chat.send(
      conversationId ? { conversationId, text } : { text },
      sink,
    );
    conversationId = result.conversationId;
    await done;
    while (app.services.chat.activeCount > 0) await new Promise((r) => setTimeout(r, 1));
  }
}

/** Where the transcript stands: turns in the DOM, the first one's question, the gap below. */
function listState() {
  return app.page.evaluate(() => {
    const log = document.querySelector('[role="log"]');
    if (!log) throw new Error('no transcript');
    const questions = [...log.querySelectorAll('.user-message-text')].map((p) => p.textContent);
    return {
      turns: log.querySelectorAll('.turn').length,
      first: questions[0] ?? '',
      last: questions.at(-1) ?? '',
      gap: log.scrollHeight - log.scrollTop - log.clientHeight,
    };
  });
}

/**
 * Scroll the transcript to its top and watch, frame by frame, the question that was first on
 * screen there, until an earlier question is mounted above it and 20 more frames have painted.
 * Returns how far (px) the watched question moved at most in any frame and where it settled
 * (px from where it was), or `loaded: false` if nothing came in 120 frames with the first
 * question of the conversation at the top.
 */
function scrollToTopAndWatch() {
  return app.page.evaluate(
    () =>
      new Promise<{ loaded: boolean; anchor: string; moved: number; settled: number }>(
        (resolve, reject) => {
          const log = document.querySelector('[role="log"]');
          if (!log) return reject(new Error('no transcript'));
          const questions = () => [...log.querySelectorAll<HTMLElement>('.user-message-text')];
          const topOf = (element: Element) =>
            element.getBoundingClientRect().top - log.getBoundingClientRect().top;
          log.scrollTop = 0;
          let anchor: HTMLElement | undefined;
          let start = 0;
          let moved = 0;
          let after = -1;
          let frames = 0;
          const frame = () => {
            frames++;
            if (!anchor) {
              // The list mounts the top turns a frame or two after the jump: take the first one.
              anchor = questions()[0];
              if (anchor) start = topOf(anchor);
            } else {
              if (!anchor.isConnected) {
                // Before any page came in, the list may still be settling the range it mounts
                // after the jump to the top (slow frames on a busy machine): watch the new first
                // turn. Once older turns are coming in, losing the watched one is a failure.
                if (after >= 0) return reject(new Error('the watched turn was unmounted'));
                anchor = undefined;
                moved = 0;
                requestAnimationFrame(frame);
                return;
              }
              moved = Math.max(moved, Math.abs(topOf(anchor) - start));
              if (after < 0 && questions()[0] !== anchor) after = 0;
              if (after >= 0 && ++after > 20) {
                return resolve({
                  loaded: true,
                  anchor: anchor.textContent ?? '',
                  moved,
                  settled: Math.abs(topOf(anchor) - start),
                });
              }
            }
            if (frames > 120 && after < 0) {
              if (anchor?.textContent?.startsWith('Question 0:')) {
                return resolve({ loaded: false, anchor: anchor.textContent, moved, settled: 0 });
              }
              if (frames > 600) return reject(new Error('no earlier turns loaded in 600 frames'));
              // A reader at the top keeps scrolling: every 120 frames, a small scroll up again
              // (the page is asked for from scroll and range changes, and a busy machine can
              // settle the list after the first one).
              if (frames % 120 === 0) {
                log.scrollTop = 2;
                requestAnimationFrame(() => (log.scrollTop = 0));
              }
            }
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        },
      ),
  );
}

// Seeding 160 turns through main's pipeline takes a while on a busy machine.
describe('a long conversation', { timeout: 120_000 }, () => {
  it('opens at the newest turn with few turns mounted, and loads older ones in place', async () => {
    await seed(turnCount);
    await app.page.reload();
    await expect
      .poll(async () => (await listState()).last, { timeout: 10_000 })
      .toContain(`Question ${turnCount - 1}:`);
    await expect.poll(async () => (await listState()).gap).toBeLessThanOrEqual(2);
    const opened = await listState();
    expect(opened.turns).toBeLessThan(60);
    expect(await jump().count()).toBe(0);

    // Up to the top, page by page: each page lands above without moving what is on screen.
    let pages = 0;
    for (;;) {
      const watched = await scrollToTopAndWatch();
      if (!watched.loaded) break;
      pages++;
      // Where the reader was stays put once the page is in. (On a loaded machine the list may
      // correct a prepend one frame late: a blip of a line or so is tolerated in that frame;
      // `npm run bench` measures jumps at wheel speed on the 10,000-message conversation.)
      expect(watched.settled, `the turn "${watched.anchor}" moved as a page loaded`).toBeLessThan(
        1,
      );
      expect(watched.moved, `the turn "${watched.anchor}" jumped as a page loaded`).toBeLessThan(
        64,
      );
      expect(pages).toBeLessThan(10);
    }
    // The window opened with the newest 30; pages of 50 before it: 3 pages to the first turn.
    expect(pages).toBe(Math.ceil((turnCount - 30) / 50));
    expect((await listState()).first).toContain('Question 0:');
    expect((await listState()).turns).toBeLessThan(60);
  });

  it('opens a search hit far up at the highlighted message', async () => {
    await seed(turnCount);
    await app.page.reload();
    await expect
      .poll(async () => (await listState()).last, { timeout: 10_000 })
      .toContain(`Question ${turnCount - 1}:`);

    await app.page.keyboard.press('Control+k');
    await app.page.getByRole('textbox', { name: 'Search' }).fill('wombat');
    await expect.poll(() => app.page.getByRole('option').count()).toBe(1);
    await app.page.keyboard.press('Enter');

    const hit = app.page.locator('article.user-message', { hasText: 'wombat' });
    await expect.poll(() => hit.getAttribute('data-revealed'), { timeout: 5_000 }).toBe('true');
    const box = await hit.boundingBox();
    const view = await transcript().boundingBox();
    if (!box || !view) throw new Error('the message or the transcript is not on screen');
    expect(box.y).toBeGreaterThanOrEqual(view.y);
    expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height);
    expect((await listState()).turns).toBeLessThan(60);
    // Far from the newest text: Jump to latest is offered, and takes the reader there.
    await expect.poll(() => jump().count()).toBe(1);
    await jump().click();
    await expect
      .poll(async () => (await listState()).last, { timeout: 10_000 })
      .toContain(`Question ${turnCount - 1}:`);
    await expect.poll(async () => (await listState()).gap).toBeLessThanOrEqual(2);
  });

  it('a reply streaming while the reader scrolls far up is never unmounted and loses no text', async () => {
    await seed(60);
    await app.page.reload();
    await expect
      .poll(async () => (await listState()).last, { timeout: 10_000 })
      .toContain('Question 59:');
    const long = Array.from({ length: 300 }, (_, i) => `Line ${i} of the reply.`).join('\n\n');
    app.mock.enqueue({ type: 'reply', text: long, tokensPerSecond: 300 });
    await app.send('One more, at length');
    const reply = app.page.locator('article.reply').last();
    await expect.poll(() => reply.textContent()).toContain('Line 5 ');
    // Mark the element that shows the streaming text: a remount would make a new one.
    await reply.evaluate((element) => Object.assign(element, { parleyProbe: true }));

    // Far up while it streams: older turns load above, the streaming turn stays mounted.
    const watched = await scrollToTopAndWatch();
    expect(watched.loaded).toBe(true);
    expect(watched.settled).toBeLessThan(1);
    expect(watched.moved).toBeLessThan(64);
    await expect.poll(() => jump().count()).toBe(1);
    await jump().click();
    await expect
      .poll(() => reply.textContent(), { timeout: 20_000 })
      .toContain('Line 299 of the reply.');
    expect(await reply.evaluate((element) => 'parleyProbe' in element)).toBe(true);
    expect(await reply.getByTestId('reply-text').textContent()).toBe(long.replaceAll('\n\n', ''));
  });
});
