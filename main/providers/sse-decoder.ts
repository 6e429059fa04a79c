import { createParser, type ParseError } from 'eventsource-parser';
import { tryParseJson } from './json-guards';
import { providerError } from './http-error';
import { errorFromStreamPayload, idleTimeoutError, streamCutError } from './stream-error';
import type { ProviderError } from './types';

/** One server-sent event: its `event:` name, if any, and its `data:` lines joined by newlines. */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

/** How long a stream may stay silent before Parley gives up, unless the profile says otherwise. */
export const defaultIdleTimeoutMs = 60_000;

/** What decodeSse needs besides the body. */
export interface SseDecodeOptions {
  /** The caller's signal: when it fires the connection closes and the iterator throws its reason. */
  signal: AbortSignal;
  /** The controller whose signal went to `fetch`; aborted on caller abort, idle timeout or early exit. */
  controller?: AbortController;
  /** Abort when no byte arrives for this long; default 60 s. */
  idleTimeoutMs?: number;
}

// A line or an event that never ends is a broken server, not a reply: cap what we hold.
const maxBufferedChars = 16 * 1024 * 1024;

/**
 * Decodes a response body into server-sent events. Framing (CR/CRLF/LF, `data:` without a
 * space, comments, BOM) is eventsource-parser's; this adds UTF-8 decoding across chunk splits,
 * the idle timeout, prompt abort, and llama.cpp's non-standard `error:` line as a typed error.
 */
export async function* decodeSse(
  body: ReadableStream<Uint8Array>,
  options: SseDecodeOptions,
): AsyncGenerator<SseEvent, void, undefined> {
  const { signal, controller } = options;
  const idleTimeoutMs = options.idleTimeoutMs ?? defaultIdleTimeoutMs;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const pending: Array<SseEvent | ProviderError> = [];
  const parser = createParser({
    maxBufferSize: maxBufferedChars,
    onEvent: (message) => pending.push({ event: message.event, data: message.data }),
    onError: (error) => {
      const failure = failureFromParseError(error);
      if (failure) pending.push(failure);
    },
  });
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Still 'open' when the generator exits means the consumer stopped early without an error.
  let outcome: 'open' | 'finished' | 'failed' = 'open';
  // Closing both ends at once: aborting fetch drops the socket, cancelling wakes a pending read.
  const close = (reason?: unknown) => {
    controller?.abort(reason);
    reader.cancel(reason).catch(() => undefined);
  };
  const onAbort = () => close(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  // Hands out what the parser produced, in order; a parse failure ends the stream where it stood.
  function* drain(): Generator<SseEvent, void, undefined> {
    for (let item = pending.shift(); item; item = pending.shift()) {
      if (item instanceof Error) throw item;
      // An event parsed before Stop must not reach a consumer that resumes after it.
      signal.throwIfAborted();
      yield item;
    }
  }
  // Text after the last line break. eventsource-parser silently drops a partial line it cannot
  // recognize (e.g. "err" of "error: {…}"), so it is only ever fed whole lines.
  let partialLine = '';
  try {
    signal.throwIfAborted();
    for (;;) {
      // The timer runs only while we wait for bytes, so a slow consumer never trips it.
      timer = setTimeout(() => {
        timedOut = true;
        close(idleTimeoutError(idleTimeoutMs));
      }, idleTimeoutMs);
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        signal.throwIfAborted();
        if (timedOut) throw idleTimeoutError(idleTimeoutMs);
        throw streamCutError(error);
      } finally {
        clearTimeout(timer);
      }
      signal.throwIfAborted();
      if (timedOut) throw idleTimeoutError(idleTimeoutMs);
      if (chunk.done) break;
      const text = decoder.decode(chunk.value, { stream: true });
      const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
      if (lastBreak === -1) {
        partialLine += text;
        if (partialLine.length > maxBufferedChars) throw oversizedError();
        continue;
      }
      parser.feed(partialLine + text.slice(0, lastBreak + 1));
      partialLine = text.slice(lastBreak + 1);
      yield* drain();
    }
    // A final line without a break is still a line; an event without its blank line is not sent.
    const rest = partialLine + decoder.decode();
    if (rest !== '') parser.feed(`${rest}\n`);
    yield* drain();
    outcome = 'finished';
  } catch (error) {
    outcome = 'failed';
    throw error;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    // The consumer took what it wanted (e.g. stopped at [DONE]) before the body ended: let the
    // server finish briefly so the connection can be reused. Abort and failure close at once.
    if (outcome === 'open' && !signal.aborted) void lingerThenClose(reader, close);
    else if (outcome !== 'finished') close(signal.aborted ? signal.reason : undefined);
  }
}

// Long enough for a server's closing bytes after its last event, short enough to hold nothing.
const lingerMs = 1_000;

/** Reads out what is left of a finished reply for up to `lingerMs`, then closes the connection. */
async function lingerThenClose(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  close: (reason?: unknown) => void,
): Promise<void> {
  const timer = setTimeout(() => close(), lingerMs);
  try {
    while (!(await reader.read()).done);
  } catch {
    // Whatever went wrong after the reply ended does not concern anyone.
  } finally {
    clearTimeout(timer);
  }
}

function failureFromParseError(error: ParseError): ProviderError | undefined {
  // llama.cpp's server reports a failure as an `error: {json}` field line (no `data:`), which a
  // spec reader ignores; ignoring it would end the reply as if it had finished. Surface it.
  if (error.type === 'unknown-field' && error.field === 'error') {
    const value = error.value ?? '';
    const json = tryParseJson(value);
    return errorFromStreamPayload(json === undefined ? value : json);
  }
  if (error.type === 'max-buffer-size-exceeded') return oversizedError();
  // Other unknown fields and bad `retry:` values are ignored, as the SSE spec says.
  return undefined;
}

function oversizedError(): ProviderError {
  return providerError({
    kind: 'protocol',
    message:
      'The provider sent an event larger than 16 MB without finishing it. Check the base URL and the provider type in Settings.',
  });
}
