import type { Reply } from '../../../preload/api';

/** Long replies are cut for the announcement: the transcript holds the whole text. */
export const announceLimit = 4_000;

/** What a screen reader hears when a reply stops streaming: its text, or why it ended early. */
export function finishedReplyMessage(reply: Reply | undefined): string {
  if (!reply || reply.status === 'streaming') return '';
  if (reply.status === 'error') return `Reply failed. ${reply.error?.message ?? ''}`.trim();
  const text =
    reply.text.length > announceLimit ? `${reply.text.slice(0, announceLimit)}…` : reply.text;
  const stopped = reply.stopReason === 'stopped' ? 'Reply stopped. ' : '';
  return `${stopped}${text}`.trim() || 'Reply finished, with no text.';
}
