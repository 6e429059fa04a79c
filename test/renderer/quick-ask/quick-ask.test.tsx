import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuickAsk } from '../../../renderer/src/quick-ask/quick-ask';
import { makeFile, makeImage } from '../support/fake-attachments';
import { createFakeParley, events } from '../support/fake-parley';
import { flushAsync } from '../support/render-app';

afterEach(cleanup);

async function ask(text: string) {
  const box = screen.getByRole('textbox', { name: 'Ask Parley' });
  fireEvent.change(box, { target: { value: text } });
  fireEvent.keyDown(box, { key: 'Enter' });
  await flushAsync();
  return box;
}

/** Quick ask over a fake bridge; stream events are painted by the real frame scheduler. */
async function renderQuickAsk() {
  const fake = createFakeParley();
  render(<QuickAsk api={fake.api} />);
  await flushAsync();
  return fake;
}

describe('quick ask', () => {
  it('starts a new conversation, never loading the last one', async () => {
    const fake = await renderQuickAsk();
    expect(fake.callsTo('chat:snapshot')).toEqual([]);
    await ask('What is 2+2?');
    expect(fake.callsTo('chat:send')).toEqual([
      { text: 'What is 2+2?', replyId: 'stream-reply-1' },
    ]);
    expect(screen.queryByText('What is 2+2?')).not.toBeNull();
  });

  it('Continue in Parley is off until there is a conversation to continue', async () => {
    const fake = await renderQuickAsk();
    const continueButton = screen.getByRole('button', { name: 'Continue in Parley' });
    expect((continueButton as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Ask Parley' }), {
      key: 'Enter',
      ctrlKey: true,
    });
    await flushAsync();
    expect(fake.callsTo('app:continue-in-main')).toEqual([]);
  });

  it('continues in Parley while the answer streams, without stopping it', async () => {
    const fake = await renderQuickAsk();
    const box = await ask('Question');
    act(() => fake.emit(events.delta('stream-reply-1', 1, 'Fo')));
    const continueButton = screen.getByRole('button', { name: 'Continue in Parley' });
    expect((continueButton as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByText(/Enter on an empty box continues in Parley/)).not.toBeNull();
    fireEvent.keyDown(box, { key: 'Enter' });
    await flushAsync();
    expect(fake.callsTo('app:continue-in-main')).toEqual([{ conversationId: 'conv-1' }]);
    expect(fake.callsTo('chat:stop')).toEqual([]);
  });

  it('streams the answer, then Enter on the empty box continues in Parley', async () => {
    const fake = await renderQuickAsk();
    const box = await ask('Question');
    const continueButton = screen.getByRole('button', { name: 'Continue in Parley' });
    act(() => {
      fake.emit(events.delta('stream-reply-1', 1, 'Four.'));
      fake.emit(events.done('stream-reply-1', 2));
    });
    await vi.waitFor(() => expect(screen.getByTestId('reply-text').textContent).toBe('Four.'));
    expect((continueButton as HTMLButtonElement).disabled).toBe(false);
    fireEvent.keyDown(box, { key: 'Enter' });
    await flushAsync();
    expect(fake.callsTo('app:continue-in-main')).toEqual([{ conversationId: 'conv-1' }]);
  });

  it('Esc stops a streaming answer first, then closes the window', async () => {
    const fake = await renderQuickAsk();
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    await ask('Question');
    fireEvent.keyDown(window, { key: 'Escape' });
    await flushAsync();
    expect(fake.callsTo('chat:stop')).toHaveLength(1);
    expect(close).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull());
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(close).toHaveBeenCalledOnce();
  });

  it('attaches a pasted image with the same chips and sends it with the question', async () => {
    const fake = createFakeParley();
    fake.respond('attachments:add-data', () => ({ added: [makeImage()], problems: [] }));
    render(<QuickAsk api={fake.api} />);
    await flushAsync();

    const box = screen.getByRole('textbox', { name: 'Ask Parley' });
    fireEvent.paste(box, { clipboardData: { files: [makeFile('image.png')], items: [] } });
    await flushAsync();
    const chips = screen.getByRole('list', { name: 'Attached files' });
    expect(chips.textContent).toContain('cat.png');

    await ask('What is this?');
    expect(fake.callsTo('chat:send')).toEqual([
      { text: 'What is this?', replyId: 'stream-reply-1', attachmentIds: [makeImage().id] },
    ]);
    expect(screen.queryByRole('list', { name: 'Attached files' })).toBeNull();
  });
});
