import { describe, expect, it, vi } from 'vitest';
import type { ChatEvent } from '../../../preload/api';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import {
  ChatService,
  type ChatServiceOptions,
  type EventSink,
} from '../../../main/chat/chat-service';
import type { ProviderConfig } from '../../../main/providers/types';
import { IpcFailureError } from '../../../main/errors/ipc-failure';
import type { ActiveProfile } from '../../../main/storage/profile-settings';
import { ScriptedProvider, settle } from './scripted-provider';

const profile: ActiveProfile = {
  kind: 'anthropic',
  baseUrl: 'http://127.0.0.1:9',
  model: 'claude-test',
  apiKey: 'sk-test',
  source: 'saved',
};

function setup(active: ActiveProfile = profile, extra: Partial<ChatServiceOptions> = {}) {
  const providers: ScriptedProvider[] = [];
  const configs: ProviderConfig[] = [];
  const chat = new ChatService({
    ...extra,
    activeProfile: async () => active,
    store: new ConversationStore(openDatabase(':memory:')),
    createProvider: (config) => {
      configs.push(config);
      const provider = new ScriptedProvider();
      providers.push(provider);
      return provider;
    },
    fetch: () => Promise.reject(new Error('unused')),
  });
  const events: ChatEvent[] = [];
  const sink: EventSink & { destroyed: boolean } = {
    id: 7,
    destroyed: false,
    send: (_channel, payload) => events.push(payload as ChatEvent),
    isDestroyed() {
      return this.destroyed;
    },
  };
  const finish = async (index: number, text: string) => {
    providers[index]?.push({ type: 'text', text }, { type: 'stop', reason: 'end' }, 'end');
    await settle();
  };
  return { chat, providers, configs, events, sink, finish };
}

