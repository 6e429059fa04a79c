/**
 * What every channel's schema is built from: zod itself and the shapes many channels share.
 * Main builds it once (see `createRequestSchemas`); the channel tables import only its type, so
 * the preload bundle, which imports the tables for their channel names, never carries zod.
 */
import { z } from 'zod';

/**
 * Build the kit: `z`, an id (1–100 characters), the id of a reply the page asks for (a UUID it
 * minted, RFC 9562 — main also checks it is unused) and "no payload" (undefined, null or `{}`).
 */
export function createSchemaKit() {
  return {
    z,
    id: z.string().min(1).max(100),
    replyId: z.uuid('A reply id must be a UUID.'),
    noPayload: z.union([z.undefined(), z.null(), z.strictObject({})]),
  };
}

/** The kit a channel's `request` builds its schema from. */
export type SchemaKit = ReturnType<typeof createSchemaKit>;
