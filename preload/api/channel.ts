/**
 * The building blocks of the channel tables: how an entry states the schema its request must pass
 * and the type it answers with, and the result envelope every call resolves to. Modelled on GitHub
 * Desktop's `ipc-shared.ts` (one map from channel name to signature), with the request schema
 * beside the signature so that main validates exactly what the renderer's types promise.
 */
import type { ZodType } from 'zod';
import type { SchemaKit } from './schema-kit';

declare const resultType: unique symbol;
declare const payloadType: unique symbol;

/**
 * A result type held as a value: the object is empty, only its type remembers `T`. Lets the
 * table, a plain object the preload can import, carry a type without carrying any code.
 */
export interface Returns<T> {
  readonly [resultType]?: T;
}

/** The table entry for "this channel answers with a `T`". */
export function returns<T>(): Returns<T> {
  return {};
}

/** An event channel's entry: the payload type main sends on it, held like `Returns`. */
export interface EventEntry<P> {
  readonly [payloadType]?: P;
}

/** The table entry for "this event channel carries a `P`". */
export function carries<P>(): EventEntry<P> {
  return {};
}

/**
 * One invoke channel (renderer → main): how main builds the schema the payload must pass (only
 * main calls `request`, so the preload bundle never runs or needs zod), and what it answers.
 */
export interface InvokeEntry {
  request: (kit: SchemaKit) => ZodType;
  result: Returns<unknown>;
}

/**
 * A group of invoke channels, named `group:method` in kebab case: the renderer calls each as
 * `parley.<group>.<method>` in camel case (`conversation-settings:get` → `conversationSettings.get`).
 * Returns its argument; it exists to type-check the entries and give `request` its parameter type.
 */
export function defineChannels<T extends Record<`${string}:${string}`, InvokeEntry>>(table: T): T {
  return table;
}

/** Why main refused a call (as opposed to a provider failure, which arrives as a stream event). */
export interface IpcFailure {
  kind: 'invalid_payload' | 'forbidden' | 'not_found' | 'busy' | 'storage' | 'internal';
  message: string;
}

/** Every invoke resolves to this; it never rejects with an Error whose text the user would see. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcFailure };
