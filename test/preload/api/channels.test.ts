/**
 * Type-level tests of the channel table (preload/api/channels.ts): the compiler must refuse a
 * handler that answers the wrong type, an API method with no channel behind it, a handler table
 * that misses or invents a channel, and an event sent with the wrong payload. They run under
 * `tsc` (npm run typecheck covers test/): every `@ts-expect-error` below fails the typecheck if
 * the line under it ever compiles. At run time vitest sees only the `expectTypeOf` calls pass.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AppCommand,
  ChatEvent,
  ConversationSnapshot,
  ConversationSummary,
  EventPayload,
  IpcResult,
  ParleyApi,
  ProfilesState,
  RequestInput,
  RequestOf,
  ResultOf,
  SaveProviderProfileResult,
  SendResult,
} from '../../../preload/api';
import type { Handler, HandlerTable } from '../../../main/ipc/register-handlers';
import { sendEvent, type EventTarget } from '../../../main/events/send-event';

declare const parley: ParleyApi;
declare const sink: EventTarget;

/** Holds code that must only compile: it is never called, so nothing is sent or invoked. */
function compileOnly(_body: () => unknown): void {}

describe('the channel table, checked by the compiler', () => {
  it('a handler must answer its channel’s result type', () => {
    expectTypeOf<ResultOf<'chat:send'>>().toEqualTypeOf<SendResult>();
    expectTypeOf<ResultOf<'chat:snapshot'>>().toEqualTypeOf<ConversationSnapshot | null>();
    const _right: Handler<'chat:snapshot'> = () => null;
    const _rightAsync: Handler<'conversations:rename'> = async (payload) => ({
      id: payload.conversationId,
      title: payload.title,
      createdAt: 0,
      updatedAt: 0,
      pinned: false,
      streaming: false,
    });
    // @ts-expect-error chat:snapshot answers a snapshot or null, never a number.
    const _wrong: Handler<'chat:snapshot'> = () => 42;
    // @ts-expect-error conversations:rename answers a whole ConversationSummary.
    const _wrongAsync: Handler<'conversations:rename'> = async () => ({ id: 'c' });
    // @ts-expect-error profiles:save answers the profile and the state, not the state alone.
    const _wrongShape: Handler<'profiles:save'> = async () => ({ profiles: [] });
    expectTypeOf<ReturnType<Handler<'profiles:save'>>>().toEqualTypeOf<
      SaveProviderProfileResult | Promise<SaveProviderProfileResult>
    >();
  });

  it('a handler receives its channel’s validated request', () => {
    expectTypeOf<Parameters<Handler<'chat:send'>>[0]>().toEqualTypeOf<RequestOf<'chat:send'>>();
    // Defaults are filled in by validation, so main sees them even when the renderer left them out.
    expectTypeOf<RequestOf<'profiles:save'>['headers']>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<RequestInput<'profiles:save'>['headers']>().toEqualTypeOf<
      Record<string, string> | undefined
    >();
    // @ts-expect-error chat:stop's payload has a streamId, not a conversationId.
    const _wrong: Handler<'chat:stop'> = (payload) => (payload.conversationId, null);
  });

  it('the handler table has every channel and no other', () => {
    // @ts-expect-error a table without chat:send is not a HandlerTable.
    const _missing: HandlerTable = {} as Omit<HandlerTable, 'chat:send'>;
    const _extra: HandlerTable = {
      ...({} as HandlerTable),
      // @ts-expect-error a handler for a channel the table does not have.
      'chat:summarize': () => null,
    };
  });

  it('the renderer’s API has a method for each channel and none without one', () => {
    expectTypeOf<keyof ParleyApi>().toEqualTypeOf<
      | 'app'
      | 'attachments'
      | 'chat'
      | 'clipboard'
      | 'connection'
      | 'conversationSettings'
      | 'conversations'
      | 'links'
      | 'localServers'
      | 'models'
      | 'profiles'
      | 'settings'
      | 'tools'
    >();
    expectTypeOf<keyof ParleyApi['chat']>().toEqualTypeOf<
      | 'send'
      | 'regenerate'
      | 'stop'
      | 'selectVersion'
      | 'snapshot'
      | 'turns'
      | 'edit'
      | 'selectUserVersion'
      | 'onEvent'
    >();
    expectTypeOf<keyof ParleyApi['settings']>().toEqualTypeOf<'get' | 'set' | 'openDataFolder'>();
    compileOnly(() => {
      // @ts-expect-error no channel is behind chat.summarize.
      void parley.chat.summarize();
      // @ts-expect-error settings:get-profile was removed, and its method with it.
      void parley.settings.getProfile();
      // @ts-expect-error there is no `plugins` channel group.
      void parley.plugins;
    });
  });

  it('each API method takes its channel’s request and resolves to its result', () => {
    expectTypeOf<ParleyApi['chat']['snapshot']>()
      .parameter(0)
      .toEqualTypeOf<RequestInput<'chat:snapshot'>>();
    expectTypeOf<ParleyApi['chat']['snapshot']>().returns.resolves.toEqualTypeOf<
      IpcResult<ConversationSnapshot | null>
    >();
    expectTypeOf<ParleyApi['conversations']['restore']>().returns.resolves.toEqualTypeOf<
      IpcResult<ConversationSummary>
    >();
    expectTypeOf<ParleyApi['profiles']['list']>().parameters.toEqualTypeOf<[]>();
    expectTypeOf<ParleyApi['profiles']['list']>().returns.resolves.toEqualTypeOf<
      IpcResult<ProfilesState>
    >();
    compileOnly(() => {
      // @ts-expect-error the message text is a string.
      void parley.chat.send({ text: 5 });
      // @ts-expect-error a channel without a payload takes no argument.
      void parley.profiles.list({});
      // @ts-expect-error the result is a SendResult, which has no `reply`.
      void parley.chat.send({ text: 'hi' }).then((result) => result.ok && result.value.reply);
    });
  });

  it('events carry the payload type of the event table, both ways', () => {
    expectTypeOf<EventPayload<'chat:event'>>().toEqualTypeOf<ChatEvent>();
    expectTypeOf<EventPayload<'app:command'>>().toEqualTypeOf<AppCommand>();
    expectTypeOf<ParleyApi['chat']['onEvent']>()
      .parameter(0)
      .parameter(0)
      .toEqualTypeOf<ChatEvent>();
    compileOnly(() => {
      sendEvent(sink, 'app:command', { type: 'stop' });
      // @ts-expect-error chat:event carries stream events, not app commands.
      sendEvent(sink, 'chat:event', { type: 'stop' });
      // @ts-expect-error there is no chat:ping event channel.
      sendEvent(sink, 'chat:ping', {});
    });
  });
});
