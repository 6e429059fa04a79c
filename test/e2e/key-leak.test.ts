import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../main/providers/provider-test-kit';
import { useApp } from './support/app-fixture';

const typedKey = 'sk-typed-SECRET-7f3a9c21d4e8';
const envKey = 'sk-ant-env-SECRET-5b6c7d8e9f00';

const transcript = () => app.page.getByRole('log', { name: 'Transcript' });

const app = useApp({
  launch: async (mock) => {
    const port = await closedPort();
    return {
      env: {
        // Present but never shown: the renderer may learn only that a key exists.
        ANTHROPIC_API_KEY: envKey,
        ANTHROPIC_BASE_URL: mock.url,
        OLLAMA_HOST: `127.0.0.1:${port}`,
        LM_STUDIO_HOST: `127.0.0.1:${port}`,
      },
    };
  },
});

/** Everything the renderer holds: the DOM (with live input values), localStorage, sessionStorage. */
async function rendererState(): Promise<string> {
  return app.page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map(
      (element) => (element as HTMLInputElement).value,
    );
    const storage = (store: Storage) =>
      Object.fromEntries(
        Array.from({ length: store.length }, (_, i) => store.key(i) ?? '').map((key) => [
          key,
          store.getItem(key),
        ]),
      );
    return JSON.stringify({
      html: document.documentElement.outerHTML,
      values,
      local: storage(localStorage),
      session: storage(sessionStorage),
    });
  });
}

describe('API keys never reach the renderer', () => {
  it('through setting, using, listing, testing, replacing and removing a key', async () => {
    await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await app.page.getByLabel('Provider').selectOption('openai-compatible');
    await app.page.getByLabel('Base URL').fill(`${app.mock.url}/v1`);
    await app.page.getByLabel('Model', { exact: true }).fill('mock-model');
    await app.page.getByLabel('API key').fill(typedKey);
    await app.page.getByRole('button', { name: 'Load models' }).click();
    await app.page.getByText('2 models available.').waitFor();
    await app.page.getByRole('button', { name: 'Test connection' }).click();
    await app.page.getByText(/Connected: mock-model answered/).waitFor();
    await app.page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => app.page.getByRole('dialog').count()).toBe(0);

    await app.send('Hello');
    await transcript().getByText('Hello from the mock.').waitFor();
    // The key was really used, by main.
    expect(app.mock.requests.map((request) => request.headers.authorization)).toContain(
      `Bearer ${typedKey}`,
    );

    // Reopen: the form shows only the last four characters.
    await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect
      .poll(() => app.page.getByLabel('API key').getAttribute('placeholder'))
      .toMatch(/ends in d4e8/);
    expect(await rendererState()).not.toContain(typedKey);
    await app.page.getByRole('button', { name: 'Remove key' }).click();
    await app.page.getByText('Key removed.').waitFor();

    // Main never sent either key back, on any channel, in any result or event.
    const fromMain = JSON.stringify(app.ipcLog.filter((entry) => entry.direction !== 'invoke'));
    expect(fromMain).not.toContain(typedKey);
    expect(fromMain).not.toContain(envKey);
    // The environment's key never crossed at all, in either direction.
    expect(JSON.stringify(app.ipcLog)).not.toContain(envKey);
    const state = await rendererState();
    expect(state).not.toContain(typedKey);
    expect(state).not.toContain(envKey);
    // And no plaintext key on disk.
    for (const file of ['settings.json', 'secrets.json']) {
      const text = await readFile(join(app.userDataDir, file), 'utf8').catch(() => '');
      expect(text).not.toContain(typedKey);
      expect(text).not.toContain(envKey);
    }
  });
});

describe('API keys never reach the window or the logs, even when a server echoes them', () => {
  it('a rejected key quoted back in the error body is cut out before it is shown or logged', async () => {
    app.mock.enqueue({
      type: 'http-error',
      status: 401,
      body: {
        type: 'error',
        error: { type: 'authentication_error', message: `invalid x-api-key: ${envKey}` },
      },
    });
    await app.send('Hello');
    const alert = transcript().getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/key …9f00/);

    expect(await rendererState()).not.toContain(envKey);
    expect(JSON.stringify(app.ipcLog)).not.toContain(envKey);
    expect(JSON.stringify(app.errors.main)).not.toContain(envKey);
    const saved = JSON.stringify(app.services.chat.snapshot({}));
    expect(saved).not.toContain(envKey);
  });
});
