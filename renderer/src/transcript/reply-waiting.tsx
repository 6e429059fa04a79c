import { useTranslation } from '../i18n';
import { useElapsedSeconds } from '../tools/use-elapsed';

/**
 * Shown from the moment a request goes out until its first token: "Waiting for the model… 12 s",
 * counting, so a slow or queued server is not mistaken for a hang. Not a live region: the reply
 * is aria-busy, and a count read out every second would drown everything else.
 */
export function ReplyWaiting({ startedAt }: { startedAt: number | undefined }) {
  const { t } = useTranslation();
  const seconds = useElapsedSeconds(startedAt, true);
  return (
    <p className="reply-waiting" data-testid="reply-waiting">
      <span className="reply-waiting-dots" aria-hidden="true" />
      {seconds ? t('chatView.waiting.seconds', { count: seconds }) : t('chatView.waiting.start')}
    </p>
  );
}
