import { geminiErrorBody, geminiErrorEvent, geminiFrames } from './gemini-wire';
import type { FramingOptions, MockToolCall, ReplyScenario } from './types';

/** The wire formats the mock speaks, chosen by the request path. */
export type WireFormat = 'anthropic' | 'openai' | 'gemini';

/** One piece of a scripted stream; `token` pieces are paced by tokensPerSecond. */
export interface Frame {
  text: string;
  token: boolean;
}

/** What a reply needs to know about its request. */
export interface ReplyContext {
  format: WireFormat;
  model: string;
  promptChars: number;
  requestIndex: number;
  /** OpenAI sends the usage chunk only when the client asked for it. */
  includeUsage: boolean;
}

/** Splits text into ~4-character tokens by code point: simple, deterministic, never splits a character. */
export function tokenize(text: string): string[] {
  const points = Array.from(text);
  const tokens: string[] = [];
  for (let i = 0; i < points.length; i += 4) tokens.push(points.slice(i, i + 4).join(''));
  return tokens;
}

/** A call's argument fragments: as given, or its text cut every 5 code points. */
export function argumentFragments(call: MockToolCall): string[] {
  if (Array.isArray(call.arguments)) return call.arguments;
  const points = Array.from(call.arguments);
  const fragments: string[] = [];
  for (let i = 0; i < points.length; i += 5) fragments.push(points.slice(i, i + 5).join(''));
  return fragments;
}

/** Formats one SSE event (or a comment) with the scenario's line ending and colon style. */
export function sseEvent(fields: Array<[string, string]>, framing: FramingOptions): string {
  const eol = framing.lineEnding ?? '\n';
  const separator = framing.noSpaceAfterColon ? ':' : ': ';
  const lines = fields.map(([name, value]) => `${name}${separator}${value}${eol}`);
  return `${framing.comments ? `: keep-alive${eol}` : ''}${lines.join('')}${eol}`;
}

/** The whole scripted stream of a reply, cut at `afterChars` when it does not finish. */
export function replyFrames(scenario: ReplyScenario, context: ReplyContext): Frame[] {
  const after = scenario.after ?? 'finish';
  const points = Array.from(scenario.text);
  const sentText =
    after === 'finish'
      ? scenario.text
      : points.slice(0, scenario.afterChars ?? points.length).join('');
  const reasoning = tokenize(scenario.reasoning ?? '');
  const text = tokenize(sentText);
  const usage = scenario.usage ?? {
    input: Math.max(1, Math.ceil(context.promptChars / 4)),
    output: reasoning.length + text.length,
  };
  const parts = { reasoning, text, usage, finish: after === 'finish' };
  if (context.format === 'gemini')
    return geminiFrames(scenario, { ...parts, model: context.model });
  const build = context.format === 'anthropic' ? anthropicFrames : openAiFrames;
  return build(scenario, context, parts);
}

/** The event a reply's `errorEvent` ending sends, in the request's format. */
export function errorEventFrame(
  format: WireFormat,
  error: { type: string; message: string },
  framing: FramingOptions,
): string {
  if (format === 'gemini') return geminiErrorEvent(error, framing);
  if (format === 'anthropic') {
    const data = { type: 'error', error };
    return sseEvent(
      [
        ['event', 'error'],
        ['data', JSON.stringify(data)],
      ],
      framing,
    );
  }
  return sseEvent(
    [['data', JSON.stringify({ error: { ...error, param: null, code: null } })]],
    framing,
  );
}

interface Parts {
  reasoning: string[];
  text: string[];
  usage: { input: number; output: number };
  finish: boolean;
}

