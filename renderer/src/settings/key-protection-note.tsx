import type { KeyProtection } from '../../../preload/api';
import { useServices } from '../app-services';
import { useTranslation } from '../i18n';
import { preferencesFor, usePreferences } from './preferences-store';

/**
 * Said plainly where keys are not really encrypted (Linux without a keyring), with the choice
 * to keep keys for this session only.
 */
export function KeyProtectionNote({ protection }: { protection: KeyProtection }) {
  const { api } = useServices();
  const { t } = useTranslation();
  const { sessionOnlyKeys } = usePreferences(api);
  if (protection === 'encrypted') return null;
  return (
    <div className="settings-warning">
      {protection === 'obfuscated' ? (
        <p>{t('keyProtection.obfuscated')}</p>
      ) : (
        <p>{t('keyProtection.unavailable')}</p>
      )}
      {protection === 'obfuscated' ? (
        <label className="settings-check">
          <input
            type="checkbox"
            checked={sessionOnlyKeys}
            onChange={(event) =>
              void preferencesFor(api).update({ sessionOnlyKeys: event.target.checked })
            }
          />
          {t('keyProtection.sessionOnly')}
        </label>
      ) : null}
    </div>
  );
}
