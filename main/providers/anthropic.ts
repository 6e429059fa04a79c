import type { StopReason, Usage } from '../../preload/api';
import { chatRequestUrl } from '../../common/request-url';
import { asNumber, asString, isRecord, tryParseJson } from './json-guards';
import { streamSse } from './sse-request';
import { errorFromStreamPayload, malformedEventError, streamCutError } from './stream-error';
import type { Provider, ProviderConfig, ProviderEvent, ProviderRequest } from './types';
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
      case 'content_block_delta': {
        const delta = isRecord(data.delta) ? data.delta : {};
        const text = delta.type === 'text_delta' ? asString(delta.text) : undefined;
        const thinking = delta.type === 'thinking_delta' ? asString(delta.thinking) : undefined;
        if (text) yield { type: 'text', text };
        if (thinking) yield { type: 'reasoning', text: thinking };
        if (text || thinking) sentText = true;
        // signature_delta and input_json_delta carry nothing a person reads.
        break;
      }
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
        yield {
          type: 'stop',
          reason: stopReason ?? 'end',
          ...(rawReason !== undefined ? { raw: rawReason } : {}),
        };
        return;
      case 'error':
        throw errorFromStreamPayload(data, sentText);
      default:
      // ping, content_block_start/stop and event types added later carry nothing we show.
    }
  }
  throw streamCutError();
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
    messages: request.messages,
    ...(request.system ? { system: request.system } : {}),
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
