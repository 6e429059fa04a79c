import { decodeSse, defaultIdleTimeoutMs, type SseEvent } from './sse-decoder';
import {
  errorFromFetchFailure,
  errorFromNonStream,
  errorFromResponse,
  providerError,
} from './http-error';
import { idleTimeoutError } from './stream-error';
import type { FetchLike } from './types';

/** A streaming POST: where, with which headers, and the JSON body. */
export interface SseRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * POSTs `request` and yields the reply's server-sent events. Every failure (connection, HTTP
 * status, a page that is not a stream, silence past the idle timeout) is thrown as a
 * ProviderError; aborting `signal` closes the connection and throws the signal's reason.
 */
export async function* streamSse(
  fetchFn: FetchLike,
  request: SseRequest,
  signal: AbortSignal,
  idleTimeoutMs: number = defaultIdleTimeoutMs,
): AsyncGenerator<SseEvent, void, undefined> {
  signal.throwIfAborted();
  // Our own controller, so an idle timeout can close the connection without touching the caller's.
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  // The idle timeout also covers the wait for headers and for an error body.
  const watch = async <T>(work: () => Promise<T>): Promise<T> => {
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(idleTimeoutError(idleTimeoutMs));
    }, idleTimeoutMs);
    try {
      return await work();
    } finally {
      clearTimeout(timer);
    }
  };
  let handedOver = false;
  try {
    let response: Response;
    try {
      response = await watch(() =>
        fetchFn(request.url, {
          method: 'POST',
          headers: request.headers,
          body: JSON.stringify(request.body),
          signal: controller.signal,
        }),
      );
    } catch (error) {
      signal.throwIfAborted();
      if (timedOut) throw idleTimeoutError(idleTimeoutMs);
      throw errorFromFetchFailure(error);
    }
    if (!response.ok) {
      // A stalled error body still yields the status-based error (the body reader tolerates aborts).
      const failure = await watch(() => errorFromResponse(response, request.url));
      signal.throwIfAborted();
      throw failure;
    }
    if (!/^text\/event-stream\b/i.test(response.headers.get('content-type')?.trim() ?? '')) {
      const failure = await watch(() => errorFromNonStream(response, request.url));
      signal.throwIfAborted();
      throw failure;
    }
    if (!response.body) {
      throw providerError({
        kind: 'protocol',
        message: 'The server answered with an empty stream. Try again.',
        status: response.status,
      });
    }
    // From here on decodeSse owns closing the connection (at once, or after a short linger).
    handedOver = true;
    yield* decodeSse(response.body, { signal, controller, idleTimeoutMs });
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Failing before the stream began must not leave the connection open.
    if (!handedOver) controller.abort(signal.aborted ? signal.reason : undefined);
  }
}
