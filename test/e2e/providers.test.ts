import { describe, expect, it } from 'vitest';
import { closedPort } from '../main/providers/provider-test-kit';
import { useApp } from './support/app-fixture';

const app = useApp({
  launch: async (mock) => {
    mock.modelIds = ['llama3.2', 'qwen3'];
    // The mock plays a local Ollama; nothing answers where LM Studio would be.
    return { env: { OLLAMA_HOST: mock.url, LM_STUDIO_HOST: `127.0.0.1:${await closedPort()}` } };
  },
});

const transcript = () => app.page.getByRole('log', { name: 'Transcript' });

describe('providers, from first run to switching models', () => {
  it('first run finds the local server, ends in a conversation, and the picker switches the model', async () => {
    const welcome = app.page.getByRole('dialog', { name: 'Welcome to Parley' });
    await welcome.getByText('Ollama is running with llama3.2, qwen3.').waitFor();
    await welcome.getByRole('button', { name: 'Use Ollama' }).click();
    await expect.poll(() => welcome.count()).toBe(0);

    app.mock.enqueue(
      { type: 'reply', text: 'Local hello.' },
      { type: 'reply', text: 'From qwen.' },
    );
    await app.send('Hi there');
    await transcript().getByText('Local hello.').waitFor();
    const first = app.mock.requests.find((request) => request.method === 'POST');
    expect(first?.path).toBe('/v1/chat/completions');
    expect(first?.body).toMatchObject({ model: 'llama3.2' });
    expect(first?.headers.authorization).toBeUndefined();

    // qwen3 is installed but not a preset model: it is typed in as free text.
    const switcher = app.page.getByRole('button', { name: /^Answer with / });
    await switcher.click();
    await app.page.getByRole('combobox', { name: 'Search models' }).fill('qwen3');
    await app.page.getByRole('option', { name: /^Use “qwen3”/ }).click();
    await expect.poll(() => switcher.textContent()).toContain('qwen3');
    await app.send('And now?');
    await transcript().getByText('From qwen.').waitFor();
    const posts = app.mock.requests.filter(
      (request) => request.method === 'POST' && request.path === '/v1/chat/completions',
    );
    expect(posts.at(-1)?.body).toMatchObject({ model: 'qwen3' });
  });

  it('a Gemini profile streams from the native endpoint; Test connection names a wrong key', async () => {
    await app.page.getByRole('button', { name: 'Skip for now' }).click();
    await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await app.page.getByLabel('Provider').selectOption('gemini');
    await app.page.getByLabel('Base URL').fill(app.mock.url);
    await app.page.getByLabel('Model', { exact: true }).fill('gemini-2.5-flash');
    await app.page.getByLabel('API key').fill('gm-wrong-key');
    app.mock.enqueue({ type: 'http-error', status: 401 });
    await app.page.getByRole('button', { name: 'Test connection' }).click();
    await app.page.getByText(/rejected the API key.*Check the API key\./).waitFor();
    await app.page.getByLabel('API key').fill('gm-right-key');
    await app.page.getByRole('button', { name: 'Save' }).click();

    app.mock.enqueue({ type: 'reply', text: 'Gemini says hi.', reasoning: 'Thinking.' });
    await app.send('Hello Gemini');
    await transcript().getByText('Gemini says hi.').waitFor();
    const request = app.mock.requests.at(-1);
    expect(request?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(request?.headers['x-goog-api-key']).toBe('gm-right-key');
  });
});
