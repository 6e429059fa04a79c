/**
 * The request schemas, built from the channel table on demand. Only main calls this: it is the
 * one place that runs zod, so the preload bundle (which imports the table only for its names)
 * stays free of it.
 */
import {
  invokeChannelNames,
  invokeChannels,
  type InvokeChannel,
  type RequestSchemaOf,
} from './channels';
import { createSchemaKit } from './schema-kit';

/** Each invoke channel's payload schema, by channel. */
export type RequestSchemas = { [C in InvokeChannel]: RequestSchemaOf<C> };

/** Build every channel's payload schema (once per call: main builds them once at start). */
export function createRequestSchemas(): RequestSchemas {
  const kit = createSchemaKit();
  const entries = invokeChannelNames.map((channel) => [
    channel,
    invokeChannels[channel].request(kit),
  ]);
  // Object.fromEntries cannot keep the per-key types; the map above covers every channel.
  return Object.fromEntries(entries) as RequestSchemas;
}
