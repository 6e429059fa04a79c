import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeParley } from '../support/fake-parley';
import { flushAsync, renderApp, transcript } from '../support/render-app';

describe('The empty conversation', () => {
  it('welcomes with the app’s name and the model that will answer', async () => {
    await renderApp();
    const log = transcript();
    expect(within(log).getByRole('heading', { name: 'Parley' })).not.toBeNull();
    expect(log.textContent).toContain('Answering with claude-test');
  });

  it('puts an example prompt in the composer, focused, without sending it', async () => {
    const { fake } = await renderApp();
    const examples = within(transcript()).getAllByRole('button');
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const example = within(transcript()).getByRole('button', { name: /Python function/ });
    fireEvent.click(example);
    await flushAsync();
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
    expect(box.value).toBe(example.textContent);
    expect(document.activeElement).toBe(box);
    expect(fake.callsTo('chat:send')).toEqual([]);
  });

  it('with no model set up, offers to set one up in Settings', async () => {
    const fake = createFakeParley();
    fake.respond('profiles:list', () => ({
      ...fake.profiles.state(),
      profiles: [],
      activeId: null,
    }));
    await renderApp(fake);
    // The first-run onboarding opens over it; skipping it leaves the empty screen.
    fireEvent.click(screen.getByRole('button', { name: 'Skip for now' }));
    await flushAsync();
    expect(transcript().textContent).toContain('No model is set up yet.');
    fireEvent.click(within(transcript()).getByRole('button', { name: 'Set up a model' }));
    await flushAsync();
    expect(screen.getByRole('dialog', { name: 'Settings' })).not.toBeNull();
  });
});
