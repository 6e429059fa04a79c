import type { ProviderError } from '../providers/types';

/** Retries after the first try, as the official SDKs do. */
export const maxRetries = 2;

// A server's own wait is honoured only when it is sensible; past this it is a quota, not a blip.
const maxServerWaitMs = 60_000;
const baseDelayMs = 500;
const maxBackoffMs = 8_000;

const retryableKinds = new Set(['rate_limit', 'overloaded', 'server', 'connection', 'timeout']);

/**
 * How long to wait before retrying a request that failed before its first token, or null when
 * it must not be retried. `x-should-retry` wins; else 408, 409, 429, 5xx (529 too) and
 * connection failures retry; a quota, a bad key or a bad request never do.
 */
export function retryDelay(
  error: ProviderError,
  attempt: number,
  random = Math.random,
): number | null {
  if (attempt >= maxRetries) return null;
  const { kind, status, retryAfterMs } = error.info;
  const retryable =
    error.shouldRetry ??
    (status !== undefined
      ? status === 408 || status === 409 || status === 429 || status >= 500
      : retryableKinds.has(kind));
  if (!retryable || kind === 'quota') return null;
  if (retryAfterMs !== undefined && retryAfterMs > 0 && retryAfterMs <= maxServerWaitMs) {
    return retryAfterMs;
  }
  const backoff = Math.min(baseDelayMs * 2 ** attempt, maxBackoffMs);
  // Up to 25 % less, so many clients that failed together do not retry together.
  return Math.round(backoff * (1 - 0.25 * random()));
}
