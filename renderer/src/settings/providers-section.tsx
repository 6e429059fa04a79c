import { useState } from 'react';
import type { ProfilesState } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { LocalServers } from './local-servers';
import { draftOf, newDraft } from './profile-draft';
import { ProfileEditor } from './profile-editor';
import { useTranslation } from '../i18n';

interface ProvidersSectionProps {
  state: ProfilesState;
  onChange: (state: ProfilesState) => void;
  onClose: () => void;
}

/** Saved profiles (which one new conversations use), and the form for one of them or a new one. */
export function ProvidersSection({ state, onChange, onClose }: ProvidersSectionProps) {
  const { api } = useServices();
  const { t } = useTranslation();
  // The active profile first; with none saved, a new one (from the environment, if it has one).
  const [selected, setSelected] = useState<string | null>(state.activeId);
  const saved = state.profiles.find((profile) => profile.id === selected) ?? null;

  async function makeActive(id: string) {
    const result = await settle(() => api.profiles.setActive({ id }));
    if (result.ok) onChange(result.value);
  }

  return (
    <div className="settings-providers">
      {state.profiles.length > 0 ? (
        <ul className="settings-profile-list" aria-label={t('providers.saved')}>
          {state.profiles.map((profile) => (
            <li key={profile.id}>
              <button
                type="button"
                aria-current={profile.id === selected ? 'true' : undefined}
                onClick={() => setSelected(profile.id)}
              >
                {profile.name}
                {profile.id === state.activeId ? t('providers.defaultSuffix') : ''}
              </button>
              {profile.id !== state.activeId ? (
                <button
                  type="button"
                  className="quiet-button"
                  onClick={() => void makeActive(profile.id)}
                >
                  {t('providers.makeDefault')}
                </button>
              ) : null}
            </li>
          ))}
          <li>
            <button
              type="button"
              aria-current={selected === null ? 'true' : undefined}
              onClick={() => setSelected(null)}
            >
              {t('providers.add')}
            </button>
          </li>
        </ul>
      ) : state.environment ? (
        <p className="settings-note">{t('providers.environment')}</p>
      ) : null}
      <LocalServers
        state={state}
        onAdded={(next, id) => {
          setSelected(id);
          onChange(next);
        }}
      />
      <ProfileEditor
        // A fresh form for each profile.
        key={saved?.id ?? 'new'}
        state={state}
        saved={saved}
        initial={saved ? draftOf(saved) : newDraft(state)}
        onSaved={onChange}
        onDeleted={(next) => {
          setSelected(next.activeId);
          onChange(next);
        }}
        onClose={onClose}
      />
    </div>
  );
}
