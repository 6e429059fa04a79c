import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchApp, type LaunchedApp } from '../harness';
import { startMockLlm, type MockLlm } from '../mock-llm';
import { closedPort } from '../main/providers/provider-test-kit';

let mock: MockLlm;
let app: LaunchedApp;

const transcript = () => app.page.getByRole('log', { name: 'Transcript' });

beforeEach(async () => {
  mock = await startMockLlm();
  mock.modelIds = ['llama3.2', 'qwen3'];
  const closed = await closedPort();
  // The mock plays a local Ollama; nothing answers where LM Studio would be.
  app = await launchApp({
    env: { OLLAMA_HOST: mock.url, LM_STUDIO_HOST: `127.0.0.1:${closed}` },
  });
});

afterEach(async () => {
  await app.close();
  await mock.close();
  expect(app.errors.page).toEqual([]);
});

async function send(text: string) {
  const composer = app.page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

describe('providers, from first run to switching models', () => {
  it('first run finds the local server, ends in a conversation, and the picker switches the model', async () => {
    const { page } = app;
    const welcome = page.getByRole('dialog', { name: 'Welcome to Parley' });
    await welcome.getByText('Ollama is running with llama3.2, qwen3.').waitFor();
    await welcome.getByRole('button', { name: 'Use Ollama' }).click();
    await expect.poll(() => welcome.count()).toBe(0);

    mock.enqueue({ type: 'reply', text: 'Local hello.' }, { type: 'reply', text: 'From qwen.' });
    await send('Hi there');
    await transcript().getByText('Local hello.').waitFor();
    const first = mock.requests.find((request) => request.method === 'POST');
    expect(first?.path).toBe('/v1/chat/completions');
    expect(first?.body).toMatchObject({ model: 'llama3.2' });
    expect(first?.headers.authorization).toBeUndefined();

    // qwen3 is installed but not a preset model: it is typed in as free text.
    await page.getByLabel('Answer with').selectOption('other');
    await page.getByLabel(/Other name to use/).fill('qwen3');
    await page.getByRole('button', { name: 'Use', exact: true }).click();
    await expect.poll(() => page.getByLabel('Answer with').inputValue()).toContain('qwen3');
    await send('And now?');
    await transcript().getByText('From qwen.').waitFor();
    const posts = mock.requests.filter(
      (request) => request.method === 'POST' && request.path === '/v1/chat/completions',
    );
    expect(posts.at(-1)?.body).toMatchObject({ model: 'qwen3' });
  });

  it('a Gemini profile streams from the native endpoint; Test connection names a wrong key', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Provider').selectOption('gemini');
    await page.getByLabel('Base URL').fill(mock.url);
    await page.getByLabel('Model', { exact: true }).fill('gemini-2.5-flash');
    await page.getByLabel('API key').fill('gm-wrong-key');
    mock.enqueue({ type: 'http-error', status: 401 });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/rejected the API key.*Check the API key\./).waitFor();
    await page.getByLabel('API key').fill('gm-right-key');
    await page.getByRole('button', { name: 'Save' }).click();

    mock.enqueue({ type: 'reply', text: 'Gemini says hi.', reasoning: 'Thinking.' });
    await send('Hello Gemini');
    await transcript().getByText('Gemini says hi.').waitFor();
    const request = mock.requests.at(-1);
    expect(request?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(request?.headers['x-goog-api-key']).toBe('gm-right-key');
  });
});
