import { useSyncExternalStore } from 'react';
import { X } from 'lucide-react';
import type { ToastStore } from './toast-store';
import { useTranslation } from '../i18n';
import { Button, IconButton } from '../ui/button';
import './toast.css';

/**
 * The toast region: a short message at the bottom of the window, with at most one action
 * (Undo) and a close button. Always mounted and polite (role="status"), so a screen reader hears
 * each toast when it appears without losing its place; the action runs once and takes the toast
 * away. The toast never takes focus (WAI-ARIA's status role: advisory, not an alert).
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
            <Button
              variant="ghost"
              size="sm"
              className="toast-action"
              onClick={() => {
                toasts.dismiss(toast.id);
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </Button>
          ) : null}
          <IconButton
            icon={X}
            size="sm"
            className="toast-close"
            label={t('notices.dismissNotification')}
            onClick={() => toasts.dismiss(toast.id)}
          />
        </div>
      ) : null}
    </div>
  );
}
