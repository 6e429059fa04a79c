import type { StopReason, ToolResultContent, Usage } from '../../preload/api';
import { chatRequestUrl } from '../../common/request-url';
import { asNumber, asString, isRecord, tryParseJson, type JsonRecord } from './json-guards';
import { streamSse } from './sse-request';
import { errorFromStreamPayload, malformedEventError, streamCutError } from './stream-error';
import { argumentObject, contentText, replayFor } from './tool-history';
import { objectSchema } from './tool-schemas';
import type {
  Provider,
  ProviderAttachment,
  ProviderConfig,
  ProviderEvent,
  ProviderMessage,
  ProviderRequest,
  ProviderToolResult,
} from './types';
import { formatHeaders } from './wire-formats';

// Anthropic requires max_tokens; this fits every current model's output limit.
const defaultMaxTokens = 8192;

const stopReasons: Record<string, StopReason> = {
  end_turn: 'end',
  stop_sequence: 'end',
  max_tokens: 'max_tokens',
  tool_use: 'tool_use',
  refusal: 'refusal',
};

/** An adapter for Anthropic's Messages API (`POST {baseUrl}/v1/messages`, streamed). */
export function createAnthropicProvider(config: ProviderConfig): Provider {
  const url = chatRequestUrl('anthropic', config.baseUrl, '');
  return {
    stream: (request, signal) => streamMessages(config, url, request, signal),
  };
}

async function* streamMessages(
  config: ProviderConfig,
  url: string,
  request: ProviderRequest,
  signal: AbortSignal,
): AsyncGenerator<ProviderEvent, void, undefined> {
  const headers: Record<string, string> = {
    ...config.headers,
    ...formatHeaders('anthropic', config.apiKey),
    'content-type': 'application/json',
    accept: 'text/event-stream',
  };
  const body = { ...requestBody(request), stream: true };
  const usage: Usage = {};
  let stopReason: StopReason | undefined;
  let rawReason: string | undefined;
  let sentText = false;
  const blocks = new BlockTracker();
  const events = streamSse(config.fetch, { url, headers, body }, signal, config.idleTimeoutMs);
  for await (const event of events) {
    const data = tryParseJson(event.data);
    if (!isRecord(data)) throw malformedEventError(event.data);
    // The SSE event name matches data.type; data.type is what the SDKs trust.
    switch (asString(data.type) ?? event.event) {
      case 'message_start':
        // Only the input count is real here: output_tokens is a placeholder (1, or 0 from some
        // proxies) until message_delta, and a proxy's input_tokens of 0 is no count at all.
        if (readUsage(isRecord(data.message) ? data.message.usage : undefined, usage, 'start')) {
          yield { type: 'usage', usage: { ...usage } };
        }
        break;
      case 'content_block_start': {
        const started = blocks.start(data);
        if (started) {
          yield started;
          sentText = true;
        }
        break;
      }
      case 'content_block_delta': {
        const delta = isRecord(data.delta) ? data.delta : {};
        const text = delta.type === 'text_delta' ? asString(delta.text) : undefined;
        const thinking = delta.type === 'thinking_delta' ? asString(delta.thinking) : undefined;
        if (text) yield { type: 'text', text };
        if (thinking) yield { type: 'reasoning', text: thinking };
        if (text || thinking) sentText = true;
        // Tool input fragments and thinking signatures are kept by the tracker.
        const fragment = blocks.delta(data, delta);
        if (fragment) yield fragment;
        break;
      }
      case 'content_block_stop':
        yield* blocks.stop(data);
        break;
      case 'message_delta': {
        const reason = isRecord(data.delta) ? asString(data.delta.stop_reason) : undefined;
        if (reason) {
          stopReason = stopReasons[reason] ?? 'other';
          rawReason = reason;
        }
        if (readUsage(data.usage, usage)) yield { type: 'usage', usage: { ...usage } };
        break;
      }
      case 'message_stop':
        yield* blocks.finish();
        yield {
          type: 'stop',
          reason: stopReason ?? 'end',
          ...(rawReason !== undefined ? { raw: rawReason } : {}),
        };
        return;
      case 'error':
        throw errorFromStreamPayload(data, sentText);
      default:
      // ping and event types added later carry nothing we show.
    }
  }
  // A cut stream still closes the calls it began, so none is left "streaming".
  yield* blocks.finish({ withReplay: false });
  throw streamCutError();
}

