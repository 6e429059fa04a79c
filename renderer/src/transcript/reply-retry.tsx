import { useEffect, useState } from 'react';
import type { RetryState } from '../../../preload/api';
import { useTranslation } from '../i18n';

/**
 * "Retrying in 3 s…" while Parley waits to retry a request that failed before its first token.
 * Counts down from when it appeared; Stop (already on screen) cancels the retry.
 */
export function ReplyRetry({ retry }: { retry: RetryState }) {
  const { t } = useTranslation();
  const [shownAt] = useState(() => performance.now());
  const [now, setNow] = useState(shownAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((retry.delayMs - (now - shownAt)) / 1000));
  return (
    <p className="reply-retry" role="status">
      {retry.error.message}{' '}
      <span className="reply-retry-countdown">
        {seconds > 0 ? t('reply.retryingIn', { seconds }) : t('reply.retrying')}{' '}
        {t('reply.retryAttempt', { attempt: retry.attempt, max: retry.maxAttempts - 1 })}
      </span>
    </p>
  );
}
