/**
 * The channel table: every invoke channel (renderer → main), keyed by its name, with the schema
 * its request must pass and the type it answers with. The renderer's API (`ParleyApi`), main's
 * handler table and the request/result types all derive from it, so adding a channel is one entry
 * in a group file here and one handler in main/ipc/register-handlers.ts; the compiler names the rest.
 */
import type { z } from 'zod';
import { appChannels } from './app';
import type { Returns } from './channel';
import { chatChannels } from './chat';
import { conversationChannels } from './conversations';
import { profileChannels } from './profiles';
import { toolChannels } from './tools';
import { attachmentChannels } from './attachments';

/** Every invoke channel, by name: `{ request: (kit) => schema, result: returns<Result>() }`. */
export const invokeChannels = {
  ...chatChannels,
  ...conversationChannels,
  ...profileChannels,
  ...appChannels,
  ...toolChannels,
  ...attachmentChannels,
};

/** The type of the channel table. */
export type InvokeChannelTable = typeof invokeChannels;

/** Every invoke channel name. */
export type InvokeChannel = keyof InvokeChannelTable;

/** Every invoke channel name, as a list (the preload builds `window.parley` from it). */
export const invokeChannelNames = Object.keys(invokeChannels) as InvokeChannel[];

/** The zod schema main checks a channel's payload with. */
export type RequestSchemaOf<C extends InvokeChannel> = ReturnType<InvokeChannelTable[C]['request']>;

/** The payload main's handler receives on a channel, after validation (defaults filled in). */
export type RequestOf<C extends InvokeChannel> = z.output<RequestSchemaOf<C>>;

/** The payload the renderer sends on a channel (before validation: defaulted fields may be absent). */
export type RequestInput<C extends InvokeChannel> = z.input<RequestSchemaOf<C>>;

/** The value a channel answers with (inside `IpcResult`). */
export type ResultOf<C extends InvokeChannel> =
  InvokeChannelTable[C]['result'] extends Returns<infer R> ? R : never;