/**
 * The content blocks of one message that are not plain text: tool_use blocks become tool-call
 * events (keyed by the block index), thinking and redacted_thinking blocks are kept whole with
 * their signatures, to be sent back with the step's tool calls (the API refuses a tool_use
 * replayed without the thinking that preceded it).
 */
class BlockTracker {
  private readonly tools = new Map<number, { input: unknown; gotDelta: boolean; open: boolean }>();
  private readonly thinking = new Map<
    number,
    | { type: 'thinking'; thinking: string; signature: string }
    | { type: 'redacted_thinking'; data: string }
  >();

  /** A block begins: a tool_use block is a tool-call-start; thinking blocks are remembered. */
  start(data: JsonRecord): ProviderEvent | undefined {
    const index = asNumber(data.index);
    const block = isRecord(data.content_block) ? data.content_block : undefined;
    if (index === undefined || !block) return undefined;
    if (block.type === 'thinking') {
      const signature = asString(block.signature) ?? '';
      this.thinking.set(index, {
        type: 'thinking',
        thinking: asString(block.thinking) ?? '',
        signature,
      });
    } else if (block.type === 'redacted_thinking') {
      this.thinking.set(index, { type: 'redacted_thinking', data: asString(block.data) ?? '' });
    } else if (block.type === 'tool_use') {
      this.tools.set(index, { input: block.input, gotDelta: false, open: true });
      return {
        type: 'tool-call-start',
        index,
        id: asString(block.id) ?? `toolu_${index}`,
        name: asString(block.name) ?? '',
      };
    }
    return undefined;
  }

  /** A delta of a tool or thinking block: argument JSON comes back as an event, the rest is kept. */
  delta(data: JsonRecord, delta: JsonRecord): ProviderEvent | undefined {
    const index = asNumber(data.index);
    if (index === undefined) return undefined;
    const thinking = this.thinking.get(index);
    if (thinking?.type === 'thinking') {
      if (delta.type === 'thinking_delta') thinking.thinking += asString(delta.thinking) ?? '';
      if (delta.type === 'signature_delta') thinking.signature += asString(delta.signature) ?? '';
    }
    const tool = this.tools.get(index);
    const fragment = delta.type === 'input_json_delta' ? asString(delta.partial_json) : undefined;
    if (!tool?.open || !fragment) return undefined;
    tool.gotDelta = true;
    return { type: 'tool-call-delta', index, fragment };
  }

  /** A block ends: a tool call is complete. */
  *stop(data: JsonRecord): Generator<ProviderEvent, void, undefined> {
    const index = asNumber(data.index);
    if (index !== undefined) yield* this.endTool(index);
  }

  /**
   * The message ends: every open call ends, then the thinking blocks go out as one replay
   * (only with `withReplay`: a cut stream's half-signed thinking is no use).
   */
  *finish({ withReplay = true } = {}): Generator<ProviderEvent, void, undefined> {
    for (const index of this.tools.keys()) yield* this.endTool(index);
    if (!withReplay || this.thinking.size === 0) return;
    const thinking = [...this.thinking.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, block]) => block);
    this.thinking.clear();
    yield { type: 'replay', replay: { kind: 'anthropic', thinking } };
  }

  private *endTool(index: number): Generator<ProviderEvent, void, undefined> {
    const tool = this.tools.get(index);
    if (!tool?.open) return;
    tool.open = false;
    // Some proxies send the whole input in content_block_start and no deltas.
    if (!tool.gotDelta && isRecord(tool.input) && Object.keys(tool.input).length > 0) {
      yield { type: 'tool-call-delta', index, fragment: JSON.stringify(tool.input) };
    }
    yield { type: 'tool-call-end', index };
  }
}

/** The Messages API body (without `stream`) for a request; the connection test uses it too. */
export function requestBody(request: ProviderRequest): Record<string, unknown> {
  const budget = request.thinkingBudget;
  let maxTokens = request.maxTokens ?? defaultMaxTokens;
  // The API rejects max_tokens <= budget_tokens: the budget is part of the output.
  if (budget !== undefined && maxTokens <= budget) maxTokens = budget + defaultMaxTokens;
  return {
    model: request.model,
    max_tokens: maxTokens,
    messages: anthropicMessages(request.messages),
    ...(request.system ? { system: request.system } : {}),
    ...(request.tools?.length
      ? {
          tools: request.tools.map((tool) => ({
            name: tool.name,
            description: tool.description,
            input_schema: objectSchema(tool.inputSchema),
          })),
        }
      : {}),
    ...(budget !== undefined ? { thinking: { type: 'enabled', budget_tokens: budget } } : {}),
    // Thinking requires the default temperature; sending one is an error.
    ...(request.temperature !== undefined && budget === undefined
      ? { temperature: request.temperature }
      : {}),
  };
}

