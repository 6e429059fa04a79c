import { describe, expect, it } from 'vitest';
import { ConversationLibrary } from '../../../main/storage/conversation-library';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';

function setup() {
  let clock = 1_000;
  const db = openDatabase(':memory:');
  const now = () => (clock += 10);
  return { db, store: new ConversationStore(db, now), library: new ConversationLibrary(db, now) };
}

describe('ConversationLibrary', () => {
  it('lists pinned first, then newest first, a page at a time', () => {
    const { store, library } = setup();
    for (let i = 1; i <= 7; i += 1) store.createConversation(`c${i}`, `Chat ${i}`);
    library.setPinned('c2', true);
    const first = library.list(undefined, 3);
    expect(first.items.map((item) => item.id)).toEqual(['c2', 'c7', 'c6']);
    expect(first.items[0]).toMatchObject({ title: 'Chat 2', pinned: true });
    const second = library.list(first.nextCursor ?? undefined, 3);
    expect(second.items.map((item) => item.id)).toEqual(['c5', 'c4', 'c3']);
    const third = library.list(second.nextCursor ?? undefined, 3);
    expect(third.items.map((item) => item.id)).toEqual(['c1']);
    expect(third.nextCursor).toBeNull();
  });

  it('delete hides a conversation until restored; a restart purges it for good', () => {
    const { db, store, library } = setup();
    store.createConversation('keep', 'Keep');
    store.createConversation('gone', 'Gone');
    store.addTurn(
      'gone',
      {
        id: 't',
        userText: 'bye',
        replies: [],
        activeReply: 0,
        userVersion: 0,
        userVersionCount: 1,
      },
      null,
    );
    expect(library.softDelete('gone')).toBe(true);
    expect(library.list(undefined).items.map((item) => item.id)).toEqual(['keep']);
    expect(store.load('gone')).toBeNull();
    expect(library.restore('gone')).toBe(true);
    expect(library.list(undefined).items.map((item) => item.id)).toEqual(['gone', 'keep']);
    library.softDelete('gone');
    expect(library.purgeDeleted()).toBe(1);
    expect(library.restore('gone')).toBe(false);
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM messages WHERE conversation_id = 'gone'").get(),
    ).toEqual({ n: 0 });
  });

  it('renaming keeps the sidebar order; unknown ids change nothing', () => {
    const { store, library } = setup();
    store.createConversation('a', 'A');
    store.createConversation('b', 'B');
    expect(library.setTitle('a', 'Renamed')).toBe(true);
    expect(library.list(undefined).items.map((item) => [item.id, item.title])).toEqual([
      ['b', 'B'],
      ['a', 'Renamed'],
    ]);
    expect(library.setTitle('nope', 'x')).toBe(false);
    expect(library.summary('nope')).toBeNull();
  });
});