describe('ChatService', () => {
  it('a profile with a proxy URL fetches through fetchVia; one without uses the default fetch', async () => {
    const proxied = vi.fn(() => Promise.reject(new Error('unused')));
    const fetchVia = vi.fn((_proxyUrl: string) => proxied);
    const withProxy = setup({ ...profile, proxyUrl: 'socks5://127.0.0.1:1080' }, { fetchVia });
    await withProxy.chat.send({ text: 'Hi' }, withProxy.sink);
    expect(fetchVia).toHaveBeenCalledWith('socks5://127.0.0.1:1080');
    expect(withProxy.configs[0]?.fetch).toBe(proxied);

    fetchVia.mockClear();
    const without = setup(profile, { fetchVia });
    await without.chat.send({ text: 'Hi' }, without.sink);
    expect(fetchVia).not.toHaveBeenCalled();
    expect(without.configs[0]?.fetch).not.toBe(proxied);
    expect(without.configs[0]?.fetch).toBeTypeOf('function');

    // A platform without fetchVia (the test harness): the default fetch, proxy or not.
    const noVia = setup({ ...profile, proxyUrl: 'http://proxy:8080' });
    await noVia.chat.send({ text: 'Hi' }, noVia.sink);
    expect(noVia.configs[0]?.fetch).toBeTypeOf('function');
    expect(noVia.configs[0]?.fetch).not.toBe(proxied);
  });

  it('send starts a conversation whose reply fills in as events arrive', async () => {
    const { chat, events, sink, finish } = setup();
    const result = await chat.send({ text: 'Hi there' }, sink);
    expect(result.turn.userText).toBe('Hi there');
    expect(result.turn.replies).toHaveLength(1);
    expect(result.turn.replies[0]).toMatchObject({
      status: 'streaming',
      text: '',
      model: 'claude-test',
    });
    await finish(0, 'Hello!');
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end' });
    const snapshot = chat.snapshot({});
    expect(snapshot?.id).toBe(result.conversationId);
    expect(snapshot?.turns[0]?.replies[0]).toMatchObject({
      text: 'Hello!',
      status: 'done',
      seq: events.at(-1)?.seq,
    });
  });

  it('a window of the newest turns carries a reply still streaming with the text so far', async () => {
    const { chat, providers, sink, finish } = setup();
    const first = await chat.send({ text: 'One' }, sink);
    const conversationId = first.conversationId;
    await finish(0, 'First answer');
    await chat.send({ conversationId, text: 'Two' }, sink);
    await finish(1, 'Second answer');
    await chat.send({ conversationId, text: 'Three' }, sink);
    providers[2]?.push({ type: 'text', text: 'Partly' });
    await settle();

    const window = chat.snapshot({ conversationId, turnLimit: 2 });
    expect(window?.turns.map((turn) => turn.userText)).toEqual(['Two', 'Three']);
    expect(window?.earlierTurns).toBe(1);
    expect(window?.turns[1]?.replies[0]).toMatchObject({ status: 'streaming', text: 'Partly' });

    const page = chat.turns({ conversationId, beforeTurnId: window?.turns[0]?.id ?? '', limit: 5 });
    expect(page.turns.map((turn) => turn.replies[0]?.text)).toEqual(['First answer']);
    expect(page.remaining).toBe(0);
    expect(() => chat.turns({ conversationId, beforeTurnId: 'gone', limit: 5 })).toThrow(
      IpcFailureError,
    );
    await finish(2, '');
  });

  it('a reply id the page minted becomes the reply and its stream; a used one is refused', async () => {
    const { chat, events, sink, finish } = setup();
    const replyId = '0b6f3a8e-2c1d-4e5f-8a9b-0c1d2e3f4a5b';
    const first = await chat.send({ text: 'Hi', replyId }, sink);
    expect(first.turn.replies[0]).toMatchObject({ id: replyId, streamId: replyId });
    await finish(0, 'Hello!');
    expect(events.every((event) => event.streamId === replyId)).toBe(true);

    // Used already (now a saved message): refused before anything is added or requested.
    const conversationId = first.conversationId;
    await expect(chat.send({ conversationId, text: 'Again', replyId }, sink)).rejects.toMatchObject(
      { kind: 'invalid_payload' },
    );
    const turnId = first.turn.id;
    await expect(chat.regenerate({ conversationId, turnId, replyId }, sink)).rejects.toMatchObject({
      kind: 'invalid_payload',
    });
    expect(chat.snapshot({ conversationId })?.turns).toHaveLength(1);
  });

  it('two requests racing with the same reply id: the second is refused and adds nothing', async () => {
    const { chat, sink } = setup();
    const replyId = '5c0e7d2a-9b1f-4c3d-8e4f-a5b6c7d8e9f0';
    const first = chat.send({ text: 'One', replyId }, sink);
    const second = chat.send({ text: 'Two', replyId }, sink);
    await expect(second).rejects.toMatchObject({ kind: 'invalid_payload' });
    const sent = await first;
    expect(chat.snapshot({ conversationId: sent.conversationId })?.turns).toHaveLength(1);
    expect(chat.snapshot({})?.id).toBe(sent.conversationId);
  });

  it('each request carries the earlier turns', async () => {
    const { chat, providers, sink, finish } = setup();
    const first = await chat.send({ text: 'One' }, sink);
    await finish(0, 'Reply one');
    await chat.send({ conversationId: first.conversationId, text: 'Two' }, sink);
    expect(providers[1]?.requests[0]?.messages).toEqual([
      { role: 'user', content: 'One' },
      { role: 'assistant', content: 'Reply one' },
      { role: 'user', content: 'Two' },
    ]);
  });

  it('refuses a second send while a reply streams in that conversation', async () => {
    const { chat, sink } = setup();
    const first = await chat.send({ text: 'One' }, sink);
    await expect(
      chat.send({ conversationId: first.conversationId, text: 'Two' }, sink),
    ).rejects.toMatchObject({
      kind: 'busy',
    });
  });

  it('regenerate stops the running reply, keeps it, and adds a version built without it', async () => {
    const { chat, providers, events, sink, finish } = setup();
    const first = await chat.send({ text: 'Tell me a joke' }, sink);
    providers[0]?.push({ type: 'text', text: 'Why did' });
    await settle();
    const regenerated = await chat.regenerate(
      { conversationId: first.conversationId, turnId: first.turn.id },
      sink,
    );
    expect(providers[0]?.signals[0]?.aborted).toBe(true);
    const firstStream = first.turn.replies[0]?.streamId;
    expect(events.filter((event) => event.streamId === firstStream).at(-1)).toMatchObject({
      type: 'done',
      stopReason: 'stopped',
    });
    expect(regenerated.activeReply).toBe(1);
    expect(providers[1]?.requests[0]?.messages).toEqual([
      { role: 'user', content: 'Tell me a joke' },
    ]);
    await finish(1, 'Knock knock');
    const turn = chat.snapshot({})?.turns[0];
    expect(turn?.replies.map((reply) => reply.text)).toEqual(['Why did', 'Knock knock']);
    expect(turn?.replies[0]?.stopReason).toBe('stopped');
  });

  it('the version the user picks is the one the next request continues from', async () => {
    const { chat, providers, sink, finish } = setup();
    const first = await chat.send({ text: 'Q' }, sink);
    await finish(0, 'A1');
    await chat.regenerate({ conversationId: first.conversationId, turnId: first.turn.id }, sink);
    await finish(1, 'A2');
    chat.selectVersion({ conversationId: first.conversationId, turnId: first.turn.id, index: 0 });
    await chat.send({ conversationId: first.conversationId, text: 'Next' }, sink);
    expect(providers[2]?.requests[0]?.messages[1]).toEqual({ role: 'assistant', content: 'A1' });
    expect(() =>
      chat.selectVersion({ conversationId: first.conversationId, turnId: first.turn.id, index: 5 }),
    ).toThrow(IpcFailureError);
  });

  it('stop ends the stream at once; a stop for an ended stream is harmless', async () => {
    const { chat, events, sink, finish } = setup();
    const first = await chat.send({ text: 'Q' }, sink);
    const streamId = first.turn.replies[0]?.streamId ?? '';
    chat.stop({ streamId });
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'stopped', streamId });
    await finish(0, 'too late');
    chat.stop({ streamId });
    expect(events.filter((event) => event.type !== 'delta')).toHaveLength(1);
    expect(chat.activeCount).toBe(0);
  });

  it('a closing window stops its generations', async () => {
    const { chat, providers, sink } = setup();
    await chat.send({ text: 'Q' }, sink);
    chat.abortForSink(sink.id);
    expect(providers[0]?.signals[0]?.aborted).toBe(true);
    expect(chat.activeCount).toBe(0);
  });

  it('a reply handed to another window streams on there, and closing the first no longer stops it', async () => {
    const changed: Array<[string, number]> = [];
    const { chat, providers, events, sink } = setup(profile, {
      onChanged: (id, to) => void changed.push([id, to.id]),
    });
    const { conversationId } = await chat.send({ text: 'Q' }, sink);
    providers[0]?.push({ type: 'text', text: 'Before ' });
    await settle();
    const mainEvents: ChatEvent[] = [];
    const mainWindow: EventSink = {
      id: 8,
      isDestroyed: () => false,
      send: (_channel, payload) => void mainEvents.push(payload as ChatEvent),
    };

    chat.handOver(conversationId, mainWindow);
    chat.abortForSink(sink.id);
    expect(chat.isRunning(conversationId)).toBe(true);
    providers[0]?.push({ type: 'text', text: 'after' }, { type: 'stop', reason: 'end' }, 'end');
    await settle();

    const text = (list: ChatEvent[]) =>
      list.map((event) => (event.type === 'delta' ? event.text : '')).join('');
    expect(text(events)).toBe('Before ');
    expect(text(mainEvents)).toBe('after');
    expect(mainEvents.at(-1)).toMatchObject({ type: 'done', stopReason: 'end' });
    // The main window's sidebar heard of the conversation, and of its reply ending.
    expect(changed.filter(([, to]) => to === mainWindow.id)).toEqual([
      [conversationId, 8],
      [conversationId, 8],
    ]);
    const reply = chat.snapshot({ conversationId })?.turns[0]?.replies[0];
    expect(reply).toMatchObject({ text: 'Before after', status: 'done' });
  });

  it('without an Anthropic key the reply fails with a settings hint, and nothing is requested', async () => {
    const { chat, providers, events, sink } = setup({ ...profile, apiKey: null });
    const result = await chat.send({ text: 'Q' }, sink);
    expect(providers).toHaveLength(0);
    expect(result.turn.replies[0]).toMatchObject({ status: 'error', error: { kind: 'config' } });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({ kind: 'config' }),
      }),
    ]);
  });

  it('unknown conversation and turn ids are refused as not found', async () => {
    const { chat, sink } = setup();
    await expect(chat.send({ conversationId: 'nope', text: 'Q' }, sink)).rejects.toMatchObject({
      kind: 'not_found',
    });
    const first = await chat.send({ text: 'Q' }, sink);
    await expect(
      chat.regenerate({ conversationId: first.conversationId, turnId: 'nope' }, sink),
    ).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('Stop keeps exactly the text the user saw, not what was still in flight', async () => {
    const { chat, providers, events, sink } = setup();
    const first = await chat.send({ text: 'Q' }, sink);
    const streamId = first.turn.replies[0]?.streamId ?? '';
    providers[0]?.push({ type: 'text', text: 'Seen' });
    await settle(1);
    const shownSeq = events.at(-1)?.seq ?? 0;
    providers[0]?.push({ type: 'text', text: ' in flight' });
    await settle(1);
    chat.stop({ streamId, shownSeq });
    expect(chat.snapshot({})?.turns[0]?.replies[0]).toMatchObject({
      text: 'Seen',
      status: 'done',
      stopReason: 'stopped',
    });
  });

  it('a Gemini profile without a key asks for one; nothing is requested', async () => {
    const { chat, providers, sink } = setup({ ...profile, kind: 'gemini', apiKey: null });
    const result = await chat.send({ text: 'Q' }, sink);
    expect(providers).toHaveLength(0);
    expect(result.turn.replies[0]?.error?.message).toBe(
      'Add your Google Gemini API key in Settings to start chatting.',
    );
  });

  it("the profile's extra headers and system prompt reach the provider", async () => {
    const { chat, providers, configs, sink } = setup({
      ...profile,
      headers: { 'x-org': 'acme' },
      systemPrompt: 'Be brief.',
      requestDefaults: { temperature: 0.2 },
    });
    await chat.send({ text: 'Q' }, sink);
    expect(configs[0]?.headers).toEqual({ 'x-org': 'acme' });
    expect(providers[0]?.requests[0]).toMatchObject({ system: 'Be brief.', temperature: 0.2 });
  });
});
