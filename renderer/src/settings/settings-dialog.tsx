import { useEffect, useState } from 'react';
import type { ProfilesState } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { Modal } from './modal';
import { ModelsSection } from './models-section';
import { preferencesFor } from './preferences-store';
import { AppearanceSection, BehaviourSection, DataSection } from './preference-sections';
import { ProvidersSection } from './providers-section';
import { ToolsSection } from './tools-section';
import './settings.css';
import { useTranslation } from '../i18n';

const sections = ['Providers', 'Models', 'Tools', 'Appearance', 'Behaviour', 'Data'] as const;
type Section = (typeof sections)[number];

interface SettingsDialogProps {
  onClose: () => void;
  /** Told whenever profiles change (the composer's picker follows). */
  onProfilesChanged?: (state: ProfilesState) => void;
}

/** The settings window: providers, model defaults, tools, appearance, behaviour and data. */
export function SettingsDialog({ onClose, onProfilesChanged }: SettingsDialogProps) {
  const { api } = useServices();
  const [section, setSection] = useState<Section>('Providers');
  const { t } = useTranslation();
  const [state, setState] = useState<ProfilesState | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void settle(() => api.profiles.list()).then((result) => {
      if (!live) return;
      if (result.ok) setState(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const change = (next: ProfilesState) => {
    setState(next);
    preferencesFor(api).profilesChanged();
    onProfilesChanged?.(next);
  };

  return (
    <Modal title={t('settings.title')} onClose={onClose}>
      <div role="tablist" aria-label={t('settings.sections')} className="settings-tabs">
        {sections.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`settings-tab-${name}`}
            aria-selected={section === name}
            aria-controls="settings-panel"
            tabIndex={section === name ? 0 : -1}
            onClick={() => setSection(name)}
          >
            {t(`settings.tab.${name}`)}
          </button>
        ))}
      </div>
      {/* Not labelled by its tab: "Providers" and "Models" would shadow the Provider and Model fields. */}
      <div role="tabpanel" id="settings-panel">
        {error ? (
          <p role="alert" className="settings-error">
            {t('settings.loadFailed', { error })}
          </p>
        ) : null}
        {section === 'Providers' && state ? (
          <ProvidersSection state={state} onChange={change} onClose={onClose} />
        ) : null}
        {section === 'Models' && state ? <ModelsSection state={state} onChange={change} /> : null}
        {section === 'Tools' ? <ToolsSection /> : null}
        {section === 'Appearance' ? <AppearanceSection /> : null}
        {section === 'Behaviour' ? <BehaviourSection /> : null}
        {section === 'Data' ? <DataSection /> : null}
      </div>
    </Modal>
  );
}
