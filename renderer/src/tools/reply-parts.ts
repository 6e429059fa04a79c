import type { ToolCall } from '../../../preload/api';

/** One piece of a reply in reading order: a stretch of its text, or a tool call's card. */
export type ReplyPart =
  | { kind: 'text'; /** Where the stretch starts in `reply.text`. */ start: number; text: string }
  | { kind: 'call'; call: ToolCall };

/**
 * A reply's text cut at each call's `textOffset` (the text length when the call began): text
 * before, the card, text after. Calls keep the order they began in; an offset past the end (a
 * reply whose text was trimmed) puts the card at the end. Empty stretches are left out.
 */
export function replyParts(text: string, calls: readonly ToolCall[] | undefined): ReplyPart[] {
  const parts: ReplyPart[] = [];
  let at = 0;
  const ordered = [...(calls ?? [])]
    .map((call, index) => ({ call, index, offset: clamp(call.textOffset, at, text.length) }))
    // Stable: calls at one offset stay in the order they began.
    .sort((a, b) => a.offset - b.offset || a.index - b.index);
  for (const { call, offset } of ordered) {
    if (offset > at) parts.push({ kind: 'text', start: at, text: text.slice(at, offset) });
    at = Math.max(at, offset);
    parts.push({ kind: 'call', call });
  }
  if (at < text.length) parts.push({ kind: 'text', start: at, text: text.slice(at) });
  return parts;
}

function clamp(value: number, low: number, high: number): number {
  if (!Number.isFinite(value)) return high;
  return Math.min(Math.max(value, low), high);
}
