import type { StopReason, Usage } from '../../preload/api';
import { chatRequestUrl } from '../../common/request-url';
import { asNumber, asString, isRecord, tryParseJson } from './json-guards';
import { refusedOptionalField, withoutRefused } from './optional-fields';
import type { SseEvent } from './sse-decoder';
import { streamSse } from './sse-request';
import { errorFromStreamPayload, malformedEventError, streamCutError } from './stream-error';
import {
  ProviderError,
  type Provider,
  type ProviderConfig,
  type ProviderEvent,
  type ProviderRequest,
} from './types';
import { formatHeaders } from './wire-formats';

const finishReasons: Record<string, StopReason> = {
  stop: 'end',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'content_filter',
};

/**
 * An adapter for the OpenAI chat completions format (`POST {baseUrl}/chat/completions`, baseUrl
 * ending in /v1), spoken by OpenAI, Ollama, LM Studio, llama.cpp, vLLM, OpenRouter, Groq, …
 */
export function createOpenAiCompatibleProvider(config: ProviderConfig): Provider {
  const url = chatRequestUrl('openai-compatible', config.baseUrl, '');
  return {
    stream: (request, signal) => streamCompletions(config, url, request, signal),
  };
}

async function* streamCompletions(
  config: ProviderConfig,
  url: string,
  request: ProviderRequest,
  signal: AbortSignal,
): AsyncGenerator<ProviderEvent, void, undefined> {
  const headers: Record<string, string> = {
    ...config.headers,
    ...formatHeaders('openai-compatible', config.apiKey),
    'content-type': 'application/json',
    accept: 'text/event-stream',
  };
  const fullBody: Record<string, unknown> = {
    model: request.model,
    messages: [
      ...(request.system ? [{ role: 'system', content: request.system }] : []),
      ...request.messages,
    ],
    stream: true,
    stream_options: { include_usage: true },
    ...samplingFields(request),
  };
  const refused = config.refusedFields ?? new Set<string>();
  let body = withoutRefused(fullBody, refused);
  let events: AsyncGenerator<SseEvent, void, undefined>;
  let first: IteratorResult<SseEvent, void>;
  try {
    events = streamSse(config.fetch, { url, headers, body }, signal, config.idleTimeoutMs);
    first = await events.next();
  } catch (error) {
    // A server that refuses an optional field gets the request once more without it, and is
    // remembered as refusing it; a second refusal is reported as it is (never a loop).
    const field = error instanceof ProviderError ? refusedOptionalField(error, body) : undefined;
    if (field === undefined) throw error;
    refused.add(field);
    body = withoutRefused(fullBody, refused);
    events = streamSse(config.fetch, { url, headers, body }, signal, config.idleTimeoutMs);
    first = await events.next();
  }
  yield* readCompletions(first, events);
}

/** Reads a chat-completions stream whose first event (or end) has already been taken. */
async function* readCompletions(
  first: IteratorResult<SseEvent, void>,
  rest: AsyncGenerator<SseEvent, void, undefined>,
): AsyncGenerator<ProviderEvent, void, undefined> {
  let finish: string | undefined;
  let sawDone = false;
  let sentText = false;
  const usage: Usage = {};
  // Whatever ends this loop (the end, an error, the consumer leaving) closes the stream.
  try {
    for (let step = first; !step.done; step = await rest.next()) {
      const event = step.value;
      if (event.data.trim() === '[DONE]') {
        sawDone = true;
        break;
      }
      const data = tryParseJson(event.data);
      if (!isRecord(data)) throw malformedEventError(event.data);
      // OpenAI/OpenRouter put an `error` key in a data event; vLLM sends {"object":"error"}.
      if ((data.error !== undefined && data.error !== null) || data.object === 'error') {
        throw errorFromStreamPayload(data, sentText);
      }
      if (event.event === 'error') throw errorFromStreamPayload(data, sentText);
      // `choices` may be [] or null on the usage chunk; only the first choice is ours (n = 1).
      const choice = Array.isArray(data.choices) ? (data.choices[0] as unknown) : undefined;
      if (isRecord(choice)) {
        const delta = isRecord(choice.delta) ? choice.delta : {};
        const reasoning = asString(delta.reasoning_content) ?? asString(delta.reasoning);
        if (reasoning) yield { type: 'reasoning', text: reasoning };
        // A refusal is the model's answer in its own field; the person should still read it.
        const text = asString(delta.content) ?? asString(delta.refusal);
        if (text) yield { type: 'text', text };
        if (reasoning || text) sentText = true;
        finish = asString(choice.finish_reason) ?? finish;
      }
      if (isRecord(data.usage)) {
        const input = asNumber(data.usage.prompt_tokens) ?? usage.inputTokens;
        const output = asNumber(data.usage.completion_tokens) ?? usage.outputTokens;
        // Some servers repeat usage on every chunk; only a change is news.
        if (input !== usage.inputTokens || output !== usage.outputTokens) {
          usage.inputTokens = input;
          usage.outputTokens = output;
          yield { type: 'usage', usage: { ...usage } };
        }
      }
    }
  } finally {
    await rest.return(undefined);
  }
  // Without [DONE] the reply still counts as finished if the model said why it stopped.
  if (!sawDone && finish === undefined) throw streamCutError();
  if (finish === undefined) {
    yield { type: 'stop', reason: 'end' };
    return;
  }
  yield { type: 'stop', reason: finishReasons[finish] ?? 'other', raw: finish };
}

/** Temperature, output limit and reasoning effort, in the fields the format names them. */
function samplingFields(request: ProviderRequest): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (request.temperature !== undefined) fields.temperature = request.temperature;
  if (request.reasoningEffort !== undefined) fields.reasoning_effort = request.reasoningEffort;
  if (request.maxTokens !== undefined) {
    // OpenAI's reasoning models refuse max_tokens; the servers that take effort take the new name.
    const name = request.reasoningEffort !== undefined ? 'max_completion_tokens' : 'max_tokens';
    fields[name] = request.maxTokens;
  }
  return fields;
}
