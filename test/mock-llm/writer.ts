import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Writes one response's bytes, cut as the scenario asks, and stops the moment the client is gone. */
export class ResponseWriter {
  private readonly random: () => number;

  constructor(
    private readonly response: ServerResponse,
    /** Aborted when the exchange closes: every pending write or wait resolves at once. */
    private readonly life: AbortSignal,
    private readonly split: 'none' | 'bytewise' | 'random',
    seed: number,
    private readonly onBytes: (count: number) => void,
  ) {
    this.random = mulberry32(seed);
  }

  /** Whether the exchange is over (client gone, socket destroyed, or the mock closed). */
  get gone(): boolean {
    return this.life.aborted;
  }

  /** Writes `data`, cut into separate writes per `split`; resolves once it is handed to the socket. */
  async write(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (this.split === 'none') return this.writePiece(bytes);
    for (let offset = 0; offset < bytes.byteLength && !this.gone;) {
      const size = this.split === 'bytewise' ? 1 : 1 + Math.floor(this.random() * 12);
      await this.writePiece(bytes.subarray(offset, offset + size));
      offset += size;
      // Let the socket send this piece on its own, so the client really sees the cut.
      await nextTurn();
    }
  }

  /** Waits `ms`, or less if the exchange closes first. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.gone) return Promise.resolve();
    return this.untilClosedOr((done) => {
      const timer = setTimeout(done, ms);
      return () => clearTimeout(timer);
    });
  }

  private writePiece(piece: Uint8Array): Promise<void> {
    if (this.gone || piece.byteLength === 0) return Promise.resolve();
    this.onBytes(piece.byteLength);
    return this.untilClosedOr((done) => {
      this.response.write(piece, () => done());
      return () => undefined;
    });
  }

  /** Resolves when `start`'s callback fires or the exchange closes, leaving no listener behind. */
  private untilClosedOr(start: (done: () => void) => () => void): Promise<void> {
    return new Promise((resolve) => {
      let cleanup: () => void = () => undefined;
      const finish = () => {
        this.life.removeEventListener('abort', finish);
        cleanup();
        resolve();
      };
      this.life.addEventListener('abort', finish);
      cleanup = start(finish);
    });
  }
}

/** A small seeded PRNG, so "random" splits repeat exactly from run to run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
