import type { KeyProtection } from '../../../preload/api';
import { useServices } from '../app-services';
import { useTranslation } from '../i18n';
import { Switch } from '../ui/switch';
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
        <Switch
          label={t('keyProtection.sessionOnly')}
          checked={sessionOnlyKeys}
          onCheckedChange={(checked) =>
            void preferencesFor(api).update({ sessionOnlyKeys: checked })
          }
        />
      ) : null}
    </div>
  );
}
