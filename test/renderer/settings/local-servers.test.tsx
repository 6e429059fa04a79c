import { fireEvent, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeParley, failure } from '../support/fake-parley';
import { flushAsync, renderApp } from '../support/render-app';
import { field, openSettings } from './settings-helpers';

const ollama = {
  preset: 'ollama',
  name: 'Ollama',
  baseUrl: 'http://127.0.0.1:11434/v1',
  models: ['llama3.2', 'qwen3'],
};
const lmStudio = {
  preset: 'lmstudio',
  name: 'LM Studio',
  baseUrl: 'http://127.0.0.1:1234/v1',
  models: [],
};

async function detect(dialog: HTMLElement) {
  fireEvent.click(within(dialog).getByRole('button', { name: 'Detect local servers' }));
  await flushAsync();
}

describe('SettingsDialog: Providers, local servers on demand', () => {
  it('probes only when asked, and says so when nothing answers', async () => {
    const { fake } = await renderApp();
    const dialog = await openSettings();
    expect(fake.callsTo('local-servers:probe')).toEqual([]);
    await detect(dialog);
    expect(fake.callsTo('local-servers:probe')).toHaveLength(1);
    const local = within(dialog).getByRole('region', { name: 'Local servers' });
    expect(within(local).getByRole('status').textContent).toContain('No local servers found');
  });

  it('lists the servers that answer with their models, and adds one as a profile', async () => {
    const fake = createFakeParley();
    fake.respond('local-servers:probe', () => ({ servers: [ollama, lmStudio] }));
    await renderApp(fake);
    const dialog = await openSettings();
    await detect(dialog);
    const found = within(dialog).getByRole('list', { name: 'Local servers found' });
    expect(found.textContent).toContain('Ollama at http://127.0.0.1:11434/v1 with llama3.2, qwen3');
    expect(found.textContent).toContain(
      'LM Studio at http://127.0.0.1:1234/v1 (no models installed yet)',
    );
    // A server with no model installed cannot make a usable profile yet.
    expect(
      within(found).getByRole<HTMLButtonElement>('button', { name: 'Add LM Studio' }).disabled,
    ).toBe(true);

    fireEvent.click(within(found).getByRole('button', { name: 'Add Ollama' }));
    await flushAsync();
    expect(fake.callsTo('profiles:save')).toEqual([
      {
        name: 'Ollama',
        preset: 'ollama',
        kind: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:11434/v1',
        model: 'llama3.2',
        headers: {},
        defaults: {},
      },
    ]);
    // The new profile is listed and open in the form; the server is marked as added.
    const saved = within(dialog).getByRole('list', { name: 'Saved profiles' });
    expect(within(saved).getByRole('button', { name: 'Ollama' }).getAttribute('aria-current')).toBe(
      'true',
    );
    expect(field<HTMLInputElement>(dialog, 'Base URL').value).toBe('http://127.0.0.1:11434/v1');
    expect(within(found).queryByRole('button', { name: 'Add Ollama' })).toBeNull();
    expect(found.textContent).toContain('Added');
  });

  it('shows why the probe failed', async () => {
    const fake = createFakeParley();
    fake.respond('local-servers:probe', () => failure('internal', 'Probe broke'));
    await renderApp(fake);
    const dialog = await openSettings();
    await detect(dialog);
    const local = within(dialog).getByRole('region', { name: 'Local servers' });
    expect(within(local).getByRole('alert').textContent).toBe('Probe broke');
  });
});
