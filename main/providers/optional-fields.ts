import type { ProviderError } from './types';

/**
 * Request fields of the OpenAI format that Parley can do without, and what to send instead when
 * a server refuses one. Some servers and gateways answer 400/422 to fields they do not know:
 * `stream_options` (older vLLM, LiteLLM and Azure deployments, many small proxies),
 * `max_completion_tokens` (servers that only know `max_tokens`), `reasoning_effort` (servers
 * without reasoning models). Each entry names the field and rewrites the body without it.
 */
export const optionalFields: Readonly<Record<string, (body: Record<string, unknown>) => void>> = {
  stream_options: (body) => {
    // Without it usage may not arrive; the reply itself is unaffected.
    delete body.stream_options;
  },
  max_completion_tokens: (body) => {
    // The older name for the same limit, which every OpenAI-format server knows.
    body.max_tokens = body.max_completion_tokens;
    delete body.max_completion_tokens;
  },
  reasoning_effort: (body) => {
    delete body.reasoning_effort;
  },
};

/**
 * Which optional field of `body` a 400/422 refused, when its wording names one (in the message,
 * `param`, or a FastAPI/pydantic `loc` list, all of which end up in the error's detail); else
 * undefined. Any other failure, and a 400 that names none, is not about an optional field.
 */
export function refusedOptionalField(
  error: ProviderError,
  body: Record<string, unknown>,
): string | undefined {
  const { status, detail, message } = error.info;
  if (status !== 400 && status !== 422) return undefined;
  const words = `${detail ?? ''} ${message}`;
  return Object.keys(optionalFields).find(
    (field) => field in body && new RegExp(`\\b${field}\\b`).test(words),
  );
}

/** Removes from `body` every optional field the server is known to refuse. */
export function withoutRefused(
  body: Record<string, unknown>,
  refused: ReadonlySet<string>,
): Record<string, unknown> {
  const copy = { ...body };
  for (const field of refused) if (field in copy) optionalFields[field]?.(copy);
  return copy;
}
