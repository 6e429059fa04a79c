import type { StopReason, Usage } from '../../preload/api';
import { chatRequestUrl } from '../../common/request-url';
import { asNumber, asString, isRecord, tryParseJson, type JsonRecord } from './json-guards';
import { streamSse } from './sse-request';
import { errorFromStreamPayload, malformedEventError, streamCutError } from './stream-error';
import type { Provider, ProviderConfig, ProviderEvent, ProviderRequest } from './types';
import { formatHeaders } from './wire-formats';

const finishReasons: Record<string, StopReason> = {
  STOP: 'end',
  MAX_TOKENS: 'max_tokens',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
};

/**
 * An adapter for Google Gemini's native stream
 * (`POST {baseUrl}/v1beta/models/{model}:streamGenerateContent?alt=sse`, key in `x-goog-api-key`).
 */
export function createGeminiProvider(config: ProviderConfig): Provider {
  return {
    stream: (request, signal) =>
      streamGenerate(
        config,
        chatRequestUrl('gemini', config.baseUrl, request.model),
        request,
        signal,
      ),
  };
}

/** The generateContent body for a request. */
export function geminiBody(request: ProviderRequest): JsonRecord {
  const generationConfig: JsonRecord = {};
  if (request.temperature !== undefined) generationConfig.temperature = request.temperature;
  if (request.maxTokens !== undefined) generationConfig.maxOutputTokens = request.maxTokens;
  if (request.thinkingBudget !== undefined) {
    generationConfig.thinkingConfig = {
      thinkingBudget: request.thinkingBudget,
      includeThoughts: true,
    };
  }
  return {
    contents: request.messages.map((message) => ({
      role: message.role === 'assistant' ? 'model' : 'user',
      parts: [{ text: message.role === 'tool' ? '' : message.content }],
    })),
    ...(request.system ? { systemInstruction: { parts: [{ text: request.system }] } } : {}),
    ...(Object.keys(generationConfig).length > 0 ? { generationConfig } : {}),
  };
}

async function* streamGenerate(
  config: ProviderConfig,
  url: string,
  request: ProviderRequest,
  signal: AbortSignal,
): AsyncGenerator<ProviderEvent, void, undefined> {
  const headers: Record<string, string> = {
    ...config.headers,
    ...formatHeaders('gemini', config.apiKey),
    'content-type': 'application/json',
    accept: 'text/event-stream',
  };
  const usage: Usage = {};
  let stopReason: StopReason | undefined;
  let rawReason: string | undefined;
  let sentText = false;
  const body = geminiBody(request);
  const events = streamSse(config.fetch, { url, headers, body }, signal, config.idleTimeoutMs);
  for await (const event of events) {
    const data = tryParseJson(event.data);
    // An error after the 200 arrives as a data event with an `error` object.
    if (isRecord(data) && isRecord(data.error)) throw errorFromStreamPayload(data, sentText);
    if (!isRecord(data)) throw malformedEventError(event.data);
    const candidate = Array.isArray(data.candidates) ? (data.candidates[0] as unknown) : undefined;
    if (isRecord(candidate)) {
      const parts = isRecord(candidate.content) ? candidate.content.parts : undefined;
      for (const part of Array.isArray(parts) ? (parts as unknown[]) : []) {
        const text = isRecord(part) ? asString(part.text) : undefined;
        if (!text || !isRecord(part)) continue;
        yield { type: part.thought === true ? 'reasoning' : 'text', text };
        sentText = true;
      }
      const finish = asString(candidate.finishReason);
      if (finish) {
        stopReason = finishReasons[finish] ?? 'other';
        rawReason = finish;
      }
    }
    // A blocked prompt has no candidates, only promptFeedback.blockReason.
    const feedback = isRecord(data.promptFeedback) ? data.promptFeedback : undefined;
    const blockReason = feedback ? asString(feedback.blockReason) : undefined;
    if (blockReason) {
      stopReason = 'content_filter';
      rawReason = blockReason;
    }
    if (readUsage(data.usageMetadata, usage)) yield { type: 'usage', usage: { ...usage } };
  }
  // There is no [DONE]: a stream that ends without a finish reason was cut short.
  if (stopReason === undefined) throw streamCutError();
  yield {
    type: 'stop',
    reason: stopReason,
    ...(rawReason !== undefined ? { raw: rawReason } : {}),
  };
}

/** Folds usageMetadata into `usage` (thought tokens count as output); true when any changed. */
function readUsage(source: unknown, usage: Usage): boolean {
  if (!isRecord(source)) return false;
  const input = asNumber(source.promptTokenCount);
  const candidates = asNumber(source.candidatesTokenCount);
  const thoughts = asNumber(source.thoughtsTokenCount) ?? 0;
  const output = candidates === undefined ? undefined : candidates + thoughts;
  const changed =
    (input !== undefined && input !== usage.inputTokens) ||
    (output !== undefined && output !== usage.outputTokens);
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  return changed;
}
