import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProfilesState } from '../../../preload/api';
import { createFakeParley } from '../support/fake-parley';
import { defaultProviderProfile, fakePresets } from '../support/fake-profiles';
import { flushAsync, renderApp, sendMessage } from '../support/render-app';

/** The switcher's button: its name says the model that answers and where it comes from. */
const trigger = () => screen.getByRole('button', { name: /^Answer with / });

/** Open the switcher and return its search field (focus is in it). */
async function openSwitcher(): Promise<HTMLInputElement> {
  fireEvent.click(trigger());
  await flushAsync();
  return screen.findByRole<HTMLInputElement>('combobox', { name: 'Search models' });
}

const optionNames = () =>
  within(screen.getByRole('listbox', { name: 'Answer with' }))
    .getAllByRole('option')
    .map((option) => option.textContent);

describe('Model switcher', () => {
  it('names the active profile’s model, and lists the preset’s known models to switch to', async () => {
    await renderApp();
    expect(trigger().getAttribute('aria-label')).toBe('Answer with claude-test (Anthropic)');
    await openSwitcher();
    expect(optionNames()).toEqual(['claude-test', 'claude-sonnet-4-5']);
    const selected = screen.getByRole('option', { selected: true });
    expect(selected.textContent).toBe('claude-test');
  });

  it('in a conversation, switches the model for that conversation only', async () => {
    const { fake } = await renderApp();
    await sendMessage('Hello');
    await openSwitcher();
    fireEvent.click(screen.getByRole('option', { name: 'claude-sonnet-4-5' }));
    await flushAsync();
    expect(fake.callsTo('conversation-settings:set')).toEqual([
      { conversationId: 'conv-1', profileId: 'p-1', model: 'claude-sonnet-4-5' },
    ]);
    expect(fake.callsTo('profiles:save')).toEqual([]);
    expect(trigger().textContent).toBe('claude-sonnet-4-5');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('before the first message, sets the default for new conversations', async () => {
    const { fake } = await renderApp();
    await openSwitcher();
    fireEvent.click(screen.getByRole('option', { name: 'claude-sonnet-4-5' }));
    await flushAsync();
    expect(fake.callsTo('conversation-settings:set')).toEqual([]);
    expect(fake.callsTo('profiles:save')).toEqual([
      expect.objectContaining({ id: 'p-1', model: 'claude-sonnet-4-5' }),
    ]);
    expect(fake.callsTo('profiles:save')[0]).not.toHaveProperty('apiKey');
    expect(trigger().textContent).toBe('claude-sonnet-4-5');
  });

  it('filters as the user types, moves with the arrows and chooses with Enter', async () => {
    const { fake } = await renderApp();
    await sendMessage('Hello');
    const search = await openSwitcher();
    fireEvent.change(search, { target: { value: 'SONNET' } });
    expect(optionNames()).toEqual(['claude-sonnet-4-5', 'Use “SONNET” with Anthropic']);
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    const active = search.getAttribute('aria-activedescendant');
    expect(document.getElementById(active ?? '')?.textContent).toBe('Use “SONNET” with Anthropic');
    fireEvent.keyDown(search, { key: 'ArrowUp' });
    fireEvent.keyDown(search, { key: 'Enter' });
    await flushAsync();
    expect(fake.callsTo('conversation-settings:set')).toEqual([
      { conversationId: 'conv-1', profileId: 'p-1', model: 'claude-sonnet-4-5' },
    ]);
    // Enter chose a model: the message was not sent again.
    expect(fake.callsTo('chat:send')).toHaveLength(1);
  });

  it('takes any model name as free text', async () => {
    const { fake } = await renderApp();
    await sendMessage('Hello');
    const search = await openSwitcher();
    fireEvent.change(search, { target: { value: 'claude-custom' } });
    fireEvent.click(screen.getByRole('option', { name: 'Use “claude-custom” with Anthropic' }));
    await flushAsync();
    expect(fake.callsTo('conversation-settings:set')).toEqual([
      expect.objectContaining({ model: 'claude-custom' }),
    ]);
    expect(trigger().textContent).toBe('claude-custom');
  });

  it('closes on Escape without choosing', async () => {
    const { fake } = await renderApp();
    const search = await openSwitcher();
    fireEvent.keyDown(search, { key: 'Escape' });
    await flushAsync();
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(fake.callsTo('profiles:save')).toEqual([]);
  });

  it('groups servers on this computer after the cloud providers', async () => {
    const fake = createFakeParley();
    const local = {
      ...defaultProviderProfile,
      id: 'p-2',
      name: 'Ollama',
      preset: 'ollama' as const,
      kind: 'openai-compatible' as const,
      model: 'llama3.2',
      hasKey: false,
      keyHint: null,
    };
    fake.respond('profiles:list', () => ({
      profiles: [local, defaultProviderProfile],
      activeId: 'p-1',
      environment: null,
      presets: fakePresets,
      keyProtection: 'encrypted',
    }));
    await renderApp(fake);
    await openSwitcher();
    const groups = within(screen.getByRole('listbox')).getAllByRole('group');
    expect(
      groups.map((group) => group.getAttribute('aria-labelledby') && group.firstChild?.textContent),
    ).toEqual(['Anthropic', 'Ollama · on this computer']);
  });

  it('shows the provider from the environment when no profile is saved', async () => {
    const fake = createFakeParley();
    const state: ProfilesState = {
      profiles: [],
      activeId: null,
      environment: { kind: 'anthropic', baseUrl: 'https://api.anthropic.com', model: 'claude-env' },
      presets: fakePresets,
      keyProtection: 'encrypted',
    };
    fake.respond('profiles:list', () => state);
    await renderApp(fake);
    expect(trigger().getAttribute('aria-label')).toBe(
      'Answer with claude-env (from ANTHROPIC_API_KEY)',
    );
    await sendMessage('Hello');
    await openSwitcher();
    fireEvent.click(screen.getByRole('option', { name: 'claude-sonnet-4-5' }));
    await flushAsync();
    expect(fake.callsTo('conversation-settings:set')).toEqual([
      { conversationId: 'conv-1', model: 'claude-sonnet-4-5' },
    ]);
  });

  it('sets a system prompt for the conversation, saying its size limit in words', async () => {
    const fake = createFakeParley();
    await renderApp(fake);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'System prompt' }).disabled).toBe(
      true,
    );
    await sendMessage('Hello');
    fireEvent.click(screen.getByRole('button', { name: 'System prompt' }));
    await flushAsync();
    expect(screen.getByText('Up to 100,000 characters.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('System prompt for this conversation'), {
      target: { value: ' Answer in French. ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save prompt' }));
    await flushAsync();
    expect(fake.callsTo('conversation-settings:set')).toEqual([
      { conversationId: 'conv-1', systemPrompt: 'Answer in French.' },
    ]);
    expect(screen.queryByRole('button', { name: 'System prompt (set)' })).not.toBeNull();
  });

  it('counts down near the system prompt limit and waits past it, never showing a validator', async () => {
    const fake = createFakeParley();
    await renderApp(fake);
    await sendMessage('Hello');
    fireEvent.click(screen.getByRole('button', { name: 'System prompt' }));
    await flushAsync();
    const box = screen.getByLabelText('System prompt for this conversation');
    fireEvent.change(box, { target: { value: 'x'.repeat(95_000) } });
    expect(screen.getByText('5,000 characters left')).toBeTruthy();
    fireEvent.change(box, { target: { value: 'x'.repeat(100_035) } });
    expect(screen.getByText('Too long: remove 35 characters to continue')).toBeTruthy();
    const save = screen.getByRole<HTMLButtonElement>('button', { name: 'Save prompt' });
    expect(save.disabled).toBe(true);
    fireEvent.click(save);
    await flushAsync();
    expect(fake.callsTo('conversation-settings:set')).toEqual([]);
    expect(document.body.textContent).not.toMatch(/expected string/);
  });
});
