/**
 * A reply keeps streaming while the user looks at another conversation: main goes on writing
 * and saving it, the sidebar says it is replying, and going back shows what arrived meanwhile
 * and then the live text, until it finishes as done (never "Stopped").
 */
import { describe, expect, it } from 'vitest';
import type { SendResult } from '../../preload/api';
import { useApp } from './support/app-fixture';

const app = useApp();

const story = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');

const transcript = () => app.page.getByRole('log', { name: 'Transcript' });
const sidebar = () => app.page.getByRole('navigation', { name: 'Conversations' });
const row = (name: string) => sidebar().getByRole('button', { name, exact: true });

/** The text of the last reply on screen. */
async function lastReplyText(): Promise<string> {
  return app.page.evaluate(() => {
    const bodies = document.querySelectorAll('[data-testid="reply-text"]');
    return bodies[bodies.length - 1]?.textContent ?? '';
  });
}

/** What a row's button is described as (its `aria-describedby` text), or null. */
function rowNote(name: string): Promise<string | null> {
  return row(name).evaluate((button) => {
    const id = button.getAttribute('aria-describedby');
    return id === null ? null : (document.getElementById(id)?.textContent ?? null);
  });
}

/** The visible "replying" dots in a row. */
const rowDots = (name: string) =>
  sidebar()
    .getByRole('listitem')
    .filter({ has: app.page.getByRole('button', { name, exact: true }) })
    .locator('.conversation-replying');

/** What main answered the n-th `chat:send` with. */
function sendResult(index: number): SendResult {
  const results = app.ipcLog.filter(
    (entry) => entry.direction === 'result' && entry.channel === 'chat:send',
  );
  const result = results[index]?.payload as { ok: true; value: SendResult } | undefined;
  if (!result) throw new Error(`no answer to chat:send #${index + 1} yet`);
  return result.value;
}

/** The text main holds for a conversation's first reply now (saved, or live from memory). */
function mainText(conversationId: string): string {
  const snapshot = app.services.chat.snapshot({ conversationId });
  return snapshot?.turns[0]?.replies[0]?.text ?? '';
}

describe('a reply while the user looks elsewhere', () => {
  it('keeps streaming, shows as replying in the sidebar, and is there live on return', async () => {
    app.mock.enqueue({ type: 'reply', text: story, tokensPerSecond: 20 });
    await app.send('Tell me a long story');
    await expect.poll(lastReplyText, { timeout: 10_000 }).toMatch(/word3 /);
    await expect.poll(() => rowNote('Tell me a long story')).toBe('Replying…');
    const { conversationId: storyId, turn } = sendResult(0);
    const streamId = turn.replies[0]?.streamId ?? '';

    // Elsewhere: a new conversation, with a quick exchange of its own.
    await app.page.getByRole('button', { name: 'New conversation', exact: true }).click();
    await expect.poll(() => transcript().textContent()).not.toContain('word3');
    const leftAt = mainText(storyId).length;
    app.mock.enqueue({ type: 'reply', text: 'Short answer.', tokensPerSecond: 400 });
    await app.send('Quick question');
    await expect.poll(() => transcript().textContent()).toContain('Short answer.');
    await expect.poll(() => rowNote('Quick question')).toBeNull();

    // Main went on writing the story meanwhile, and the sidebar says so.
    await expect
      .poll(() => mainText(storyId).length, { timeout: 10_000 })
      .toBeGreaterThan(leftAt + 40);
    expect(await rowNote('Tell me a long story')).toBe('Replying…');
    expect(await rowDots('Tell me a long story').count()).toBe(1);
    expect(await rowDots('Quick question').count()).toBe(0);
    // Not finished yet, so the user comes back to a reply that is still being written.
    expect(mainText(storyId).length).toBeLessThan(story.length);

    // Back: what arrived meanwhile is there at once, and it goes on growing live.
    const awayText = mainText(storyId);
    await row('Tell me a long story').click();
    await expect.poll(lastReplyText).toContain(awayText);
    const backAt = (await lastReplyText()).length;
    await expect.poll(async () => (await lastReplyText()).length).toBeGreaterThan(backAt);
    await expect.poll(lastReplyText, { timeout: 15_000 }).toBe(story);

    // Finished as done, not stopped; nobody asked main to stop anything.
    await expect.poll(() => rowNote('Tell me a long story')).toBeNull();
    expect(await rowDots('Tell me a long story').count()).toBe(0);
    const ends = app.ipcLog.filter(
      (entry) =>
        entry.channel === 'chat:event' &&
        (entry.payload as { streamId?: string }).streamId === streamId &&
        (entry.payload as { type?: string }).type === 'done',
    );
    expect(ends.map((entry) => entry.payload)).toMatchObject([{ stopReason: 'end' }]);
    expect(app.ipcLog.filter((entry) => entry.channel === 'chat:stop')).toEqual([]);
    expect(await transcript().textContent()).not.toContain('Stopped');

    // Saved: a reload loads it from main's database, whole and done.
    await app.page.reload();
    await row('Tell me a long story').click();
    await expect.poll(lastReplyText).toBe(story);
    expect(await transcript().textContent()).not.toContain('Stopped');
    expect(app.services.chat.activeCount).toBe(0);
  });

  it('Stop in one conversation leaves the reply running in another', async () => {
    app.mock.enqueue({ type: 'reply', text: story, tokensPerSecond: 20 });
    await app.send('First long story');
    await expect.poll(lastReplyText, { timeout: 10_000 }).toMatch(/word2 /);
    await app.page.getByRole('button', { name: 'New conversation', exact: true }).click();
    await expect.poll(() => transcript().textContent()).not.toContain('word2');

    app.mock.enqueue({ type: 'reply', text: story, tokensPerSecond: 20 });
    await app.send('Second long story');
    await expect.poll(lastReplyText, { timeout: 10_000 }).toMatch(/word2 /);
    await app.page.keyboard.press('Escape');
    await expect.poll(() => transcript().textContent()).toContain('Stopped');

    // Only the second one stopped: the first is still replying, and finishes whole.
    const { conversationId: firstId } = sendResult(0);
    expect(app.services.chat.isRunning(firstId)).toBe(true);
    expect(await rowNote('First long story')).toBe('Replying…');
    await row('First long story').click();
    await expect.poll(lastReplyText, { timeout: 15_000 }).toBe(story);
    expect(await transcript().textContent()).not.toContain('Stopped');
  });

  it('deleting a conversation stops the reply running there', async () => {
    app.mock.enqueue({ type: 'reply', text: story, tokensPerSecond: 20 });
    await app.send('Doomed story');
    await expect.poll(lastReplyText, { timeout: 10_000 }).toMatch(/word2 /);
    await app.page.getByRole('button', { name: 'New conversation', exact: true }).click();
    const request = app.mock.requests[0];

    await sidebar().getByRole('button', { name: 'Actions for Doomed story' }).click();
    await app.page.getByRole('menuitem', { name: 'Delete' }).click();
    await request?.closed;
    expect(request?.closedByClient).toBe(true);
    expect(app.services.chat.activeCount).toBe(0);
  });
});
