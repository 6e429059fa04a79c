import type { Reply } from '../../../preload/api';
import { t } from '../i18n';

/** Long replies are cut for the announcement: the transcript holds the whole text. */
export const announceLimit = 4_000;

/** What a screen reader hears when a reply stops streaming: its text, or why it ended early. */
export function finishedReplyMessage(reply: Reply | undefined): string {
  if (!reply || reply.status === 'streaming') return '';
  if (reply.status === 'error')
    return t('announce.failed', { error: reply.error?.message ?? '' }).trim();
  const text =
    reply.text.length > announceLimit ? `${reply.text.slice(0, announceLimit)}…` : reply.text;
  const stopped = reply.stopReason === 'stopped' ? t('announce.stopped') : '';
  return `${stopped}${text}`.trim() || t('announce.empty');
}
