/**
 * Pieces every adapter needs to write tool calls and results back into a request: the argument
 * object of a call, a result as plain text (for formats whose tool results take only text), and
 * which replay data belongs to which provider.
 */
import type { ProviderReplay, ToolResultContent } from '../../preload/api';
import { isRecord, tryParseJson, type JsonRecord } from './json-guards';
import type { ProviderToolResult } from './types';

/**
 * A call's arguments as an object: the argument JSON parsed, or `{}` when it is not a JSON
 * object (the model wrote broken JSON, or the stream was cut); the loop has already told the
 * model so in the call's result.
 */
export function argumentObject(argumentJson: string): JsonRecord {
  const parsed = tryParseJson(argumentJson);
  return isRecord(parsed) ? parsed : {};
}

/** A call's argument JSON as it is safe to send back: as written when it is an object, else `{}`. */
export function argumentText(argumentJson: string): string {
  return isRecord(tryParseJson(argumentJson)) ? argumentJson : '{}';
}

/**
 * One content block as text: text as it is; an image as a note that it was not sent (for a
 * format whose tool results take no images); a resource as its text, else where it is.
 */
export function contentText(content: ToolResultContent): string {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'image':
      return `[image result: ${content.mimeType}, not sent]`;
    case 'resource':
      return content.text ?? `[resource: ${content.uri}]`;
  }
}

/**
 * A whole result as text: its blocks joined by blank lines, and an error marked as one, so a
 * model that reads only text still knows the call failed.
 */
export function resultText(result: ProviderToolResult): string {
  const text = joinedText(result.content);
  return result.isError ? `Error: ${text || 'the tool call failed.'}` : text;
}

/** Content blocks as one text, joined by blank lines (see `contentText`). */
export function joinedText(content: readonly ToolResultContent[]): string {
  return content.map(contentText).join('\n\n');
}

/** `replay` when it was written by provider `kind`, else undefined (another's is meaningless here). */
export function replayFor(
  kind: ProviderReplay['kind'],
  replay: ProviderReplay | undefined,
): ProviderReplay | undefined {
  return replay?.kind === kind ? replay : undefined;
}
