import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppCommand, ParleyApi } from '../../../preload/api';
import { ShortcutsSheet } from '../../../renderer/src/shortcuts/shortcuts-sheet';
import { createFakeParley, events } from '../support/fake-parley';
import { makeSummary } from '../support/fake-conversations';
import { flushAsync, renderApp, sendMessage } from '../support/render-app';

/** The app over a fake bridge whose app:command the test sends, as main's menu would. */
async function renderWithCommands() {
  const fake = createFakeParley();
  const listeners = new Set<(command: AppCommand) => void>();
  const api: ParleyApi = {
    ...fake.api,
    app: {
      ...fake.api.app,
      onCommand(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
  const app = await renderApp({ ...fake, api });
  return {
    ...app,
    async command(command: AppCommand) {
      act(() => {
        for (const listener of listeners) listener(command);
      });
      await flushAsync();
    },
  };
}

const press = (init: KeyboardEventInit, target: Element | Window = window) =>
  act(() => void fireEvent.keyDown(target, init));

async function finishedReply(app: Awaited<ReturnType<typeof renderApp>>, text = 'An answer.') {
  await sendMessage('Question');
  app.stream(events.delta('stream-reply-1', 1, text), events.done('stream-reply-1', 2));
}

describe('keyboard shortcuts', () => {
  it('Ctrl+Shift+R regenerates the last reply; plain Ctrl+R does nothing', async () => {
    const app = await renderApp();
    await finishedReply(app);
    press({ key: 'r', ctrlKey: true });
    await flushAsync();
    expect(app.fake.callsTo('chat:regenerate')).toEqual([]);
    press({ key: 'R', code: 'KeyR', ctrlKey: true, shiftKey: true });
    await flushAsync();
    expect(app.fake.callsTo('chat:regenerate')).toEqual([
      { conversationId: 'conv-1', turnId: 'turn-1', replyId: 'stream-reply-2' },
    ]);
  });

  it('Ctrl+N starts a new conversation with the caret in the message box', async () => {
    const app = await renderApp();
    await finishedReply(app);
    (document.activeElement as HTMLElement | null)?.blur();
    press({ key: 'n', ctrlKey: true });
    expect(screen.queryByText('Ask anything to start a conversation.')).not.toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('/ focuses the message box, but types a slash in a field', async () => {
    await renderApp();
    const box = screen.getByRole('textbox', { name: 'Message' });
    box.blur();
    press({ key: '/' }, document.body);
    expect(document.activeElement).toBe(box);
    const event = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true });
    box.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });

  it('Ctrl+/ opens the shortcuts sheet, Esc closes it', async () => {
    await renderApp();
    press({ key: '/', ctrlKey: true });
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(sheet.textContent).toContain('Regenerate the last reply');
    expect(sheet.textContent).toContain('Ctrl+Shift+R');
    fireEvent.keyDown(sheet, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });

  it('the shortcuts sheet makes the page behind it inert, like the other dialogs', async () => {
    await renderApp();
    expect(screen.getByRole('main').hasAttribute('inert')).toBe(false);
    press({ key: '/', ctrlKey: true });
    await flushAsync();
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(screen.getByRole('main').hasAttribute('inert')).toBe(true);
    expect(screen.getByRole('banner').hasAttribute('inert')).toBe(true);
    expect(sheet.closest('[inert]')).toBeNull();
    fireEvent.keyDown(sheet, { key: 'Escape' });
    await flushAsync();
    expect(screen.getByRole('main').hasAttribute('inert')).toBe(false);
    expect(screen.getByRole('banner').hasAttribute('inert')).toBe(false);
  });

  it('Ctrl+, opens settings, and shortcuts wait while a dialog is open', async () => {
    const app = await renderApp();
    press({ key: ',', ctrlKey: true });
    await flushAsync();
    expect(screen.queryByRole('dialog')).not.toBeNull();
    press({ key: '/', ctrlKey: true });
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
    expect(app.fake.callsTo('chat:regenerate')).toEqual([]);
  });

  it('Ctrl+Shift+] and [ move through the sidebar order', async () => {
    const fake = createFakeParley();
    fake.conversations.seed(makeSummary('a', { updatedAt: 3 }), makeSummary('b', { updatedAt: 2 }));
    fake.respond('chat:snapshot', (payload) => {
      const { conversationId } = payload as { conversationId?: string };
      return conversationId ? { id: conversationId, title: '', turns: [] } : null;
    });
    await renderApp(fake);
    const next = { key: '}', code: 'BracketRight', ctrlKey: true, shiftKey: true };
    // A new conversation: "next" is the newest one.
    press(next);
    await flushAsync();
    expect(fake.callsTo('chat:snapshot').at(-1)).toMatchObject({ conversationId: 'a' });
    press(next);
    await flushAsync();
    expect(fake.callsTo('chat:snapshot').at(-1)).toMatchObject({ conversationId: 'b' });
    press({ key: '{', code: 'BracketLeft', ctrlKey: true, shiftKey: true });
    await flushAsync();
    expect(fake.callsTo('chat:snapshot').at(-1)).toMatchObject({ conversationId: 'a' });
  });

  it('writes ⌘ and ⇧ on macOS', () => {
    render(<ShortcutsSheet mac onClose={() => undefined} />);
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(sheet.textContent).toContain('⌘⇧R');
    expect(sheet.textContent).not.toContain('Ctrl');
  });
});

describe('menu commands', () => {
  it('open search, the shortcuts sheet and a conversation from quick ask', async () => {
    const app = await renderWithCommands();
    await app.command({ type: 'shortcuts' });
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await app.command({ type: 'search' });
    expect(screen.queryByRole('dialog')).not.toBeNull();
    await app.command({ type: 'open-conversation', conversationId: 'conv-9' });
    expect(app.fake.callsTo('chat:snapshot').at(-1)).toMatchObject({ conversationId: 'conv-9' });
  });

  it('stop and regenerate act on the streaming and the last reply', async () => {
    const app = await renderWithCommands();
    await sendMessage('Question');
    app.stream(events.delta('stream-reply-1', 1, 'Part'));
    await app.command({ type: 'regenerate' });
    expect(app.fake.callsTo('chat:regenerate')).toEqual([]);
    await app.command({ type: 'stop' });
    expect(app.fake.callsTo('chat:stop')).toEqual([{ streamId: 'stream-reply-1', shownSeq: 1 }]);
  });

  it('context menu: Copy as Markdown copies the message under the pointer', async () => {
    const app = await renderWithCommands();
    await finishedReply(app, '**Bold** answer');
    const reply = screen.getByRole('article', { name: 'Reply' });
    const original = document.elementFromPoint;
    document.elementFromPoint = () => reply.querySelector('p') ?? reply;
    try {
      await app.command({ type: 'context', action: 'copy-markdown', x: 5, y: 5 });
      expect(app.fake.callsTo('clipboard:write-text')).toEqual([{ text: '**Bold** answer' }]);
      await app.command({ type: 'context', action: 'regenerate', x: 5, y: 5 });
      expect(app.fake.callsTo('chat:regenerate')).toHaveLength(1);
    } finally {
      document.elementFromPoint = original;
    }
  });

  it('context menu: Edit opens the editor of the message under the pointer', async () => {
    const app = await renderWithCommands();
    await finishedReply(app);
    const original = document.elementFromPoint;
    document.elementFromPoint = () => screen.getByRole('article', { name: 'Your message' });
    try {
      await app.command({ type: 'context', action: 'edit', x: 5, y: 5 });
      expect(screen.queryByRole('textbox', { name: 'Edit your message' })).not.toBeNull();
    } finally {
      document.elementFromPoint = original;
    }
  });
});

describe('the reply announcer', () => {
  it('stays silent while tokens arrive and speaks the reply once it is done', async () => {
    const app = await renderApp();
    await sendMessage('Question');
    const region = screen.getByTestId('reply-announcer');
    expect(region.getAttribute('aria-live')).toBe('polite');
    app.stream(events.delta('stream-reply-1', 1, 'One '), events.delta('stream-reply-1', 2, 'two'));
    expect(region.textContent).toBe('');
    app.stream(events.done('stream-reply-1', 3));
    expect(region.textContent).toBe('One two');
  });
});
