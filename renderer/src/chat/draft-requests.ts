/**
 * Requests from elsewhere in the window to put text in the composer's message box (an example
 * prompt on the empty screen). The composer keeps its draft in its own state; this is the one
 * way in, so nothing else needs a handle on the composer. A request replaces the draft and
 * moves focus to the box; it never sends.
 */
import { useEffect } from 'react';

/** Told the text to put in the message box. */
export type DraftListener = (text: string) => void;

const listeners = new Set<DraftListener>();

/** Ask the composer (if one is mounted) to show `text` as its draft. */
export function requestDraft(text: string): void {
  for (const listener of listeners) listener(text);
}

/** The composer's side: `onText` is called with each requested draft while mounted. */
export function useDraftRequests(onText: DraftListener): void {
  useEffect(() => {
    listeners.add(onText);
    return () => {
      listeners.delete(onText);
    };
  }, [onText]);
}
