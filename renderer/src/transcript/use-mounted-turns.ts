import { startTransition, useEffect, useState } from 'react';
import type { TranscriptView, TurnView } from './transcript-view';

/** How many of the newest turns an opened conversation paints in its first frame. */
export const firstPaintTurns = 8;

/** How many earlier turns each later, interruptible render adds above them. */
const turnsPerChunk = 12;

/**
 * The turns to mount. A conversation that opens with many turns paints its newest ones first,
 * then mounts the earlier ones in chunks rendered as transitions after paint (React yields
 * between components, so no chunk blocks input). Turns added later always mount at once.
 */
export function useMountedTurns(view: TranscriptView): readonly TurnView[] {
  const [state, setState] = useState(() => ({
    conversationId: view.conversationId,
    hidden: initialHidden(view.turns.length),
  }));
  let { hidden } = state;
  if (state.conversationId !== view.conversationId) {
    // Another conversation: start again from its newest turns (state adjusted during render).
    hidden = initialHidden(view.turns.length);
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

function initialHidden(turnCount: number): number {
  return Math.max(0, turnCount - firstPaintTurns);
}
