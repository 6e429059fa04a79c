import { describe, expect, it } from 'vitest';
import { maxRetries, retryDelay } from '../../../main/chat/retry-policy';
import { ProviderError } from '../../../main/providers/types';
import type { ChatError } from '../../../preload/api';

const failure = (info: Partial<ChatError>, shouldRetry?: boolean) => {
  const error = new ProviderError({ kind: 'server', message: 'x', ...info });
  if (shouldRetry !== undefined) error.shouldRetry = shouldRetry;
  return error;
};
const noJitter = () => 0;

describe('retryDelay', () => {
  it('retries 408, 409, 429, 5xx and 529, and connection failures', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 529]) {
      expect(retryDelay(failure({ status }), 0, noJitter)).toBe(500);
    }
    expect(retryDelay(failure({ kind: 'connection' }), 0, noJitter)).toBe(500);
    expect(retryDelay(failure({ kind: 'timeout' }), 0, noJitter)).toBe(500);
  });

  it('never retries a bad key, a bad request, an unknown model or an exhausted quota', () => {
    expect(retryDelay(failure({ kind: 'auth', status: 401 }), 0)).toBeNull();
    expect(retryDelay(failure({ kind: 'bad_request', status: 400 }), 0)).toBeNull();
    expect(retryDelay(failure({ kind: 'not_found', status: 404 }), 0)).toBeNull();
    expect(retryDelay(failure({ kind: 'quota', status: 429 }), 0)).toBeNull();
    expect(retryDelay(failure({ kind: 'protocol' }), 0)).toBeNull();
  });

  it('honours the server: x-should-retry first, then a sensible retry-after', () => {
    expect(retryDelay(failure({ status: 500 }, false), 0)).toBeNull();
    expect(retryDelay(failure({ kind: 'bad_request', status: 400 }, true), 0, noJitter)).toBe(500);
    expect(retryDelay(failure({ status: 429, retryAfterMs: 3_000 }), 0)).toBe(3_000);
    // Past a minute it is not a blip: fall back to our own backoff.
    expect(retryDelay(failure({ status: 429, retryAfterMs: 120_000 }), 0, noJitter)).toBe(500);
  });

  it('backs off exponentially with jitter, and stops after two retries', () => {
    expect(retryDelay(failure({ status: 503 }), 1, noJitter)).toBe(1_000);
    expect(retryDelay(failure({ status: 503 }), 1, () => 1)).toBe(750);
    expect(retryDelay(failure({ status: 503 }), maxRetries)).toBeNull();
  });
});
