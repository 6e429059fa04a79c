import type { ChatErrorKind, StopReason, Usage } from '../../../preload/api';
import { t } from '../i18n';

/**
 * "12 in · 340 out tokens", or null when the provider reported nothing. Counts that are not the
 * provider's final ones (the reply was stopped or failed first) say so, rather than passing for
 * the cost of the reply.
 */
export function formatUsage(usage: Usage | undefined): string | null {
  const parts: string[] = [];
  if (usage?.inputTokens !== undefined)
    parts.push(t('reply.usageIn', { input: usage.inputTokens }));
  if (usage?.outputTokens !== undefined)
    parts.push(t('reply.usageOut', { output: usage.outputTokens }));
  if (parts.length === 0) return null;
  return t(usage?.partial ? 'reply.usagePartial' : 'reply.usage', { parts: parts.join(' · ') });
}

/**
 * Why a reply ended, when that is worth telling; an ordinary ending says nothing. `providerReason`
 * is the provider's own stop value, named when Parley does not know it (`other`).
 */
export function stopNote(reason: StopReason | undefined, providerReason?: string): string | null {
  switch (reason) {
    case 'stopped':
      return t('stop.stopped');
    case 'interrupted':
      return t('stop.interrupted');
    case 'max_tokens':
      return t('stop.maxTokens');
    case 'content_filter':
      return t('stop.contentFilter');
    case 'refusal':
      return t('stop.refusal');
    case 'tool_use':
      return t('stop.toolUse');
    case 'step_limit':
      return t('stop.stepLimit');
    case 'other':
      return providerReason ? t('stop.other', { reason: providerReason }) : t('stop.otherUnnamed');
    default:
      return null;
  }
}

/** Failures the user fixes in Settings rather than by trying again. */
export function isSettingsProblem(kind: ChatErrorKind): boolean {
  return kind === 'auth' || kind === 'permission' || kind === 'config' || kind === 'not_found';
}

/** "You can try again in about 30 seconds.", when the provider said how long to wait. */
export function retryHint(retryAfterMs: number | undefined): string | null {
  if (retryAfterMs === undefined || retryAfterMs <= 0) return null;
  const seconds = Math.ceil(retryAfterMs / 1000);
  if (seconds < 90) return t('reply.tryAgainSeconds', { count: seconds });
  return t('reply.tryAgainMinutes', { minutes: Math.round(seconds / 60) });
}
