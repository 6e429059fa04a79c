import type { IpcFailure, IpcResult, InvokeChannel, RequestOf, ResultOf } from '../../preload/api';
import { createRequestSchemas } from '../../preload/api';
import type { EventSink } from '../chat/chat-service';
import { IpcFailureError } from '../errors/ipc-failure';
import type { Services } from '../services';
import { storageFailure } from '../errors/storage-error';

/** The invoke event as a handler sees it; Electron's IpcMainInvokeEvent has this shape. */
export interface InvokeEvent {
  sender: EventSink;
  senderFrame: { url: string } | null;
}

/** Where handlers are registered; Electron's `ipcMain` has this shape. */
export interface HandlerRegistry {
  handle(
    channel: string,
    listener: (event: InvokeEvent, payload: unknown) => Promise<unknown>,
  ): void;
}

/** Which page origins may talk to main. */
export type SenderCheck = (frameUrl: string) => boolean;

/**
 * Main's side of one channel: takes the validated payload and answers the channel's result type
 * (from the channel table), or throws an IpcFailureError / storage error to refuse.
 */
export type Handler<C extends InvokeChannel> = (
  payload: RequestOf<C>,
  sender: EventSink,
) => ResultOf<C> | Promise<ResultOf<C>>;

/** A handler for every channel of the table and for nothing else. */
export type HandlerTable = { [C in InvokeChannel]: Handler<C> };

/** The one place every IPC channel is registered: each call is sender-checked and validated. */
export function registerHandlers(
  registry: HandlerRegistry,
  services: Omit<Services, 'shutdown'>,
  isTrustedSender: SenderCheck,
  log: (message: string, error: unknown) => void = () => {},
): void {
  const { chat, conversations, profiles, settings, links, writeClipboard, continueInMain } =
    services;
  const { tools, attachments, attachmentPlans } = services;
  const handlers: HandlerTable = {
    'chat:send': (payload, sender) => chat.send(payload, sender),
    'chat:regenerate': (payload, sender) => chat.regenerate(payload, sender),
    'chat:stop': (payload) => {
      chat.stop(payload);
      return null;
    },
    'chat:select-version': (payload) => {
      chat.selectVersion(payload);
      return null;
    },
    'chat:snapshot': (payload) => chat.snapshot(payload),
    'chat:turns': (payload) => chat.turns(payload),
    'chat:edit': (payload, sender) => chat.edit(payload, sender),
    'chat:select-user-version': (payload) => chat.selectUserVersion(payload),
    'conversations:list': (payload) => conversations.list(payload),
    'conversations:rename': (payload) => conversations.rename(payload),
    'conversations:set-pinned': (payload) => conversations.setPinned(payload),
    'conversations:delete': (payload) => {
      conversations.delete(payload);
      return null;
    },
    'conversations:restore': (payload) => conversations.restore(payload),
    'conversations:search': (payload) => conversations.search(payload),
    'conversations:export': (payload) => conversations.export(payload),
    'conversations:import': (_payload, sender) => conversations.import(sender),
    'settings:get': () => settings.view(),
    'settings:set': (payload) => settings.update(payload),
    'settings:open-data-folder': async () => {
      await settings.openDataFolder();
      return null;
    },
    'profiles:list': () => profiles.state(),
    'profiles:save': (payload) => profiles.saveProfile(payload),
    'profiles:delete': (payload) => profiles.deleteProfile(payload.id),
    'attachments:pick': () => attachments.pick(),
    'attachments:add-paths': (payload) => attachments.addPaths(payload.paths),
    'attachments:add-data': (payload) => attachments.addData(payload.name, payload.base64),
    'attachments:plan': (payload) => attachmentPlans.plan(payload),
    'attachments:image': (payload) => attachments.image(payload.id),
    'attachments:open': async (payload) => {
      await attachments.open(payload.id);
      return null;
    },
    'attachments:save': (payload) => attachments.save(payload.id),
    'attachments:capabilities': (payload) => attachmentPlans.capabilities(payload),
    'attachments:set-capabilities': (payload) => attachmentPlans.setCapabilities(payload),
    'tools:decide': (payload) => tools.decide(payload),
    'tools:state': (payload, sender) => tools.state(sender, payload.start ?? false),
    'tools:save-server': (payload) => tools.saveServer(payload),
    'tools:remove-server': (payload) => tools.removeServer(payload.id),
    'tools:connect-server': (payload) => tools.connectServer(payload.id),
    'tools:set-tool-enabled': (payload) =>
      tools.setToolEnabled(payload.serverId, payload.tool, payload.enabled),
    'tools:import-servers': (payload) => tools.importServers(payload.json),
    'tools:remove-rule': (payload) => tools.removeRule(payload.id),
    'tools:set-preferences': (payload) => tools.setPreferences(payload),
    'profiles:set-active': (payload) => profiles.setActive(payload.id),
    'models:list': (payload) => settings.listModels(payload),
    'connection:test': (payload) => settings.testConnection(payload),
    'local-servers:probe': async () => ({ servers: await settings.probeLocalServers() }),
    'conversation-settings:get': (payload) => settings.conversationSettings(payload.conversationId),
    'conversation-settings:set': (payload) => settings.setConversationSettings(payload),
    'clipboard:write-text': (payload) => {
      writeClipboard(payload.text);
      return null;
    },
    'links:open': async (payload) => {
      await links.open(payload.url);
      return null;
    },
    'app:continue-in-main': (payload) => {
      continueInMain(payload.conversationId);
      return null;
    },
  };
  const schemas = createRequestSchemas();

  for (const channel of Object.keys(handlers) as InvokeChannel[]) {
    const schema = schemas[channel];
    const handler = handlers[channel] as Handler<InvokeChannel>;
    registry.handle(channel, async (event, payload): Promise<IpcResult<unknown>> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isTrustedSender(frameUrl)) {
        log(`refused ${channel} from untrusted frame ${frameUrl}`, null);
        return failure('forbidden', 'This page is not allowed to talk to Parley.');
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        return failure('invalid_payload', first?.message ?? 'The request was not valid.');
      }
      try {
        const value = await handler(parsed.data as RequestOf<InvokeChannel>, event.sender);
        return { ok: true, value: value ?? null };
      } catch (thrown) {
        const error = storageFailure(thrown);
        if (error instanceof IpcFailureError) {
          if (error.kind === 'storage') log(`${channel} could not save`, thrown);
          return failure(error.kind, error.message);
        }
        log(`${channel} failed`, error);
        return failure(
          'internal',
          'Parley could not do that. Details are in the log file (Settings → Data → logs/main.log).',
        );
      }
    });
  }
}

function failure(kind: IpcFailure['kind'], message: string): IpcResult<never> {
  return { ok: false, error: { kind, message } };
}
