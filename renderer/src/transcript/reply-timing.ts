/**
 * When a reply started, when its first token and its answer arrived and when it ended, as this
 * window saw them (epoch ms, `Date.now()`). Neither the provider nor main records these times,
 * so they are measured here, from the renders of the reply's own view: a reply that this window
 * watched stream gets "2.4 s · 75 tok/s", one loaded from history gets only its token count.
 * Kept per reply id outside React, so a view mounted again (a version switched back to, a
 * conversation reopened while its reply still streams) continues the same clock; grouped by the
 * transcript store the replies live in, so each store (the window's, quick ask's, a test's)
 * starts with none.
 */
import type { Reply } from '../../../preload/api';

/** What was seen of one reply; absent fields were not seen (or not yet). */
export interface ReplyTiming {
  /** The reply was first seen streaming with nothing in it: the request had just gone out. */
  startedAt?: number;
  /** Its first reasoning token arrived. */
  reasoningAt?: number;
  /** Its first token of any kind (reasoning, text or a tool call) arrived. */
  firstTokenAt?: number;
  /** Its first text token arrived: the answer began (reasoning, if any, is over). */
  answerAt?: number;
  /** It stopped streaming. */
  endedAt?: number;
}

const timingsByOwner = new WeakMap<object, Map<string, ReplyTiming>>();

/**
 * Record what `reply` (a reply of `owner`, its transcript store) shows now that was not seen before, at `now`, and return its timing.
 * Idempotent: each moment is recorded once, so calling it on every render is safe. A reply first
 * seen mid-stream or finished gets no start, so no duration is ever guessed from a partial view.
 */
export function observeReply(owner: object, reply: Reply, now: number = Date.now()): ReplyTiming {
  let timings = timingsByOwner.get(owner);
  if (!timings) {
    timings = new Map();
    timingsByOwner.set(owner, timings);
  }
  let timing = timings.get(reply.id);
  const streaming = reply.status === 'streaming';
  const hasToken =
    reply.text !== '' || reply.reasoning !== '' || (reply.toolCalls?.length ?? 0) > 0;
  if (!timing) {
    timing = streaming && !hasToken ? { startedAt: now } : {};
    timings.set(reply.id, timing);
  }
  // Seen first with content: its moments happened before this view existed.
  if (timing.startedAt === undefined) return timing;
  if (reply.reasoning !== '' && timing.reasoningAt === undefined) timing.reasoningAt = now;
  if (hasToken && timing.firstTokenAt === undefined) timing.firstTokenAt = now;
  if (reply.text !== '' && timing.answerAt === undefined) timing.answerAt = now;
  if (!streaming && timing.endedAt === undefined) timing.endedAt = now;
  return timing;
}
