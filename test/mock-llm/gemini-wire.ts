import type { FramingOptions, ReplyScenario } from './types';
import { argumentFragments, sseEvent, type Frame } from './wire';

/** What a Gemini reply needs besides the scenario. */
export interface GeminiParts {
  reasoning: string[];
  text: string[];
  usage: { input: number; output: number };
  finish: boolean;
  model: string;
}

/**
 * A Gemini `streamGenerateContent?alt=sse` stream: one `data:` GenerateContentResponse per token
 * (thoughts as parts with `"thought": true`), the last carrying finishReason and usageMetadata.
 * No [DONE]: the stream ends with the body.
 */
export function geminiFrames(scenario: ReplyScenario, parts: GeminiParts): Frame[] {
  const event = (body: Record<string, unknown>, token: boolean): Frame => ({
    text: sseEvent([['data', JSON.stringify(body)]], scenario),
    token,
  });
  const candidate = (part: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    candidates: [{ content: { parts: [part], role: 'model' }, index: 0, ...extra }],
    modelVersion: parts.model,
  });
  const frames: Frame[] = [];
  const toolCalls = scenario.toolCalls ?? [];
  for (const text of parts.reasoning) frames.push(event(candidate({ text, thought: true }), true));
  parts.text.forEach((text, index) => {
    const last = parts.finish && toolCalls.length === 0 && index === parts.text.length - 1;
    if (!last) {
      frames.push(event(candidate({ text }), true));
      return;
    }
    const { input, output } = parts.usage;
    frames.push(
      event(
        {
          ...candidate({ text }, { finishReason: scenario.stopReason ?? 'STOP' }),
          usageMetadata: {
            promptTokenCount: input,
            candidatesTokenCount: output,
            totalTokenCount: input + output,
          },
        },
        true,
      ),
    );
  });
  if (parts.finish && toolCalls.length > 0) {
    // Calls arrive whole, all of a step's calls as parts of one response, with the finish.
    const callParts = toolCalls.map((call) => {
      let args: unknown;
      try {
        args = JSON.parse(argumentFragments(call).join('')) as unknown;
      } catch {
        args = {};
      }
      return {
        functionCall: { ...(call.id ? { id: call.id } : {}), name: call.name, args },
        ...(call.thoughtSignature ? { thoughtSignature: call.thoughtSignature } : {}),
      };
    });
    const { input, output } = parts.usage;
    frames.push(
      event(
        {
          candidates: [
            {
              content: { parts: callParts, role: 'model' },
              finishReason: scenario.stopReason ?? 'STOP',
              index: 0,
            },
          ],
          usageMetadata: {
            promptTokenCount: input,
            candidatesTokenCount: output,
            totalTokenCount: input + output,
          },
          modelVersion: parts.model,
        },
        true,
      ),
    );
  }
  return frames;
}

/** Gemini's error body for a status: {"error":{"code","message","status"}}. */
export function geminiErrorBody(status: number): object {
  const words: Record<number, [string, string]> = {
    400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
    401: ['UNAUTHENTICATED', 'API key not valid. Please pass a valid API key.'],
    403: ['PERMISSION_DENIED', 'Permission denied.'],
    404: ['NOT_FOUND', 'models/mock-missing-model is not found for API version v1beta.'],
    429: ['RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'],
    503: ['UNAVAILABLE', 'The model is overloaded. Please try again later.'],
  };
  const [status_, message] = words[status] ?? ['INTERNAL', 'An internal error has occurred.'];
  return { error: { code: status, message, status: status_ } };
}

/** A Gemini in-stream error event. */
export function geminiErrorEvent(
  error: { type: string; message: string },
  scenario: FramingOptions,
): string {
  return sseEvent(
    [
      [
        'data',
        JSON.stringify({ error: { code: 500, message: error.message, status: error.type } }),
      ],
    ],
    scenario,
  );
}
