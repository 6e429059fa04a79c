/**
 * The one way main sends the renderer an event: the payload's type comes from the event table
 * (preload/api/events.ts), so a sender cannot put the wrong thing on a channel.
 */
import type { EventChannel, EventPayload } from '../../preload/api';

/** Anything that can send on an IPC channel: Electron's WebContents, the harness's sink. */
export interface EventTarget {
  send(channel: string, payload: unknown): void;
}

/** Send `payload` on an event channel. The caller checks the target is still alive. */
export function sendEvent<C extends EventChannel>(
  target: EventTarget,
  channel: C,
  payload: EventPayload<C>,
): void {
  target.send(channel, payload);
}
