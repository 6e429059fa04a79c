import { describe, expect, it } from 'vitest';
import type { ChatEvent, ConversationChangedEvent } from '../../../preload/api';
import { ChatService, type EventSink } from '../../../main/chat/chat-service';
import { ConversationService } from '../../../main/chat/conversation-service';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import type { ActiveProfile } from '../../../main/storage/profile-settings';
import { ScriptedProvider, settle } from './scripted-provider';
import { conversationServiceOptions } from './conversation-service-kit';

const profile: ActiveProfile = {
  kind: 'anthropic',
  baseUrl: 'http://127.0.0.1:9',
  model: 'claude-test',
  apiKey: 'sk-test',
  source: 'saved',
};

/** Both services wired as main wires them, over one window that records what it is sent. */
function setup() {
  const store = new ConversationStore(openDatabase(':memory:'));
  const providers: ScriptedProvider[] = [];
  let conversations: ConversationService | null = null;
  const chat = new ChatService({
    activeProfile: async () => profile,
    store,
    createProvider: () => {
      const provider = new ScriptedProvider();
      providers.push(provider);
      return provider;
    },
    fetch: () => Promise.reject(new Error('unused')),
    onChanged: (id, sink) => conversations?.notify(sink, id),
  });
  conversations = new ConversationService(
    conversationServiceOptions(store, chat, async () => profile),
  );
  const changes: ConversationChangedEvent[] = [];
  const chatEvents: ChatEvent[] = [];
  const sink: EventSink = {
    id: 1,
    isDestroyed: () => false,
    send: (channel, payload) => {
      if (channel === 'conversations:changed') changes.push(payload as ConversationChangedEvent);
      else if (channel === 'chat:event') chatEvents.push(payload as ChatEvent);
    },
  };
  /** Whether the sidebar's listing says a reply is running in the conversation. */
  const listed = (id: string) =>
    conversations.list({}).items.find((item) => item.id === id)?.streaming;
  /** What the latest announcement for the conversation said about it. */
  const announced = (id: string) =>
    changes.filter((change) => change.conversationId === id).at(-1)?.summary?.streaming;
  return { chat, conversations, providers, sink, changes, chatEvents, listed, announced };
}

describe('ConversationService: replies running in the background', () => {
  it('lists and announces a conversation as streaming while its reply runs, and not after', async () => {
    const { chat, providers, sink, listed, announced } = setup();
    const { conversationId } = await chat.send({ text: 'Hi' }, sink);
    expect(listed(conversationId)).toBe(true);
    expect(announced(conversationId)).toBe(true);

    providers[0]?.push({ type: 'text', text: 'Hello' }, { type: 'stop', reason: 'end' }, 'end');
    await settle();
    expect(listed(conversationId)).toBe(false);
    expect(announced(conversationId)).toBe(false);
  });

  it('a reply keeps running while another conversation is used; each row says which', async () => {
    const { chat, providers, sink, listed, announced, chatEvents } = setup();
    const first = await chat.send({ text: 'First' }, sink);
    const second = await chat.send({ text: 'Second' }, sink);
    expect([listed(first.conversationId), listed(second.conversationId)]).toEqual([true, true]);

    providers[1]?.push({ type: 'text', text: 'Two' }, { type: 'stop', reason: 'end' }, 'end');
    providers[0]?.push({ type: 'text', text: 'One, still going' });
    await settle();
    expect([listed(first.conversationId), listed(second.conversationId)]).toEqual([true, false]);
    expect(announced(second.conversationId)).toBe(false);
    // The background reply's text is in the snapshot the page loads when the user comes back.
    const snapshot = chat.snapshot({ conversationId: first.conversationId });
    expect(snapshot?.turns[0]?.replies[0]).toMatchObject({
      text: 'One, still going',
      status: 'streaming',
    });

    providers[0]?.push({ type: 'stop', reason: 'end' }, 'end');
    await settle();
    expect(listed(first.conversationId)).toBe(false);
    const ends = chatEvents.filter((event) => event.type === 'done');
    expect(ends.map((event) => event.type === 'done' && event.stopReason)).toEqual(['end', 'end']);
  });

  it('deleting a conversation stops its reply, which is kept as stopped for Undo', async () => {
    const { chat, conversations, providers, sink, chatEvents } = setup();
    const { conversationId, turn } = await chat.send({ text: 'Hi' }, sink);
    providers[0]?.push({ type: 'text', text: 'Part' });
    await settle();

    conversations.delete({ conversationId });
    expect(chat.isRunning(conversationId)).toBe(false);
    expect(providers[0]?.signals[0]?.aborted).toBe(true);
    expect(chatEvents.at(-1)).toMatchObject({ type: 'done', stopReason: 'stopped' });

    const restored = conversations.restore({ conversationId });
    expect(restored.streaming).toBe(false);
    const reply = chat.snapshot({ conversationId })?.turns[0]?.replies[0];
    expect(reply).toMatchObject({ id: turn.replies[0]?.id, text: 'Part', stopReason: 'stopped' });
  });
});
