import { startTransition, useEffect, useState } from 'react';
import type { TranscriptView, TurnView } from './transcript-view';

/** At most this many of the newest turns are painted in an opened conversation's first frame. */
export const firstPaintTurns = 8;

/**
 * ...and no more than it takes to pass this much text (more than a tall window shows): the
 * first frame's cost is the markdown it renders, so long replies mean fewer turns in it.
 */
export const firstPaintChars = 6_000;

/** How many earlier turns each later, interruptible render adds above them. */
const turnsPerChunk = 12;

/**
 * The turns to mount. A conversation that opens with many turns paints its newest ones first,
 * then mounts the earlier ones in chunks rendered as transitions after paint (React yields
 * between components, so no chunk blocks input). Turns added later always mount at once.
 */
export function useMountedTurns(
  view: TranscriptView,
  sizeOf: (turn: TurnView) => number,
): readonly TurnView[] {
  const [state, setState] = useState(() => ({
    conversationId: view.conversationId,
    hidden: initialHidden(view.turns, sizeOf),
  }));
  let { hidden } = state;
  if (state.conversationId !== view.conversationId) {
    // Another conversation: start again from its newest turns (state adjusted during render).
    hidden = initialHidden(view.turns, sizeOf);
    setState({ conversationId: view.conversationId, hidden });
  }

  useEffect(() => {
    if (hidden === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame, then a task: the earlier turns are rendered only after the first paint.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        startTransition(() =>
          setState((current) => ({
            ...current,
            hidden: Math.max(0, current.hidden - turnsPerChunk),
          })),
        );
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [hidden]);

  return hidden === 0 ? view.turns : view.turns.slice(hidden);
}

/** How many of the oldest turns wait: the newest ones up to `firstPaintTurns` / `firstPaintChars` paint first. */
export function initialHidden(
  turns: readonly TurnView[],
  sizeOf: (turn: TurnView) => number,
): number {
  let shown = 0;
  let chars = 0;
  while (shown < turns.length && shown < firstPaintTurns && chars < firstPaintChars) {
    const turn = turns[turns.length - 1 - shown];
    chars += turn ? sizeOf(turn) : 0;
    shown++;
  }
  return turns.length - shown;
}
