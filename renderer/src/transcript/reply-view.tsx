import { useRef } from 'react';
import { RotateCcw } from 'lucide-react';
import type { AttachmentView } from '../../../preload/api';
import { useServices } from '../app-services';
import { MarkdownBridgeContext } from '../markdown/bridge';
import { IconButton } from '../ui/button';
import { CopyAction, MessageActions, MoreActions } from './message-actions';
import { ReplyBody } from './reply-body';
import { errorOffersRegenerate, ReplyError } from './reply-error';
import { stopNote, usageSummary } from './reply-meta';
import { ReplyReasoning } from './reply-reasoning';
import { ReplyRetry } from './reply-retry';
import { observeReply } from './reply-timing';
import { ReplyUsage } from './reply-usage';
import { ReplyWaiting } from './reply-waiting';
import type { TurnView } from './transcript-view';
import { useReply } from './use-transcript';
import { VersionPager } from './version-pager';
import { useTranslation } from '../i18n';
import './reply.css';

interface ReplyViewProps {
  turnId: string;
  replyId: string;
  version: number;
  versionCount: number;
  /** Only the last turn's reply can be regenerated. */
  isLastTurn: boolean;
  /** The user's message this replies to and its files: "Send again without it" resends them. */
  userText?: string;
  attachments?: readonly AttachmentView[] | undefined;
}

/**
 * The version of a turn's reply being looked at, or nothing before the turn has one. Keyed by
 * reply, so switching versions mounts the other reply's view instead of reusing this one.
 */
export function ActiveReplyView({ turn, isLastTurn }: { turn: TurnView; isLastTurn: boolean }) {
  const replyId = turn.replyIds[turn.activeReply];
  if (replyId === undefined) return null;
  return (
    <ReplyView
      key={replyId}
      turnId={turn.id}
      replyId={replyId}
      version={turn.activeReply}
      versionCount={turn.replyIds.length}
      isLastTurn={isLastTurn}
      userText={turn.userText}
      attachments={turn.attachments}
    />
  );
}

/** One reply version; subscribes to its own reply, so a token re-renders only this. */
export function ReplyView({
  turnId,
  replyId,
  version,
  versionCount,
  isLastTurn,
  userText,
  attachments,
}: ReplyViewProps) {
  const { api, store, actions, openSettings } = useServices();
  const reply = useReply(store, replyId);
  const { t } = useTranslation();
  const bodyRef = useRef<HTMLDivElement>(null);
  if (!reply) return null;

  const timing = observeReply(store, reply);
  const streaming = reply.status === 'streaming';
  const canRegenerate = isLastTurn && !streaming;
  const regenerate = canRegenerate ? () => void actions.regenerate(turnId) : undefined;
  const note = streaming ? null : stopNote(reply.stopReason, reply.providerStopReason);
  const usage = usageSummary(reply, timing);
  const pager = versionCount > 1;
  // A retryable error carries its own Regenerate; one button of a name per reply.
  const regenerateHere = regenerate !== undefined && !errorOffersRegenerate(reply.error);
  const waiting =
    streaming && reply.text === '' && reply.reasoning === '' && !reply.toolCalls?.length;
  // The provider refused one of the message's files: offer the message again without it.
  const refusedId = reply.error?.attachmentId;
  const refusedFile = attachments?.find((item) => item.id === refusedId);
  // …or a file of an earlier message: go on without it from here on (main marks it left out).
  const earlierFile =
    refusedId !== undefined && !refusedFile && isLastTurn && !streaming
      ? (store
          .getView()
          .turns.flatMap((turn) => turn.attachments ?? [])
          .find((item) => item.id === refusedId) ?? { name: t('attachments.earlierFile') })
      : undefined;
  const without = earlierFile
    ? {
        name: earlierFile.name,
        send: () => actions.regenerate(turnId, refusedId),
      }
    : refusedFile && userText !== undefined && isLastTurn
      ? {
          name: refusedFile.name,
          send: () => {
            const rest = (attachments ?? []).filter((item) => item.id !== refusedFile.id);
            return actions.edit(
              turnId,
              userText,
              rest.map((item) => item.id),
            );
          },
        }
      : undefined;
  // The whole reply as the markdown the model wrote, once it is whole.
  const copyable = !streaming && reply.text !== '';

  return (
    // Links and copy buttons in the reply reach main through the app's bridge.
    <MarkdownBridgeContext value={api}>
      {/* aria-busy lets the log announce a reply once it is whole, not token by token. */}
      <article
        className={streaming ? 'reply is-streaming' : 'reply'}
        aria-label={t('reply.label')}
        aria-busy={streaming}
        data-message-id={replyId}
      >
        {reply.reasoning ? (
          <ReplyReasoning
            text={reply.reasoning}
            thinking={streaming && reply.text === ''}
            startedAt={timing.reasoningAt}
            endedAt={timing.answerAt ?? timing.endedAt}
          />
        ) : null}
        {reply.notices?.length ? (
          // Main's sentences about the reply itself: tools left out, a server that failed.
          <ul className="reply-notices" aria-label={t('reply.notices')}>
            {reply.notices.map((notice, index) => (
              <li key={index}>{notice}</li>
            ))}
          </ul>
        ) : null}
        <div ref={bodyRef} className="reply-body-frame">
          <ReplyBody
            text={reply.text}
            streaming={streaming}
            toolCalls={reply.toolCalls}
            streamId={reply.streamId}
          />
        </div>
        {reply.retry && streaming ? (
          <ReplyRetry key={reply.seq} retry={reply.retry} />
        ) : waiting ? (
          <ReplyWaiting startedAt={timing.startedAt} />
        ) : null}
        {reply.saveError ? (
          <p className="reply-save-error" role="alert">
            {t('reply.saveError', { error: reply.saveError })}
          </p>
        ) : null}
        {reply.error ? (
          <ReplyError
            error={reply.error}
            onOpenSettings={openSettings}
            onRegenerate={regenerate}
            without={without}
          />
        ) : null}
        {streaming && !pager ? null : (
          // Every settled reply has the same footer, so its actions sit in the same place.
          <footer className="reply-footer">
            <MessageActions label={t('chatView.actions.replyGroup')} hidden={streaming}>
              {copyable ? <CopyAction text={reply.text} label={t('reply.copy')} /> : null}
              {regenerateHere ? (
                <IconButton
                  size="sm"
                  icon={RotateCcw}
                  label={t('reply.regenerate')}
                  onClick={regenerate}
                />
              ) : null}
              {copyable ? (
                <MoreActions plainText={() => bodyRef.current?.innerText ?? reply.text} />
              ) : null}
            </MessageActions>
            {pager ? (
              <VersionPager
                index={version}
                count={versionCount}
                disabled={streaming}
                onSelect={(index) => void actions.selectVersion(turnId, index)}
              />
            ) : null}
            <span className="reply-footer-spacer" />
            {note ? <span className="reply-note">{note}</span> : null}
            {usage ? <ReplyUsage summary={usage} /> : null}
            {reply.model ? (
              <span
                className="reply-model"
                title={t('chatView.reply.writtenBy', { model: reply.model })}
              >
                {reply.model}
              </span>
            ) : null}
          </footer>
        )}
      </article>
    </MarkdownBridgeContext>
  );
}
