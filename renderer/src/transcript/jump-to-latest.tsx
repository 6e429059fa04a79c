import { useSyncExternalStore } from 'react';
import type { FollowState } from './use-stick-to-bottom';
import { useTranslation } from '../i18n';

/**
 * "Jump to latest": shown while the user reads earlier text, it scrolls to the newest and
 * follows the stream again. Subscribes to the follow state alone, so scrolling re-renders only it.
 */
export function JumpToLatest({ follow, onJumped }: { follow: FollowState; onJumped?: () => void }) {
  const { t } = useTranslation();
  const following = useSyncExternalStore(follow.subscribe, follow.isFollowing);
  if (following) return null;
  return (
    <button
      type="button"
      className="jump-to-latest"
      onClick={() => {
        follow.jump();
        onJumped?.();
      }}
    >
      <span aria-hidden="true">↓</span> {t('transcript.jumpToLatest')}
    </button>
  );
}