function anthropicFrames(scenario: ReplyScenario, context: ReplyContext, parts: Parts): Frame[] {
  const event = (data: { type: string } & Record<string, unknown>, token = false): Frame => ({
    text: sseEvent(
      [
        ['event', data.type],
        ['data', JSON.stringify(data)],
      ],
      scenario,
    ),
    token,
  });
  const ping = () => event({ type: 'ping' });
  const frames: Frame[] = [
    event({
      type: 'message_start',
      message: {
        id: `msg_mock_${context.requestIndex}`,
        type: 'message',
        role: 'assistant',
        content: [],
        model: context.model,
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: parts.usage.input, output_tokens: 1 },
      },
    }),
  ];
  let index = 0;
  if (scenario.reasoning !== undefined) {
    frames.push(
      event({
        type: 'content_block_start',
        index,
        content_block: { type: 'thinking', thinking: '' },
      }),
    );
    for (const thinking of parts.reasoning) {
      frames.push(
        event(
          { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } },
          true,
        ),
      );
      if (scenario.comments) frames.push(ping());
    }
    frames.push(
      event({
        type: 'content_block_delta',
        index,
        delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIMmock' },
      }),
    );
    frames.push(event({ type: 'content_block_stop', index }));
    index += 1;
  }
  const toolCalls = scenario.toolCalls ?? [];
  // A step that only calls tools has no text block.
  const textBlock = scenario.text !== '' || toolCalls.length === 0;
  if (textBlock) {
    frames.push(
      event({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }),
      ping(),
    );
  }
  for (const text of parts.text) {
    frames.push(
      event({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } }, true),
    );
    if (scenario.comments) frames.push(ping());
  }
  if (!parts.finish) return frames;
  if (textBlock) frames.push(event({ type: 'content_block_stop', index }));
  toolCalls.forEach((call, position) => {
    index += textBlock || position > 0 ? 1 : 0;
    const id = call.id ?? `toolu_mock_${context.requestIndex}_${position}`;
    frames.push(
      event({
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id, name: call.name, input: {} },
      }),
      // The API's first input delta is often empty.
      event({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: '' },
      }),
    );
    for (const partial_json of argumentFragments(call)) {
      frames.push(
        event(
          { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } },
          true,
        ),
      );
    }
    frames.push(event({ type: 'content_block_stop', index }));
  });
  const defaultStop = toolCalls.length > 0 ? 'tool_use' : 'end_turn';
  frames.push(
    event({
      type: 'message_delta',
      delta: { stop_reason: scenario.stopReason ?? defaultStop, stop_sequence: null },
      usage: { output_tokens: parts.usage.output },
    }),
    event({ type: 'message_stop' }),
  );
  return frames;
}

function openAiFrames(scenario: ReplyScenario, context: ReplyContext, parts: Parts): Frame[] {
  const id = `chatcmpl-mock${context.requestIndex}`;
  const created = 1_727_346_168;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}, token = false): Frame => {
    const data = {
      id,
      object: 'chat.completion.chunk',
      created,
      model: context.model,
      system_fingerprint: 'fp_mock',
      choices,
      ...extra,
    };
    return { text: sseEvent([['data', JSON.stringify(data)]], scenario), token };
  };
  const delta = (content: Record<string, unknown>, finishReason: string | null = null) => ({
    index: 0,
    delta: content,
    logprobs: null,
    finish_reason: finishReason,
  });
  const reasoningField = scenario.reasoningField ?? 'reasoning_content';
  const frames: Frame[] = [chunk([delta({ role: 'assistant', content: '', refusal: null })])];
  for (const text of parts.reasoning)
    frames.push(chunk([delta({ [reasoningField]: text })], {}, true));
  for (const text of parts.text) frames.push(chunk([delta({ content: text })], {}, true));
  if (!parts.finish) return frames;
  const toolCalls = scenario.toolCalls ?? [];
  for (const fragments of openAiToolCallFragments(scenario, context.requestIndex)) {
    frames.push(chunk([delta({ tool_calls: fragments })], {}, true));
  }
  const defaultStop = toolCalls.length > 0 ? 'tool_calls' : 'stop';
  frames.push(chunk([delta({}, scenario.stopReason ?? defaultStop)]));
  if (context.includeUsage) {
    const { input, output } = parts.usage;
    const usage = { prompt_tokens: input, completion_tokens: output, total_tokens: input + output };
    frames.push(chunk([], { usage }));
  }
  frames.push({ text: sseEvent([['data', '[DONE]']], scenario), token: false });
  return frames;
}

