import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeParley } from '../support/fake-parley';
import { flushAsync, renderApp } from '../support/render-app';
import { field, openSettings } from './settings-helpers';

async function openSection(name: string) {
  const dialog = await openSettings();
  fireEvent.click(within(dialog).getByRole('tab', { name }));
  await flushAsync();
  return dialog;
}

describe('SettingsDialog: the other sections', () => {
  it('Models: per-profile temperature, output limit and thinking budget', async () => {
    const { fake } = await renderApp();
    const dialog = await openSection('Models');
    fireEvent.change(field(dialog, 'Temperature'), { target: { value: '0.5' } });
    fireEvent.change(field(dialog, 'Max output tokens'), { target: { value: '800' } });
    fireEvent.change(field(dialog, 'Thinking budget (tokens)'), { target: { value: '2048' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save defaults' }));
    await flushAsync();
    expect(fake.callsTo('profiles:save')).toEqual([
      expect.objectContaining({
        id: 'p-1',
        defaults: { temperature: 0.5, maxOutputTokens: 800, thinkingBudget: 2048 },
      }),
    ]);
    expect(fake.callsTo('profiles:save')[0]).not.toHaveProperty('apiKey');
    expect(within(dialog).queryByText('Defaults saved.')).not.toBeNull();
  });

  it('Appearance: dark applies to the page at once, and is saved', async () => {
    const { fake } = await renderApp();
    const dialog = await openSection('Appearance');
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Dark' }));
    await flushAsync();
    expect(fake.callsTo('settings:set')).toEqual([{ theme: 'dark' }]);
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Follow the system' }));
    await flushAsync();
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('Appearance: text size sets the base font size variable on :root, and is saved', async () => {
    const { fake } = await renderApp();
    const root = document.documentElement;
    expect(root.style.getPropertyValue('--font-size')).toBe('15px');
    const dialog = await openSection('Appearance');
    const sizes = within(dialog).getByRole('radiogroup', { name: 'Text size' });
    const size = (name: string) => within(sizes).getByRole('radio', { name });
    expect(size('Default').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(size('Large'));
    await flushAsync();
    expect(fake.callsTo('settings:set')).toEqual([{ fontSize: 'large' }]);
    expect(root.style.getPropertyValue('--font-size')).toBe('17px');
    expect(size('Large').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(size('Small'));
    await flushAsync();
    expect(root.style.getPropertyValue('--font-size')).toBe('13px');
    fireEvent.click(size('Default'));
    await flushAsync();
    expect(root.style.getPropertyValue('--font-size')).toBe('15px');
  });

  it('Behaviour: Ctrl/Cmd+Enter to send; the composer follows', async () => {
    const { fake } = await renderApp();
    const dialog = await openSection('Behaviour');
    fireEvent.click(within(dialog).getByRole('radio', { name: /Ctrl\+Enter/ }));
    await flushAsync();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await flushAsync();

    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.change(box, { target: { value: 'Hello' } });
    const plain = fireEvent.keyDown(box, { key: 'Enter' });
    await flushAsync();
    expect(plain).toBe(true);
    expect(fake.callsTo('chat:send')).toEqual([]);
    expect(screen.queryByText(/Ctrl\+Enter to send · Enter for a new line/)).not.toBeNull();
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await flushAsync();
    expect(fake.callsTo('chat:send')).toEqual([{ text: 'Hello', replyId: 'stream-reply-1' }]);
  });

  it('Behaviour: dictionary downloads are off until turned on, and say where they come from', async () => {
    const { fake } = await renderApp();
    const dialog = await openSection('Behaviour');
    const box = within(dialog).getByRole('switch', { name: 'Download spelling dictionaries' });
    expect(box.getAttribute('aria-checked')).toBe('false');
    expect(within(dialog).queryByText(/downloaded from Google's servers/)).not.toBeNull();
    fireEvent.click(box);
    await flushAsync();
    expect(fake.callsTo('settings:set')).toEqual([{ downloadSpellingDictionaries: true }]);
    expect(box.getAttribute('aria-checked')).toBe('true');
  });

  it('Data: where the data lives, and Open data folder', async () => {
    const { fake } = await renderApp();
    const dialog = await openSection('Data');
    expect(within(dialog).queryByText('/data/Parley')).not.toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open data folder' }));
    await flushAsync();
    expect(fake.callsTo('settings:open-data-folder')).toHaveLength(1);
  });

  it('a start notice from main (settings reset) is shown', async () => {
    const fake = createFakeParley();
    fake.profiles.preferences.notices = [
      'Your settings could not be read, so Parley started with default settings.',
    ];
    await renderApp(fake);
    expect(screen.getByRole('alert').textContent).toMatch(/started with default settings/);
  });
});
