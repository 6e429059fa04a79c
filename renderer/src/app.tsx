import { useCallback, useEffect, useId, useState } from 'react';
import type { ParleyApi, SearchHit } from '../../preload/api';
import { createServices, ServicesContext } from './app-services';
import { Composer } from './composer/composer';
import { NoticeBanner } from './notices/notice-banner';
import { Startup } from './onboarding/startup';
import { revealMessage } from './search/reveal-message';
import { SearchDialog } from './search/search-dialog';
import { useSearchShortcut } from './search/use-search-shortcut';
import { SettingsDialog } from './settings/settings-dialog';
import { AppShortcuts } from './shortcuts/app-shortcuts';
import { ReplyAnnouncer } from './a11y/reply-announcer';
import { Sidebar } from './sidebar/sidebar';
import { ToastRegion } from './sidebar/toast';
import type { FrameScheduler } from './transcript/frame-scheduler';
import { Transcript } from './transcript/transcript';
import './app.css';
import { useTranslation } from './i18n';

/** Parley's window: sidebar, header, transcript, composer, dialogs, notices and the toast. */
export function App({ api, scheduler }: { api: ParleyApi; scheduler?: FrameScheduler }) {
  const [settingsOpen, setSettingsOpen] = useState(false);
  const { t } = useTranslation();
  const [searchOpen, setSearchOpen] = useState(false);
  const [sidebarShown, setSidebarShown] = useState(true);
  const [services] = useState(() => createServices(api, () => setSettingsOpen(true), scheduler));
  const [onboarding, setOnboarding] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const sidebarId = useId();
  const dialogOpen = settingsOpen || searchOpen || onboarding || shortcutsOpen;

  useEffect(() => services.actions.start(), [services]);
  // Not while settings are open: one dialog at a time.
  useSearchShortcut(
    useCallback(() => setSearchOpen((open) => open || !settingsOpen), [settingsOpen]),
  );

  const openHit = useCallback(
    (hit: SearchHit) => {
      void services.actions.open(hit.conversationId, hit.messageId).then((opened) => {
        if (opened) revealMessage(hit.messageId);
      });
    },
    [services],
  );

  return (
    <ServicesContext value={services}>
      <div className="app">
        {sidebarShown ? (
          <div className="app-sidebar" inert={dialogOpen}>
            <Sidebar id={sidebarId} />
          </div>
        ) : null}
        <div className="app-content">
          <header className="app-header" inert={dialogOpen}>
            <button
              type="button"
              className="icon-button"
              aria-label={sidebarShown ? t('app.hideConversations') : t('app.showConversations')}
              aria-expanded={sidebarShown}
              aria-controls={sidebarShown ? sidebarId : undefined}
              onClick={() => setSidebarShown((shown) => !shown)}
            >
              ☰
            </button>
            <h1 className="app-title">Parley</h1>
            <div className="app-header-actions">
              <button
                type="button"
                aria-keyshortcuts="Control+K Meta+K"
                onClick={() => setSearchOpen(true)}
              >
                {t('app.search')}
              </button>
              <button type="button" onClick={() => setSettingsOpen(true)}>
                {t('app.settings')}
              </button>
            </div>
          </header>
          <NoticeBanner />
          <main className="app-main" inert={dialogOpen}>
            <Transcript />
            <Composer />
          </main>
        </div>
        <ToastRegion toasts={services.toasts} />
        <AppShortcuts
          onSearch={() => setSearchOpen((open) => open || !settingsOpen)}
          onSheetOpenChange={setShortcutsOpen}
        />
        <ReplyAnnouncer />
        {searchOpen ? <SearchDialog onClose={() => setSearchOpen(false)} onOpen={openHit} /> : null}
        {settingsOpen ? <SettingsDialog onClose={() => setSettingsOpen(false)} /> : null}
        <Startup onOpenChange={setOnboarding} />
      </div>
    </ServicesContext>
  );
}
