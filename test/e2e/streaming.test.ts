import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchApp } from '../harness';
import { useApp } from './support/app-fixture';

const app = useApp();

const longText = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');

const transcript = () => app.page.getByRole('log', { name: 'Transcript' });

/** The text of the last reply, read from the screen. */
async function lastReplyText(): Promise<string> {
  return app.page.evaluate(() => {
    const bodies = document.querySelectorAll('[data-testid="reply-text"]');
    return bodies[bodies.length - 1]?.textContent ?? '';
  });
}

describe('a conversation that streams', () => {
  it('shows the reply growing token by token, then its usage', async () => {
    app.mock.enqueue({
      type: 'reply',
      text: longText,
      tokensPerSecond: 150,
      usage: { input: 12, output: 120 },
    });
    await app.send('Count some words');
    await expect.poll(() => transcript().textContent()).toContain('Count some words');

    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          seen.add((await lastReplyText()).length);
          return lastReplyText();
        },
        { timeout: 15_000, interval: 50 },
      )
      .toBe(longText);
    // Many distinct lengths on the way: it grew in front of the user, not all at once.
    expect(seen.size).toBeGreaterThan(5);
    // "120 tokens · 2.4 s · 75 tok/s", the input count among the details (tooltip and screen reader).
    await expect
      .poll(() => transcript().textContent())
      .toMatch(/120 tokens · \d+[.,]\d s · \d+ tok\/s.*Input: 12 tokens/);

    const request = app.mock.requests[0];
    expect(request?.headers['x-api-key']).toBe('sk-ant-test-key');
    expect(request?.body).toMatchObject({
      stream: true,
      messages: [{ role: 'user', content: 'Count some words' }],
    });
  });

  it('Stop sits where Send was, stops at once, and closes the upstream connection', async () => {
    app.mock.enqueue({ type: 'reply', text: longText, tokensPerSecond: 20 });
    const sendBox = await app.page.getByRole('button', { name: 'Send' }).boundingBox();
    await app.send('Go slowly');
    await expect.poll(lastReplyText, { timeout: 10_000 }).toMatch(/word2/);

    const stop = app.page.getByRole('button', { name: 'Stop' });
    expect(await stop.boundingBox()).toEqual(sendBox);
    const request = app.mock.requests[0];
    await stop.click();
    const stoppedAt = performance.now();
    await request?.closed;
    expect(request?.closedByClient).toBe(true);
    expect((request?.closedAt ?? Infinity) - stoppedAt).toBeLessThan(1_000);

    const textAtStop = await lastReplyText();
    // The stream's terminal event: main sends nothing for this reply after it, and the page
    // shows it only after every delta before it.
    await expect.poll(() => transcript().textContent()).toContain('Stopped');
    await expect.poll(() => app.page.getByRole('button', { name: 'Send' }).isVisible()).toBe(true);
    const events = app.ipcLog.filter((entry) => entry.channel === 'chat:event');
    expect(events.at(-1)?.payload).toMatchObject({ type: 'done', stopReason: 'stopped' });
    expect(app.services.chat.activeCount).toBe(0);
    expect(await lastReplyText()).toBe(textAtStop);
    expect(textAtStop.length).toBeLessThan(longText.length);
  });

  it('Esc stops a streaming reply', async () => {
    app.mock.enqueue({ type: 'reply', text: longText, tokensPerSecond: 20 });
    await app.send('Go');
    await expect.poll(lastReplyText, { timeout: 10_000 }).toMatch(/word1/);
    await app.page.keyboard.press('Escape');
    await app.mock.requests[0]?.closed;
    expect(app.mock.requests[0]?.closedByClient).toBe(true);
    await expect.poll(() => transcript().textContent()).toContain('Stopped');
  });

  it('Regenerate adds a version and keeps the old one a pager away', async () => {
    app.mock.enqueue(
      { type: 'reply', text: 'First answer.' },
      { type: 'reply', text: 'Second answer.' },
    );
    await app.send('Question');
    await expect.poll(lastReplyText).toBe('First answer.');
    await app.page.getByRole('button', { name: 'Regenerate' }).click();
    await expect.poll(lastReplyText).toBe('Second answer.');
    await expect.poll(() => transcript().textContent()).toContain('2 / 2');

    await app.page.getByRole('button', { name: 'Previous version' }).click();
    await expect.poll(lastReplyText).toBe('First answer.');
    await expect.poll(() => transcript().textContent()).toContain('1 / 2');

    // The new version's request held only the path to it, never the other version.
    expect(app.mock.requests[1]?.body).toMatchObject({
      messages: [{ role: 'user', content: 'Question' }],
    });
  });

  it('multi-turn: the second request carries the first exchange', async () => {
    app.mock.enqueue(
      { type: 'reply', text: 'Paris.' },
      { type: 'reply', text: 'About 2 million.' },
    );
    await app.send('Capital of France?');
    await expect.poll(lastReplyText).toBe('Paris.');
    await app.send('Population?');
    await expect.poll(lastReplyText).toBe('About 2 million.');
    expect(app.mock.requests[1]?.body).toMatchObject({
      messages: [
        { role: 'user', content: 'Capital of France?' },
        { role: 'assistant', content: 'Paris.' },
        { role: 'user', content: 'Population?' },
      ],
    });
  });

  it('a reload mid-stream picks the reply up again with no gap and no duplicate', async () => {
    app.mock.enqueue({ type: 'reply', text: longText, tokensPerSecond: 60 });
    await app.send('Keep going');
    await expect.poll(lastReplyText, { timeout: 10_000 }).toMatch(/word5/);
    await app.page.reload();
    await expect.poll(lastReplyText, { timeout: 20_000 }).toBe(longText);
  });
});

