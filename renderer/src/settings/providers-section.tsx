import { useState } from 'react';
import { Plus } from 'lucide-react';
import type { ProfilesState } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { LocalServers } from './local-servers';
import { draftOf, newDraft } from './profile-draft';
import { ProfileEditor } from './profile-editor';
import { useTranslation } from '../i18n';
import { Button } from '../ui/button';
import { DialogBody, dialogPaneClass } from '../ui/dialog';

interface ProvidersSectionProps {
  state: ProfilesState;
  onChange: (state: ProfilesState) => void;
  onClose: () => void;
}

/**
 * Saved profiles (which one new conversations use), local servers on demand, and the form for
 * one profile or a new one, whose actions sit in the dialog's sticky footer.
 */
export function ProvidersSection({ state, onChange, onClose }: ProvidersSectionProps) {
  const { api } = useServices();
  const { t } = useTranslation();
  // The active profile first; with none saved, a new one (from the environment, if it has one).
  const [selected, setSelected] = useState<string | null>(state.activeId);
  const saved = state.profiles.find((profile) => profile.id === selected) ?? null;
  const [footer, setFooter] = useState<HTMLDivElement | null>(null);

  async function makeActive(id: string) {
    const result = await settle(() => api.profiles.setActive({ id }));
    if (result.ok) onChange(result.value);
  }

  return (
    <div className={dialogPaneClass}>
      <DialogBody className="settings-body">
        <section className="settings-group">
          <h3 className="settings-group-title">{t('setup.profilesHeading')}</h3>
          <p className="settings-group-help">{t('setup.profilesHelp')}</p>
          {state.profiles.length > 0 ? (
            <ul className="settings-profile-list" aria-label={t('providers.saved')}>
              {state.profiles.map((profile) => (
                <li key={profile.id}>
                  <button
                    type="button"
                    className="settings-profile"
                    aria-current={profile.id === selected ? 'true' : undefined}
                    onClick={() => setSelected(profile.id)}
                  >
                    {profile.name}
                    {profile.id === state.activeId ? t('providers.defaultSuffix') : ''}
                  </button>
                  {profile.id !== state.activeId ? (
                    <Button variant="ghost" size="sm" onClick={() => void makeActive(profile.id)}>
                      {t('providers.makeDefault')}
                    </Button>
                  ) : null}
                </li>
              ))}
              <li>
                <button
                  type="button"
                  className="settings-profile is-add"
                  aria-current={selected === null ? 'true' : undefined}
                  onClick={() => setSelected(null)}
                >
                  <Plus className="ui-icon" aria-hidden="true" />
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
        </section>
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
          footer={footer}
        />
      </DialogBody>
      {/* The editor's actions are portalled here, outside the scrolling body. */}
      <div ref={setFooter} className="settings-footer-slot" />
    </div>
  );
}
