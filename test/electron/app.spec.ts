/**
 * The path users take most, in the real app: send, watch it stream, stop it, regenerate it —
 * against the mock LLM server. Launches the built app (`vite build` output, `electron .`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockLlm, type MockLlm } from '../mock-llm';

const root = fileURLToPath(new URL('../../', import.meta.url));
const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

let mock: MockLlm;
let app: ElectronApplication;
let page: Page;
let userData: string;

beforeEach(async () => {
  mock = await startMockLlm();
  userData = await mkdtemp(join(tmpdir(), 'parley-electron-'));
  app = await electron.launch({
    cwd: root,
    // A fresh profile per run, so no earlier conversation or window place leaks in.
    args: ['.', `--user-data-dir=${userData}`],
    env: {
      ...process.env,
      ANTHROPIC_API_KEY: 'sk-ant-test-key',
      ANTHROPIC_BASE_URL: mock.url,
      VITE_DEV_SERVER_URL: '',
    },
  });
  page = await app.firstWindow();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
});

afterEach(async () => {
  await app?.close();
  await mock?.close();
  await rm(userData, { recursive: true, force: true });
});

const lastReply = () => page.getByTestId('reply-text').last();

describe('Parley in Electron', () => {
  it('sends, streams, stops and regenerates', async () => {
    mock.enqueue({ type: 'reply', text: words, tokensPerSecond: 30 });
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Count for me');
    await composer.press('Enter');

    // Streaming: the text grows while Stop is offered.
    await expect
      .poll(async () => (await lastReply().textContent())?.length ?? 0)
      .toBeGreaterThan(20);
    const stop = page.getByRole('button', { name: 'Stop' });
    await stop.click();
    await page.getByRole('button', { name: 'Send' }).waitFor();
    const stoppedText = (await lastReply().textContent()) ?? '';
    expect(stoppedText.length).toBeLessThan(words.length);
    // No token after Stop: once the reply says Stopped (its stream's last event, after every
    // delta main sent), the text is what it was when Send came back.
    await expect
      .poll(() => page.getByRole('log', { name: 'Transcript' }).textContent())
      .toContain('Stopped');
    expect(await lastReply().textContent()).toBe(stoppedText);

    mock.enqueue({ type: 'reply', text: 'A fresh answer.', tokensPerSecond: 200 });
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await expect.poll(() => lastReply().textContent()).toBe('A fresh answer.');
    expect(await page.getByRole('group', { name: 'Reply versions' }).textContent()).toContain('2');
  });

  it('has the native menu and the window title', async () => {
    const labels = await app.evaluate(({ Menu }) =>
      (Menu.getApplicationMenu()?.items ?? []).map((item) => item.label),
    );
    expect(labels).toEqual(
      expect.arrayContaining(
        ['Edit', 'View', 'Window', 'Help'].map((label) => expect.stringContaining(label)),
      ),
    );
    expect(await page.title()).toBe('Parley');
  });
});
