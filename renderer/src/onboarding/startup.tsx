import { useEffect, useState } from 'react';
import type { ProfilesState } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { preferencesFor } from '../settings/preferences-store';
import '../settings/theme.css';
import { OnboardingDialog } from './onboarding-dialog';
import { t } from '../i18n';

/**
 * What happens once at start: preferences load (the theme applies), anything main needs the user
 * to know is shown, and with nothing configured the first-run onboarding opens.
 */
export function Startup({ onOpenChange }: { onOpenChange?: (open: boolean) => void }) {
  const { api, notices, actions } = useServices();
  const [firstRun, setFirstRun] = useState<ProfilesState | null>(null);

  useEffect(() => {
    let live = true;
    void preferencesFor(api)
      .load()
      .then((failure) => {
        if (!live) return;
        if (failure) return notices.report(t('notices.loadSettings'), failure);
        for (const message of preferencesFor(api).get().notices) {
          notices.report(t('notices.settingsReset'), { kind: 'storage', message });
        }
      });
    void settle(() => api.profiles.list()).then((result) => {
      if (!live || !result.ok) return;
      const nothingConfigured =
        result.value.profiles.length === 0 && result.value.environment === null;
      if (nothingConfigured) setFirstRun(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, notices]);

  useEffect(() => onOpenChange?.(firstRun !== null), [firstRun, onOpenChange]);

  if (!firstRun) return null;
  const finish = (start: boolean) => {
    setFirstRun(null);
    if (!start) return;
    // The onboarding ends in a first conversation: a fresh one, the cursor in the composer.
    actions.newConversation();
    requestAnimationFrame(() =>
      document.querySelector<HTMLTextAreaElement>('textarea.composer-input')?.focus(),
    );
  };
  return (
    <OnboardingDialog state={firstRun} onDone={() => finish(true)} onSkip={() => finish(false)} />
  );
}
