import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { events } from '../support/fake-parley';
import { renderApp, sendMessage, transcript } from '../support/render-app';

const yourMessage = () => within(transcript()).getByRole('article', { name: 'Your message' });

describe('a user message', () => {
  it('folds a long message to a few lines behind "Show more", and unfolds it', async () => {
    await renderApp();
    const long = Array.from({ length: 20 }, (_, line) => `Line ${line + 1}`).join('\n');
    await sendMessage(long);

    const text = yourMessage().querySelector('.user-message-text') as HTMLElement;
    // Folded, not cut: the whole text stays in the page (find-in-page, copy).
    expect(text.textContent).toBe(long);
    expect(text.classList.contains('is-folded')).toBe(true);
    const more = within(yourMessage()).getByRole('button', { name: 'Show more' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(more.getAttribute('aria-controls')).toBe(text.id);

    fireEvent.click(more);
    expect(text.classList.contains('is-folded')).toBe(false);
    const less = within(yourMessage()).getByRole('button', { name: 'Show less' });
    expect(less.getAttribute('aria-expanded')).toBe('true');
  });

  it('shows a short message whole, with no "Show more"', async () => {
    await renderApp();
    await sendMessage('Short and sweet');
    expect(within(yourMessage()).queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('lays out by its own text direction (dir="auto"), for Arabic and Hebrew', async () => {
    await renderApp();
    await sendMessage('مرحبا بالعالم');
    const text = yourMessage().querySelector('.user-message-text');
    expect(text?.getAttribute('dir')).toBe('auto');
  });

  it('offers Copy and Edit, labelled, in one group of actions', async () => {
    const { fake, stream } = await renderApp();
    await sendMessage('Copy me');
    // Edit waits while the reply streams.
    stream(events.done('stream-reply-1', 1));
    const group = within(yourMessage()).getByRole('group', { name: 'Message actions' });
    fireEvent.click(within(group).getByRole('button', { name: 'Copy message' }));
    await screen.findByRole('button', { name: 'Copied' });
    expect(fake.callsTo('clipboard:write-text')).toEqual([{ text: 'Copy me' }]);
    fireEvent.click(within(group).getByRole('button', { name: 'Edit message' }));
    expect(screen.getByRole('textbox', { name: 'Edit your message' })).toBeTruthy();
  });
});
