import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createFakeParley, events, failure } from '../support/fake-parley';
import { flushAsync, renderApp, sendMessage, transcript } from '../support/render-app';

function messageBox(): HTMLTextAreaElement {
  return screen.getByRole('textbox', { name: 'Message' });
}

describe('Composer', () => {
  it('sends on Enter, clears the draft and shows the message', async () => {
    const { fake } = await renderApp();
    await sendMessage('Hello there');

    expect(fake.callsTo('chat:send')).toEqual([{ text: 'Hello there', replyId: 'stream-reply-1' }]);
    expect(messageBox().value).toBe('');
    expect(within(transcript()).queryByText('Hello there')).not.toBeNull();
  });

  it('adds a line on Shift+Enter instead of sending', async () => {
    const { fake } = await renderApp();
    fireEvent.change(messageBox(), { target: { value: 'line one' } });
    const notPrevented = fireEvent.keyDown(messageBox(), { key: 'Enter', shiftKey: true });
    await flushAsync();

    expect(notPrevented).toBe(true);
    expect(fake.callsTo('chat:send')).toEqual([]);
  });

  it('never sends on the Enter that confirms an IME composition', async () => {
    const { fake } = await renderApp();
    fireEvent.change(messageBox(), { target: { value: 'にほん' } });
    fireEvent.keyDown(messageBox(), { key: 'Enter', isComposing: true });
    fireEvent.keyDown(messageBox(), { key: 'Enter', keyCode: 229 });
    await flushAsync();
    expect(fake.callsTo('chat:send')).toEqual([]);
  });

  it('disables Send for an empty or blank draft', async () => {
    const { fake } = await renderApp();
    const send = screen.getByRole<HTMLButtonElement>('button', { name: 'Send' });
    expect(send.disabled).toBe(true);

    fireEvent.change(messageBox(), { target: { value: '  \n\t ' } });
    expect(send.disabled).toBe(true);
    fireEvent.keyDown(messageBox(), { key: 'Enter' });
    await flushAsync();
    expect(fake.callsTo('chat:send')).toEqual([]);

    fireEvent.change(messageBox(), { target: { value: ' hi ' } });
    expect(send.disabled).toBe(false);
  });

  it('sends tidy text: no leading blank lines or trailing whitespace', async () => {
    const { fake } = await renderApp();
    await sendMessage('\n\n  indented\n\n');
    expect(fake.callsTo('chat:send')).toEqual([{ text: '  indented', replyId: 'stream-reply-1' }]);
  });

  it('keeps the draft and says why when main refuses the send', async () => {
    const fake = createFakeParley();
    fake.respond('chat:send', () => failure('storage', 'The conversation could not be saved.'));
    await renderApp(fake);
    await sendMessage('Keep me');

    expect(messageBox().value).toBe('Keep me');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain("Couldn't send the message.");
    expect(alert.textContent).toContain('The conversation could not be saved.');
  });

  it('turns a bridge that throws into a notice, never an unhandled rejection', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const fake = createFakeParley();
    fake.respond('chat:send', () => {
      throw new Error('internal stack detail');
    });
    await renderApp(fake);
    await sendMessage('Hello');

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Parley could not reach its main process.');
    expect(alert.textContent).not.toContain('internal stack detail');
    expect(messageBox().value).toBe('Hello');
    log.mockRestore();
  });

  it('puts Stop exactly where Send was while a reply streams, and Stop stops it', async () => {
    const { fake, stream } = await renderApp();
    const send = screen.getByRole('button', { name: 'Send' });
    const slot = send.parentElement;

    await sendMessage('Tell me a story');
    const stop = screen.getByRole('button', { name: 'Stop' });
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    // The same element in the same slot: the control cannot have moved or resized.
    expect(stop).toBe(send);
    expect(stop.parentElement).toBe(slot);
    expect(slot?.children).toHaveLength(1);

    stream(events.delta('stream-reply-1', 1, 'Once upon'));
    fireEvent.click(stop);
    await flushAsync();

    expect(fake.callsTo('chat:stop')).toEqual([{ streamId: 'stream-reply-1', shownSeq: 1 }]);
    expect(screen.getByRole('button', { name: 'Send' })).toBe(send);
    stream(events.delta('stream-reply-1', 2, ' a time'));
    expect(within(transcript()).queryByText(/a time/)).toBeNull();
    expect(within(transcript()).queryByText('Once upon')).not.toBeNull();
    expect(within(transcript()).queryByText('Stopped')).not.toBeNull();
  });

  it('ignores the second click of a double click on Send', async () => {
    const { fake } = await renderApp();
    await sendMessage('Hi');
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }), { detail: 2 });
    await flushAsync();
    expect(fake.callsTo('chat:stop')).toEqual([]);
  });

  it('stops the streaming reply on Esc anywhere', async () => {
    const { fake } = await renderApp();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await flushAsync();
    expect(fake.callsTo('chat:stop')).toEqual([]);

    await sendMessage('Hi');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await flushAsync();
    expect(fake.callsTo('chat:stop')).toEqual([{ streamId: 'stream-reply-1', shownSeq: 0 }]);
    expect(screen.queryByRole('button', { name: 'Send' })).not.toBeNull();
  });

  it('leaves the Esc that cancels an IME composition to the IME', async () => {
    const { fake } = await renderApp();
    await sendMessage('Hi');
    fireEvent.keyDown(messageBox(), { key: 'Escape', isComposing: true });
    await flushAsync();
    expect(fake.callsTo('chat:stop')).toEqual([]);
  });

  it('does not send on Enter while a reply streams', async () => {
    const { fake } = await renderApp();
    await sendMessage('first');
    fireEvent.change(messageBox(), { target: { value: 'second' } });
    fireEvent.keyDown(messageBox(), { key: 'Enter' });
    await flushAsync();
    expect(fake.callsTo('chat:send')).toHaveLength(1);
    expect(messageBox().value).toBe('second');
  });
});
