import type { ToolCall } from '../../../preload/api';
import { t } from '../i18n';

/**
 * Argument JSON as the card shows it: as written while it still streams (it may be half an
 * object), then indented when it parses, and as written when it does not.
 */
export function displayArguments(raw: string, streaming: boolean): string {
  if (streaming) return raw;
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/** A duration in words: "120 ms" below a second, "3.4 s" above. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return t('tools.duration.ms', { ms: Math.max(0, Math.round(ms)) });
  return t('tools.duration.seconds', { seconds: (ms / 1000).toFixed(1) });
}

/**
 * What a call's status says, in a few words ("done in 120 ms", "running for 3 s"). `elapsed`
 * is the seconds a running call has run, counted by the card.
 */
export function statusText(call: ToolCall, elapsed: number | null): string {
  switch (call.status) {
    case 'streaming':
      return t('tools.status.streaming');
    case 'awaiting-approval':
      return t('tools.status.awaitingApproval');
    case 'running':
      return elapsed === null
        ? t('tools.status.running')
        : t('tools.status.runningFor', { seconds: elapsed });
    case 'done':
      return call.durationMs === undefined
        ? t('tools.status.done')
        : t('tools.status.doneIn', { duration: formatDuration(call.durationMs) });
    case 'failed':
      return call.error
        ? t('tools.status.failedWith', { error: call.error })
        : t('tools.status.failed');
    case 'denied':
      return t('tools.status.denied');
    case 'stopped':
      return t('tools.status.stopped');
    case 'interrupted':
      return t('tools.status.interrupted');
  }
}
