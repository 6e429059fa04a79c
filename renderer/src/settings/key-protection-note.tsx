import type { KeyProtection } from '../../../preload/api';
import { useServices } from '../app-services';
import { preferencesFor, usePreferences } from './preferences-store';

/**
 * Said plainly where keys are not really encrypted (Linux without a keyring), with the choice
 * to keep keys for this session only.
 */
export function KeyProtectionNote({ protection }: { protection: KeyProtection }) {
  const { api } = useServices();
  const { sessionOnlyKeys } = usePreferences(api);
  if (protection === 'encrypted') return null;
  return (
    <div className="settings-warning">
      {protection === 'obfuscated' ? (
        <p>
          On this system keys are only obfuscated, not encrypted: no OS keychain is available, so
          anyone who can read your files could recover them.
        </p>
      ) : (
        <p>This system cannot encrypt keys, so Parley keeps them for this session only.</p>
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
          Keep keys for this session only (never written to disk)
        </label>
      ) : null}
    </div>
  );
}
