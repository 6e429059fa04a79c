import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../preload/api';
import { ConversationLibrary } from '../../../main/storage/conversation-library';
import {
  markedExcerpt,
  searchMessages,
  splitSnippet,
  toFtsQuery,
} from '../../../main/storage/conversation-search';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import { everyKindOfCall, pixelPng, reply, replyText, storeWithReply } from './tool-call-fixtures';
import { databaseAtVersion } from './old-database';

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

/** A database holding these prompts, one conversation each, oldest first. */
function withPrompts(...texts: string[]) {
  const db = openDatabase(':memory:');
  const store = new ConversationStore(db);
  texts.forEach((text, index) => {
    store.createConversation(`c${index}`, `Chat ${index}`);
    store.addTurn(`c${index}`, turn(`u${index}`, text), null);
  });
  return db;
}

const ids = (db: DatabaseSync, query: string) =>
  searchMessages(db, query).map((hit) => hit.messageId);
const marked = (db: DatabaseSync, query: string) =>
  searchMessages(db, query)[0]
    ?.snippet.filter((part) => part.match)
    .map((part) => part.text);

describe('search in every script', () => {
  it('finds a word inside Chinese text, which has no spaces, and marks it', () => {
    const db = withPrompts('今天的会议讨论了数据库迁移方案', '明天去公园散步');
    expect(ids(db, '数据库')).toEqual(['u0']);
    expect(ids(db, '迁移方案')).toEqual(['u0']);
    expect(marked(db, '数据库')).toEqual(['数据库']);
    expect(ids(db, '数据库 公园')).toEqual([]);
  });

  it('finds Japanese and Korean words inside sentences', () => {
    const db = withPrompts('東京でラーメンを食べました', '데이터베이스를 옮겼습니다');
    expect(ids(db, 'ラーメン')).toEqual(['u0']);
    expect(ids(db, '데이터베이스')).toEqual(['u1']);
  });

  it('finds one- and two-character CJK words, which trigrams cannot', () => {
    const db = withPrompts('今天的会议讨论了数据库迁移方案', '我的猫很可爱');
    expect(ids(db, '数据')).toEqual(['u0']);
    expect(ids(db, '猫')).toEqual(['u1']);
    expect(marked(db, '猫')).toEqual(['猫']);
    expect(ids(db, '狗')).toEqual([]);
  });

  it('mixes words and CJK text in one query, every part required', () => {
    const db = withPrompts('The 数据库 migration is done', 'The migration failed', '数据库 backup');
    expect(ids(db, 'migration 数据库')).toEqual(['u0']);
    expect(ids(db, 'migration 数据')).toEqual(['u0']);
  });

  it('keeps the symbols of C++, C# and .NET instead of matching every word starting with c', () => {
    const db = withPrompts(
      'code in c and cobol, cats and clouds',
      'I write C++ every day',
      'C# and F# on .NET, in ASP.NET too',
      'The net is wide',
    );
    expect(ids(db, 'C++')).toEqual(['u1']);
    expect(ids(db, 'c++')).toEqual(['u1']);
    expect(ids(db, 'C#')).toEqual(['u2']);
    expect(ids(db, '.NET')).toEqual(['u2']);
    // The word "net" is still a word, in .NET as anywhere.
    expect(ids(db, 'net').sort()).toEqual(['u2', 'u3']);
    expect(ids(db, 'c').sort()).toEqual(['u0', 'u1', 'u2']);
    expect(marked(db, 'C++')).toEqual(['C++']);
    expect(ids(db, '(C++),')).toEqual(['u1']);
  });

  it('never throws on odd input in any script', () => {
    const db = withPrompts('数据库 C++ 100% _under_ \\back');
    for (const query of ['%', '_', '数"据', '"C++"', '++', '#', '.', '..NET', '%数', '\\', 'c#*']) {
      expect(() => searchMessages(db, query), query).not.toThrow();
    }
    expect(ids(db, '%')).toEqual([]);
    expect(ids(db, '_')).toEqual([]);
  });

  it('a database from before the trigram index gets it filled when it is opened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-search-'));
    try {
      const path = join(dir, 'v2.db');
      databaseAtVersion(path, 2, '今天的会议讨论了数据库迁移方案 in C++');
      const db = openDatabase(path);
      expect(ids(db, '数据库')).toEqual(['m']);
      expect(ids(db, 'C++')).toEqual(['m']);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('markedExcerpt', () => {
  it('cuts a long text around the first match and marks every occurrence', () => {
    const text = `${'a'.repeat(100)}猫${'b'.repeat(10)}猫${'c'.repeat(100)}`;
    const parts = markedExcerpt(text, ['猫']);
    expect(parts.filter((part) => part.match).map((part) => part.text)).toEqual(['猫', '猫']);
    expect(parts[0]?.text.startsWith('…')).toBe(true);
    expect(parts.at(-1)?.text.endsWith('…')).toBe(true);
  });
});

describe('search in tool calls', () => {
  const calls = everyKindOfCall();
  const text = (db: DatabaseSync, query: string) =>
    searchMessages(db, query)[0]
      ?.snippet.map((part) => part.text)
      .join('');

  it('finds tool names, arguments and result text, with a snippet from the call', () => {
    const { db } = storeWithReply({ text: replyText, status: 'done', toolCalls: calls });
    expect(ids(db, 'centimetres')).toEqual(['r1']);
    expect(marked(db, 'centimetres')).toEqual(['centimetres']);
    expect(text(db, 'centimetres')).toContain('pot forty centimetres deep');
    // The server and tool names, an argument, a resource's text, a tool's error answer.
    expect(ids(db, 'snapshot')).toEqual(['r1']);
    expect(ids(db, 'camera')).toEqual(['r1']);
    expect(ids(db, 'garden.md')).toEqual(['r1']);
    expect(ids(db, 'basil')).toEqual(['r1']);
    expect(ids(db, 'ENOENT')).toEqual(['r1']);
    expect(ids(db, 'seed catalogue')).toEqual(['r1']);
    // Words of the reply and of its calls together.
    expect(ids(db, 'deep basil')).toEqual(['r1']);
    // Image data is not text.
    expect(ids(db, pixelPng.slice(0, 12))).toEqual([]);
  });

  it('finds CJK substrings in arguments, long ones through the trigram index and short ones too', () => {
    const { db } = storeWithReply({ text: replyText, status: 'done', toolCalls: calls });
    expect(ids(db, '数据库')).toEqual(['r1']);
    expect(marked(db, '数据库')).toEqual(['数据库']);
    expect(ids(db, '迁移方案')).toEqual(['r1']);
    // 1–2 characters: no index, a LIKE over the newest messages, excerpted from the call.
    expect(ids(db, '数据')).toEqual(['r1']);
    expect(marked(db, '数据')).toEqual(['数据']);
    expect(text(db, '数据')).toContain('数据库迁移方案');
  });

  it('follows each save: calls saved later are found, calls saved away are not', () => {
    const { db, store } = storeWithReply({ text: 'Let me look.', toolCalls: [] });
    expect(ids(db, 'centimetres')).toEqual([]);
    store.saveReply(reply('r1', { text: replyText, toolCalls: calls }));
    expect(ids(db, 'centimetres')).toEqual(['r1']);
    store.saveReply(reply('r1', { text: replyText, status: 'done', toolCalls: calls.slice(1) }));
    expect(ids(db, 'centimetres')).toEqual([]);
    expect(ids(db, '数据库')).toEqual([]);
    expect(ids(db, 'basil')).toEqual(['r1']);
    // A save that changes only statuses re-indexes nothing and leaves the calls findable.
    const denied = calls.slice(1).map((call) => ({ ...call, status: 'denied' as const }));
    store.saveReply(reply('r1', { text: replyText, status: 'done', toolCalls: denied }));
    expect(ids(db, 'basil')).toEqual(['r1']);
    // Both indexes match the table exactly (FTS5's own check of an external-content index),
    // before and after the conversation's messages are deleted for good.
    const check = () => {
      for (const index of ['messages_fts', 'messages_trigram']) {
        db.exec(`INSERT INTO ${index}(${index}, rank) VALUES ('integrity-check', 1)`);
      }
    };
    expect(check).not.toThrow();
    new ConversationLibrary(db).softDelete('c');
    new ConversationLibrary(db).purgeDeleted();
    expect(check).not.toThrow();
    expect(ids(db, 'basil')).toEqual([]);
  });
});