/**
 * The `delta.tool_calls` arrays of a reply's calls, one per chunk: OpenAI's own shape (id, type
 * and name in the first fragment with empty arguments, then argument pieces keyed by `index`),
 * changed as `toolCallStyle` asks.
 */
function openAiToolCallFragments(scenario: ReplyScenario, requestIndex: number): unknown[][] {
  const style = scenario.toolCallStyle ?? {};
  const perCall = (scenario.toolCalls ?? []).map((call, index) => {
    const head = (extra: Record<string, unknown>, withName: boolean, args: string) => ({
      ...(style.noIndex ? {} : { index }),
      ...extra,
      function: { ...(withName ? { name: call.name } : {}), arguments: args },
    });
    const id = style.noId ? {} : { id: call.id ?? `call_mock_${requestIndex}_${index}` };
    const fragments = argumentFragments(call);
    if (style.argumentsWhole) return [head({ ...id, type: 'function' }, true, fragments.join(''))];
    return [
      head({ ...id, type: 'function' }, true, ''),
      ...fragments.map((fragment) => head({}, style.repeatName === true, fragment)),
    ];
  });
  const chunks: unknown[][] = [];
  if (style.interleaved) {
    const longest = Math.max(0, ...perCall.map((fragments) => fragments.length));
    for (let step = 0; step < longest; step += 1) {
      for (const fragments of perCall) {
        const fragment = fragments[step];
        if (fragment !== undefined) chunks.push([fragment]);
      }
    }
  } else for (const fragments of perCall) for (const fragment of fragments) chunks.push([fragment]);
  return chunks;
}

/** The error body a real provider sends for a status, in the request's format. */
export function defaultErrorBody(format: WireFormat, status: number, requestIndex: number): object {
  if (format === 'gemini') return geminiErrorBody(status);
  const [anthropicType, openAiType, openAiCode, message] = errorWords(status);
  if (format === 'anthropic') {
    return {
      type: 'error',
      error: { type: anthropicType, message },
      request_id: `req_mock_${requestIndex}`,
    };
  }
  return { error: { message, type: openAiType, param: null, code: openAiCode } };
}

// [Anthropic type, OpenAI type, OpenAI code, message] per status, as the real APIs word them.
function errorWords(status: number): [string, string, string | null, string] {
  switch (status) {
    case 400:
      return ['invalid_request_error', 'invalid_request_error', null, 'messages: field required'];
    case 401:
      return [
        'authentication_error',
        'invalid_request_error',
        'invalid_api_key',
        'invalid x-api-key',
      ];
    case 402:
      return ['billing_error', 'insufficient_quota', 'insufficient_quota', 'Insufficient credits'];
    case 403:
      return [
        'permission_error',
        'invalid_request_error',
        null,
        'Your API key does not have permission to use the specified resource.',
      ];
    case 404:
      return [
        'not_found_error',
        'invalid_request_error',
        'model_not_found',
        'model: mock-missing-model',
      ];
    case 413:
      return [
        'request_too_large',
        'invalid_request_error',
        null,
        'Request exceeds the maximum allowed number of bytes.',
      ];
    case 429:
      return [
        'rate_limit_error',
        'requests',
        'rate_limit_exceeded',
        'Rate limit reached for requests',
      ];
    case 503:
      return [
        'api_error',
        'server_error',
        null,
        'The engine is currently overloaded, please try again later',
      ];
    case 529:
      return ['overloaded_error', 'server_error', null, 'Overloaded'];
    default:
      return ['api_error', 'server_error', null, 'Internal server error'];
  }
}
