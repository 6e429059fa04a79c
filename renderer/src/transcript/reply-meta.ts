import type { ChatErrorKind, StopReason, Usage } from '../../../preload/api';

const count = new Intl.NumberFormat();

/** "12 in · 340 out tokens", or null when the provider reported nothing. */
export function formatUsage(usage: Usage | undefined): string | null {
  const parts: string[] = [];
  if (usage?.inputTokens !== undefined) parts.push(`${count.format(usage.inputTokens)} in`);
  if (usage?.outputTokens !== undefined) parts.push(`${count.format(usage.outputTokens)} out`);
  return parts.length > 0 ? `${parts.join(' · ')} tokens` : null;
}

/** Why a reply ended, when that is worth telling; an ordinary ending says nothing. */
export function stopNote(reason: StopReason | undefined): string | null {
  switch (reason) {
    case 'stopped':
      return 'Stopped';
    case 'interrupted':
      return 'Interrupted: Parley closed while this reply was streaming';
    case 'max_tokens':
      return 'Reply cut short: the model reached its output limit';
    case 'content_filter':
      return "Reply ended by the provider's content filter";
    case 'refusal':
      return 'The model declined to answer';
    case 'tool_use':
      return 'The model asked to use a tool, which Parley does not support yet';
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
  if (seconds < 90)
    return `You can try again in about ${seconds} second${seconds === 1 ? '' : 's'}.`;
  return `You can try again in about ${Math.round(seconds / 60)} minutes.`;
}
