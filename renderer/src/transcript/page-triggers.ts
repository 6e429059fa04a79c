/**
 * How close (in turns) the mounted range may come to either end of the loaded window before
 * the next page there is asked for. The range already reaches beyond the view (the list's
 * overscan), so this is "about a screen away", and a page (50 turns) lands long before the
 * reader gets there at any normal speed.
 */
export const nearTurns = 3;

/** Where the list stands: its mounted range and the window it is a part of. */
export interface ListPosition {
  /** Index (in the virtual list, from 0) of the first and last mounted turn. */
  readonly first: number;
  readonly last: number;
  /** How many turns the virtual list holds. */
  readonly listed: number;
  /** Turns of the branch before and after the loaded window (TranscriptView's counts). */
  readonly earlierTurns: number;
  readonly laterTurns: number;
}

/** Which page to load now, if any: older turns near the top first, newer ones near the bottom. */
export function pageToLoad(position: ListPosition): 'earlier' | 'later' | null {
  const { first, last, listed, earlierTurns, laterTurns } = position;
  if (earlierTurns > 0 && first <= nearTurns) return 'earlier';
  if (laterTurns > 0 && last >= listed - 1 - nearTurns) return 'later';
  return null;
}
