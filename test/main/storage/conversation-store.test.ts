import { describe, expect, it } from 'vitest';
import type { Reply, Turn } from '../../../preload/api';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';

function reply(id: string, overrides: Partial<Reply> = {}): Reply {
  return {
    id,
    streamId: `s-${id}`,
    model: 'm',
    text: '',
    reasoning: '',
    status: 'streaming',
    seq: 0,
    ...overrides,
  };
}

function setup() {
  let clock = 1_000;
  const db = openDatabase(':memory:');
  const store = new ConversationStore(db, () => (clock += 1));
  return { db, store };
}

describe('ConversationStore', () => {
  it('round-trips turns, reply versions, their outcome and the chosen version', () => {
    const { store } = setup();
    store.createConversation('c');
    const turn: Turn = {
      id: 't1',
      userText: 'Question',
      replies: [],
      activeReply: 0,
      userVersion: 0,
      userVersionCount: 1,
    };
    store.addTurn('c', turn, null);
    const first = reply('r1');
    store.addReply('c', turn, first, 'anthropic');
    store.saveReply({
      ...first,
      text: 'One',
      status: 'done',
      stopReason: 'other',
      providerStopReason: 'some_new_reason',
      usage: { inputTokens: 3, outputTokens: 1, partial: true },
      seq: 4,
    });
    turn.activeReply = 1;
    const second = reply('r2');
    store.addReply('c', turn, second, 'anthropic');
    store.saveReply({
      ...second,
      status: 'error',
      error: { kind: 'overloaded', message: 'Busy' },
      seq: 1,
    });
    store.setActiveReply('t1', 0);

    expect(store.load('c')).toEqual({
      id: 'c',
      title: '',
      turns: [
        {
          id: 't1',
          userText: 'Question',
          activeReply: 0,
          userVersion: 0,
          userVersionCount: 1,
          replies: [
            {
              ...first,
              text: 'One',
              status: 'done',
              stopReason: 'other',
              providerStopReason: 'some_new_reason',
              usage: { inputTokens: 3, outputTokens: 1, partial: true },
              seq: 4,
            },
            { ...second, status: 'error', error: { kind: 'overloaded', message: 'Busy' }, seq: 1 },
          ],
        },
      ],
    });
  });

  it('keeps the tree: versions are siblings, the next prompt hangs off the chosen version', () => {
    const { db, store } = setup();
    store.createConversation('c');
    const t1: Turn = {
      id: 't1',
      userText: 'A',
      replies: [],
      activeReply: 0,
      userVersion: 0,
      userVersionCount: 1,
    };
    store.addTurn('c', t1, null);
    store.addReply('c', t1, reply('r1'), 'anthropic');
    store.addReply('c', t1, reply('r2'), 'anthropic');
    store.addTurn(
      'c',
      { id: 't2', userText: 'B', replies: [], activeReply: 0, userVersion: 0, userVersionCount: 1 },
      'r2',
    );
    const parents = db.prepare('SELECT id, parent_id FROM messages ORDER BY position').all();
    expect(parents).toEqual([
      { id: 't1', parent_id: null },
      { id: 'r1', parent_id: 't1' },
      { id: 'r2', parent_id: 't1' },
      { id: 't2', parent_id: 'r2' },
    ]);
  });

  it('the latest conversation is the one written to last', () => {
    const { store } = setup();
    store.createConversation('old');
    store.createConversation('new');
    expect(store.latestConversationId()).toBe('new');
    store.addTurn(
      'old',
      {
        id: 't',
        userText: 'again',
        replies: [],
        activeReply: 0,
        userVersion: 0,
        userVersionCount: 1,
      },
      null,
    );
    expect(store.latestConversationId()).toBe('old');
    expect(store.load('nope')).toBeNull();
  });

  it('marks replies left streaming by a dead process as interrupted, keeping their text', () => {
    const { store } = setup();
    store.createConversation('c');
    const turn: Turn = {
      id: 't',
      userText: 'Q',
      replies: [],
      activeReply: 0,
      userVersion: 0,
      userVersionCount: 1,
    };
    store.addTurn('c', turn, null);
    const r = reply('r');
    store.addReply('c', turn, r, 'anthropic');
    store.saveReply({ ...r, text: 'Half an ans', seq: 3 });
    expect(store.markInterrupted()).toBe(1);
    expect(store.load('c')?.turns[0]?.replies[0]).toMatchObject({
      text: 'Half an ans',
      status: 'done',
      stopReason: 'interrupted',
    });
    expect(store.markInterrupted()).toBe(0);
  });
});
