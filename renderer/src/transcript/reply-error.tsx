import { useEffect, useState } from 'react';
import { AlertTriangle, FileX, KeyRound, RotateCcw, Settings } from 'lucide-react';
import type { ChatError } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';
import { Button } from '../ui/button';
import { environmentKeyVariable } from './key-source';
import { isSettingsProblem, retryHint } from './reply-meta';

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

/**
 * A failed reply: what happened (main's sentence), the provider's words smaller, and the one
 * action that fixes it beside them: Regenerate for a failure a retry can fix, Settings for a
 * key, model or address that is wrong there. A key that came from an environment variable is
 * not in Settings, so the card names the variable instead of sending the user to look for it.
 */
export function ReplyError({ error, onOpenSettings, onRegenerate, without }: ReplyErrorProps) {
  const { t } = useTranslation();
  const hint = retryHint(error.retryAfterMs);
  // One resend per click: a double click must not start two branches.
  const [resent, setResent] = useState(false);
  const keyProblem = error.kind === 'auth' || error.kind === 'permission';
  const variable = useEnvironmentKeyVariable(keyProblem);
  return (
    <div role="alert" className="reply-error">
      <AlertTriangle className="reply-error-icon" aria-hidden="true" />
      <div className="reply-error-body">
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
        {keyProblem && variable ? (
          <p className="reply-error-fix">{t('chatView.errors.environmentKey', { variable })}</p>
        ) : null}
        <div className="reply-error-actions">
          {without ? (
            <Button
              size="sm"
              icon={FileX}
              title={t('attachments.sendWithoutNamed', { name: without.name })}
              disabled={resent}
              onClick={() => {
                setResent(true);
                // On success this reply leaves the screen (the new branch replaces it).
                void without.send().then((sent) => setResent(sent));
              }}
            >
              {t('attachments.sendWithout')}
            </Button>
          ) : null}
          {isSettingsProblem(error.kind) ? (
            keyProblem && variable ? (
              <Button size="sm" icon={KeyRound} onClick={onOpenSettings}>
                {t('chatView.errors.saveKeyInstead')}
              </Button>
            ) : (
              <Button size="sm" icon={Settings} onClick={onOpenSettings}>
                {t('reply.openSettings')}
              </Button>
            )
          ) : onRegenerate ? (
            <Button size="sm" icon={RotateCcw} onClick={onRegenerate}>
              {t('reply.regenerate')}
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/**
 * The environment variable the current conversation's key came from, or null (a saved key, no
 * key, or not `wanted`). Read once when the card appears; null until the answer comes.
 */
function useEnvironmentKeyVariable(wanted: boolean): string | null {
  const { api, store } = useServices();
  const [variable, setVariable] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    const { conversationId } = store.getView();
    void (async () => {
      const state = await settle(() => api.profiles.list());
      if (!state.ok) return;
      const choice =
        conversationId !== null
          ? await settle(() => api.conversationSettings.get({ conversationId }))
          : null;
      const profileId = choice?.ok ? choice.value.profileId : undefined;
      if (live) setVariable(environmentKeyVariable(state.value, profileId));
    })();
    return () => {
      live = false;
    };
  }, [api, store, wanted]);
  return variable;
}

/** True when the error box itself carries the Regenerate button (so the footer must not). */
export function errorOffersRegenerate(error: ChatError | undefined): boolean {
  return error !== undefined && !isSettingsProblem(error.kind);
}
