import { describe, expect, it } from 'vitest';
import { useApp } from './support/app-fixture';

const app = useApp();

const transcript = () => app.page.getByRole('log', { name: 'Transcript' });
const sidebar = () => app.page.getByRole('navigation', { name: 'Conversations' });
const row = (name: string) => sidebar().getByRole('button', { name, exact: true });

/** Send a message and wait until its reply has arrived whole. */
async function exchange(text: string, reply: string) {
  app.mock.enqueue({ type: 'reply', text: reply, tokensPerSecond: 400 });
  await app.send(text);
  await expect.poll(() => transcript().textContent()).toContain(reply);
  await expect.poll(() => app.page.getByRole('button', { name: 'Send' }).count()).toBe(1);
}

/** Resolves once the transcript's scroll position is the same for five animation frames running. */
function scrollAtRest() {
  return app.page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const log = document.querySelector('[role="log"]');
        let last = Number.NaN;
        let still = 0;
        const frame = () => {
          const top = log?.scrollTop ?? 0;
          still = top === last ? still + 1 : 0;
          last = top;
          if (still >= 5) resolve();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );
}

/** Pick an entry of a conversation's menu in the sidebar. */
async function menu(title: string, item: string) {
  await sidebar()
    .getByRole('button', { name: `Actions for ${title}` })
    .click();
  await app.page.getByRole('menuitem', { name: item }).click();
}

/** The messages the model was sent in its last request. */
function lastRequestMessages(): unknown {
  return (app.mock.requests.at(-1)?.body as { messages?: unknown } | undefined)?.messages;
}

