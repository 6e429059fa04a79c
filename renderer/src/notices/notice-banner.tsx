import { useSyncExternalStore } from 'react';
import { useServices } from '../app-services';
import './notices.css';
import { useTranslation } from '../i18n';

/** Calls main refused, shown without blocking the window until the user dismisses them. */
export function NoticeBanner() {
  const { notices } = useServices();
  const { t } = useTranslation();
  const list = useSyncExternalStore(notices.subscribe, notices.getNotices);
  if (list.length === 0) return null;
  return (
    <div className="notices">
      {list.map((notice) => (
        <div key={notice.id} role="alert" className="notice">
          {/* The failure sentence is main's (ChatError.message) and shown as it arrives. */}
          <p className="notice-text">
            <strong>{notice.action}</strong> {notice.failure.message}
          </p>
          <button
            type="button"
            className="icon-button"
            aria-label={t('notices.dismiss')}
            onClick={() => notices.dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
