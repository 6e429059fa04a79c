import { useState } from 'react';
import type { ChatError } from '../../../preload/api';
import { isSettingsProblem, retryHint } from './reply-meta';
import { useTranslation } from '../i18n';

interface ReplyErrorProps {
  error: ChatError;
  onOpenSettings: () => void;
  /** Absent when this reply cannot be regenerated (not the last turn). */
  onRegenerate: (() => void) | undefined;
  /**
   * The attachment the provider refused, by name, and how to resend the message without it;
   * absent when the error names none of the message's files.
   */
  without?: { name: string; send: () => Promise<boolean> } | undefined;
}

/** A failed reply: the sentence for a person, the provider's words smaller, and what to do. */
export function ReplyError({ error, onOpenSettings, onRegenerate, without }: ReplyErrorProps) {
  const { t } = useTranslation();
  const hint = retryHint(error.retryAfterMs);
  // One resend per click: a double click must not start two branches.
  const [resent, setResent] = useState(false);
  return (
    <div role="alert" className="reply-error">
      {/* The sentence and detail are main's words (ChatError), shown as they arrive. */}
      <p className="reply-error-message">{error.message}</p>
      {error.detail ? <p className="reply-error-detail">{error.detail}</p> : null}
      {hint ? <p className="reply-error-detail">{hint}</p> : null}
      {/* The provider's own code, so it can be looked up or quoted to the provider's support. */}
      {error.code ? (
        <p className="reply-error-detail">
          {error.status !== undefined
            ? t('reply.errorCodeStatus', { code: error.code, status: error.status })
            : t('reply.errorCode', { code: error.code })}
        </p>
      ) : null}
      {without ? (
        <button
          type="button"
          title={t('attachments.sendWithoutNamed', { name: without.name })}
          disabled={resent}
          onClick={() => {
            setResent(true);
            // On success this reply leaves the screen (the new branch replaces it).
            void without.send().then((sent) => setResent(sent));
          }}
        >
          {t('attachments.sendWithout')}
        </button>
      ) : null}
      {isSettingsProblem(error.kind) ? (
        <button type="button" onClick={onOpenSettings}>
          {t('reply.openSettings')}
        </button>
      ) : onRegenerate ? (
        <button type="button" onClick={onRegenerate}>
          {t('reply.regenerate')}
        </button>
      ) : null}
    </div>
  );
}

/** True when the error box itself carries the Regenerate button (so the footer must not). */
export function errorOffersRegenerate(error: ChatError | undefined): boolean {
  return error !== undefined && !isSettingsProblem(error.kind);
}
