import { useSyncExternalStore } from 'react';
import type { ToastStore } from './toast-store';
import { useTranslation } from '../i18n';

/**
 * The toast region. Always mounted and polite, so a screen reader hears each toast when it
 * appears; the action runs once and takes the toast away.
 */
export function ToastRegion({ toasts }: { toasts: ToastStore }) {
  const { t } = useTranslation();
  const toast = useSyncExternalStore(toasts.subscribe, toasts.getToast);
  return (
    <div
      className="toast-region"
      role="status"
      aria-live="polite"
      aria-label={t('notices.notifications')}
    >
      {toast ? (
        <div className="toast">
          <span className="toast-message">{toast.message}</span>
          {toast.action ? (
            <button
              type="button"
              className="toast-action"
              onClick={() => {
                toasts.dismiss(toast.id);
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="icon-button"
            aria-label={t('notices.dismissNotification')}
            onClick={() => toasts.dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
