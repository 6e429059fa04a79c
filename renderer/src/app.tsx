import { useEffect, useState } from 'react';
import type { ParleyApi } from '../../preload/api';
import { createServices, ServicesContext } from './app-services';
import { Composer } from './composer/composer';
import { NoticeBanner } from './notices/notice-banner';
import { SettingsDialog } from './settings/settings-dialog';
import { useProfile } from './settings/use-profile';
import type { FrameScheduler } from './transcript/frame-scheduler';
import { Transcript } from './transcript/transcript';
import './app.css';

/** Parley's window: header, transcript, composer, settings, and failure notices. */
export function App({ api, scheduler }: { api: ParleyApi; scheduler?: FrameScheduler }) {
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [services] = useState(() => createServices(api, () => setSettingsOpen(true), scheduler));
  const [profile, setProfile] = useProfile(api, services.notices);

  useEffect(() => services.actions.start(), [services]);

  return (
    <ServicesContext value={services}>
      <div className="app">
        <header className="app-header" inert={settingsOpen}>
          <h1 className="app-title">Parley</h1>
          <div className="app-header-actions">
            <button type="button" onClick={() => services.actions.newConversation()}>
              New conversation
            </button>
            <button type="button" onClick={() => setSettingsOpen(true)}>
              Settings
            </button>
          </div>
        </header>
        <NoticeBanner />
        <main className="app-main" inert={settingsOpen}>
          <Transcript />
          <Composer />
        </main>
        {settingsOpen ? (
          <SettingsDialog
            // Re-mount once the profile arrives, so the form starts from it.
            key={profile ? 'profile' : 'no-profile'}
            profile={profile}
            onSaved={setProfile}
            onClose={() => setSettingsOpen(false)}
          />
        ) : null}
      </div>
    </ServicesContext>
  );
}
