import { DialogClose } from '../search/dialog-close';
import { Modal } from '../settings/modal';
import { isMac, keyLabel, shortcuts } from './shortcut-table';
import './shortcuts.css';
import { useTranslation } from '../i18n';

/** The help sheet: every shortcut, written the way this platform writes keys. */
export function ShortcutsSheet({ onClose, mac = isMac() }: { onClose: () => void; mac?: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal title={t('shortcuts.title')} onClose={onClose}>
      <dl className="shortcuts-list">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.id} className="shortcuts-row">
            <dt>{shortcut.label}</dt>
            <dd>
              {shortcut.keys.map((key, index) => (
                <span key={key}>
                  {index > 0 && !mac ? <span aria-hidden="true">+</span> : null}
                  <kbd>{keyLabel(key, mac)}</kbd>
                </span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
      <p className="shortcuts-note">{t('shortcuts.note')}</p>
      <DialogClose onClose={onClose} />
    </Modal>
  );
}
