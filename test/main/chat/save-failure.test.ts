import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../preload/api';
import { ChatService, type EventSink } from '../../../main/chat/chat-service';
import { saveIntervalMs } from '../../../main/chat/reply-recorder';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import { ScriptedProvider, settle } from './scripted-provider';

const diskFull = () =>
  Object.assign(new Error('database or disk is full'), { code: 'ERR_SQLITE_ERROR', errcode: 13 });

function setup() {
  const store = new ConversationStore(openDatabase(':memory:'));
  let failing = false;
  const realSave = store.saveReply.bind(store);
  store.saveReply = (reply, timings) => {
    if (failing) throw diskFull();
    realSave(reply, timings);
  };
  const provider = new ScriptedProvider();
  const logged: string[] = [];
  const chat = new ChatService({
    activeProfile: async () => ({
      kind: 'anthropic',
      baseUrl: 'http://x',
      model: 'm',
      apiKey: 'k',
      source: 'saved',
    }),
    store,
    createProvider: () => provider,
    fetch: () => Promise.reject(new Error('unused')),
    log: (message) => logged.push(message),
  });
  const events: ChatEvent[] = [];
  const sink: EventSink = {
    id: 1,
    send: (_c, p) => void events.push(p as ChatEvent),
    isDestroyed: () => false,
  };
  return { chat, provider, events, sink, logged, fail: () => (failing = true) };
}

describe('a reply that cannot be saved', () => {
  it('keeps streaming and says so once, with what to do, when the disk fills mid-stream', async () => {
    const { chat, provider, events, sink, logged, fail } = setup();
    await chat.send({ text: 'Q' }, sink);
    fail();
    provider.push({ type: 'text', text: 'Part one' });
    await settle(saveIntervalMs + 50);
    provider.push({ type: 'text', text: ', part two' }, { type: 'stop', reason: 'end' }, 'end');
    await settle();
    const failures = events.filter((event) => event.type === 'save-failed');
    expect(failures).toEqual([
      expect.objectContaining({
        message: 'Parley could not save: the disk is full. Free some space, then try again.',
      }),
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end' });
    expect(
      logged.filter((line) => line === 'could not save a reply').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('a failed final save rides on the terminal event', async () => {
    const { chat, provider, events, sink, fail } = setup();
    await chat.send({ text: 'Q' }, sink);
    provider.push({ type: 'text', text: 'All of it' });
    await settle();
    fail();
    provider.push({ type: 'stop', reason: 'end' }, 'end');
    await settle();
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      saveError: 'Parley could not save: the disk is full. Free some space, then try again.',
    });
  });
});
