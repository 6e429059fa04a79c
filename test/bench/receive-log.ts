import { performance } from 'node:perf_hooks';
import type { FetchLike } from '../../main/providers/types';

/** One text delta as main's fetch handed it over: when (epoch ms) and what. */
export interface ReceivedDelta {
  at: number;
  text: string;
}

/** Epoch milliseconds on the same scale the page uses (performance.timeOrigin + now). */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/**
 * What main received of the reply being recorded: every text delta with the time its bytes came
 * out of fetch's body stream (before main decodes them), and when each marker («n») completed.
 */
export class ReceiveLog {
  deltas: ReceivedDelta[] = [];
  markerAt = new Map<number, number>();
  private recording = false;
  private source = '';
  private scanFrom = 0;

  /** Start recording the next response afresh. */
  start(): void {
    this.deltas = [];
    this.markerAt = new Map();
    this.source = '';
    this.scanFrom = 0;
    this.recording = true;
  }

  stop(): void {
    this.recording = false;
  }

  /** A fetch that passes everything through, timestamping the body of each response. */
  readonly wrap = (inner: FetchLike): FetchLike => {
    return async (url, init) => {
      const response = await inner(url, init);
      if (!this.recording || !response.body) return response;
      const decoder = new TextDecoder();
      let pending = '';
      const tap = new TransformStream<Uint8Array, Uint8Array>({
        transform: (chunk, controller) => {
          const at = epochNow();
          pending += decoder.decode(chunk, { stream: true });
          const blocks = pending.split('\n\n');
          pending = blocks.pop() ?? '';
          for (const block of blocks) this.take(block, at);
          controller.enqueue(chunk);
        },
      });
      return new Response(response.body.pipeThrough(tap), {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    };
  };

  /** Fold one SSE event in: Anthropic text deltas only (the bench speaks Anthropic). */
  private take(block: string, at: number): void {
    const data = block.split('\n').find((line) => line.startsWith('data:'));
    if (!data) return;
    const event = JSON.parse(data.slice(5)) as { type?: string; delta?: { text?: string } };
    const text = event.type === 'content_block_delta' ? event.delta?.text : undefined;
    if (!text) return;
    this.deltas.push({ at, text });
    this.source += text;
    const pattern = /«(\d+)»/g;
    pattern.lastIndex = this.scanFrom;
    for (let match = pattern.exec(this.source); match; match = pattern.exec(this.source)) {
      this.markerAt.set(Number(match[1]), at);
      this.scanFrom = pattern.lastIndex;
    }
  }
}
