import {
  type McpServerView,
  type ToolsState,
  buildParleyApi,
  type BridgeTransport,
  type ChatError,
  type ChatEvent,
  type ConversationChangedEvent,
  type DeltaEvent,
  type DoneEvent,
  type ErrorEvent,
  type EventChannel,
  type ConversationSnapshot,
  type InvokeChannel,
  type IpcFailure,
  type ParleyApi,
  type RegenerateRequest,
  type Reply,
  type SendRequest,
  type Turn,
} from '../../../preload/api';
import { vi } from 'vitest';
import { createFakeProfiles } from './fake-profiles';
import { createFakeConversations } from './fake-conversations';

/** Anything a fake handler may answer with (a value is wrapped as `{ ok: true, value }`). */
type Handler = (payload: unknown) => unknown;

/** Build a reply as main would hand it over. */
export function makeReply(id: string, overrides: Partial<Reply> = {}): Reply {
  return {
    id,
    streamId: `stream-${id}`,
    model: 'test-model',
    text: '',
    reasoning: '',
    status: 'streaming',
    seq: 0,
    ...overrides,
  };
}

/** A failed IpcResult. */
export function failure(kind: IpcFailure['kind'], message: string) {
  return { ok: false as const, error: { kind, message } };
}

/**
 * A ParleyApi made by the real `buildParleyApi` over an in-memory transport, with a tiny
 * conversation model so send/regenerate answer like main. Tests override any channel.
 */
export function createFakeParley() {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const listenersOf = (channel: EventChannel) => {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    return set;
  };
  const announce = (event: ConversationChangedEvent) => {
    for (const listener of [...listenersOf('conversations:changed')]) listener(event);
  };
  const conversations = createFakeConversations(announce);
  const profiles = createFakeProfiles();
  const calls: Array<{ channel: InvokeChannel; payload: unknown }> = [];
  const overrides = new Map<InvokeChannel, Handler>();
  const turns = new Map<string, Turn>();
  let counter = 0;
  // The page mints each reply's stream id (crypto.randomUUID); here it is named after the reply
  // the fake main will make next, so tests can address streams as `stream-reply-N`.
  vi.spyOn(crypto, 'randomUUID').mockImplementation(
    () => `stream-reply-${counter + 1}` as ReturnType<Crypto['randomUUID']>,
  );

  // Like main: the reply's id is the stream id the page minted (or one made here).
  const replyFor = (replyId: string | undefined) => {
    const id = replyId ?? `stream-reply-${counter}`;
    return makeReply(id, { streamId: id });
  };

  const defaults: Record<InvokeChannel, Handler> = {
    'chat:snapshot': () => null,
    'chat:turns': () => ({ turns: [], remaining: 0 }),
    'links:open': () => null,
    'clipboard:write-text': () => null,
    'app:continue-in-main': () => null,
    'chat:edit': () => ({ id: 'conv-1', title: '', turns: [] }),
    'chat:select-user-version': () => ({ id: 'conv-1', title: '', turns: [] }),
    ...conversations.handlers,
    ...profiles.handlers,
    'conversations:search': () => ({ hits: [] }),
    'conversations:export': () => ({ saved: false, fileName: '' }),
    'conversations:import': () => null,
    'chat:send': (payload) => {
      const { conversationId, text, replyId } = payload as SendRequest;
      counter++;
      const turn: Turn = {
        id: `turn-${counter}`,
        userText: text,
        replies: [replyFor(replyId)],
        activeReply: 0,
        userVersion: 0,
        userVersionCount: 1,
      };
      turns.set(turn.id, turn);
      return { conversationId: conversationId ?? 'conv-1', turn };
    },
    'chat:regenerate': (payload) => {
      const { turnId, replyId } = payload as RegenerateRequest;
      const turn = turns.get(turnId);
      counter++;
      const reply = replyFor(replyId);
      const replies = [...(turn?.replies ?? []), reply];
      if (turn) turns.set(turnId, { ...turn, replies, activeReply: replies.length - 1 });
      return { turnId, reply, activeReply: replies.length - 1 };
    },
    'chat:stop': () => null,
    'chat:select-version': () => null,
    'tools:decide': () => null,
    'tools:state': () => emptyToolsState(),
    'tools:save-server': () => {
      throw new Error('tools:save-server has no fake: override it in the test');
    },
    'tools:remove-server': () => null,
    'tools:connect-server': () => {
      throw new Error('tools:connect-server has no fake: override it in the test');
    },
    'tools:set-tool-enabled': () => {
      throw new Error('tools:set-tool-enabled has no fake: override it in the test');
    },
    'tools:import-servers': () => null,
    'tools:remove-rule': () => emptyToolsState(),
    'tools:set-preferences': () => emptyToolsState(),
    'attachments:pick': () => null,
    'attachments:add-paths': () => ({ added: [], problems: [] }),
    'attachments:add-data': () => ({ added: [], problems: [] }),
    'attachments:plan': () => [],
    'attachments:image': () => '',
    'attachments:open': () => null,
    'attachments:save': () => ({ saved: false }),
    'attachments:capabilities': () => ({ images: true, pdfs: true, source: 'default' }),
    'attachments:set-capabilities': () => ({ images: true, pdfs: true, source: 'user' }),
  };

  const transport: BridgeTransport = {
    async invoke(channel, payload) {
      calls.push({ channel, payload });
      const answer = await (overrides.get(channel) ?? defaults[channel])(payload);
      const isResult = typeof answer === 'object' && answer !== null && 'ok' in answer;
      return isResult ? answer : { ok: true, value: answer };
    },
    subscribe(channel, listener) {
      listenersOf(channel).add(listener);
      return () => listenersOf(channel).delete(listener);
    },
  };

  return {
    api: buildParleyApi(transport) as ParleyApi,
    calls,
    /** The payloads sent on one channel, oldest first. */
    callsTo: (channel: InvokeChannel) =>
      calls.filter((call) => call.channel === channel).map((call) => call.payload),
    /** Answer a channel differently (return a value, an IpcResult, or throw). */
    respond: (channel: InvokeChannel, handler: Handler) => void overrides.set(channel, handler),
    /** Deliver a stream event as main would. */
    emit: (event: ChatEvent) => {
      for (const listener of [...listenersOf('chat:event')]) listener(event);
    },
    /** Announce an MCP server's new status or tools as main would (`tools:server-changed`). */
    emitServerChanged: (server: McpServerView) => {
      for (const listener of [...listenersOf('tools:server-changed')]) listener(server);
    },
    /** Announce a conversation change as main would (a generated title, a new conversation). */
    emitChanged: announce,
    /** The fake database of conversations behind the `conversations:*` channels. */
    conversations,
    /** The fake provider profiles and preferences behind the `profiles:*` and `settings:*` channels. */
    profiles,
    /** Make the next snapshot call return this conversation. */
    setSnapshot: (snapshot: ConversationSnapshot | null) =>
      void overrides.set('chat:snapshot', () => snapshot),
    /** How many stream-event listeners are subscribed. */
    listenerCount: () => listenersOf('chat:event').size,
  };
}

