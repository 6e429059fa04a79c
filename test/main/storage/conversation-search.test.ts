import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../preload/api';
import { ConversationLibrary } from '../../../main/storage/conversation-library';
import {
  searchMessages,
  splitSnippet,
  toFtsQuery,
} from '../../../main/storage/conversation-search';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';

const turn = (id: string, userText: string): Turn => ({
  id,
  userText,
  replies: [],
  activeReply: 0,
  userVersion: 0,
  userVersionCount: 1,
});

function setup() {
  const db = openDatabase(':memory:');
  const store = new ConversationStore(db);
  store.createConversation('c1', 'Gardening');
  store.addTurn('c1', turn('u1', 'How do I grow tomatoes on a balcony?'), null);
  const reply = {
    id: 'r1',
    streamId: 's',
    model: 'm',
    text: '',
    reasoning: '',
    status: 'streaming' as const,
    seq: 0,
  };
  const t = turn('u1', '');
  store.addReply('c1', t, reply, 'anthropic');
  store.saveReply({
    ...reply,
    text: 'Tomatoes need six hours of sun and a deep pot.',
    status: 'done',
  });
  store.createConversation('c2', 'Cooking');
  store.addTurn('c2', turn('u2', 'A sauce with crème fraîche'), null);
  return { db, store };
}

describe('searchMessages', () => {
  it('finds words in replies and prompts, with the match marked in the snippet', () => {
    const { db } = setup();
    const hits = searchMessages(db, 'deep pot');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      conversationId: 'c1',
      conversationTitle: 'Gardening',
      messageId: 'r1',
      role: 'assistant',
    });
    expect(hits[0]?.snippet.filter((part) => part.match).map((part) => part.text)).toEqual([
      'deep',
      'pot',
    ]);
    expect(hits[0]?.snippet.map((part) => part.text).join('')).toContain('six hours of sun');
  });

  it('matches while typing (prefix of the last word) and ignores accents', () => {
    const { db } = setup();
    expect(
      searchMessages(db, 'tomat')
        .map((hit) => hit.messageId)
        .sort(),
    ).toEqual(['r1', 'u1']);
    expect(searchMessages(db, 'creme fraiche').map((hit) => hit.messageId)).toEqual(['u2']);
  });

  it('treats FTS syntax in the query as plain words and never throws', () => {
    const { db } = setup();
    for (const query of ['"', 'AND OR NOT', 'tomatoes*)', 'NEAR(', '-sun', '{}', '***']) {
      expect(() => searchMessages(db, query)).not.toThrow();
    }
    expect(searchMessages(db, '"sun"')[0]?.messageId).toBe('r1');
  });

  it('leaves out deleted conversations', () => {
    const { db } = setup();
    new ConversationLibrary(db).softDelete('c1');
    expect(searchMessages(db, 'tomatoes')).toEqual([]);
  });

  it('quotes words and splits marked snippets', () => {
    expect(toFtsQuery('hello world')).toBe('"hello" "world"*');
    expect(toFtsQuery('!!!')).toBeNull();
    expect(splitSnippet('a \u0001b\u0002 c')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c', match: false },
    ]);
  });
});
