import type { StopReason, Usage } from '../../preload/api';
import { chatRequestUrl } from '../../common/request-url';
import { asNumber, asString, isRecord, tryParseJson } from './json-guards';
import { refusedOptionalField, withoutRefused } from './optional-fields';
import type { SseEvent } from './sse-decoder';
import { streamSse } from './sse-request';
import { errorFromStreamPayload, malformedEventError, streamCutError } from './stream-error';
import { argumentText, resultText } from './tool-history';
import { objectSchema } from './tool-schemas';
import {
  ProviderError,
  type Provider,
  type ProviderAttachment,
  type ProviderConfig,
  type ProviderEvent,
  type ProviderMessage,
  type ProviderRequest,
} from './types';
import type { JsonRecord } from './json-guards';
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
      ...request.messages.flatMap(openAiMessages),
    ],
    ...(request.tools?.length
      ? {
          tools: request.tools.map((tool) => ({
            type: 'function',
            function: {
              name: tool.name,
              description: tool.description,
              parameters: objectSchema(tool.inputSchema),
            },
          })),
        }
      : {}),
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
  const calls = new ToolCallTracker();
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
        if (Array.isArray(delta.tool_calls)) {
          for (const fragment of delta.tool_calls as unknown[]) {
            if (!isRecord(fragment)) continue;
            const events = calls.fragment(fragment, asString(data.id));
            if (events.length > 0) sentText = true;
            yield* events;
          }
        }
        finish = asString(choice.finish_reason) ?? finish;
        // Every call is complete once the model says why it stopped.
        if (finish !== undefined) yield* calls.endAll();
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
  // Calls still open when the stream ends (or is cut) end here, so none stays "streaming".
  yield* calls.endAll();
  // Without [DONE] the reply still counts as finished if the model said why it stopped.
  if (!sawDone && finish === undefined) throw streamCutError();
  // Some servers say `stop` (or nothing) after tool calls: the calls are what ended the step.
  const calledTools = calls.count > 0 && (finish === undefined || finish === 'stop');
  if (finish === undefined) {
    yield { type: 'stop', reason: calledTools ? 'tool_use' : 'end' };
    return;
  }
  yield {
    type: 'stop',
    reason: calledTools ? 'tool_use' : (finishReasons[finish] ?? 'other'),
    raw: finish,
  };
}

/** One streamed tool call: its number, id and name, and arguments that came before its name. */
interface StreamedCall {
  index: number;
  wireIndex: number | undefined;
  id: string;
  /** The id came from the server (a made one never tells calls apart). */
  wireId: boolean;
  name: string;
  started: boolean;
  ended: boolean;
  pending: string;
}

/**
 * Turns `delta.tool_calls` fragments into tool-call events. The format keys fragments by
 * `index`, with `id` and `name` only in the first; compatible servers differ, so this also
 * takes arguments sent whole in one fragment (or as an object), a missing `id` (one is made:
 * `call_<index>_<the chunk's id>`), the name repeated in later fragments (not added twice), a
 * missing `index` (fragments go to the call with their `id`, else to the latest call), and
 * parallel calls all sent with the same `index` but different ids (Gemini's OpenAI endpoint).
 */
class ToolCallTracker {
  private readonly calls: StreamedCall[] = [];
  // Made ids must be unique within a request even when the server sends no chunk id.
  private readonly requestTag = Math.random().toString(36).slice(2, 10);

  /** How many calls this stream has begun. */
  get count(): number {
    return this.calls.length;
  }

