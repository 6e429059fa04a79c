import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeParley, defaultProfile, failure } from '../support/fake-parley';
import { flushAsync, renderApp, sendMessage } from '../support/render-app';

function openSettings() {
  const button = screen.getByRole('button', { name: 'Settings' });
  // A real click focuses the button; fireEvent.click does not.
  button.focus();
  fireEvent.click(button);
  return screen.getByRole('dialog', { name: 'Settings' });
}

function field<T extends HTMLElement>(dialog: HTMLElement, label: string): T {
  return within(dialog).getByLabelText<T>(label);
}

describe('SettingsDialog', () => {
  it('opens as a modal with the saved profile filled in and focus inside', async () => {
    await renderApp();
    const dialog = openSettings();

    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(field<HTMLSelectElement>(dialog, 'Provider').value).toBe('anthropic');
    expect(field<HTMLInputElement>(dialog, 'Base URL').value).toBe('https://api.anthropic.com');
    expect(field<HTMLInputElement>(dialog, 'Model').value).toBe('claude-test');
    const key = field<HTMLInputElement>(dialog, 'API key');
    expect(key.type).toBe('password');
    expect(key.value).toBe('');
    expect(key.placeholder).toMatch(/Key saved/);
    expect(document.activeElement).toBe(field(dialog, 'Provider'));
  });

  it('pre-fills the base URL when the provider changes, unless the user typed one', async () => {
    await renderApp();
    const dialog = openSettings();
    const provider = field<HTMLSelectElement>(dialog, 'Provider');
    const baseUrl = field<HTMLInputElement>(dialog, 'Base URL');

    fireEvent.change(provider, { target: { value: 'openai-compatible' } });
    expect(baseUrl.value).toBe('https://api.openai.com/v1');
    fireEvent.change(provider, { target: { value: 'anthropic' } });
    expect(baseUrl.value).toBe('https://api.anthropic.com');

    fireEvent.change(baseUrl, { target: { value: 'http://localhost:11434/v1' } });
    fireEvent.change(provider, { target: { value: 'openai-compatible' } });
    expect(baseUrl.value).toBe('http://localhost:11434/v1');
  });

  it('saves without touching the key when the key field is empty, then closes', async () => {
    const { fake } = await renderApp();
    const dialog = openSettings();
    fireEvent.change(field(dialog, 'Model'), { target: { value: ' claude-next ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flushAsync();

    expect(fake.callsTo('settings:save-profile')).toEqual([
      { kind: 'anthropic', baseUrl: 'https://api.anthropic.com', model: 'claude-next' },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Settings' }));
  });

  it('saves a new key when one is typed', async () => {
    const { fake } = await renderApp();
    const dialog = openSettings();
    fireEvent.change(field(dialog, 'API key'), { target: { value: 'sk-new' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flushAsync();
    expect(fake.callsTo('settings:save-profile')).toEqual([
      expect.objectContaining({ apiKey: 'sk-new' }),
    ]);
  });

  it('removes the key with apiKey: null and says no key is saved', async () => {
    const { fake } = await renderApp();
    const dialog = openSettings();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove key' }));
    await flushAsync();

    expect(fake.callsTo('settings:save-profile')).toEqual([
      expect.objectContaining({ apiKey: null }),
    ]);
    expect(field<HTMLInputElement>(dialog, 'API key').placeholder).toBe('No key saved');
    expect(within(dialog).queryByRole('button', { name: 'Remove key' })).toBeNull();
    expect(within(dialog).getByRole('status').textContent).toBe('Key removed.');
    expect(document.activeElement).toBe(field(dialog, 'API key'));
  });

  it('shows a validation error inline and stays open', async () => {
    const fake = createFakeParley();
    fake.respond('settings:save-profile', () =>
      failure('invalid_payload', 'Base URL must be an http:// or https:// address.'),
    );
    await renderApp(fake);
    const dialog = openSettings();
    fireEvent.change(field(dialog, 'Base URL'), { target: { value: 'ftp://nope' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flushAsync();

    expect(within(dialog).getByRole('alert').textContent).toBe(
      'Base URL must be an http:// or https:// address.',
    );
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBe(dialog);
    expect(field<HTMLInputElement>(dialog, 'Base URL').value).toBe('ftp://nope');
  });

  it('says plainly when the key is only obfuscated, and when the environment supplies it', async () => {
    const fake = createFakeParley();
    fake.respond('settings:get-profile', () => ({
      ...defaultProfile,
      source: 'environment',
      keyEncrypted: false,
    }));
    await renderApp(fake);
    const dialog = openSettings();
    expect(within(dialog).getByText(/only obfuscated, not encrypted/)).toBeTruthy();
    expect(
      within(dialog).getByText(
        'Using ANTHROPIC_API_KEY / OPENAI_API_KEY from the environment; saving here overrides it',
      ),
    ).toBeTruthy();
  });

  it('closes on Esc without stopping a streaming reply', async () => {
    const { fake } = await renderApp();
    await sendMessage('Hi');
    const dialog = openSettings();
    fireEvent.keyDown(field(dialog, 'Model'), { key: 'Escape' });
    await flushAsync();

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.callsTo('chat:stop')).toEqual([]);
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
  });

  it('keeps Tab inside the dialog', async () => {
    await renderApp();
    const dialog = openSettings();
    const first = field(dialog, 'Provider');
    const last = within(dialog).getByRole('button', { name: 'Save' });

    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
  });

  it('makes the window behind it inert', async () => {
    await renderApp();
    openSettings();
    expect(screen.getByRole('main').hasAttribute('inert')).toBe(true);
  });
});
