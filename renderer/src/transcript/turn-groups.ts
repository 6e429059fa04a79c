import type { TurnView } from './transcript-view';

/** How many turns share one render-when-visible box. */
export const turnsPerGroup = 20;

/** A run of turns the transcript renders under one `content-visibility` box. */
export interface TurnGroup {
  /** Which group of the whole conversation: turns `index * turnsPerGroup` onwards. */
  readonly index: number;
  readonly turns: readonly TurnView[];
}

/**
 * Split the mounted turns (the last `mounted.length` of `total`) into groups of
 * `turnsPerGroup` by their position in the whole conversation, so a turn's group never changes
 * as earlier turns mount or later ones arrive. One box per group instead of one per turn: with
 * 500 turns the browser checks ~25 boxes against the viewport each frame, not ~500.
 */
export function turnGroups(total: number, mounted: readonly TurnView[]): TurnGroup[] {
  const groups: TurnGroup[] = [];
  const first = total - mounted.length;
  for (let start = 0; start < mounted.length;) {
    const index = Math.floor((first + start) / turnsPerGroup);
    const end = (index + 1) * turnsPerGroup - first;
    groups.push({ index, turns: mounted.slice(start, end) });
    start = end;
  }
  return groups;
}
