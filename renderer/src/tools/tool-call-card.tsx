import { memo } from 'react';
import {
  Ban,
  CircleCheck,
  CircleStop,
  CircleX,
  Hand,
  LoaderCircle,
  Wrench,
  type LucideIcon,
} from 'lucide-react';
import type { ToolCall, ToolCallStatus } from '../../../preload/api';
import { useTranslation } from '../i18n';
import { ToolApproval } from './tool-approval';
import { displayArguments, statusText } from './tool-format';
import { ToolResultView } from './tool-result-view';
import { useElapsedSeconds } from './use-elapsed';
import './tools.css';

/** The glyph beside a call's name, by status (decorative: the status is also in words). */
const statusIcons: Record<ToolCallStatus, LucideIcon> = {
  streaming: LoaderCircle,
  'awaiting-approval': Hand,
  running: LoaderCircle,
  done: CircleCheck,
  failed: CircleX,
  denied: Ban,
  stopped: CircleStop,
  interrupted: CircleStop,
};

/**
 * One tool call inside a reply: which tool on which server, where it is in its life, its
 * arguments and (collapsed) its result; while it waits for the user, the approval buttons. A
 * labelled group, so a screen reader hears "Tool call: add on everything, done in 120 ms".
 * Memoized: a reply re-renders per token, a card only when its call changes.
 */
export const ToolCallCard = memo(function ToolCallCard({
  call,
  streamId,
}: {
  call: ToolCall;
  streamId: string;
}) {
  const { t } = useTranslation();
  const elapsed = useElapsedSeconds(call.startedAt, call.status === 'running');
  const status = statusText(call, call.status === 'running' ? elapsed : null);
  const label = t('tools.card.label', { tool: call.tool, server: call.serverName, status });
  const awaiting = call.status === 'awaiting-approval';
  return (
    <section
      role="group"
      aria-label={label}
      className={`tool-call tool-call-${call.status}`}
      data-testid="tool-call"
    >
      <header className="tool-call-head">
        <StatusIcon status={call.status} />
        <span className="tool-call-name">{call.tool}</span>
        <span className="tool-call-server">{call.serverName}</span>
        <span className="tool-call-status">{status}</span>
      </header>
      {awaiting ? (
        <ToolApproval call={call} streamId={streamId} />
      ) : call.arguments.trim() !== '' ? (
        <pre className="tool-call-arguments" aria-label={t('tools.card.arguments')}>
          {displayArguments(call.arguments, call.status === 'streaming')}
        </pre>
      ) : null}
      {call.result ? <ToolResultView result={call.result} /> : null}
    </section>
  );
});

function StatusIcon({ status }: { status: ToolCallStatus }) {
  const Icon = statusIcons[status] ?? Wrench;
  const spinning = status === 'running' || status === 'streaming';
  return (
    <Icon
      className={spinning ? 'tool-call-icon is-spinning' : 'tool-call-icon'}
      aria-hidden="true"
    />
  );
}
