/** The deltas the page received over IPC, with their arrival times relative to the first. */
export interface DeltaTimeline {
  deltas: Array<[at: number, text: string]>;
  /** From the first delta to the last. */
  streamMs: number;
}
