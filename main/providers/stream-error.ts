import { codeOf, kindFromErrorBody, parseErrorBody } from './error-body';
import { describeFailure, networkCause, providerError, specificFailure } from './http-error';
import type { ProviderError } from './types';

/** The server went silent for longer than the idle timeout. */
export function idleTimeoutError(idleTimeoutMs: number): ProviderError {
  const seconds = Math.round(idleTimeoutMs / 100) / 10;
  return providerError({
    kind: 'timeout',
    message: `The provider sent nothing for ${seconds} s, so Parley stopped waiting. Try again; if it keeps happening, check that the server is still running.`,
  });
}

/** The stream ended or broke before the reply finished; `cause` is the transport's error, if any. */
export function streamCutError(cause?: unknown): ProviderError {
  return providerError({
    kind: 'connection',
    message: 'The connection closed before the reply finished.',
    detail: cause === undefined ? undefined : networkCause(cause).detail,
  });
}

/** An event whose data could not be read as the JSON the wire format promises. */
export function malformedEventError(data: string): ProviderError {
  return providerError({
    kind: 'protocol',
    message:
      'The provider sent an event Parley could not read. Try again; if it keeps happening, check the provider type in Settings.',
    detail: data.length > 200 ? `${data.slice(0, 200)}…` : data,
  });
}

/**
 * An error the provider reported inside a stream (Anthropic `error` event, OpenAI/vLLM/llama.cpp
 * error objects). `afterText`: some of the reply had already arrived, so the wording says the
 * reply broke off; before any text it must not (the person saw no reply at all).
 */
export function errorFromStreamPayload(payload: unknown, afterText = false): ProviderError {
  const body = parseErrorBody(payload);
  const specific = specificFailure(body);
  const kind = specific?.kind ?? kindFromErrorBody(body) ?? 'server';
  return providerError({
    kind,
    message: specific?.message ?? describeFailure(kind, { midStream: afterText }),
    detail: body?.message ?? (typeof payload === 'string' ? payload : undefined),
    code: codeOf(body),
  });
}
