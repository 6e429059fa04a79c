import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeParley } from '../support/fake-parley';
import { flushAsync, renderApp } from '../support/render-app';

function firstRun() {
  const fake = createFakeParley();
  fake.respond('profiles:list', () => ({ ...fake.profiles.state(), profiles: [], activeId: null }));
  return fake;
}

describe('First-run onboarding', () => {
  it('does not appear when a profile is saved', async () => {
    await renderApp();
    expect(screen.queryByRole('dialog', { name: 'Welcome to Parley' })).toBeNull();
  });

  it('offers a local server it found, with its models, and ends in a fresh conversation', async () => {
    const fake = firstRun();
    fake.respond('local-servers:probe', () => ({
      servers: [
        {
          preset: 'ollama',
          name: 'Ollama',
          baseUrl: 'http://127.0.0.1:11434/v1',
          models: ['llama3.2', 'qwen3'],
        },
      ],
    }));
    await renderApp(fake);
    const dialog = screen.getByRole('dialog', { name: 'Welcome to Parley' });
    expect(dialog.textContent).toContain('Ollama is running with llama3.2, qwen3.');
    expect(screen.getByRole('main').hasAttribute('inert')).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Use Ollama' }));
    await flushAsync();
    expect(fake.callsTo('profiles:save')).toEqual([
      {
        name: 'Ollama',
        kind: 'openai-compatible',
        headers: {},
        defaults: {},
        preset: 'ollama',
        baseUrl: 'http://127.0.0.1:11434/v1',
        model: 'llama3.2',
      },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('main').hasAttribute('inert')).toBe(false);
  });

  it('with no local server, a provider and key; a missing key is asked for', async () => {
    const fake = firstRun();
    await renderApp(fake);
    const dialog = screen.getByRole('dialog', { name: 'Welcome to Parley' });
    expect(dialog.textContent).toContain('No local model server is running');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start chatting' }));
    await flushAsync();
    expect(within(dialog).getByRole('alert').textContent).toBe('Anthropic needs an API key.');
    fireEvent.change(within(dialog).getByLabelText('Provider'), { target: { value: 'openai' } });
    fireEvent.change(within(dialog).getByLabelText('API key'), { target: { value: 'sk-first' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start chatting' }));
    await flushAsync();
    expect(fake.callsTo('profiles:save')).toEqual([
      expect.objectContaining({ preset: 'openai', model: 'gpt-4.1-mini', apiKey: 'sk-first' }),
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('links to where the provider’s keys are made, through the app’s link opener', async () => {
    const fake = firstRun();
    await renderApp(fake);
    const dialog = screen.getByRole('dialog', { name: 'Welcome to Parley' });
    const link = within(dialog).getByRole('link', { name: /console\.anthropic\.com/ });
    fireEvent.click(link);
    await flushAsync();
    expect(fake.callsTo('links:open')).toEqual([
      { url: 'https://console.anthropic.com/settings/keys' },
    ]);
    fireEvent.change(within(dialog).getByLabelText('Provider'), { target: { value: 'openai' } });
    expect(
      within(dialog)
        .getByRole('link', { name: /platform\.openai\.com/ })
        .getAttribute('href'),
    ).toBe('https://platform.openai.com/api-keys');
  });

  it('shows and hides the key on request', async () => {
    await renderApp(firstRun());
    const dialog = screen.getByRole('dialog', { name: 'Welcome to Parley' });
    const key = within(dialog).getByLabelText<HTMLInputElement>('API key');
    const toggle = within(dialog).getByRole('button', { name: 'Show key' });
    expect(key.type).toBe('password');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(key.type).toBe('text');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(toggle);
    expect(key.type).toBe('password');
  });

  it('loads the provider’s models once the key is entered, and saves the one chosen', async () => {
    const fake = firstRun();
    await renderApp(fake);
    const dialog = screen.getByRole('dialog', { name: 'Welcome to Parley' });
    fireEvent.change(within(dialog).getByLabelText('Provider'), { target: { value: 'openai' } });
    const key = within(dialog).getByLabelText('API key');
    fireEvent.change(key, { target: { value: 'sk-first' } });
    expect(fake.callsTo('models:list')).toEqual([]);
    fireEvent.blur(key);
    await flushAsync();
    expect(fake.callsTo('models:list')).toEqual([
      expect.objectContaining({ baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-first' }),
    ]);
    const model = within(dialog).getByLabelText<HTMLSelectElement>('Model');
    expect([...model.options].map((option) => option.value)).toEqual(['model-a', 'model-b']);
    fireEvent.change(model, { target: { value: 'model-b' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start chatting' }));
    await flushAsync();
    expect(fake.callsTo('profiles:save')).toEqual([
      expect.objectContaining({ preset: 'openai', model: 'model-b', apiKey: 'sk-first' }),
    ]);
  });

  it('covers the window behind with an opaque backdrop', async () => {
    await renderApp(firstRun());
    const overlay = document.querySelector('.ui-dialog-overlay');
    expect(overlay?.classList.contains('is-opaque')).toBe(true);
  });

  it('can be skipped', async () => {
    const fake = firstRun();
    await renderApp(fake);
    fireEvent.click(screen.getByRole('button', { name: 'Skip for now' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.callsTo('profiles:save')).toEqual([]);
  });
});

describe('After onboarding', () => {
  it('the composer’s picker shows the profile just created', async () => {
    const fake = createFakeParley();
    let empty = true;
    fake.respond('profiles:list', () => ({
      ...fake.profiles.state(),
      ...(empty ? { profiles: [], activeId: null } : {}),
    }));
    fake.respond('local-servers:probe', () => ({
      servers: [
        {
          preset: 'ollama',
          name: 'Ollama',
          baseUrl: 'http://127.0.0.1:11434/v1',
          models: ['llama3.2'],
        },
      ],
    }));
    await renderApp(fake);
    expect(screen.queryByRole('button', { name: /^Answer with / })).toBeNull();
    empty = false;
    fireEvent.click(screen.getByRole('button', { name: 'Use Ollama' }));
    await flushAsync();
    fireEvent.click(screen.getByRole('button', { name: /^Answer with / }));
    await flushAsync();
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toContain('llama3.2');
  });
});
