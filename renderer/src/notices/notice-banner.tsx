import { useSyncExternalStore } from 'react';
import { CircleAlert, X } from 'lucide-react';
import { useServices } from '../app-services';
import { IconButton } from '../ui/button';
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
          <CircleAlert className="notice-icon" aria-hidden="true" />
          {/* The failure sentence is main's (ChatError.message) and shown as it arrives. */}
          <p className="notice-text">
            <strong>{notice.action}</strong> {notice.failure.message}
          </p>
          <IconButton
            icon={X}
            size="sm"
            className="notice-dismiss"
            label={t('notices.dismiss')}
            tooltipSide="left"
            onClick={() => notices.dismiss(notice.id)}
          />
        </div>
      ))}
    </div>
  );
}
