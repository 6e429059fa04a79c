/**
 * A reply's tool calls as Parley stores and exports them: one JSON array per reply (the
 * messages table's `tool_calls` column, an export's `toolCalls`), checked against the shape of
 * `ToolCall` (preload/api/tool-model.ts) whenever it is read back, since a damaged row or a
 * stranger's file must not reach the conversation view. Also the plain text of the calls that
 * the search indexes read (the `tool_text` column).
 */
import { z } from 'zod';
import type { ToolCall, ToolResultContent } from '../../preload/api';

/** Longest text Parley keeps in one field of a call (arguments, a result block): 10 MB. */
const maxText = 10_000_000;
/** Longest base64 image Parley keeps in one result block (about 37 MB of image). */
const maxImageData = 50_000_000;

const shortText = z.string().max(500);

const contentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().max(maxText) }),
  z.object({
    type: z.literal('image'),
    mimeType: shortText,
    data: z.string().max(maxImageData),
  }),
  z.object({
    type: z.literal('resource'),
    uri: z.string().max(10_000),
    mimeType: shortText.optional(),
    text: z.string().max(maxText).optional(),
    name: shortText.optional(),
  }),
]);

const resultSchema = z.object({
  content: z.array(contentSchema).max(1_000),
  isError: z.boolean(),
  truncated: z
    .object({
      keptChars: z.number().int().nonnegative(),
      totalChars: z.number().int().nonnegative(),
    })
    .optional(),
});

const replaySchema = z.object({
  kind: z.enum(['anthropic', 'gemini', 'openai-compatible']),
  thinking: z
    .array(
      z.discriminatedUnion('type', [
        z.object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() }),
        z.object({ type: z.literal('redacted_thinking'), data: z.string() }),
      ]),
    )
    .max(1_000)
    .optional(),
  thoughtSignature: z.string().optional(),
});

/** The statuses of `ToolCallStatus`, for checking stored and imported calls. */
export const toolCallStatuses = [
  'streaming',
  'awaiting-approval',
  'running',
  'done',
  'failed',
  'denied',
  'stopped',
  'interrupted',
] as const;

/** One tool call as stored or exported; unknown extra keys are dropped. */
export const toolCallSchema = z.object({
  id: z.string().min(1).max(500),
  name: shortText,
  serverId: shortText.nullable(),
  serverName: shortText,
  tool: shortText,
  step: z.number().int().min(1),
  textOffset: z.number().int().nonnegative(),
  arguments: z.string().max(maxText),
  status: z.enum(toolCallStatuses),
  error: z.string().max(100_000).optional(),
  result: resultSchema.optional(),
  startedAt: z.number().nonnegative().optional(),
  durationMs: z.number().nonnegative().optional(),
  destructive: z.boolean().optional(),
  replay: replaySchema.optional(),
}) satisfies z.ZodType<ToolCall>;

/** A reply's calls as an export carries them: at most 10,000 to a reply. */
export const toolCallsSchema = z.array(toolCallSchema).max(10_000);

/** The column value for a reply's calls: null when it made none. */
export function storedToolCalls(calls: readonly ToolCall[] | undefined): string | null {
  return calls && calls.length > 0 ? JSON.stringify(calls) : null;
}

/**
 * A reply's calls read back from the `tool_calls` column, each checked: a call that does not
 * have the shape of `ToolCall` is left out, and a column that is not a JSON array gives none, so
 * a damaged row still opens (its text is still there). `onDamage` hears, in a sentence, what was
 * dropped. A call's `textOffset` past the end of `textLength` is moved to the end, where its
 * card can still show.
 * @returns the calls that passed, or undefined when there are none.
 */
export function parseStoredToolCalls(
  json: string | null | undefined,
  textLength: number,
  onDamage: (message: string) => void,
): ToolCall[] | undefined {
  if (!json) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    onDamage('the stored tool calls are not JSON; none were kept');
    return undefined;
  }
  if (!Array.isArray(parsed)) {
    onDamage('the stored tool calls are not a list; none were kept');
    return undefined;
  }
  const calls: ToolCall[] = [];
  parsed.forEach((item: unknown, index) => {
    const result = toolCallSchema.safeParse(item);
    if (!result.success) {
      onDamage(`stored tool call ${index + 1} is damaged and was left out`);
      return;
    }
    const call: ToolCall = result.data;
    calls.push(call.textOffset > textLength ? { ...call, textOffset: textLength } : call);
  });
  return calls.length > 0 ? calls : undefined;
}

/** The words of one result block a person could search for ('' for an image). */
export function resultBlockText(block: ToolResultContent): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
      return '';
    case 'resource':
      return [block.name, block.uri, block.text].filter(Boolean).join('\n');
  }
}

/**
 * The searchable text of a reply's calls, one paragraph to a call: "server › tool", the
 * arguments as the model wrote them, what went wrong if it failed, and the result's text
 * (images carry none). What the search indexes hold beside the reply's own text, and what a hit
 * in a call shows its snippet from.
 */
export function toolSearchText(calls: readonly ToolCall[] | undefined): string {
  return (calls ?? [])
    .map((call) =>
      [
        `${call.serverName} › ${call.tool}`,
        call.arguments,
        call.error ?? '',
        ...(call.result?.content ?? []).map(resultBlockText),
      ]
        .filter((part) => part.trim() !== '')
        .join('\n'),
    )
    .join('\n\n');
}
