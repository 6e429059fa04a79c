import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../preload/api';
import { ChatService, type EventSink } from '../../../main/chat/chat-service';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import { ScriptedProvider, settle } from './scripted-provider';

function setup() {
  const providers: ScriptedProvider[] = [];
  const store = new ConversationStore(openDatabase(':memory:'));
  const chat = new ChatService({
    activeProfile: async () => ({
      kind: 'anthropic',
      baseUrl: 'http://127.0.0.1:9',
      model: 'm',
      apiKey: 'k',
      source: 'saved',
    }),
    store,
    createProvider: () => {
      const provider = new ScriptedProvider();
      providers.push(provider);
      return provider;
    },
    fetch: () => Promise.reject(new Error('unused')),
  });
  const events: ChatEvent[] = [];
  const sink: EventSink = {
    id: 1,
    send: (_c, p) => void events.push(p as ChatEvent),
    isDestroyed: () => false,
  };
  const answer = async (text: string) => {
    providers.at(-1)?.push({ type: 'text', text }, { type: 'stop', reason: 'end' }, 'end');
    await settle();
  };
  return { chat, store, providers, sink, answer };
}

describe('branches', () => {
  it('editing a prompt makes a sibling version; the new request carries only the edited path', async () => {
    const { chat, providers, sink, answer } = setup();
    const first = await chat.send({ text: 'Hi' }, sink);
    await answer('Hello');
    const second = await chat.send(
      { conversationId: first.conversationId, text: 'Tell me about cats' },
      sink,
    );
    await answer('Cats purr.');

    const edited = await chat.edit(
      { conversationId: first.conversationId, turnId: second.turn.id, text: 'Tell me about dogs' },
      sink,
    );
    expect(providers.at(-1)?.requests[0]?.messages).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      { role: 'user', content: 'Tell me about dogs' },
    ]);
    expect(edited.turns.map((turn) => turn.userText)).toEqual(['Hi', 'Tell me about dogs']);
    expect(edited.turns[1]).toMatchObject({ userVersion: 1, userVersionCount: 2 });
    expect(edited.turns[1]?.replies[0]?.status).toBe('streaming');
    await answer('Dogs bark.');

    const back = chat.selectUserVersion({
      conversationId: first.conversationId,
      turnId: edited.turns[1]?.id ?? '',
      index: 0,
    });
    expect(back.turns[1]).toMatchObject({
      userText: 'Tell me about cats',
      userVersion: 0,
      userVersionCount: 2,
    });
    expect(back.turns[1]?.replies[0]?.text).toBe('Cats purr.');
    // The choice is remembered: a reload shows the same branch.
    expect(chat.snapshot({ conversationId: first.conversationId })?.turns[1]?.userText).toBe(
      'Tell me about cats',
    );
  });

  it("a later turn belongs to its branch: switching branches shows each branch's own continuation", async () => {
    const { chat, sink, answer } = setup();
    const first = await chat.send({ text: 'Q1' }, sink);
    await answer('A1');
    const edited = await chat.edit(
      { conversationId: first.conversationId, turnId: first.turn.id, text: 'Q1 edited' },
      sink,
    );
    await answer('A1 edited');
    await chat.send({ conversationId: first.conversationId, text: 'Follow-up on the edit' }, sink);
    await answer('A2');
    const original = chat.selectUserVersion({
      conversationId: first.conversationId,
      turnId: edited.turns[0]?.id ?? '',
      index: 0,
    });
    expect(original.turns.map((turn) => turn.userText)).toEqual(['Q1']);
    const again = chat.selectUserVersion({
      conversationId: first.conversationId,
      turnId: first.turn.id,
      index: 1,
    });
    expect(again.turns.map((turn) => turn.userText)).toEqual([
      'Q1 edited',
      'Follow-up on the edit',
    ]);
  });

  it('opening a search hit on another branch switches to that branch', async () => {
    const { chat, sink, answer } = setup();
    const first = await chat.send({ text: 'Original' }, sink);
    await answer('Reply to the original');
    const originalReplyId = chat.snapshot({})?.turns[0]?.replies[0]?.id ?? '';
    await chat.edit(
      { conversationId: first.conversationId, turnId: first.turn.id, text: 'Rewritten' },
      sink,
    );
    await answer('Reply to the rewrite');
    expect(chat.snapshot({})?.turns[0]?.userText).toBe('Rewritten');
    const revealed = chat.snapshot({
      conversationId: first.conversationId,
      revealMessageId: originalReplyId,
    });
    expect(revealed?.turns[0]?.userText).toBe('Original');
    expect(revealed?.turns[0]?.replies[revealed.turns[0].activeReply]?.id).toBe(originalReplyId);
  });

  it('a branch cannot be switched while a reply streams, and unknown versions are refused', async () => {
    const { chat, sink } = setup();
    const first = await chat.send({ text: 'Q' }, sink);
    expect(() =>
      chat.selectUserVersion({
        conversationId: first.conversationId,
        turnId: first.turn.id,
        index: 0,
      }),
    ).toThrow(/Wait for the reply/);
    chat.stop({ streamId: first.turn.replies[0]?.streamId ?? '' });
    expect(() =>
      chat.selectUserVersion({
        conversationId: first.conversationId,
        turnId: first.turn.id,
        index: 3,
      }),
    ).toThrow(/does not exist/);
  });
});
