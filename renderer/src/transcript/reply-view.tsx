import type { AttachmentView } from '../../../preload/api';
import { useServices } from '../app-services';
import { MarkdownBridgeContext } from '../markdown/bridge';
import { CopyButton } from '../markdown/copy-button';
import { ReplyBody } from './reply-body';
import { errorOffersRegenerate, ReplyError } from './reply-error';
import { formatUsage, stopNote } from './reply-meta';
import { ReplyReasoning } from './reply-reasoning';
import { ReplyRetry } from './reply-retry';
import type { TurnView } from './transcript-view';
import { useReply } from './use-transcript';
import { VersionPager } from './version-pager';
import { useTranslation } from '../i18n';

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
  if (!reply) return null;

  const streaming = reply.status === 'streaming';
  const canRegenerate = isLastTurn && !streaming;
  const regenerate = canRegenerate ? () => void actions.regenerate(turnId) : undefined;
  const note = streaming ? null : stopNote(reply.stopReason, reply.providerStopReason);
  const usage = streaming ? null : formatUsage(reply.usage);
  const pager = versionCount > 1;
  // A retryable error carries its own Regenerate; one button of a name per reply.
  const regenerateHere = regenerate !== undefined && !errorOffersRegenerate(reply.error);
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
        className="reply"
        aria-label={t('reply.label')}
        aria-busy={streaming}
        data-message-id={replyId}
      >
        {reply.reasoning ? <ReplyReasoning text={reply.reasoning} /> : null}
        {reply.notices?.length ? (
          // Main's sentences about the reply itself: tools left out, a server that failed.
          <ul className="reply-notices" aria-label={t('reply.notices')}>
            {reply.notices.map((notice, index) => (
              <li key={index}>{notice}</li>
            ))}
          </ul>
        ) : null}
        <ReplyBody
          text={reply.text}
          streaming={streaming}
          toolCalls={reply.toolCalls}
          streamId={reply.streamId}
        />
        {streaming && reply.text === '' && !reply.toolCalls?.length ? (
          <span className="reply-waiting" aria-hidden="true" />
        ) : null}
        {reply.retry && streaming ? <ReplyRetry key={reply.seq} retry={reply.retry} /> : null}
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
        {note || usage || pager || regenerateHere || copyable ? (
          <footer className="reply-footer">
            {note ? <span className="reply-note">{note}</span> : null}
            {usage ? <span className="reply-usage">{usage}</span> : null}
            <span className="reply-footer-spacer" />
            {pager ? (
              <VersionPager
                index={version}
                count={versionCount}
                disabled={streaming}
                onSelect={(index) => void actions.selectVersion(turnId, index)}
              />
            ) : null}
            {copyable ? <CopyButton text={reply.text} label={t('reply.copy')} /> : null}
            {regenerateHere ? (
              <button type="button" className="quiet-button" onClick={regenerate}>
                {t('reply.regenerate')}
              </button>
            ) : null}
          </footer>
        ) : null}
      </article>
    </MarkdownBridgeContext>
  );
}
