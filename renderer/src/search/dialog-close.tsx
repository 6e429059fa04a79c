import { X } from 'lucide-react';
import { useTranslation } from '../i18n';
import { IconButton } from '../ui/button';
import './dialog-close.css';

/**
 * The ✕ in a dialog's top corner (search, the shortcuts sheet), named "Close". Place it last in
 * the dialog's content: the dialog focuses its first control on open, which must stay the
 * dialog's own (the search box), and Tab reaches ✕ after the content.
 */
export function DialogClose({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <IconButton
      icon={X}
      size="sm"
      className="dialog-close"
      label={t('shortcuts.close')}
      tooltipSide="bottom"
      onClick={onClose}
    />
  );
}
