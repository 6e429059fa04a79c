import type { StopReason, Usage } from '../../preload/api';
import { chatRequestUrl } from '../../common/request-url';
import { asNumber, asString, isRecord, tryParseJson, type JsonRecord } from './json-guards';
import { streamSse } from './sse-request';
import { errorFromStreamPayload, malformedEventError, streamCutError } from './stream-error';
import { argumentObject, joinedText, replayFor } from './tool-history';
import { geminiParameters } from './tool-schemas';
import type {
  Provider,
  ProviderAttachment,
  ProviderConfig,
  ProviderEvent,
  ProviderMessage,
  ProviderRequest,
} from './types';
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
    contents: geminiContents(request.messages),
    ...(request.system ? { systemInstruction: { parts: [{ text: request.system }] } } : {}),
    ...(request.tools?.length
      ? {
          tools: [
            {
              functionDeclarations: request.tools.map((tool) => {
                const parameters = geminiParameters(tool.inputSchema);
                return {
                  name: tool.name,
                  description: tool.description,
                  ...(parameters ? { parameters } : {}),
                };
              }),
            },
          ],
        }
      : {}),
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
  let callCount = 0;
  // Made call ids need something unique per request when Gemini sends no id.
  const requestTag = Math.random().toString(36).slice(2, 10);
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
        if (isRecord(part) && isRecord(part.functionCall)) {
          // A call arrives whole in one part: it starts, carries all its arguments, and ends.
          const call = part.functionCall;
          const index = callCount++;
          const tag = (asString(data.responseId) ?? requestTag).replace(/[^a-zA-Z0-9_-]/g, '');
          const signature = asString(part.thoughtSignature);
          yield {
            type: 'tool-call-start',
            index,
            id: asString(call.id) || `call_${index}_${tag || requestTag}`,
            name: asString(call.name) ?? '',
          };
          const args = isRecord(call.args) ? call.args : {};
          yield { type: 'tool-call-delta', index, fragment: JSON.stringify(args) };
          yield {
            type: 'tool-call-end',
            index,
            ...(signature ? { replay: { kind: 'gemini', thoughtSignature: signature } } : {}),
          };
          sentText = true;
          continue;
        }
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
  // Gemini says STOP after function calls too: the calls are what ended the step.
  yield {
    type: 'stop',
    reason: callCount > 0 && stopReason === 'end' ? 'tool_use' : stopReason,
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

/** One `contents` entry: a role and its parts. */
interface GeminiContent {
  role: 'user' | 'model';
  parts: JsonRecord[];
}

/**
 * The history as Gemini `contents` (docs/wire-formats.md, "Tool calls"): a step is a model turn
 * of its text and one `functionCall` part per call (with the part's `thoughtSignature` when
 * Gemini wrote it); the results are a user turn of `functionResponse` parts. Gemini wants the
 * roles to alternate, so turns of the same role next to each other are merged.
 */
export function geminiContents(messages: readonly ProviderMessage[]): GeminiContent[] {
  const out: GeminiContent[] = [];
  for (const message of messages) {
    const next = geminiContent(message);
    const last = out.at(-1);
    if (last && last.role === next.role) last.parts.push(...next.parts);
    else out.push(next);
  }
  return out;
}

/**
 * A prepared file as a part (docs/wire-formats.md, "Attachments"): images and PDFs as
 * `inlineData` with their type and base64 bytes, a text file as a text part.
 */
function attachmentPart(attachment: ProviderAttachment): JsonRecord {
  switch (attachment.kind) {
    case 'image':
      return { inlineData: { mimeType: attachment.mimeType, data: attachment.data } };
    case 'pdf':
      return { inlineData: { mimeType: 'application/pdf', data: attachment.data } };
    case 'text':
      return { text: attachment.text };
  }
}

function geminiContent(message: ProviderMessage): GeminiContent {
  if (message.role === 'user') {
    if (!message.attachments?.length) return { role: 'user', parts: [{ text: message.content }] };
    const parts = message.attachments.map(attachmentPart);
    if (message.content.trim()) parts.push({ text: message.content });
    return { role: 'user', parts };
  }
  if (message.role === 'tool') {
    return {
      role: 'user',
      parts: message.results.map((result) => ({
        functionResponse: {
          id: result.callId,
          name: result.name,
          // Gemini reads an `error` key as a failure, any other as the output (`result` in its docs).
          response: result.isError
            ? { error: joinedText(result.content) || 'The tool call failed.' }
            : { result: joinedText(result.content) },
        },
      })),
    };
  }
  const calls = message.toolCalls ?? [];
  return {
    role: 'model',
    parts: [
      ...(message.content.trim() || calls.length === 0 ? [{ text: message.content }] : []),
      ...calls.map((call) => {
        const signature = replayFor('gemini', call.replay)?.thoughtSignature;
        return {
          functionCall: { id: call.id, name: call.name, args: argumentObject(call.arguments) },
          ...(signature ? { thoughtSignature: signature } : {}),
        };
      }),
    ],
  };
}
