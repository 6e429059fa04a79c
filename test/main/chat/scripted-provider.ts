import type { Provider, ProviderEvent, ProviderRequest } from '../../../main/providers/types';

/**
 * A provider whose events the test pushes one by one, recording the requests it got and whether
 * each was aborted — the subject under test is the generation or chat service, not the wire.
 */
export class ScriptedProvider implements Provider {
  readonly requests: ProviderRequest[] = [];
  readonly signals: AbortSignal[] = [];
  private queue: Array<ProviderEvent | Error | 'end'> = [];
  private wake: (() => void) | null = null;

  push(...items: Array<ProviderEvent | Error | 'end'>): void {
    this.queue.push(...items);
    this.wake?.();
  }

  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderEvent> {
    this.requests.push(request);
    this.signals.push(signal);
    const aborted = new Promise<never>((_, reject) => {
      const fail = () => reject(signal.reason);
      if (signal.aborted) fail();
      else signal.addEventListener('abort', fail, { once: true });
    });
    aborted.catch(() => {});
    for (;;) {
      while (this.queue.length === 0) {
        await Promise.race([new Promise<void>((resolve) => (this.wake = resolve)), aborted]);
      }
      const next = this.queue.shift();
      if (next === 'end' || next === undefined) return;
      if (next instanceof Error) throw next;
      yield next;
    }
  }
}

/** Wait until the event loop has run pending timers and microtasks a few times. */
export async function settle(ms = 5): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}
