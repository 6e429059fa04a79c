import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeParley } from '../support/fake-parley';
import { flushAsync, renderApp, sendMessage } from '../support/render-app';

const picker = () => screen.getByLabelText<HTMLSelectElement>('Answer with');
const value = (profileId: string, model: string) => JSON.stringify([profileId, model]);

describe('Model picker', () => {
  it('shows the active profile’s model, with the preset’s known models to switch to', async () => {
    await renderApp();
    expect(picker().value).toBe(value('p-1', 'claude-test'));
    const options = [...picker().querySelectorAll('option')].map((option) => option.textContent);
    expect(options).toEqual(['claude-test', 'claude-sonnet-4-5', 'Other…']);
  });

  it('in a conversation, switches the model for that conversation only', async () => {
    const { fake } = await renderApp();
    await sendMessage('Hello');
    fireEvent.change(picker(), { target: { value: value('p-1', 'claude-sonnet-4-5') } });
    await flushAsync();
    expect(fake.callsTo('conversation-settings:set')).toEqual([
      { conversationId: 'conv-1', profileId: 'p-1', model: 'claude-sonnet-4-5' },
    ]);
    expect(fake.callsTo('profiles:save')).toEqual([]);
    expect(picker().value).toBe(value('p-1', 'claude-sonnet-4-5'));
  });

  it('before the first message, sets the default for new conversations', async () => {
    const { fake } = await renderApp();
    fireEvent.change(picker(), { target: { value: value('p-1', 'claude-sonnet-4-5') } });
    await flushAsync();
    expect(fake.callsTo('conversation-settings:set')).toEqual([]);
    expect(fake.callsTo('profiles:save')).toEqual([
      expect.objectContaining({ id: 'p-1', model: 'claude-sonnet-4-5' }),
    ]);
    expect(fake.callsTo('profiles:save')[0]).not.toHaveProperty('apiKey');
    expect(picker().value).toBe(value('p-1', 'claude-sonnet-4-5'));
  });

  it('takes any model name as free text', async () => {
    const { fake } = await renderApp();
    await sendMessage('Hello');
    fireEvent.change(picker(), { target: { value: 'other' } });
    fireEvent.change(screen.getByLabelText(/Other name to use/), {
      target: { value: 'claude-custom' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Use' }));
    await flushAsync();
    expect(fake.callsTo('conversation-settings:set')).toEqual([
      expect.objectContaining({ model: 'claude-custom' }),
    ]);
    expect(picker().value).toBe(value('p-1', 'claude-custom'));
  });

  it('sets a system prompt for the conversation', async () => {
    const fake = createFakeParley();
    await renderApp(fake);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'System prompt' }).disabled).toBe(
      true,
    );
    await sendMessage('Hello');
    fireEvent.click(screen.getByRole('button', { name: 'System prompt' }));
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
});
