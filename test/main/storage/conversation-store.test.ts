import { describe, expect, it } from 'vitest';
import type { Reply, Turn } from '../../../preload/api';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import { everyKindOfCall, openCalls, replyText, storeWithReply } from './tool-call-fixtures';

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

describe('ConversationStore with tool calls', () => {
  it('saves every call with the reply and loads them back as they were, in every status', () => {
    const calls = [...everyKindOfCall(), ...openCalls()];
    const { store } = storeWithReply({ text: replyText, toolCalls: calls, seq: 3 });
    const loaded = store.load('c')?.turns[0]?.replies[0];
    expect(loaded?.text).toBe(replyText);
    expect(loaded?.toolCalls).toEqual(calls);
  });

  it('each save replaces the calls, so the reply reopens as its last save left it', () => {
    const { store, path, db } = storeWithReply({ text: 'Let me look.', toolCalls: openCalls() });
    const done = everyKindOfCall().slice(0, 1);
    store.saveReply(reply('r1', { text: replyText, status: 'done', toolCalls: done }));
    db.close();
    const reopened = new ConversationStore(openDatabase(path));
    expect(reopened.load('c')?.turns[0]?.replies[0]?.toolCalls).toEqual(done);
  });

  it('a reply without calls loads without a toolCalls field', () => {
    const { store } = storeWithReply({ text: 'Plain answer', status: 'done', toolCalls: [] });
    expect(store.load('c')?.turns[0]?.replies[0]).not.toHaveProperty('toolCalls');
  });

  it('a damaged row still opens: calls that do not check out are dropped and logged', () => {
    const [good, second] = everyKindOfCall();
    const { store, db, logged } = storeWithReply({ text: replyText, status: 'done' });
    const broken = { ...second, status: 'exploded', textOffset: -1 };
    const lost = { ...good, id: 'far-away', textOffset: 10_000 };
    db.prepare('UPDATE messages SET tool_calls = ? WHERE id = ?').run(
      JSON.stringify([good, broken, 'not a call', lost]),
      'r1',
    );
    const loaded = store.load('c')?.turns[0]?.replies[0];
    expect(loaded?.text).toBe(replyText);
    // The call placed past the text's end is kept at its end, where its card can show.
    expect(loaded?.toolCalls).toEqual([good, { ...lost, textOffset: replyText.length }]);
    expect(logged).toEqual([
      'reply r1: stored tool call 2 is damaged and was left out',
      'reply r1: stored tool call 3 is damaged and was left out',
    ]);

    db.prepare('UPDATE messages SET tool_calls = ? WHERE id = ?').run('{"half": ', 'r1');
    const opened = store.load('c')?.turns[0]?.replies[0];
    expect(opened?.text).toBe(replyText);
    expect(opened?.toolCalls).toBeUndefined();
    expect(logged.at(-1)).toBe('reply r1: the stored tool calls are not JSON; none were kept');
  });

  it('after a crash, open calls of an unfinished reply are interrupted and finished ones kept', () => {
    const finished = everyKindOfCall();
    const { path, db } = storeWithReply({
      text: replyText,
      status: 'streaming',
      toolCalls: [...finished, ...openCalls()],
    });
    db.close();
    const store = new ConversationStore(openDatabase(path));
    expect(store.markInterrupted()).toBe(1);
    const loaded = store.load('c')?.turns[0]?.replies[0];
    expect(loaded).toMatchObject({
      status: 'done',
      stopReason: 'interrupted',
      text: replyText,
    });
    expect(loaded?.toolCalls?.slice(0, finished.length)).toEqual(finished);
    expect(loaded?.toolCalls?.slice(finished.length).map((call) => [call.id, call.status])).toEqual(
      [
        ['call-streaming', 'interrupted'],
        ['call-waiting', 'interrupted'],
        ['call-running', 'interrupted'],
      ],
    );
    // The next start finds nothing left to recover.
    expect(store.markInterrupted()).toBe(0);
  });

  it('keeps which tool servers a conversation uses; null goes back to every enabled server', () => {
    const { store, path, db } = storeWithReply({});
    store.setConversationSettings('c', {
      model: 'claude-x',
      toolServerIds: ['srv-files', 'srv-camera'],
    });
    expect(store.getConversationSettings('c')).toEqual({
      model: 'claude-x',
      toolServerIds: ['srv-files', 'srv-camera'],
    });
    // A change that does not name the servers leaves them as they were.
    store.setConversationSettings('c', { systemPrompt: 'Be brief.' });
    db.close();
    const reopened = new ConversationStore(openDatabase(path));
    expect(reopened.getConversationSettings('c').toolServerIds).toEqual([
      'srv-files',
      'srv-camera',
    ]);
    // An empty list means no tools, and is kept as such (not as "every server").
    reopened.setConversationSettings('c', { toolServerIds: [] });
    expect(reopened.getConversationSettings('c').toolServerIds).toEqual([]);
    reopened.setConversationSettings('c', { toolServerIds: null });
    expect(reopened.getConversationSettings('c')).toEqual({
      model: 'claude-x',
      systemPrompt: 'Be brief.',
    });
  });
});