/** The fake bridge and its controls. */
export type FakeParley = ReturnType<typeof createFakeParley>;

/** Shorthands for stream events. */
export const events = {
  delta: (streamId: string, seq: number, text: string, reasoning = ''): DeltaEvent => ({
    type: 'delta',
    streamId,
    seq,
    text,
    reasoning,
  }),
  done: (streamId: string, seq: number, extra: Partial<DoneEvent> = {}): DoneEvent => ({
    type: 'done',
    streamId,
    seq,
    stopReason: 'end',
    ...extra,
  }),
  error: (streamId: string, seq: number, error: ChatError): ErrorEvent => ({
    type: 'error',
    streamId,
    seq,
    error,
  }),
};

/** Settings → Tools with nothing configured. */
export function emptyToolsState(): ToolsState {
  return { servers: [], rules: [], preferences: { stepLimit: 20, autoAllowReadOnly: false } };
}

/** A configured stdio server as Settings → Tools shows it, connected with one tool. */
export function makeServer(overrides: Partial<McpServerView> = {}): McpServerView {
  return {
    id: 'server-1',
    name: 'everything',
    enabled: true,
    transport: 'stdio',
    command: 'npx',
    args: ['-y', '@modelcontextprotocol/server-everything'],
    envNames: [],
    headerNames: [],
    status: { state: 'connected', toolCount: 1 },
    tools: [{ name: 'add', readOnly: true, destructive: false, enabled: true }],
    ...overrides,
  };
}
