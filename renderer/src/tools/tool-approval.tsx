import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ToolCall, ToolDecision } from '../../../preload/api';
import { useServices } from '../app-services';
import { Check, CheckCheck, ShieldCheck, X, type LucideIcon } from 'lucide-react';
import { useTranslation } from '../i18n';
import { Button } from '../ui/button';
import { displayArguments } from './tool-format';

const decisions: ReadonlyArray<{ decision: ToolDecision; key: string; icon: LucideIcon }> = [
  { decision: 'allow-once', key: 'tools.approval.allowOnce', icon: Check },
  { decision: 'allow-conversation', key: 'tools.approval.allowConversation', icon: CheckCheck },
  { decision: 'allow-always', key: 'tools.approval.allowAlways', icon: ShieldCheck },
  { decision: 'deny', key: 'tools.approval.deny', icon: X },
];

/**
 * The approval part of a call's card: the exact arguments and the four answers. The decision
 * carries the argument text shown here, unchanged: main runs the call only if it is what the
 * model sent, so what the user approved is what runs.
 */
export function ToolApproval({ call, streamId }: { call: ToolCall; streamId: string }) {
  const { api, notices } = useServices();
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  // Said once by a polite live region after it is in the page (screen readers skip text that
  // arrives with the region); focus stays where the user is typing.
  // Written straight into the DOM: the region must exist empty first for the change to be heard.
  const live = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!live.current) return;
    live.current.textContent = t('tools.approval.announce', {
      tool: call.tool,
      server: call.serverName,
    });
  }, [t, call.tool, call.serverName]);

  const decide = async (decision: ToolDecision) => {
    setSending(true);
    const result = await api.tools.decide({
      streamId,
      callId: call.id,
      decision,
      arguments: call.arguments,
    });
    if (!result.ok) {
      notices.report(t('notices.toolDecision'), result.error);
      setSending(false);
    }
  };

  return (
    <div className="tool-approval">
      {/* In the body, not the card: the reply around it is aria-busy while it streams, and a
          busy subtree's live regions may be held back until it is not. */}
      {createPortal(
        <span
          ref={live}
          className="reply-announcer"
          aria-live="polite"
          data-testid="tool-approval-announcer"
        />,
        document.body,
      )}
      <p className="tool-approval-question">
        {t('tools.approval.question', { tool: call.tool, server: call.serverName })}
      </p>
      {call.destructive ? (
        <p className="tool-approval-warning">{t('tools.approval.destructive')}</p>
      ) : null}
      <pre className="tool-call-arguments" aria-label={t('tools.card.arguments')}>
        {displayArguments(call.arguments, false)}
      </pre>
      <div className="tool-approval-buttons">
        {decisions.map(({ decision, key, icon }) => (
          <Button
            key={decision}
            size="sm"
            icon={icon}
            variant={decision === 'allow-once' ? 'primary' : 'secondary'}
            disabled={sending}
            onClick={() => void decide(decision)}
          >
            {t(key)}
          </Button>
        ))}
      </div>
    </div>
  );
}
