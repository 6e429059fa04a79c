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
