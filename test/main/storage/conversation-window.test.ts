import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../preload/api';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';

/** A conversation of `count` turns, each with one finished reply; returns the turns' ids. */
function seed(store: ConversationStore, count: number): { userIds: string[]; replyIds: string[] } {
  store.createConversation('c');
  const userIds: string[] = [];
  const replyIds: string[] = [];
  let parent: string | null = null;
  for (let index = 0; index < count; index++) {
    const turn: Turn = {
      id: `u${index}`,
      userText: `Question ${index}`,
      replies: [],
      activeReply: 0,
      userVersion: 0,
      userVersionCount: 1,
    };
    store.addTurn('c', turn, parent);
    const reply = {
      id: `r${index}`,
      streamId: `r${index}`,
      model: 'm',
      text: `Answer ${index}`,
      reasoning: '',
      status: 'done' as const,
      seq: 1,
    };
    store.addReply('c', turn, reply, 'anthropic');
    store.saveReply(reply);
    userIds.push(turn.id);
    replyIds.push(reply.id);
    parent = reply.id;
  }
  return { userIds, replyIds };
}

function setup(count: number) {
  let clock = 1_000;
  const store = new ConversationStore(openDatabase(':memory:'), () => (clock += 1));
  return { store, ...seed(store, count) };
}

describe('ConversationStore windows and pages', () => {
  it('opens with the newest turns, exactly as the whole branch has them, and counts the rest', () => {
    const { store } = setup(100);
    const whole = store.load('c')?.turns ?? [];
    const window = store.loadWindow('c', { limit: 30 });
    expect(window?.turns).toEqual(whole.slice(-30));
    expect(window?.earlierTurns).toBe(70);
    expect(window?.laterTurns).toBe(0);
  });

  it('pages back to the first message and forward to the last without a gap or an overlap', () => {
    const { store, userIds } = setup(120);
    const window = store.loadWindow('c', { limit: 30 });
    const first = store.turnPage('c', { beforeTurnId: window?.turns[0]?.id, limit: 50 });
    expect(first?.turns.map((turn) => turn.id)).toEqual(userIds.slice(40, 90));
    expect(first?.remaining).toBe(40);
    const second = store.turnPage('c', { beforeTurnId: first?.turns[0]?.id, limit: 50 });
    expect(second?.turns.map((turn) => turn.id)).toEqual(userIds.slice(0, 40));
    expect(second?.remaining).toBe(0);
    expect(second?.turns[0]?.replies[0]?.text).toBe('Answer 0');

    const later = store.turnPage('c', { afterTurnId: 'u10', limit: 5 });
    expect(later?.turns.map((turn) => turn.id)).toEqual(userIds.slice(11, 16));
    expect(later?.remaining).toBe(120 - 16);
  });

  it('opens a search hit far up in a window around it, with turns after it still to load', () => {
    const { store } = setup(200);
    const window = store.loadWindow('c', { limit: 30, aroundMessageId: 'r20' });
    const ids = window?.turns.map((turn) => turn.id) ?? [];
    expect(ids).toContain('u20');
    expect(ids).toHaveLength(30);
    expect(window?.earlierTurns).toBe(Number(ids[0]?.slice(1)));
    expect((window?.earlierTurns ?? 0) + 30 + (window?.laterTurns ?? 0)).toBe(200);
  });

  it('opening a search hit the branch already shows writes nothing (no walk to the root)', () => {
    const db = openDatabase(':memory:');
    const store = new ConversationStore(db, () => 1_000);
    const { userIds, replyIds } = seed(store, 200);
    const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    store.reveal('c', userIds[20] ?? '');
    store.reveal('c', replyIds[150] ?? '');
    expect(changes()).toBe(before);
    const window = store.loadWindow('c', { limit: 30, aroundMessageId: userIds[20] });
    expect(window?.turns.map((turn) => turn.id)).toEqual(userIds.slice(5, 35));
  });

  it('follows the branch the user is on, and refuses a page next to a turn on another branch', () => {
    const { store } = setup(10);
    // Edit the 6th message: a sibling under the 5th reply starts a new branch of one turn.
    const edited: Turn = {
      id: 'u5b',
      userText: 'Question 5, edited',
      replies: [],
      activeReply: 0,
      userVersion: 1,
      userVersionCount: 2,
    };
    store.addTurn('c', edited, 'r4');
    const window = store.loadWindow('c', { limit: 30 });
    expect(window?.turns.map((turn) => turn.id)).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5b']);
    expect(window?.turns.at(-1)).toMatchObject({ userVersion: 1, userVersionCount: 2 });
    expect(store.turnPage('c', { beforeTurnId: 'u8', limit: 5 })).toBeNull();
    expect(store.loadWindow('missing', { limit: 5 })).toBeNull();
  });
});

describe('ConversationStore keeps a branch between pages', () => {
  it('a new message, another version or another branch shows at once; new text too', () => {
    const { store } = setup(6);
    const ids = () => store.loadWindow('c', { limit: 30 })?.turns.map((turn) => turn.id);
    expect(ids()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);

    // A reply's text saved while it streams: read fresh, with the branch kept.
    store.saveReply({
      id: 'r5',
      streamId: 'r5',
      model: 'm',
      text: 'Rewritten',
      reasoning: '',
      status: 'done',
      seq: 2,
    });
    expect(store.loadWindow('c', { limit: 1 })?.turns[0]?.replies[0]?.text).toBe('Rewritten');

    // An edit of the 3rd message: a new branch.
    const edited: Turn = {
      id: 'u2b',
      userText: 'Edited',
      replies: [],
      activeReply: 0,
      userVersion: 1,
      userVersionCount: 2,
    };
    store.addTurn('c', edited, 'r1');
    expect(ids()).toEqual(['u0', 'u1', 'u2b']);

    // Back to the first version of it: the old branch again.
    store.setActiveUserVersion('c', 'u2');
    expect(ids()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);

    // Another reply version of the last turn becomes the one shown.
    const again = {
      id: 'r5b',
      streamId: 'r5b',
      model: 'm',
      text: 'B',
      reasoning: '',
      status: 'done' as const,
      seq: 1,
    };
    const last = store.loadWindow('c', { limit: 1 })?.turns[0];
    if (!last) throw new Error('no last turn');
    store.addReply('c', { ...last, activeReply: 1 }, again, 'anthropic');
    expect(store.loadWindow('c', { limit: 1 })?.turns[0]).toMatchObject({ activeReply: 1 });
    expect(store.loadWindow('c', { limit: 1 })?.turns[0]?.replies.map((r) => r.id)).toEqual([
      'r5',
      'r5b',
    ]);
  });
});
