/**
 * Converts an MCP `CallToolResult` (https://modelcontextprotocol.io/specification/2025-06-18/server/tools#tool-result)
 * into Parley's `ToolResult`: text and images as they are, audio as a short text note (no model
 * Parley talks to takes audio from a tool), embedded resources and resource links as `resource`
 * blocks, and `structuredContent` as JSON text when the tool sent no content blocks.
 */
import type { ToolResult, ToolResultContent } from '../../preload/api';

/** The most text characters one result keeps (all blocks together); the rest is cut with a note. */
export const maxResultChars = 5_000_000;

/** The loose shape of an MCP tool result as the SDK hands it over. */
export interface McpCallToolResult {
  content?: unknown[];
  structuredContent?: unknown;
  isError?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/** One MCP content block as Parley keeps it; null for a block of a kind Parley does not know. */
function convertBlock(block: unknown): ToolResultContent | null {
  if (!isRecord(block)) return null;
  switch (block.type) {
    case 'text':
      return { type: 'text', text: stringField(block, 'text') ?? '' };
    case 'image':
      return {
        type: 'image',
        mimeType: stringField(block, 'mimeType') ?? 'application/octet-stream',
        data: stringField(block, 'data') ?? '',
      };
    case 'audio': {
      const mime = stringField(block, 'mimeType') ?? 'audio';
      const bytes = Math.floor(((stringField(block, 'data') ?? '').length * 3) / 4);
      return {
        type: 'text',
        text: `[The tool returned ${mime} audio (${bytes} bytes), not shown.]`,
      };
    }
    case 'resource': {
      const resource = isRecord(block.resource) ? block.resource : {};
      const text = stringField(resource, 'text');
      const blob = stringField(resource, 'blob');
      const mimeType = stringField(resource, 'mimeType');
      return {
        type: 'resource',
        uri: stringField(resource, 'uri') ?? '',
        ...(mimeType !== undefined ? { mimeType } : {}),
        ...(text !== undefined
          ? { text }
          : blob !== undefined
            ? { text: `[binary content, ${Math.floor((blob.length * 3) / 4)} bytes]` }
            : {}),
      };
    }
    case 'resource_link': {
      const mimeType = stringField(block, 'mimeType');
      const name = stringField(block, 'name');
      return {
        type: 'resource',
        uri: stringField(block, 'uri') ?? '',
        ...(mimeType !== undefined ? { mimeType } : {}),
        ...(name !== undefined ? { name } : {}),
      };
    }
    default:
      return {
        type: 'text',
        text: `[The tool returned a "${String(block.type)}" block, not shown.]`,
      };
  }
}

/**
 * Cut the text of `content` (text blocks and resource text) so all of it together is at most
 * `limit` characters; the block where the cut falls gets a visible note. Returns the blocks and
 * the counts when something was cut.
 */
function capText(
  content: ToolResultContent[],
  limit: number,
): { content: ToolResultContent[]; truncated?: { keptChars: number; totalChars: number } } {
  let total = 0;
  for (const block of content) if ('text' in block && block.text) total += block.text.length;
  if (total <= limit) return { content };
  let left = limit;
  const capped: ToolResultContent[] = [];
  for (const block of content) {
    if (!('text' in block) || !block.text) {
      capped.push(block);
      continue;
    }
    if (left <= 0) continue;
    if (block.text.length <= left) {
      left -= block.text.length;
      capped.push(block);
      continue;
    }
    const note = `\n\n[Parley kept the first ${limit.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} characters of this result.]`;
    capped.push({ ...block, text: block.text.slice(0, left) + note });
    left = 0;
  }
  return { content: capped, truncated: { keptChars: limit, totalChars: total } };
}

/**
 * Parley's form of an MCP tool result. `limit` (characters, default 5,000,000) bounds the text
 * kept; a longer result is cut with a note in the text and `truncated` set.
 */
export function toToolResult(result: McpCallToolResult, limit = maxResultChars): ToolResult {
  const blocks = (result.content ?? []).map(convertBlock).filter((b) => b !== null);
  if (blocks.length === 0 && result.structuredContent !== undefined) {
    blocks.push({ type: 'text', text: JSON.stringify(result.structuredContent, null, 2) });
  }
  const { content, truncated } = capText(blocks, limit);
  return { content, isError: result.isError === true, ...(truncated ? { truncated } : {}) };
}
