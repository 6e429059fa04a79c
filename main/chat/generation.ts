import type { ChatError, ChatEvent, StopReason, Usage } from '../../preload/api';
import { ProviderError, type Provider, type ProviderRequest } from '../providers/types';
import { DeltaCoalescer } from './delta-coalescer';

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

  constructor(private readonly options: GenerationOptions) {
    this.streamId = options.streamId;
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

  /** Stop at once: text already received is kept, `done` (stopped) is the last event. */
  stop(): void {
    this.finish({ type: 'done', stopReason: 'stopped', usage: this.usage });
    this.controller.abort(new DOMException('Stopped by the user', 'AbortError'));
  }

  private async run(): Promise<void> {
    // Let the caller return the new reply to the renderer before the first event goes out.
    await Promise.resolve();
    let stopReason: StopReason = 'end';
    try {
      const events = this.options.provider.stream(this.options.request, this.controller.signal);
      for await (const event of events) {
        if (this.ended) break;
        if (event.type === 'text') this.coalescer.push(event.text);
        else if (event.type === 'reasoning') this.coalescer.push('', event.text);
        else if (event.type === 'usage') this.usage = { ...this.usage, ...event.usage };
        else stopReason = event.reason;
      }
      this.finish({ type: 'done', stopReason, usage: this.usage });
    } catch (error) {
      if (this.ended || this.controller.signal.aborted) return;
      if (error instanceof ProviderError) {
        this.finish({ type: 'error', error: error.info, usage: this.usage });
      } else {
        this.options.log?.(`generation ${this.streamId} failed unexpectedly`, error);
        this.finish({ type: 'error', error: unexpectedError, usage: this.usage });
      }
    } finally {
      this.coalescer.dispose();
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
