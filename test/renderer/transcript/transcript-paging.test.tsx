import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../preload/api';
import { createFakeParley, makeReply } from '../support/fake-parley';
import { flushAsync, renderApp, transcript } from '../support/render-app';

function turn(n: number): Turn {
  const reply = makeReply(`r${n}`, { text: `Answer ${n}`, status: 'done', stopReason: 'end' });
  return {
    id: `t${n}`,
    userText: `Question ${n}`,
    replies: [reply],
    activeReply: 0,
    userVersion: 0,
    userVersionCount: 1,
  };
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => turn(from + i));

/** Two animation frames: the transcript checks its position in the next one. */
const frames = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  );

const jumpButton = () => screen.queryByRole('button', { name: 'Jump to latest' });

// Whole-app renders with a virtual list: slow on a busy machine.
describe('paging the transcript', { timeout: 20_000 }, () => {
  it('loads older turns when the reader scrolls up near the top, never while following', async () => {
    const fake = createFakeParley();
    // The newest 10 of 100 turns.
    fake.setSnapshot({ id: 'c1', title: '', turns: range(90, 99), earlierTurns: 90 });
    fake.respond('chat:turns', () => ({ turns: range(80, 89), remaining: 80 }));
    await renderApp(fake);
    await frames();
    expect(fake.callsTo('chat:turns')).toEqual([]);

    fireEvent.wheel(transcript(), { deltaY: -100 });
    expect(jumpButton()).not.toBeNull();
    await waitFor(() =>
      expect(fake.callsTo('chat:turns')).toEqual([
        { conversationId: 'c1', beforeTurnId: 't90', limit: 50 },
      ]),
    );
    await flushAsync();
    // The page is above the turns that were there, each numbered in the whole conversation.
    await waitFor(() => expect(within(transcript()).queryByText('Question 80')).not.toBeNull());
    const items = within(transcript()).getAllByRole('listitem');
    expect(items[0]?.getAttribute('aria-posinset')).toBe('81');
    expect(items[0]?.getAttribute('aria-setsize')).toBe('100');
    expect(items.at(-1)?.getAttribute('aria-posinset')).toBe('100');
    expect(items.at(-1)?.textContent).toContain('Question 99');
  });

  it('far up the conversation (a search hit), loads newer turns near the bottom', async () => {
    const fake = createFakeParley();
    fake.setSnapshot({ id: 'c1', title: '', turns: range(0, 9), laterTurns: 90 });
    fake.respond('chat:turns', () => ({ turns: range(10, 19), remaining: 80 }));
    await renderApp(fake);

    // Not at the newest text: nothing follows, and the way to it is offered.
    expect(jumpButton()).not.toBeNull();
    await waitFor(() =>
      expect(fake.callsTo('chat:turns')[0]).toEqual({
        conversationId: 'c1',
        afterTurnId: 't9',
        limit: 50,
      }),
    );
    await waitFor(() => expect(within(transcript()).queryByText('Question 19')).not.toBeNull());
  });

  it('Jump to latest far up the conversation loads its newest turns', async () => {
    const fake = createFakeParley();
    fake.setSnapshot({ id: 'c1', title: '', turns: range(0, 9), laterTurns: 90 });
    fake.respond('chat:turns', () => ({ turns: [], remaining: 90 }));
    await renderApp(fake);
    fake.setSnapshot({ id: 'c1', title: '', turns: range(90, 99), earlierTurns: 90 });

    fireEvent.click(jumpButton() as HTMLElement);
    await flushAsync();
    expect(fake.callsTo('chat:snapshot').at(-1)).toEqual({ conversationId: 'c1', turnLimit: 30 });
    expect(within(transcript()).queryByText('Question 99')).not.toBeNull();
    expect(within(transcript()).queryByText('Question 9')).toBeNull();
    expect(jumpButton()).toBeNull();
  });

  it('opening a search hit in the middle of its window loads no page until the hit is highlighted', async () => {
    const fake = createFakeParley();
    fake.setSnapshot({ id: 'c1', title: '', turns: range(90, 99), earlierTurns: 90 });
    await renderApp(fake);
    // The hit's window: 15 turns before it, 14 after, and turns beyond both ends.
    fake.setSnapshot({
      id: 'c1',
      title: '',
      turns: range(40, 69),
      earlierTurns: 40,
      laterTurns: 30,
    });
    const hit = () => document.querySelector<HTMLElement>('[data-message-id="t55"]');
    const highlightedWhenAsked: boolean[] = [];
    fake.respond('chat:turns', (payload) => {
      highlightedWhenAsked.push(hit()?.dataset.revealed === 'true');
      const { beforeTurnId } = payload as { beforeTurnId?: string };
      return beforeTurnId
        ? { turns: range(0, 39), remaining: 0 }
        : { turns: range(70, 99), remaining: 0 };
    });
    fake.respond('conversations:search', () => ({
      hits: [
        {
          conversationId: 'c1',
          conversationTitle: 'c1',
          messageId: 't55',
          role: 'user',
          snippet: [{ text: 'Question 55', match: true }],
          updatedAt: 1,
        },
      ],
    }));
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const box = screen.getByRole('textbox', { name: 'Search' });
    fireEvent.change(box, { target: { value: 'Question 55' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    fireEvent.keyDown(box, { key: 'Enter' });

    await waitFor(() => expect(hit()?.dataset.revealed).toBe('true'), { timeout: 3_000 });
    // Every turn of the window is mounted here (the test's view is tall), so the list is near
    // both ends at once: once the hit is on screen, the pages there load.
    await waitFor(() => expect(fake.callsTo('chat:turns')).toHaveLength(2));
    expect(highlightedWhenAsked).toEqual([true, true]);
  });
});
