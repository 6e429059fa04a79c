/**
 * `window.parley`: its type, derived from the channel and event tables, and the one function
 * that builds it over a transport (ipcRenderer in the preload, page bindings in the test harness).
 *
 * The naming rule, applied the same way by the types and by `buildParleyApi`: a channel
 * `group-name:method-name` becomes `parley.groupName.methodName`, and an event channel
 * `group:name` becomes the subscription `parley.group.onName`.
 */
import type { IpcResult } from './channel';
import {
  invokeChannelNames,
  type InvokeChannel,
  type RequestInput,
  type ResultOf,
} from './channels';
import { eventChannelNames, type EventChannel, type EventPayload } from './events';

/** `kebab-case` → `camelCase`, as a type. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** The API group a channel belongs to (`conversation-settings:get` → `conversationSettings`). */
type GroupOf<C extends string> = C extends `${infer Group}:${string}` ? CamelCase<Group> : never;

/** The member a channel becomes in its group: the method, or `on…` for an event channel. */
type MemberOf<C extends string> = C extends `${string}:${infer Name}`
  ? C extends EventChannel
    ? `on${Capitalize<CamelCase<Name>>}`
    : CamelCase<Name>
  : never;

/** How the renderer calls an invoke channel: with no argument when the channel takes no payload. */
export type Invoker<C extends InvokeChannel> =
  undefined extends RequestInput<C>
    ? () => Promise<IpcResult<ResultOf<C>>>
    : (request: RequestInput<C>) => Promise<IpcResult<ResultOf<C>>>;

/** How the renderer hears an event channel: returns the function that unsubscribes. */
export type Subscriber<C extends EventChannel> = (
  listener: (payload: EventPayload<C>) => void,
) => () => void;

/** What `window.parley` offers the renderer: one group per channel group, derived from the tables. */
export type ParleyApi = {
  [G in GroupOf<InvokeChannel | EventChannel>]: {
    [
      C in InvokeChannel | EventChannel as GroupOf<C> extends G ? MemberOf<C> : never
    ]: C extends EventChannel ? Subscriber<C> : C extends InvokeChannel ? Invoker<C> : never;
  };
};

/** How a bridge reaches main: the preload uses ipcRenderer, the test harness a page binding. */
export interface BridgeTransport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

/** `kebab-case` → `camelCase`, the runtime twin of the `CamelCase` type. */
function camelCase(kebab: string): string {
  return kebab.replace(/-(.)/g, (_match, letter: string) => letter.toUpperCase());
}

/** Where a channel lives in the API: its group and its member name (see the module comment). */
function placeOf(channel: string, event: boolean): { group: string; member: string } {
  const colon = channel.indexOf(':');
  const group = camelCase(channel.slice(0, colon));
  const name = camelCase(channel.slice(colon + 1));
  return { group, member: event ? `on${name.charAt(0).toUpperCase()}${name.slice(1)}` : name };
}

/** Build `window.parley` from the channel tables, so every bridge has exactly the same shape. */
export function buildParleyApi(transport: BridgeTransport): ParleyApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of invokeChannelNames) {
    const { group, member } = placeOf(channel, false);
    (api[group] ??= {})[member] = (payload?: unknown) => transport.invoke(channel, payload ?? null);
  }
  for (const channel of eventChannelNames) {
    const { group, member } = placeOf(channel, true);
    (api[group] ??= {})[member] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${member} needs a function`);
      return transport.subscribe(channel, listener);
    };
  }
  // The loops above apply the naming rule the `ParleyApi` type applies; test/preload checks both.
  return api as unknown as ParleyApi;
}
