import { useEffect, useState } from 'react';
import { Cpu, Palette, Plug, SlidersHorizontal, Database, Wrench } from 'lucide-react';
import type { ProfilesState } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { Dialog, DialogBody, dialogPaneClass } from '../ui/dialog';
import { Tabs, type TabItem } from '../ui/tabs';
import { ModelsSection } from './models-section';
import { preferencesFor } from './preferences-store';
import { AppearanceSection, BehaviourSection, DataSection } from './preference-sections';
import { ProvidersSection } from './providers-section';
import { ToolsSection } from './tools-section';
import './settings.css';
import { useTranslation } from '../i18n';

const sections = ['Providers', 'Models', 'Tools', 'Appearance', 'Behaviour', 'Data'] as const;
type Section = (typeof sections)[number];
const icons = {
  Providers: Plug,
  Models: Cpu,
  Tools: Wrench,
  Appearance: Palette,
  Behaviour: SlidersHorizontal,
  Data: Database,
} as const;

interface SettingsDialogProps {
  onClose: () => void;
  /** Told whenever profiles change (the composer's picker follows). */
  onProfilesChanged?: (state: ProfilesState) => void;
}

/**
 * The settings window: providers, model defaults, tools, appearance, behaviour and data, one
 * tab each, in a dialog of fixed height. Each tab lays out its own scrolling body and, where it
 * has actions (Test connection, Save), a footer that stays in sight.
 */
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

  const tabs: Array<TabItem<Section>> = sections.map((name) => ({
    value: name,
    label: t(`settings.tab.${name}`),
    icon: icons[name],
  }));

  return (
    <Dialog title={t('settings.title')} onClose={onClose} size="lg" className="settings-dialog">
      <Tabs
        value={section}
        onValueChange={setSection}
        tabs={tabs}
        label={t('settings.sections')}
        className={dialogPaneClass}
        // Not labelled by its tab: "Providers" and "Models" would shadow the Provider and Model fields.
        labelPanel={false}
      >
        {error ? (
          <DialogBody>
            <p role="alert" className="settings-error">
              {t('settings.loadFailed', { error })}
            </p>
          </DialogBody>
        ) : null}
        {section === 'Providers' && state ? (
          <ProvidersSection state={state} onChange={change} onClose={onClose} />
        ) : null}
        {section === 'Models' && state ? <ModelsSection state={state} onChange={change} /> : null}
        {section === 'Tools' ? (
          <DialogBody className="settings-body">
            <ToolsSection />
          </DialogBody>
        ) : null}
        {section === 'Appearance' ? (
          <DialogBody className="settings-body">
            <AppearanceSection />
          </DialogBody>
        ) : null}
        {section === 'Behaviour' ? (
          <DialogBody className="settings-body">
            <BehaviourSection />
          </DialogBody>
        ) : null}
        {section === 'Data' ? (
          <DialogBody className="settings-body">
            <DataSection />
          </DialogBody>
        ) : null}
      </Tabs>
    </Dialog>
  );
}
