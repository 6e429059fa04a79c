import { describe, expect, it, vi } from 'vitest';
import { ConversationList, pageSize } from '../../../renderer/src/sidebar/conversation-list';
import { createFakeParley, failure } from '../support/fake-parley';
import { makeSummary } from '../support/fake-conversations';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(count: number) {
  const fake = createFakeParley();
  // Newest first: c0 is the most recent.
  fake.conversations.seed(
    ...Array.from({ length: count }, (_, i) =>
      makeSummary(`c${i}`, { updatedAt: 1e12 - i * 1000 }),
    ),
  );
  const onFailure = vi.fn();
  return { fake, onFailure, list: new ConversationList(fake.api, onFailure) };
}

describe('ConversationList', () => {
  it('pages with the cursor main gave, and stops on the last page', async () => {
    const { fake, list } = setup(pageSize + 7);
    list.start();
    await tick();
    expect(list.getState()).toMatchObject({ loaded: true, hasMore: true });
    expect(list.getState().items).toHaveLength(pageSize);

    await list.loadMore();
    expect(list.getState().items).toHaveLength(pageSize + 7);
    expect(list.getState().hasMore).toBe(false);
    await list.loadMore();
    expect(fake.callsTo('conversations:list')).toEqual([
      { limit: pageSize },
      { cursor: String(pageSize), limit: pageSize },
    ]);
  });

  it('asks once while a page is in flight', async () => {
    const { fake, list } = setup(3);
    void list.loadMore();
    void list.loadMore();
    await tick();
    expect(fake.callsTo('conversations:list')).toHaveLength(1);
  });

  it('keeps pinned first and newest next after events, without duplicates from a later page', async () => {
    const { fake, list } = setup(pageSize + 1);
    list.start();
    await tick();
    // An event about a conversation not paged in yet (the last one), then its page arrives.
    const last = makeSummary(`c${pageSize}`, { updatedAt: 1, title: 'renamed' });
    fake.emitChanged({ conversationId: last.id, summary: last });
    fake.emitChanged({ conversationId: 'c3', summary: makeSummary('c3', { pinned: true }) });
    await list.loadMore();

    const ids = list.getState().items.map((item) => item.id);
    expect(ids[0]).toBe('c3');
    expect(ids.filter((id) => id === last.id)).toHaveLength(1);
    expect(new Set(ids).size).toBe(pageSize + 1);
  });

  it('a failed page is reported once and paging stops', async () => {
    const { fake, list, onFailure } = setup(3);
    fake.respond('conversations:list', () => failure('storage', 'The database is locked.'));
    await list.loadMore();
    await list.loadMore();
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(onFailure.mock.calls[0]?.[1]).toMatchObject({ message: 'The database is locked.' });
    expect(list.getState()).toMatchObject({ loaded: true, hasMore: false, items: [] });
  });

  it('touch moves a conversation up when a message is sent in it', async () => {
    const { list } = setup(3);
    await list.loadMore();
    list.touch('c2', 2e12);
    expect(list.getState().items.map((item) => item.id)).toEqual(['c2', 'c0', 'c1']);
  });
});
