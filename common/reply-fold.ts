/**
 * The one fold of stream events into a reply. Main folds every event it sends into the reply it
 * saves and snapshots; the renderer folds the same events into the reply it paints. Both call
 * this function, so a snapshot and the screen can never disagree about what an event means.
 *
 * This folder (`common/`) holds code that runs in both processes: plain TypeScript with no
 * Node, DOM or Electron API, importing only the contract's types.
 */
import type { ChatEvent, Reply, ToolCallStatus } from '../preload/api';

/**
 * Fold one event into `draft`, in place. The caller decides whether the draft is the reply
 * itself (main, which mutates the object it saves) or a copy (the renderer, which publishes a
 * new object per paint so readers compare by identity).
 *
 * - `delta` appends text and reasoning;
 * - `retrying` sets the retry notice, and every later event except `save-failed` clears it
 *   (a retry notice lasts until the next thing happens to the reply);
 * - `save-failed` records the save error and changes nothing else;
 * - `tool-call` puts the call's whole state in `toolCalls` (replacing the one with its id, else
 *   appending it); `tool-arguments` appends argument JSON to the call it names; `notice` adds a
 *   notice;
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
    case 'tool-call': {
      delete draft.retry;
      // A new array each time: the renderer's draft is a shallow copy of the reply it published.
      const calls = [...(draft.toolCalls ?? [])];
      const index = calls.findIndex((call) => call.id === event.call.id);
      if (index === -1) calls.push(event.call);
      else calls[index] = event.call;
      draft.toolCalls = calls;
      return;
    }
    case 'notice':
      draft.notices = [...(draft.notices ?? []), event.message];
      return;
    case 'tool-arguments': {
      const calls = [...(draft.toolCalls ?? [])];
      const index = calls.findIndex((call) => call.id === event.callId);
      const call = calls[index];
      if (call === undefined) return;
      // New array and call objects, so a reader comparing by identity sees the change.
      calls[index] = { ...call, arguments: call.arguments + event.fragment };
      draft.toolCalls = calls;
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

/**
 * Mark every call of `draft` that had not finished as `status` (`stopped` after Stop,
 * `interrupted` after a crash), in place; a call's result, if one came late, is not kept.
 */
export function closeOpenToolCalls(draft: Reply, status: 'stopped' | 'interrupted'): void {
  if (!draft.toolCalls?.some((call) => isOpen(call.status))) return;
  draft.toolCalls = draft.toolCalls.map((call) => {
    if (!isOpen(call.status)) return call;
    const closed = { ...call, status };
    delete closed.result;
    return closed;
  });
}

/** A call that may still change: its arguments stream, it waits for approval, or it runs. */
export function isOpen(status: ToolCallStatus): boolean {
  return status === 'streaming' || status === 'awaiting-approval' || status === 'running';
}
