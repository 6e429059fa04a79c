import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeParley, failure } from '../support/fake-parley';
import { flushAsync, renderApp, sendMessage } from '../support/render-app';
import { field, openSettings } from './settings-helpers';

describe('SettingsDialog: Providers', () => {
  it('opens as a modal on the active profile; the key is write-only, hinted by its last four', async () => {
    await renderApp();
    const dialog = await openSettings();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(
      within(dialog)
        .getAllByRole('tab')
        .map((tab) => tab.textContent),
    ).toEqual(['Providers', 'Models', 'Tools', 'Appearance', 'Behaviour', 'Data']);
    expect(field<HTMLSelectElement>(dialog, 'Provider').value).toBe('anthropic');
    expect(field<HTMLInputElement>(dialog, 'Base URL').value).toBe('https://api.anthropic.com');
    expect(field<HTMLInputElement>(dialog, 'Model').value).toBe('claude-test');
    const key = field<HTMLInputElement>(dialog, 'API key');
    expect(key.type).toBe('password');
    expect(key.value).toBe('');
    expect(key.placeholder).toMatch(/Key saved \(ends in 1234\)/);
  });

  it('a preset fills in its base URL and model, unless the user typed their own', async () => {
    await renderApp();
    const dialog = await openSettings();
    const provider = field<HTMLSelectElement>(dialog, 'Provider');
    const baseUrl = field<HTMLInputElement>(dialog, 'Base URL');
    fireEvent.change(provider, { target: { value: 'ollama' } });
    expect(baseUrl.value).toBe('http://127.0.0.1:11434/v1');
    expect(field<HTMLInputElement>(dialog, 'Name').value).toBe('Ollama');
    fireEvent.change(baseUrl, { target: { value: 'http://gpu-box:11434/v1' } });
    fireEvent.change(provider, { target: { value: 'openai' } });
    expect(baseUrl.value).toBe('http://gpu-box:11434/v1');
  });

  it('says beside the base URL where requests go, as the form stands, without any key', async () => {
    await renderApp();
    const dialog = await openSettings();
    const baseUrl = field<HTMLInputElement>(dialog, 'Base URL');
    const hint = () => document.getElementById(baseUrl.getAttribute('aria-describedby') ?? '');
    expect(hint()?.textContent).toBe('Requests go to https://api.anthropic.com/v1/messages');
    fireEvent.change(field(dialog, 'Provider'), { target: { value: 'ollama' } });
    fireEvent.change(baseUrl, { target: { value: 'http://gpu-box:11434' } });
    // Missing /v1 is visible before anything fails.
    expect(hint()?.textContent).toBe('Requests go to http://gpu-box:11434/chat/completions');
    fireEvent.change(baseUrl, { target: { value: 'http://me:secret@gpu-box:11434/v1' } });
    expect(hint()?.textContent).toBe('Requests go to http://gpu-box:11434/v1/chat/completions');
    fireEvent.change(baseUrl, { target: { value: '' } });
    expect(baseUrl.getAttribute('aria-describedby')).toBeNull();
  });

  it('saves without touching the key when the key field is empty, then closes', async () => {
    const { fake } = await renderApp();
    const dialog = await openSettings();
    fireEvent.change(field(dialog, 'Model'), { target: { value: ' claude-next ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flushAsync();
    expect(fake.callsTo('profiles:save')).toEqual([
      {
        id: 'p-1',
        name: 'Anthropic',
        preset: 'anthropic',
        kind: 'anthropic',
        baseUrl: 'https://api.anthropic.com',
        model: 'claude-next',
        headers: {},
        defaults: {},
      },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Settings' }));
  });

  it('saves a new key and extra headers', async () => {
    const { fake } = await renderApp();
    const dialog = await openSettings();
    fireEvent.change(field(dialog, 'API key'), { target: { value: 'sk-new' } });
    fireEvent.change(field(dialog, 'Extra headers'), { target: { value: 'X-Org: acme\n' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flushAsync();
    expect(fake.callsTo('profiles:save')).toEqual([
      expect.objectContaining({ apiKey: 'sk-new', headers: { 'X-Org': 'acme' } }),
    ]);
  });

  it('saves a proxy URL from the labelled field; empty sends none', async () => {
    const { fake } = await renderApp();
    const dialog = await openSettings();
    const proxy = field<HTMLInputElement>(dialog, 'Proxy URL');
    expect(proxy.value).toBe('');
    const hint = document.getElementById(proxy.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('Leave empty to use the system proxy');
    fireEvent.change(proxy, { target: { value: ' socks5://127.0.0.1:1080 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flushAsync();
    expect(fake.callsTo('profiles:save')).toEqual([
      expect.objectContaining({ proxyUrl: 'socks5://127.0.0.1:1080' }),
    ]);
  });

  it('removes the key with apiKey: null and says so', async () => {
    const { fake } = await renderApp();
    const dialog = await openSettings();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove key' }));
    await flushAsync();
    expect(fake.callsTo('profiles:save')).toEqual([expect.objectContaining({ apiKey: null })]);
    expect(field<HTMLInputElement>(dialog, 'API key').placeholder).toBe('No key saved');
    expect(within(dialog).queryByRole('button', { name: 'Remove key' })).toBeNull();
    expect(within(dialog).queryByText('Key removed.')).not.toBeNull();
    expect(document.activeElement).toBe(field(dialog, 'API key'));
  });

  it('shows a validation error inline and stays open', async () => {
    const fake = createFakeParley();
    fake.respond('profiles:save', () =>
      failure('invalid_payload', 'Base URL must be an http:// or https:// address.'),
    );
    await renderApp(fake);
    const dialog = await openSettings();
    fireEvent.change(field(dialog, 'Base URL'), { target: { value: 'ftp://nope' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flushAsync();
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'Base URL must be an http:// or https:// address.',
    );
    expect(field<HTMLInputElement>(dialog, 'Base URL').value).toBe('ftp://nope');
  });

  it('Load models offers the provider’s list; a failure says why and keeps free text', async () => {
    const fake = createFakeParley();
    await renderApp(fake);
    const dialog = await openSettings();
    fireEvent.change(field(dialog, 'API key'), { target: { value: 'sk-typed' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Load models' }));
    await flushAsync();
    expect(fake.callsTo('models:list')).toEqual([
      {
        profileId: 'p-1',
        kind: 'anthropic',
        baseUrl: 'https://api.anthropic.com',
        headers: {},
        apiKey: 'sk-typed',
      },
    ]);
    expect(within(dialog).queryByText('2 models available.')).not.toBeNull();
    const options = [...dialog.querySelectorAll('datalist option')].map((option) =>
      option.getAttribute('value'),
    );
    expect(options).toEqual(['model-a', 'model-b']);

    fake.respond('models:list', () => ({
      ok: true,
      value: { ok: false, error: { kind: 'auth', message: 'The provider rejected the API key.' } },
    }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Load models' }));
    await flushAsync();
    expect(within(dialog).getByRole('alert').textContent).toMatch(
      /Couldn't load the models: The provider rejected the API key\. You can still type/,
    );
  });

  it('Test connection reports success, or the failure with what to check', async () => {
    const fake = createFakeParley();
    await renderApp(fake);
    const dialog = await openSettings();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    await flushAsync();
    expect(within(dialog).queryByText(/Connected: claude-test answered in 12 ms/)).not.toBeNull();
    expect(fake.callsTo('connection:test')).toEqual([
      expect.objectContaining({ model: 'claude-test' }),
    ]);

    fake.respond('connection:test', () => ({
      ok: true,
      value: {
        ok: false,
        problem: 'unknown_model',
        error: { kind: 'not_found', message: 'No such model.' },
      },
    }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    await flushAsync();
    expect(
      within(dialog).queryByText(
        'No such model. Check the model name, or load the list of models.',
      ),
    ).not.toBeNull();
  });

  it('adds a second profile and makes it the default', async () => {
    const { fake } = await renderApp();
    const dialog = await openSettings();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add a provider…' }));
    fireEvent.change(field(dialog, 'Provider'), { target: { value: 'ollama' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flushAsync();
    expect(fake.callsTo('profiles:save')).toEqual([
      expect.objectContaining({
        preset: 'ollama',
        baseUrl: 'http://127.0.0.1:11434/v1',
        model: 'llama3.2',
      }),
    ]);
    expect(fake.callsTo('profiles:save')[0]).not.toHaveProperty('id');
    const reopened = await openSettings();
    fireEvent.click(within(reopened).getByRole('button', { name: 'Make default' }));
    await flushAsync();
    expect(fake.callsTo('profiles:set-active')).toEqual([{ id: 'p-2' }]);
    expect(within(reopened).queryByRole('button', { name: 'Ollama (default)' })).not.toBeNull();
  });

  it('says plainly when keys are only obfuscated, and offers session-only keys', async () => {
    const fake = createFakeParley();
    fake.respond('profiles:list', () => ({
      ...fake.profiles.state(),
      keyProtection: 'obfuscated',
    }));
    await renderApp(fake);
    const dialog = await openSettings();
    expect(within(dialog).queryByText(/only obfuscated, not encrypted/)).not.toBeNull();
    fireEvent.click(within(dialog).getByRole('switch', { name: /session only/ }));
    await flushAsync();
    expect(fake.callsTo('settings:set')).toEqual([{ sessionOnlyKeys: true }]);
    expect(
      within(dialog)
        .getByRole('switch', { name: /session only/ })
        .getAttribute('aria-checked'),
    ).toBe('true');
  });

  it('closes on Esc without stopping a streaming reply', async () => {
    const { fake } = await renderApp();
    await sendMessage('Hi');
    const dialog = await openSettings();
    fireEvent.keyDown(field(dialog, 'Model'), { key: 'Escape' });
    await flushAsync();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.callsTo('chat:stop')).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Stop' })).not.toBeNull();
  });

  it('keeps Tab inside the dialog and makes the window behind it inert', async () => {
    await renderApp();
    const dialog = await openSettings();
    // The close button in the header comes first; Save, in the sticky footer, last.
    const first = within(dialog).getByRole('button', { name: 'Close' });
    const last = within(dialog).getByRole('button', { name: 'Save' });
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
    // The dialog also hides the window from the accessibility tree, hence `hidden: true`.
    expect(screen.getByRole('main', { hidden: true }).hasAttribute('inert')).toBe(true);
  });
});
