/**
 * `window.parley`: its type, derived from the channel and event tables, and the one function
 * that builds it over a transport (ipcRenderer in the preload, page bindings in the test harness).
 *
 * The naming rule, applied the same way by the types and by `buildParleyApi`: a channel
 * `group-name:method-name` becomes `parley.groupName.methodName`, and an event channel
 * `group:name` becomes the subscription `parley.group.onName`.
 */
import type { IpcResult } from './channel';
import type { AddAttachmentsResult } from './attachment-model';
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

/** The API as the tables name it, before the preload's own adapters (see `ParleyApi`). */
export type DerivedParleyApi = {
  [G in GroupOf<InvokeChannel | EventChannel>]: {
    [
      C in InvokeChannel | EventChannel as GroupOf<C> extends G ? MemberOf<C> : never
    ]: C extends EventChannel ? Subscriber<C> : C extends InvokeChannel ? Invoker<C> : never;
  };
};

/**
 * What `window.parley` offers the renderer: one group per channel group, derived from the tables.
 * One member differs from its channel: `attachments:add-paths` takes paths, and the page must
 * never name a path of its own, so the page gets `attachments.addFiles(files)` instead, which
 * takes the dropped or pasted `File`s and finds their paths in the preload (a file with no
 * path, such as a pasted image, goes as bytes on `attachments:add-data`).
 */
export type ParleyApi = Omit<DerivedParleyApi, 'attachments'> & {
  attachments: Omit<DerivedParleyApi['attachments'], 'addPaths'> & {
    addFiles(files: readonly File[]): Promise<IpcResult<AddAttachmentsResult>>;
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

/**
 * Build `window.parley` from the channel tables, so every bridge has exactly the same shape.
 * `pathForFile` is Electron's `webUtils.getPathForFile` in the preload ('' for a file with no
 * path on disk); the test harness has none, so its files go as bytes.
 */
export function buildParleyApi(
  transport: BridgeTransport,
  pathForFile: (file: File) => string = () => '',
): ParleyApi {
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
  const attachments = api.attachments ?? {};
  delete attachments.addPaths;
  attachments.addFiles = (files: readonly File[]) => addFiles(transport, files, pathForFile);
  // The loops above apply the naming rule the `ParleyApi` type applies; test/preload checks both.
  return api as unknown as ParleyApi;
}

/** Attach files by path where they have one, else by their bytes; one answer for all of them. */
async function addFiles(
  transport: BridgeTransport,
  files: readonly File[],
  pathForFile: (file: File) => string,
): Promise<IpcResult<AddAttachmentsResult>> {
  const merged: AddAttachmentsResult = { added: [], problems: [] };
  const paths: string[] = [];
  const answers: Array<Promise<unknown>> = [];
  for (const file of files) {
    const path = pathForFile(file);
    if (path !== '') paths.push(path);
    else {
      const base64 = await bytesAsBase64(file);
      answers.push(
        transport.invoke('attachments:add-data', { name: file.name || 'Pasted image', base64 }),
      );
    }
  }
  if (paths.length > 0) answers.push(transport.invoke('attachments:add-paths', { paths }));
  for (const answer of answers) {
    const result = (await answer) as IpcResult<AddAttachmentsResult>;
    if (!result.ok) return result;
    merged.added.push(...result.value.added);
    merged.problems.push(...result.value.problems);
  }
  return { ok: true, value: merged };
}

/** A file's bytes as base64, in chunks (a spread of 50 MB of bytes would overflow the stack). */
async function bytesAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}
