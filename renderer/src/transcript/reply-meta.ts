import type { ChatErrorKind, Reply, StopReason, Usage } from '../../../preload/api';
import { t } from '../i18n';
import type { ReplyTiming } from './reply-timing';

/** A reply's usage line and the details its tooltip adds, each a finished sentence fragment. */
export interface UsageSummary {
  /** "180 tokens · 2.4 s · 75 tok/s" (each part only where it is known). */
  line: string;
  /** "Input: 12 tokens", "Output: 180 tokens", "Time to first token: 0.8 s"… */
  details: string[];
}

/**
 * The provider's final token counts for a reply, or undefined when what the reply holds is not
 * them. A reply that was stopped, interrupted or failed never got the provider's totals: what it
 * has is the opening estimate (Anthropic's `message_start` reports 1 output token) or nothing
 * real (some OpenAI-compatible proxies send 0 in · 0 out), so it is not shown as a cost. The
 * same goes for counts main marked `partial`, and for an all-zero report of any reply.
 */
export function finalUsage(reply: Reply): Usage | undefined {
  const { usage } = reply;
  if (!usage || usage.partial || reply.status !== 'done') return undefined;
  if (reply.stopReason === 'stopped' || reply.stopReason === 'interrupted') return undefined;
  const { inputTokens, outputTokens } = usage;
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  if ((inputTokens ?? 0) === 0 && (outputTokens ?? 0) === 0) return undefined;
  return usage;
}

/** Below this much generation time (ms) a tokens-per-second figure is noise, so none is given. */
const minRateWindowMs = 200;

/**
 * What a finished reply's footer says about its cost and speed, or null when nothing is known
 * (a reply still streaming, or one from history with no trustworthy counts). Times come from
 * `timing` (this window's own clock, see reply-timing.ts): total time from the request to the
 * end, time to first token, and output tokens per second of generation (first token to end).
 */
export function usageSummary(reply: Reply, timing: ReplyTiming): UsageSummary | null {
  if (reply.status === 'streaming') return null;
  const usage = finalUsage(reply);
  const { startedAt, firstTokenAt, endedAt } = timing;
  const line: string[] = [];
  const details: string[] = [];
  const output = usage?.outputTokens;
  if (output !== undefined) line.push(t('chatView.usage.tokens', { count: output }));
  if (startedAt !== undefined && endedAt !== undefined) {
    line.push(t('chatView.usage.seconds', { seconds: seconds(endedAt - startedAt) }));
  }
  if (output !== undefined && firstTokenAt !== undefined && endedAt !== undefined) {
    const window = endedAt - firstTokenAt;
    if (window >= minRateWindowMs) {
      line.push(t('chatView.usage.rate', { rate: Math.round(output / (window / 1000)) }));
    }
  }
  if (line.length === 0) return null;
  if (usage?.inputTokens !== undefined)
    details.push(t('chatView.usage.input', { count: usage.inputTokens }));
  if (output !== undefined) details.push(t('chatView.usage.output', { count: output }));
  if (startedAt !== undefined && firstTokenAt !== undefined) {
    details.push(t('chatView.usage.firstToken', { seconds: seconds(firstTokenAt - startedAt) }));
  }
  return { line: line.join(' · '), details };
}

/** Milliseconds as seconds with one decimal, in the reader's number format ("2.4", "2,4"). */
function seconds(ms: number): string {
  return t('chatView.usage.decimal', { value: Math.max(0, ms) / 1000 });
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