describe('conversations that outlive the app', () => {
  it('after a restart the last conversation is back, versions and all', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'parley-restart-'));
    const env = { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: app.mock.url };
    const first = await launchApp({ env, userDataDir });
    try {
      app.mock.enqueue(
        { type: 'reply', text: 'Kept answer one.' },
        { type: 'reply', text: 'Kept answer two.' },
      );
      const composer = first.page.getByRole('textbox', { name: 'Message' });
      await composer.fill('Remember me');
      await composer.press('Enter');
      await first.page
        .getByRole('log', { name: 'Transcript' })
        .getByText('Kept answer one.')
        .waitFor();
      await first.page.getByRole('button', { name: 'Regenerate' }).click();
      await first.page
        .getByRole('log', { name: 'Transcript' })
        .getByText('Kept answer two.')
        .waitFor();
    } finally {
      await first.close();
    }
    expect(first.errors).toEqual({ main: [], page: [] });
    const second = await launchApp({ env, userDataDir });
    try {
      const log = second.page.getByRole('log', { name: 'Transcript' });
      await expect.poll(() => log.textContent()).toContain('Remember me');
      await expect.poll(() => log.textContent()).toContain('Kept answer two.');
      await expect.poll(() => log.textContent()).toContain('2 / 2');
    } finally {
      await second.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
    expect(second.errors).toEqual({ main: [], page: [] });
  });
});

describe('errors a user can act on', () => {
  it('a rejected key says so on the reply and offers Settings', async () => {
    app.mock.enqueue({ type: 'http-error', status: 401 });
    await app.send('Hello?');
    const alert = transcript().getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/API key/i);
    await expect
      .poll(() => alert.getByRole('button', { name: 'Open settings' }).isVisible())
      .toBe(true);
  });

  it('settings switch to an OpenAI-compatible server with a new key', async () => {
    app.mock.enqueue({ type: 'reply', text: 'From the OpenAI format.' });
    await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await app.page.getByLabel('Provider').selectOption('openai-compatible');
    await app.page.getByLabel('Base URL').fill(`${app.mock.url}/v1`);
    await app.page.getByLabel('Model').fill('llama3.2');
    await app.page.getByLabel('API key').fill('sk-openai-new-key');
    await app.page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => app.page.getByRole('dialog').isVisible()).toBe(false);

    await app.send('Hi');
    await expect.poll(lastReplyText).toBe('From the OpenAI format.');
    const request = app.mock.requests[0];
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-openai-new-key');
    expect(request?.body).toMatchObject({ model: 'llama3.2', stream: true });
    // The key went into main and nowhere else: nothing main sent back ever contained it.
    const backToPage = app.ipcLog.filter((entry) => entry.direction !== 'invoke');
    expect(JSON.stringify(backToPage)).not.toContain('sk-openai-new-key');
  });
});
