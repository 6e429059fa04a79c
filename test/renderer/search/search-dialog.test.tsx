import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSnapshot, SearchHit } from '../../../preload/api';
import { createFakeParley, failure, makeReply, type FakeParley } from '../support/fake-parley';
import { flushAsync, renderApp } from '../support/render-app';

function hit(conversationId: string, messageId: string, before: string, match: string): SearchHit {
  return {
    conversationId,
    conversationTitle: `Title of ${conversationId}`,
    messageId,
    role: 'assistant',
    snippet: [
      { text: before, match: false },
      { text: match, match: true },
      { text: ' and more', match: false },
    ],
    updatedAt: 1,
  };
}

const hits = [
  hit('c1', 'r-a', 'about the ', 'harbour'),
  hit('c2', 'r-b', 'a <b>tag</b> near the ', 'harbour'),
  hit('c3', 'r-c', 'the old ', 'harbour'),
];

/** A conversation whose second turn's reply is the message the hit names. */
function conversation(id: string, replyId: string): ConversationSnapshot {
  const turn = (n: number, rid: string) => ({
    id: `${id}-t${n}`,
    userText: `question ${n}`,
    replies: [makeReply(rid, { text: `answer ${n}`, status: 'done', stopReason: 'end' })],
    activeReply: 0,
    userVersion: 0,
    userVersionCount: 1,
  });
  return { id, title: id, turns: [turn(1, `${id}-r1`), turn(2, replyId)] };
}

const searchBox = () => screen.getByRole('textbox', { name: 'Search' });

/** Type a query, wait until main is asked for it (the debounce's end), then let the answer land. */
async function typeQuery(fake: FakeParley, text: string) {
  const asked = fake.callsTo('conversations:search').length;
  fireEvent.change(searchBox(), { target: { value: text } });
  await act(() =>
    vi.waitFor(() => expect(fake.callsTo('conversations:search')).toHaveLength(asked + 1)),
  );
  await flushAsync();
}

const scrolled: Element[] = [];

beforeEach(() => {
  scrolled.length = 0;
  // jsdom has no layout; record what was asked to scroll into view.
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this);
  };
});
afterEach(() => {
  delete (Element.prototype as Partial<Element>).scrollIntoView;
});

describe('Search', () => {
  it('Ctrl+K (or Cmd+K) opens the dialog with the box focused and a hint', async () => {
    await renderApp();
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Search conversations' });
    expect(document.activeElement).toBe(searchBox());
    expect(dialog.textContent).toContain('Type to search');
    fireEvent.keyDown(searchBox(), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.keyDown(window, { key: 'K', metaKey: true });
    expect(screen.queryByRole('dialog', { name: 'Search conversations' })).not.toBeNull();
  });

  it('searches after typing pauses and highlights the matched words in <mark>', async () => {
    const fake = createFakeParley();
    fake.respond('conversations:search', () => ({ hits }));
    await renderApp(fake);
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });

    fireEvent.change(searchBox(), { target: { value: 'h' } });
    fireEvent.change(searchBox(), { target: { value: 'harb' } });
    await typeQuery(fake, 'harbour ');

    // One query for the pause, trimmed; none per keystroke.
    expect(fake.callsTo('conversations:search')).toEqual([{ query: 'harbour', limit: 50 }]);
    const options = within(screen.getByRole('listbox', { name: 'Results' })).getAllByRole('option');
    expect(options).toHaveLength(3);
    expect(options[0]?.textContent).toContain('Title of c1');
    const marks = options[1]?.querySelectorAll('mark') ?? [];
    expect([...marks].map((mark) => mark.textContent)).toEqual(['harbour']);
    // Snippet text is text: markup in it is shown, never parsed.
    expect(options[1]?.querySelector('b')).toBeNull();
    expect(options[1]?.textContent).toContain('a <b>tag</b> near the harbour and more');
    expect(screen.getByRole('status', { name: '' }).textContent).toBe('3 results');
  });

  it('says "No results" when nothing matches, and why when main refuses', async () => {
    const fake = createFakeParley();
    await renderApp(fake);
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    await typeQuery(fake, 'zebra');
    expect(screen.getByRole('dialog').textContent).toContain('No results');

    fake.respond('conversations:search', () => failure('storage', 'The index is damaged.'));
    await typeQuery(fake, 'zebras');
    expect(screen.getByRole('dialog').textContent).toContain('The index is damaged.');
  });

  it('arrow keys move through the hits and wrap; Enter opens the conversation at that message', async () => {
    const fake = createFakeParley();
    fake.respond('conversations:search', () => ({ hits }));
    fake.respond('chat:snapshot', (payload) => {
      const { conversationId } = payload as { conversationId?: string };
      return conversationId === 'c2' ? conversation('c2', 'r-b') : null;
    });
    await renderApp(fake);
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    await typeQuery(fake, 'harbour');

    const box = searchBox();
    const selected = () =>
      within(screen.getByRole('dialog'))
        .getAllByRole('option')
        .findIndex((o) => o.getAttribute('aria-selected') === 'true');
    expect(selected()).toBe(0);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(selected()).toBe(2);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(selected()).toBe(0);
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(selected()).toBe(1);
    const active = within(screen.getByRole('dialog')).getAllByRole('option')[1];
    expect(box.getAttribute('aria-activedescendant')).toBe(active?.id);

    fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await flushAsync();
    expect(fake.callsTo('chat:snapshot').at(-1)).toMatchObject({
      conversationId: 'c2',
      revealMessageId: 'r-b',
      turnLimit: 30,
    });

    // Highlighted once mounted; two frames and a task later, scrolled fully into view.
    const target = document.querySelector('[data-message-id="r-b"]');
    expect(target?.textContent).toContain('answer 2');
    await vi.waitFor(() => expect(scrolled).toContain(target), { timeout: 3_000 });
    expect(target?.hasAttribute('data-revealed')).toBe(true);
  });

  it('every message on screen carries its id: the user turn and the reply', async () => {
    const fake = createFakeParley();
    fake.setSnapshot(conversation('c9', 'r-9'));
    await renderApp(fake);
    const ids = [...document.querySelectorAll('[data-message-id]')].map(
      (element) => (element as HTMLElement).dataset.messageId,
    );
    expect(ids).toEqual(['c9-t1', 'c9-r1', 'c9-t2', 'r-9']);
  });
});
