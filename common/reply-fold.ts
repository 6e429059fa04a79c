/**
 * The one fold of stream events into a reply. Main folds every event it sends into the reply it
 * saves and snapshots; the renderer folds the same events into the reply it paints. Both call
 * this function, so a snapshot and the screen can never disagree about what an event means.
 *
 * This folder (`common/`) holds code that runs in both processes: plain TypeScript with no
 * Node, DOM or Electron API, importing only the contract's types.
 */
import type { ChatEvent, Reply } from '../preload/api';

/**
 * Fold one event into `draft`, in place. The caller decides whether the draft is the reply
 * itself (main, which mutates the object it saves) or a copy (the renderer, which publishes a
 * new object per paint so readers compare by identity).
 *
 * - `delta` appends text and reasoning;
 * - `retrying` sets the retry notice, and every later event except `save-failed` clears it
 *   (a retry notice lasts until the next thing happens to the reply);
 * - `save-failed` records the save error and changes nothing else;
 * - `done` / `error` end the reply with a stop reason (and the provider's own, when it gave one)
 *   or an error, keeping usage and any save error the event reports.
 *
 * `seq` becomes the event's, so a snapshot says which events it already holds.
 */
export function foldEvent(draft: Reply, event: ChatEvent): void {
  draft.seq = event.seq;
  switch (event.type) {
    case 'save-failed':
      draft.saveError = event.message;
      return;
    case 'retrying': {
      const { attempt, maxAttempts, delayMs, error } = event;
      draft.retry = { attempt, maxAttempts, delayMs, error };
      return;
    }
    case 'delta':
      delete draft.retry;
      draft.text += event.text;
      draft.reasoning += event.reasoning;
      return;
    case 'done':
    case 'error':
      delete draft.retry;
      if (event.usage) draft.usage = event.usage;
      if (event.saveError) draft.saveError = event.saveError;
      if (event.type === 'done') {
        draft.status = 'done';
        draft.stopReason = event.stopReason;
        if (event.providerStopReason !== undefined) {
          draft.providerStopReason = event.providerStopReason;
        }
      } else {
        draft.status = 'error';
        draft.error = event.error;
      }
  }
}
