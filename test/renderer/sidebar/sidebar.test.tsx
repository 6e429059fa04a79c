import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeParley, failure, makeReply } from '../support/fake-parley';
import { makeSummary } from '../support/fake-conversations';
import { flushAsync, renderApp, sendMessage, transcript } from '../support/render-app';

const now = new Date(2026, 4, 20, 15, 0);
const hoursAgo = (hours: number) => now.getTime() - hours * 3_600_000;
const daysAgo = (days: number) => now.getTime() - days * 86_400_000;

const sidebar = () => screen.getByRole('navigation', { name: 'Conversations' });
const group = (name: string) => within(sidebar()).getByRole('region', { name });
const row = (name: string) => within(sidebar()).getByRole('button', { name });

/** Pick an entry of a conversation's menu. */
function menu(title: string, item: string) {
  fireEvent.click(within(sidebar()).getByRole('button', { name: `Actions for ${title}` }));
  fireEvent.click(screen.getByRole('menuitem', { name: item }));
}

function seeded() {
  const fake = createFakeParley();
  fake.conversations.seed(
    makeSummary('c-today', { title: 'Lisbon trip', updatedAt: hoursAgo(2) }),
    makeSummary('c-yesterday', { title: 'Tax questions', updatedAt: hoursAgo(20) }),
    makeSummary('c-week', { title: 'Sourdough', updatedAt: daysAgo(4) }),
    makeSummary('c-old', { title: 'Old notes', updatedAt: daysAgo(40) }),
    makeSummary('c-pinned', { title: 'Reading list', updatedAt: daysAgo(90), pinned: true }),
  );
  return fake;
}

beforeEach(() => {
  // Only Date is faked: the bridge's promises and timers still run.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
});
afterEach(() => vi.useRealTimers());