/**
 * Folds a usage object's counts into `usage` (counts are cumulative); true when any changed.
 * From `message_start` only the input count is taken (see the caller). An input count of 0 is
 * no count at all: every request has input, and proxies that do not count send 0.
 */
function readUsage(source: unknown, usage: Usage, from: 'start' | 'delta' = 'delta'): boolean {
  if (!isRecord(source)) return false;
  let input = asNumber(source.input_tokens);
  const output = from === 'start' ? undefined : asNumber(source.output_tokens);
  if (input === 0) input = undefined;
  let changed = false;
  if (input !== undefined && input !== usage.inputTokens) {
    usage.inputTokens = input;
    changed = true;
  }
  if (output !== undefined && output !== usage.outputTokens) {
    usage.outputTokens = output;
    changed = true;
  }
  return changed;
}

/** One message of the Messages API: text as a string, or content blocks. */
interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: string | JsonRecord[];
}

/**
 * The history in the Messages API's shape (docs/wire-formats.md, "Tool calls"): an assistant
 * step carries its thinking blocks (only Anthropic's own), its text and its tool_use blocks; the
 * results are a user turn of tool_result blocks. The API wants user and assistant to alternate,
 * so a user text right after the results joins their turn.
 */
export function anthropicMessages(messages: readonly ProviderMessage[]): AnthropicMessage[] {
  const out: AnthropicMessage[] = [];
  for (const message of messages) {
    const next = anthropicMessage(message);
    const last = out.at(-1);
    if (last && last.role === next.role) {
      last.content = [...blocksOf(last.content), ...blocksOf(next.content)];
    } else out.push(next);
  }
  return out;
}

function anthropicMessage(message: ProviderMessage): AnthropicMessage {
  if (message.role === 'user') {
    if (!message.attachments?.length) return { role: 'user', content: message.content };
    // Files first: Anthropic's docs say images work best before the text that refers to them.
    return {
      role: 'user',
      content: [...message.attachments.map(attachmentBlock), ...blocksOf(message.content)],
    };
  }
  if (message.role === 'tool') return { role: 'user', content: message.results.map(toolResult) };
  if (!message.toolCalls?.length) return { role: 'assistant', content: message.content };
  const thinking = replayFor('anthropic', message.replay)?.thinking ?? [];
  return {
    role: 'assistant',
    content: [
      ...thinking.map((block) => ({ ...block })),
      // The API refuses an empty (or blank) text block.
      ...(message.content.trim() ? [{ type: 'text', text: message.content }] : []),
      ...message.toolCalls.map((call) => ({
        type: 'tool_use',
        id: toolUseId(call.id),
        name: call.name,
        input: argumentObject(call.arguments),
      })),
    ],
  };
}

/**
 * A prepared file as a content block: an `image` or a `document` block with a base64 source, a
 * text file as a text block (docs/wire-formats.md, "Attachments").
 */
function attachmentBlock(attachment: ProviderAttachment): JsonRecord {
  switch (attachment.kind) {
    case 'image':
      return {
        type: 'image',
        source: { type: 'base64', media_type: attachment.mimeType, data: attachment.data },
      };
    case 'pdf':
      return {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: attachment.data },
      };
    case 'text':
      return { type: 'text', text: attachment.text };
  }
}

function toolResult(result: ProviderToolResult): JsonRecord {
  const content = result.content.map(resultBlock).filter((block) => block.text !== '');
  return {
    type: 'tool_result',
    tool_use_id: toolUseId(result.callId),
    ...(content.length > 0 ? { content } : {}),
    is_error: result.isError,
  };
}

/** A result block: text, an image as an image block, a resource as its text. */
function resultBlock(content: ToolResultContent): JsonRecord {
  if (content.type === 'image') {
    return {
      type: 'image',
      source: { type: 'base64', media_type: content.mimeType, data: content.data },
    };
  }
  return { type: 'text', text: contentText(content) };
}

/**
 * An id the API accepts (`^[a-zA-Z0-9_-]+$`): ids written by another provider may hold other
 * characters (`functions.get_weather:0`); a call and its result get the same replacement.
 */
function toolUseId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_') || 'toolu_';
}

function blocksOf(content: string | JsonRecord[]): JsonRecord[] {
  if (typeof content !== 'string') return content;
  return content.trim() ? [{ type: 'text', text: content }] : [];
}