describe('conversations in the sidebar', () => {
  it('lists, switches, renames, deletes with Undo, and finds an earlier reply with Ctrl+K', async () => {
    await exchange('Plan a trip to Lisbon', 'Walk through the Alfama district at dusk.');
    await app.page.getByRole('button', { name: 'New conversation', exact: true }).click();
    await expect.poll(() => transcript().textContent()).not.toContain('Alfama');
    await exchange('How do I bake sourdough', 'Feed the starter daily.');

    // Both listed under Today, the open one marked as the current page.
    const today = sidebar().getByRole('region', { name: 'Today' });
    await expect.poll(() => today.getByRole('listitem').count()).toBe(2);
    expect(await row('How do I bake sourdough').getAttribute('aria-current')).toBe('page');

    // Switch back to the first one.
    await row('Plan a trip to Lisbon').click();
    await expect.poll(() => transcript().textContent()).toContain('Alfama');
    expect(await transcript().textContent()).not.toContain('sourdough');
    expect(await row('Plan a trip to Lisbon').getAttribute('aria-current')).toBe('page');

    // Rename inline; it survives a reload of the window.
    await menu('Plan a trip to Lisbon', 'Rename');
    const title = sidebar().getByRole('textbox', { name: 'Conversation title' });
    await title.fill('Lisbon holiday');
    await title.press('Enter');
    await expect.poll(() => row('Lisbon holiday').count()).toBe(1);
    await app.page.reload();
    await expect.poll(() => row('Lisbon holiday').count()).toBe(1);

    // Delete goes at once; Undo brings it back.
    await menu('How do I bake sourdough', 'Delete');
    await expect.poll(() => row('How do I bake sourdough').count()).toBe(0);
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => row('How do I bake sourdough').count()).toBe(1);

    // From the other conversation, Ctrl+K finds a word of the earlier reply and opens it there.
    await row('How do I bake sourdough').click();
    await expect.poll(() => transcript().textContent()).toContain('Feed the starter');
    await app.page.keyboard.press('Control+k');
    const dialog = app.page.getByRole('dialog', { name: 'Search conversations' });
    await dialog.getByRole('textbox', { name: 'Search' }).fill('alfama');
    const hit = dialog.getByRole('option').first();
    await expect.poll(() => hit.locator('mark').textContent()).toBe('Alfama');
    expect(await hit.textContent()).toContain('Lisbon holiday');
    await app.page.keyboard.press('Enter');

    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => transcript().textContent()).toContain('Alfama');
    expect(await row('Lisbon holiday').getAttribute('aria-current')).toBe('page');
    const reply = app.page.locator('article.reply', { hasText: 'Alfama' });
    await expect.poll(() => reply.getAttribute('data-revealed')).toBe('true');
  });

  it('editing a message makes a branch with a pager; the new request holds only that path', async () => {
    await exchange('Plan a trip to Lisbon', 'Walk through the Alfama district.');
    await exchange('What should I eat there?', 'Try grilled sardines.');

    const second = transcript().getByRole('article', { name: 'Your message' }).nth(1);
    await second.hover();
    await second.getByRole('button', { name: 'Edit message' }).click();
    const box = second.getByRole('textbox', { name: 'Edit your message' });
    await box.fill('Which museums should I see?');
    app.mock.enqueue({
      type: 'reply',
      text: 'See the Gulbenkian collection.',
      tokensPerSecond: 400,
    });
    await second.getByRole('button', { name: 'Save and send' }).click();

    await expect.poll(() => transcript().textContent()).toContain('Gulbenkian');
    expect(await transcript().textContent()).not.toContain('sardines');
    expect(lastRequestMessages()).toEqual([
      { role: 'user', content: 'Plan a trip to Lisbon' },
      { role: 'assistant', content: 'Walk through the Alfama district.' },
      { role: 'user', content: 'Which museums should I see?' },
    ]);

    const edited = transcript().getByRole('article', { name: 'Your message' }).nth(1);
    await expect
      .poll(() => edited.getByRole('group', { name: 'Message versions' }).textContent())
      .toContain('2 / 2');
    await expect
      .poll(() => edited.getByRole('button', { name: 'Previous message version' }).isEnabled())
      .toBe(true);
    await edited.getByRole('button', { name: 'Previous message version' }).click();

    await expect.poll(() => transcript().textContent()).toContain('sardines');
    expect(await transcript().textContent()).not.toContain('Gulbenkian');
    const first = transcript().getByRole('article', { name: 'Your message' }).nth(1);
    expect(await first.textContent()).toContain('What should I eat there?');
    expect(await first.getByRole('group', { name: 'Message versions' }).textContent()).toContain(
      '1 / 2',
    );
    // Paging is not a request to the model.
    expect(app.mock.requests).toHaveLength(3);
  });

  it('a search hit far up a long conversation is mounted, scrolled into view and highlighted', async () => {
    const filler = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} of a long answer.`).join(
      '\n\n',
    );
    app.mock.enqueue({ type: 'reply', text: `The quokka lives on Rottnest Island.\n\n${filler}` });
    await app.send('Tell me about a small animal');
    await expect.poll(() => transcript().textContent()).toContain('Paragraph 29');
    for (let i = 1; i <= 11; i++) {
      app.mock.enqueue({ type: 'reply', text: `Answer ${i}.\n\n${filler}` });
      await app.send(`Question ${i}`);
      await expect.poll(() => transcript().textContent()).toContain(`Answer ${i}.`);
      await expect.poll(() => app.page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    }
    await app.page.getByRole('button', { name: 'New conversation', exact: true }).click();

    await app.page.keyboard.press('Control+k');
    await app.page.getByRole('textbox', { name: 'Search' }).fill('quokka');
    await expect.poll(() => app.page.getByRole('option').count()).toBe(1);
    await app.page.keyboard.press('Enter');

    const reply = app.page.locator('article.reply', { hasText: 'quokka' });
    await expect.poll(() => reply.getAttribute('data-revealed'), { timeout: 5_000 }).toBe('true');
    // It stays where it was put: once the transcript has stopped scrolling, the transcript has
    // not snapped back to the end.
    await scrollAtRest();
    const box = await reply.boundingBox();
    const view = await transcript().boundingBox();
    if (!box || !view) throw new Error('the reply or the transcript is not on screen');
    expect(box.y).toBeLessThan(view.y + view.height);
    expect(box.y + box.height).toBeGreaterThan(view.y);
  });
});

describe('importing a conversation', () => {
  /** An export file holding these messages. */
  const exportFile = (messages: object[]) =>
    JSON.stringify({
      format: 'parley.conversation',
      version: 1,
      conversation: { title: 'From a friend', createdAt: 1 },
      messages,
    });
  const message = (id: string, parentId: string | null, role: string, content: string) => ({
    id,
    parentId,
    role,
    content,
    createdAt: 1,
  });

  it('refuses a file whose messages share an id, saying so, then imports a good one', async () => {
    app.importQueue.push(
      exportFile([
        message('a', null, 'user', 'Is this imported?'),
        message('b', 'a', 'assistant', 'Half of it would be.'),
        message('a', 'b', 'user', 'Duplicate id'),
      ]),
    );
    await app.page.getByRole('button', { name: 'Import conversation…' }).click();
    await expect
      .poll(() => app.page.getByText(/message 3 in the file has the same id/).count())
      .toBe(1);
    expect(await app.page.getByText(/could not save/i).count()).toBe(0);
    expect(await row('From a friend').count()).toBe(0);

    app.importQueue.push(
      exportFile([
        message('a', null, 'user', 'Is this imported?'),
        message('b', 'a', 'assistant', 'All of it is.'),
      ]),
    );
    await app.page.getByRole('button', { name: 'Import conversation…' }).click();
    await expect.poll(() => transcript().textContent()).toContain('All of it is.');
    await expect.poll(() => row('From a friend').count()).toBe(1);
  });
});

describe('the sidebar in a narrow window', () => {
  it('starts closed, opens from ☰ over a scrim, and closes on Escape, a click outside and a choice', async () => {
    await exchange('Plan a trip to Lisbon', 'Walk through the Alfama district at dusk.');
    await app.page.getByRole('button', { name: 'New conversation', exact: true }).click();
    await exchange('How do I bake sourdough', 'Feed the starter daily.');
    const toggle = app.page.getByRole('button', { name: /^(Show|Hide) conversations$/ });
    // Wide: beside the conversation, and ☰ hides it.
    expect(await sidebar().count()).toBe(1);
    expect(await app.page.locator('.app-scrim').count()).toBe(0);

    await app.page.setViewportSize({ width: 600, height: 800 });
    await expect.poll(() => sidebar().count()).toBe(0);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    // ☰ opens it over the conversation with focus inside; Escape closes it, focus back on ☰.
    await toggle.click();
    await sidebar().waitFor();
    await expect
      .poll(() => app.page.evaluate(() => document.activeElement?.textContent))
      .toBe('New conversation');
    await app.page.keyboard.press('Escape');
    await expect.poll(() => sidebar().count()).toBe(0);
    await expect
      .poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Show conversations');

    // A click outside it (on the scrim, over the transcript) closes it.
    await toggle.click();
    await sidebar().waitFor();
    await app.page.mouse.click(500, 400);
    await expect.poll(() => sidebar().count()).toBe(0);

    // Choosing a conversation opens it and closes the sidebar.
    await toggle.click();
    await row('Plan a trip to Lisbon').click();
    await expect.poll(() => sidebar().count()).toBe(0);
    await expect.poll(() => transcript().textContent()).toContain('Alfama');
    expect(await app.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Plan a trip to Lisbon',
    );
  });
});
