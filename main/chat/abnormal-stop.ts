import { providerError } from '../providers/http-error';
import type { ProviderError } from '../providers/types';

/**
 * Stop values that say the server failed rather than that the model finished: `"error"` (some
 * gateways and llama.cpp forks), vLLM's `"abort"`, `"cancelled"`, Gemini's
 * `MALFORMED_FUNCTION_CALL`, and whatever else names an error or a failure.
 */
const errorLikeReason = /error|fail|abort|cancel|exception|malformed/i;

/**
 * Whether a reply that "ended" really failed, as the error to show; null when the end is a real
 * one. `raw` is the provider's own stop value (absent when it sent none); `receivedAnything`
 * says whether any text or reasoning arrived. An error-like stop value is a failure whatever
 * arrived before it (the text stays on screen); a reply with nothing in it and no reason at all
 * is one too, since a model that finished would have said so.
 */
export function abnormalStop(
  raw: string | undefined,
  receivedAnything: boolean,
): ProviderError | null {
  if (raw !== undefined && errorLikeReason.test(raw)) {
    return providerError({
      kind: 'server',
      message: receivedAnything
        ? `The provider ended the reply with an error (its reason: "${raw}"), so it may be incomplete. Try Regenerate.`
        : `The provider ended the reply with an error before sending any text (its reason: "${raw}"). Try again.`,
      code: raw,
    });
  }
  if (raw === undefined && !receivedAnything) {
    return providerError({
      kind: 'protocol',
      message:
        'The provider ended the reply without any text and without saying why. Try again; if it keeps happening, check the model and the base URL in Settings.',
    });
  }
  return null;
}