  /** The events one fragment makes: maybe a start, maybe argument text. */
  fragment(fragment: JsonRecord, chunkId: string | undefined): ProviderEvent[] {
    const wireIndex = asNumber(fragment.index);
    const id = asString(fragment.id) || undefined;
    const fn = isRecord(fragment.function) ? fragment.function : {};
    const name = asString(fn.name) || undefined;
    const args =
      asString(fn.arguments) ?? (isRecord(fn.arguments) ? JSON.stringify(fn.arguments) : '');
    let call = this.find(wireIndex, id);
    if (!call) {
      const index = this.calls.length;
      const tag = (chunkId ?? this.requestTag).replace(/[^a-zA-Z0-9_-]/g, '');
      call = {
        index,
        wireIndex,
        id: id ?? `call_${index}_${tag || this.requestTag}`,
        wireId: id !== undefined,
        name: '',
        started: false,
        ended: false,
        pending: '',
      };
      this.calls.push(call);
    }
    const events: ProviderEvent[] = [];
    if (!call.started && name) call.name = name;
    if (call.ended) return events;
    if (!call.started && call.name) {
      call.started = true;
      events.push({ type: 'tool-call-start', index: call.index, id: call.id, name: call.name });
    }
    if (call.started) {
      const fragmentText = call.pending + args;
      call.pending = '';
      if (fragmentText)
        events.push({ type: 'tool-call-delta', index: call.index, fragment: fragmentText });
    } else call.pending += args;
    return events;
  }

  /** Ends every call still open (a call whose name never came starts now, nameless). */
  *endAll(): Generator<ProviderEvent, void, undefined> {
    for (const call of this.calls) {
      if (call.ended) continue;
      if (!call.started) {
        call.started = true;
        yield { type: 'tool-call-start', index: call.index, id: call.id, name: call.name };
        if (call.pending)
          yield { type: 'tool-call-delta', index: call.index, fragment: call.pending };
      }
      call.ended = true;
      yield { type: 'tool-call-end', index: call.index };
    }
  }

  private find(wireIndex: number | undefined, id: string | undefined): StreamedCall | undefined {
    if (wireIndex !== undefined) {
      const call = this.calls.findLast((candidate) => candidate.wireIndex === wireIndex);
      // The same index with another id is another call (servers that number every call 0).
      return call && (id === undefined || !call.wireId || id === call.id) ? call : undefined;
    }
    if (id !== undefined) return this.calls.find((candidate) => candidate.id === id);
    return this.calls.at(-1);
  }
}

/**
 * One history message in the chat-completions shape: an assistant step as `content` (null when
 * empty) with `tool_calls`; a step's results as one `role: "tool"` message per call, text only
 * (tool messages take no images; an image is named in a note, an error is marked as one).
 */
function openAiMessages(message: ProviderMessage): JsonRecord[] {
  if (message.role === 'user') {
    if (!message.attachments?.length) return [{ role: 'user', content: message.content }];
    // Files first, as with Anthropic: the text usually refers to them.
    const parts = message.attachments.map(attachmentPart);
    if (message.content.trim()) parts.push({ type: 'text', text: message.content });
    return [{ role: 'user', content: parts }];
  }
  if (message.role === 'tool') {
    return message.results.map((result) => ({
      role: 'tool',
      tool_call_id: result.callId,
      content: resultText(result),
    }));
  }
  if (!message.toolCalls?.length) return [{ role: 'assistant', content: message.content }];
  return [
    {
      role: 'assistant',
      content: message.content.trim() ? message.content : null,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        // Servers that parse the arguments (Ollama, vLLM templates) refuse broken JSON.
        function: { name: call.name, arguments: argumentText(call.arguments) },
      })),
    },
  ];
}

/**
 * A prepared file as a content part (docs/wire-formats.md, "Attachments"): an image as an
 * `image_url` data URL (no `detail`: `auto` is the default, and some compatible servers refuse
 * fields they do not know), a PDF as a `file` part with its name and a data URL (preparation only
 * makes one for OpenAI's own API), a text file as a text part.
 */
function attachmentPart(attachment: ProviderAttachment): JsonRecord {
  switch (attachment.kind) {
    case 'image':
      return {
        type: 'image_url',
        image_url: { url: `data:${attachment.mimeType};base64,${attachment.data}` },
      };
    case 'pdf':
      return {
        type: 'file',
        file: {
          filename: attachment.name,
          file_data: `data:application/pdf;base64,${attachment.data}`,
        },
      };
    case 'text':
      return { type: 'text', text: attachment.text };
  }
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
