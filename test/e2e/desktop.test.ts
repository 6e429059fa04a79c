import { describe, expect, it } from 'vitest';
import { useApp } from './support/app-fixture';

const app = useApp({ scope: 'manual' });
const launch = (hash?: string) => app.start({ hash });

describe('quick ask', () => {
  it('streams an answer, then Enter continues the conversation in Parley', async () => {
    const page = await launch('quick-ask');
    app.mock.enqueue({
      type: 'reply',
      text: 'Paris is the capital of France.',
      tokensPerSecond: 200,
    });
    const box = page.getByRole('textbox', { name: 'Ask Parley' });
    await box.fill('Capital of France?');
    await box.press('Enter');
    await expect
      .poll(() => page.getByTestId('reply-text').textContent())
      .toBe('Paris is the capital of France.');
    // The quick-ask page is its own UI: no sidebar, no main composer.
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    await page
      .getByRole('button', { name: 'Continue in Parley' })
      .and(page.locator(':enabled'))
      .waitFor();
    await box.press('Enter');
    await expect.poll(() => app.continued).toHaveLength(1);
    const snapshot = app.services.chat.snapshot({ conversationId: app.continued[0] });
    expect(snapshot?.turns[0]?.userText).toBe('Capital of France?');
  });

  it('continues in Parley while the answer still streams, which goes on to the end', async () => {
    const page = await launch('quick-ask');
    const answer = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    app.mock.enqueue({ type: 'reply', text: answer, tokensPerSecond: 20 });
    await app.send('Tell me slowly', 'Ask Parley');
    await expect.poll(() => page.getByTestId('reply-text').textContent()).toMatch(/w2 /);
    await page.getByRole('button', { name: 'Continue in Parley' }).click();
    await expect.poll(() => app.continued).toHaveLength(1);
    const conversationId = app.continued[0] ?? '';
    // Handed over, not stopped: main finishes and saves the whole answer.
    expect(app.services.chat.isRunning(conversationId)).toBe(true);
    await expect
      .poll(() => app.services.chat.snapshot({ conversationId })?.turns[0]?.replies[0], {
        timeout: 15_000,
      })
      .toMatchObject({ text: answer, status: 'done', stopReason: 'end' });
    expect(app.ipcLog.filter((entry) => entry.channel === 'chat:stop')).toEqual([]);
  });
});

describe('keyboard', () => {
  it('opens the shortcuts sheet with Ctrl+/, regenerates with Ctrl+Shift+R, starts afresh with Ctrl+N', async () => {
    const page = await launch();
    app.mock.enqueue({ type: 'reply', text: 'First answer.', tokensPerSecond: 400 });
    app.mock.enqueue({ type: 'reply', text: 'Second answer.', tokensPerSecond: 400 });
    await app.send('Hello');
    await expect.poll(() => page.getByTestId('reply-text').textContent()).toBe('First answer.');

    await page.keyboard.press('Control+/');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(await sheet.textContent()).toContain('Ctrl+Shift+R');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+Shift+R');
    await expect.poll(() => page.getByTestId('reply-text').textContent()).toBe('Second answer.');
    expect(await page.getByRole('group', { name: 'Reply versions' }).textContent()).toContain('2');

    await page.keyboard.press('Control+N');
    await expect.poll(() => page.getByTestId('reply-text').count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Message');
  });
});
