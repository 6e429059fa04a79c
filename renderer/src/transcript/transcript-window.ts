import { useState } from 'react';
import type { TranscriptView } from './transcript-view';

/**
 * How the loaded window of a conversation changed from one view to the next:
 * - `new`: another conversation, or a window that does not join the one before (a snapshot far
 *   from it, a search hit, a message sent while reading far up). The list starts afresh.
 * - `continued`: the same window grown or changed in place (a page before or after it, a new
 *   turn, a new version, a stream ending). Every turn keeps its absolute position.
 */
export type WindowChange = 'new' | 'continued';

/**
 * Whether `next` continues `previous`: same conversation, and the first turn loaded before is
 * at the same absolute position of the branch now (`earlierTurns` counts the turns before the
 * window, so a page loaded before it moves the window's start, not its turns).
 */
export function windowChange(previous: TranscriptView, next: TranscriptView): WindowChange {
  if (previous.conversationId !== next.conversationId) return 'new';
  const first = previous.turns[0];
  if (!first) return next.turns.length === 0 ? 'continued' : 'new';
  const at = previous.earlierTurns - next.earlierTurns;
  return at >= 0 && next.turns[at]?.id === first.id ? 'continued' : 'new';
}

/**
 * Whether the change brings the view back to the end: a new window, or, at the newest end of
 * the branch, a new last turn (a message sent) or a new version of the last reply. Pages of
 * older or newer turns never move the view (the reader asked for them by scrolling).
 */
export function pinsToEnd(previous: TranscriptView, next: TranscriptView): boolean {
  if (windowChange(previous, next) === 'new') return true;
  if (previous.laterTurns > 0) return false;
  const before = previous.turns.at(-1);
  const after = next.turns.at(-1);
  return before?.id !== after?.id || before?.replyIds.length !== after?.replyIds.length;
}

/** What the transcript keys its list and its pin-to-end on; both only ever count up. */
export interface WindowKeys {
  /** Changes when the list must start afresh (a new window): remount it there. */
  readonly list: number;
  /** Changes whenever the view must go back to the end. */
  readonly pin: number;
}

/**
 * Follow the transcript's window from view to view (state adjusted during render, so the list
 * and the pin change in the same commit as the turns).
 */
export function useWindowKeys(view: TranscriptView): WindowKeys {
  const [state, setState] = useState({ view, keys: { list: 0, pin: 0 } });
  if (state.view === view) return state.keys;
  const keys = {
    list: windowChange(state.view, view) === 'new' ? state.keys.list + 1 : state.keys.list,
    pin: pinsToEnd(state.view, view) ? state.keys.pin + 1 : state.keys.pin,
  };
  setState({ view, keys });
  return keys;
}
