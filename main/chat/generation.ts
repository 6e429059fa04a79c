import type { ChatError, ChatEvent, StopReason, Usage } from '../../preload/api';
import { ProviderError, type Provider, type ProviderRequest } from '../providers/types';
import { abnormalStop } from './abnormal-stop';
import { DeltaCoalescer } from './delta-coalescer';
import { maxRetries, retryDelay } from './retry-policy';

/** A stream event before main stamps it with the stream id and sequence number. */
export type UnstampedEvent = ChatEvent extends infer E
  ? E extends ChatEvent
    ? Omit<E, 'streamId' | 'seq'>
    : never
  : never;

/** What a generation needs: where to send events, and how to log what the user must not see. */
export interface GenerationOptions {
  streamId: string;
  provider: Provider;
  request: ProviderRequest;
  /** Receives every event, stamped, in order; the last one is `done` or `error`. */
  emit: (event: ChatEvent) => void;
  log?: (message: string, error: unknown) => void;
  frameMs?: number;
  /** Jitter source for retry backoff (tests pass a fixed one). */
  random?: () => number;
}

const unexpectedError: ChatError = {
  kind: 'protocol',
  message: 'Something unexpected went wrong while reading the reply. Try Regenerate.',
};

/**
 * One request to a provider, from first byte to its single terminal event. Its whole life hangs
 * off one AbortController: `stop()` closes the upstream connection and ends the stream at once.
 */
export class Generation {
  readonly streamId: string;
  /** Settles (never rejects) once the provider call has fully unwound. */
  readonly finished: Promise<void>;
  private readonly controller = new AbortController();
  private readonly coalescer: DeltaCoalescer;
  private seq = 0;
  private ended = false;
  private usage: Usage | undefined;
  private receivedText = false;
  private readonly maxAttempts = maxRetries + 1;
  private readonly random: () => number;

  constructor(private readonly options: GenerationOptions) {
    this.streamId = options.streamId;
    this.random = options.random ?? Math.random;
    this.coalescer = new DeltaCoalescer(
      (text, reasoning) => this.send({ type: 'delta', text, reasoning }),
      options.frameMs,
    );
    this.finished = this.run();
  }

  /** Whether the terminal event has been sent. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Tell the window that saving this reply failed; it keeps streaming. */
  reportSaveFailure(message: string): void {
    this.send({ type: 'save-failed', message });
  }

  /**
   * The usage to report when the reply ends without the provider's end (Stop, a failure): the
   * counts so far, marked partial, since the provider sends its totals only at its end.
   */
  private partialUsage(): Usage | undefined {
    return this.usage ? { ...this.usage, partial: true } : undefined;
  }

  /** Stop at once: text already received is kept, `done` (stopped) is the last event. */
  stop(): void {
    this.finish({ type: 'done', stopReason: 'stopped', usage: this.partialUsage() });
    this.controller.abort(new DOMException('Stopped by the user', 'AbortError'));
  }

  private async run(): Promise<void> {
    // Let the caller return the new reply to the renderer before the first event goes out.
    await Promise.resolve();
    try {
      for (let attempt = 0; ; attempt += 1) {
        const failure = await this.attempt();
        if (failure === null || this.ended) return;
        // Retry only before the first token: once text is on screen, Regenerate is the answer.
        const delayMs = this.receivedText ? null : retryDelay(failure, attempt, this.random);
        if (delayMs === null) {
          this.finish({ type: 'error', error: failure.info, usage: this.partialUsage() });
          return;
        }
        const { maxAttempts } = this;
        this.send({
          type: 'retrying',
          attempt: attempt + 1,
          maxAttempts,
          delayMs,
          error: failure.info,
        });
        await abortableSleep(delayMs, this.controller.signal);
        if (this.ended) return;
      }
    } catch (error) {
      if (this.ended || this.controller.signal.aborted) return;
      this.options.log?.(`generation ${this.streamId} failed unexpectedly`, error);
      this.finish({ type: 'error', error: unexpectedError, usage: this.partialUsage() });
    } finally {
      this.coalescer.dispose();
    }
  }

  /** One request: ends the stream on success and returns null, or returns the provider failure. */
  private async attempt(): Promise<ProviderError | null> {
    let stopReason: StopReason = 'end';
    let rawReason: string | undefined;
    try {
      const events = this.options.provider.stream(this.options.request, this.controller.signal);
      for await (const event of events) {
        if (this.ended) break;
        if (event.type === 'usage') {
          this.usage = { ...this.usage, ...event.usage };
          continue;
        }
        if (event.type === 'stop') {
          stopReason = event.reason;
          rawReason = event.raw;
          continue;
        }
        if (event.type !== 'text' && event.type !== 'reasoning') continue;
        this.receivedText = true;
        if (event.type === 'text') this.coalescer.push(event.text);
        else this.coalescer.push('', event.text);
      }
      if (this.ended) return null;
      const failure = abnormalStop(rawReason, this.receivedText);
      if (failure) return failure;
      this.finish({
        type: 'done',
        stopReason,
        ...(rawReason !== undefined ? { providerStopReason: rawReason } : {}),
        usage: this.usage,
      });
      return null;
    } catch (error) {
      if (this.ended || this.controller.signal.aborted) return null;
      if (error instanceof ProviderError) return error;
      throw error;
    }
  }

  /** Flush held text, then send the one terminal event; later calls do nothing. */
  private finish(event: Extract<UnstampedEvent, { type: 'done' | 'error' }>): void {
    if (this.ended) return;
    this.coalescer.flush();
    this.ended = true;
    this.coalescer.dispose();
    if (event.usage === undefined) delete event.usage;
    this.send(event, true);
  }

  private send(event: UnstampedEvent, terminal = false): void {
    if (this.ended && !terminal) return;
    this.seq += 1;
    this.options.emit({ ...event, streamId: this.streamId, seq: this.seq } as ChatEvent);
  }
}

/** Wait `ms`, or less if the signal aborts (Stop during "Retrying in 3 s…"). */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