describe('Sidebar', () => {
  it('groups conversations by date under headings, pinned first', async () => {
    await renderApp(seeded());
    const headings = within(sidebar())
      .getAllByRole('heading')
      .map((h) => h.textContent);
    expect(headings).toEqual(['Pinned', 'Today', 'Yesterday', 'Previous 7 days', 'Older']);
    expect(within(group('Pinned')).queryByRole('button', { name: 'Reading list' })).not.toBeNull();
    expect(within(group('Today')).queryByRole('button', { name: 'Lisbon trip' })).not.toBeNull();
    expect(
      within(group('Yesterday')).queryByRole('button', { name: 'Tax questions' }),
    ).not.toBeNull();
    expect(
      within(group('Previous 7 days')).queryByRole('button', { name: 'Sourdough' }),
    ).not.toBeNull();
    expect(within(group('Older')).queryByRole('button', { name: 'Old notes' })).not.toBeNull();
  });

  it('opens a conversation on click and marks it as the current page', async () => {
    const fake = seeded();
    fake.respond('chat:snapshot', (payload) => {
      const { conversationId } = payload as { conversationId?: string };
      if (conversationId !== 'c-week') return null;
      const reply = makeReply('r1', { text: 'Feed it daily.', status: 'done', stopReason: 'end' });
      const turn = { id: 't1', userText: 'How do I keep a starter?', replies: [reply] };
      return {
        id: 'c-week',
        title: 'Sourdough',
        turns: [{ ...turn, activeReply: 0, userVersion: 0, userVersionCount: 1 }],
      };
    });
    await renderApp(fake);

    fireEvent.click(row('Sourdough'));
    await flushAsync();

    expect(fake.callsTo('chat:snapshot').at(-1)).toMatchObject({ conversationId: 'c-week' });
    expect(transcript().textContent).toContain('How do I keep a starter?');
    expect(row('Sourdough').getAttribute('aria-current')).toBe('page');
    expect(row('Lisbon trip').getAttribute('aria-current')).toBeNull();
  });

  it('renames inline: Enter saves through the bridge, Esc cancels', async () => {
    const fake = seeded();
    await renderApp(fake);

    menu('Lisbon trip', 'Rename');
    const field = screen.getByRole('textbox', { name: 'Conversation title' });
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: '  Porto and Lisbon ' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await flushAsync();

    expect(fake.callsTo('conversations:rename')).toEqual([
      { conversationId: 'c-today', title: 'Porto and Lisbon' },
    ]);
    expect(document.activeElement).toBe(row('Porto and Lisbon'));

    menu('Porto and Lisbon', 'Rename');
    const again = screen.getByRole('textbox', { name: 'Conversation title' });
    fireEvent.change(again, { target: { value: 'Never mind' } });
    fireEvent.keyDown(again, { key: 'Escape' });
    await flushAsync();
    expect(fake.callsTo('conversations:rename')).toHaveLength(1);
    expect(within(sidebar()).queryByRole('button', { name: 'Porto and Lisbon' })).not.toBeNull();
  });

  it('puts the old title back and says why when main refuses a rename', async () => {
    const fake = seeded();
    fake.respond('conversations:rename', () => failure('storage', 'The disk is full.'));
    await renderApp(fake);

    menu('Sourdough', 'Rename');
    const field = screen.getByRole('textbox', { name: 'Conversation title' });
    fireEvent.change(field, { target: { value: 'Bread' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await flushAsync();

    expect(within(sidebar()).queryByRole('button', { name: 'Sourdough' })).not.toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('The disk is full.');
  });

  it('pins and unpins through the bridge, moving the row between groups', async () => {
    const fake = seeded();
    await renderApp(fake);

    menu('Old notes', 'Pin');
    await flushAsync();
    expect(fake.callsTo('conversations:set-pinned')).toEqual([
      { conversationId: 'c-old', pinned: true },
    ]);
    expect(within(group('Pinned')).queryByRole('button', { name: 'Old notes' })).not.toBeNull();
    expect(within(sidebar()).queryByRole('region', { name: 'Older' })).toBeNull();

    menu('Reading list', 'Unpin');
    await flushAsync();
    expect(within(group('Older')).queryByRole('button', { name: 'Reading list' })).not.toBeNull();
  });

  it('deletes at once, and Undo within the toast restores it', async () => {
    const fake = seeded();
    await renderApp(fake);

    menu('Tax questions', 'Delete');
    expect(within(sidebar()).queryByRole('button', { name: 'Tax questions' })).toBeNull();
    await flushAsync();
    expect(fake.callsTo('conversations:delete')).toEqual([{ conversationId: 'c-yesterday' }]);
    const toast = screen.getByRole('status', { name: 'Notifications' });
    expect(toast.textContent).toContain('Deleted “Tax questions”.');

    fireEvent.click(within(toast).getByRole('button', { name: 'Undo' }));
    await flushAsync();
    expect(fake.callsTo('conversations:restore')).toEqual([{ conversationId: 'c-yesterday' }]);
    expect(
      within(group('Yesterday')).queryByRole('button', { name: 'Tax questions' }),
    ).not.toBeNull();
    expect(within(toast).queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('deleting the open conversation clears the transcript', async () => {
    const fake = seeded();
    await renderApp(fake);
    await sendMessage('Hello there');
    fake.emitChanged({
      conversationId: 'conv-1',
      summary: makeSummary('conv-1', { title: '', updatedAt: now.getTime() }),
    });
    await flushAsync();
    // Untitled: it reads "New conversation" like the button above, so look inside Today.
    const untitled = within(group('Today')).getByRole('button', { name: 'New conversation' });
    expect(untitled.getAttribute('aria-current')).toBe('page');

    menu('New conversation', 'Delete');
    await flushAsync();
    expect(transcript().textContent).not.toContain('Hello there');
    // Its reply was still streaming: main stops it as part of the delete, the page need not.
    expect(fake.callsTo('chat:stop')).toEqual([]);
    expect(fake.callsTo('conversations:delete')).toEqual([{ conversationId: 'conv-1' }]);
  });

  it('marks a conversation as replying while main says its reply runs, and not after', async () => {
    const fake = seeded();
    await renderApp(fake);
    const replying = () =>
      within(sidebar()).queryByRole('button', { name: 'Sourdough', description: 'Replying…' });
    expect(replying()).toBeNull();

    const summary = makeSummary('c-week', { title: 'Sourdough', updatedAt: daysAgo(4) });
    act(() =>
      fake.emitChanged({ conversationId: 'c-week', summary: { ...summary, streaming: true } }),
    );
    expect(replying()).not.toBeNull();
    // The name stays the title, so the row is found (and read) as before.
    expect(row('Sourdough')).toBe(replying());

    act(() => fake.emitChanged({ conversationId: 'c-week', summary }));
    expect(replying()).toBeNull();
    expect(row('Sourdough').getAttribute('aria-describedby')).toBeNull();
  });

  it('lists a conversation as replying when main lists it so', async () => {
    const fake = createFakeParley();
    fake.conversations.seed(makeSummary('c-busy', { title: 'Busy', streaming: true }));
    await renderApp(fake);
    expect(
      within(sidebar()).queryByRole('button', { name: 'Busy', description: 'Replying…' }),
    ).not.toBeNull();
  });

  it('shows "New conversation" until main sends the generated title', async () => {
    const fake = seeded();
    await renderApp(fake);
    act(() =>
      fake.emitChanged({
        conversationId: 'c-new',
        summary: makeSummary('c-new', { title: '', updatedAt: now.getTime() }),
      }),
    );
    expect(
      within(group('Today')).queryByRole('button', { name: 'New conversation' }),
    ).not.toBeNull();

    act(() =>
      fake.emitChanged({
        conversationId: 'c-new',
        summary: makeSummary('c-new', { title: 'Knots for sailing', updatedAt: now.getTime() }),
      }),
    );
    expect(
      within(group('Today')).queryByRole('button', { name: 'Knots for sailing' }),
    ).not.toBeNull();
    expect(within(group('Today')).queryByRole('button', { name: 'New conversation' })).toBeNull();
    act(() => fake.emitChanged({ conversationId: 'c-new', summary: null }));
    expect(within(sidebar()).queryByRole('button', { name: 'Knots for sailing' })).toBeNull();
  });

  it('loads the next page as the user scrolls near the end of the list', async () => {
    const fake = createFakeParley();
    fake.conversations.seed(
      ...Array.from({ length: 70 }, (_, i) =>
        makeSummary(`c${i}`, { title: `Chat ${i}`, updatedAt: hoursAgo(1) - i * 1000 }),
      ),
    );
    await renderApp(fake);
    expect(within(sidebar()).queryByRole('button', { name: 'Chat 69' })).toBeNull();
    expect(fake.callsTo('conversations:list')).toHaveLength(1);

    const scroller = sidebar().querySelector('.sidebar-scroll') as HTMLElement;
    const layout = { scrollHeight: 3000, clientHeight: 600, scrollTop: 100 };
    for (const [key, value] of Object.entries(layout)) {
      Object.defineProperty(scroller, key, { configurable: true, value });
    }
    fireEvent.scroll(scroller);
    await flushAsync();
    // Far from the end: nothing more asked for.
    expect(fake.callsTo('conversations:list')).toHaveLength(1);

    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 2300 });
    fireEvent.scroll(scroller);
    await flushAsync();
    expect(fake.callsTo('conversations:list').at(-1)).toEqual({ cursor: '50', limit: 50 });
    expect(within(sidebar()).queryByRole('button', { name: 'Chat 69' })).not.toBeNull();
  });
});
