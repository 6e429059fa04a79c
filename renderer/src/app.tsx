import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ParleyApi, SearchHit } from '../../preload/api';
import { AppHeader } from './app-header';
import { createServices, ServicesContext } from './app-services';
import { Composer } from './composer/composer';
import { NoticeBanner } from './notices/notice-banner';
import { Startup } from './onboarding/startup';
import { revealMessage } from './search/reveal-message';
import { SearchDialog } from './search/search-dialog';
import { useSearchShortcut } from './search/use-search-shortcut';
import { SettingsDialog } from './settings/settings-loader';
import { AppShortcuts } from './shortcuts/app-shortcuts';
import { ReplyAnnouncer } from './a11y/reply-announcer';
import { Sidebar } from './sidebar/sidebar';
import { ToastRegion } from './sidebar/toast';
import { useSidebarLayout } from './sidebar/use-sidebar-layout';
import type { FrameScheduler } from './transcript/frame-scheduler';
import { Transcript } from './transcript/transcript';
import { TooltipProvider } from './ui/tooltip';
import './app.css';

/**
 * Parley's window: sidebar, header, transcript, composer, dialogs, notices and the toast. In a
 * narrow window the sidebar is an overlay (see useSidebarLayout): while it is open the rest of
 * the window is inert behind a scrim.
 */
export function App({ api, scheduler }: { api: ParleyApi; scheduler?: FrameScheduler }) {
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const [services] = useState(() => createServices(api, () => setSettingsOpen(true), scheduler));
  const [onboarding, setOnboarding] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const sidebar = useSidebarLayout();
  const sidebarId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const dialogOpen = settingsOpen || searchOpen || onboarding || shortcutsOpen;
  const overlayOpen = sidebar.overlay && sidebar.shown;
  const { dismiss } = sidebar;

  useEffect(() => services.actions.start(), [services]);
  // Not while settings are open: one dialog at a time.
  useSearchShortcut(
    useCallback(() => setSearchOpen((open) => open || !settingsOpen), [settingsOpen]),
  );

  // Escape closes the overlay, unless something inside used it (a menu, the title field mark
  // it with preventDefault). Document, not window: it must run before Esc-to-stop on window.
  useEffect(() => {
    if (!overlayOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.isComposing || event.defaultPrevented) return;
      event.preventDefault();
      dismiss();
      // After this render drops `inert` from the header, or focus() would be refused.
      requestAnimationFrame(() => toggleRef.current?.focus());
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [overlayOpen, dismiss]);

  const openHit = useCallback(
    (hit: SearchHit) => {
      void services.actions.open(hit.conversationId, hit.messageId).then((opened) => {
        if (opened) revealMessage(hit.messageId);
      });
    },
    [services],
  );

  const behindOverlay = dialogOpen || overlayOpen;
  return (
    <ServicesContext value={services}>
      <TooltipProvider>
        <div className={sidebar.overlay ? 'app is-narrow' : 'app'}>
          {sidebar.shown ? (
            <div
              className={sidebar.overlay ? 'app-sidebar is-overlay' : 'app-sidebar'}
              inert={dialogOpen}
            >
              <Sidebar id={sidebarId} autoFocus={sidebar.overlay} onChosen={dismiss} />
            </div>
          ) : null}
          {overlayOpen ? <div className="app-scrim" aria-hidden="true" onClick={dismiss} /> : null}
          <div className="app-content">
            <AppHeader
              ref={toggleRef}
              sidebarShown={sidebar.shown}
              sidebarId={sidebarId}
              onToggleSidebar={sidebar.toggle}
              onSearch={() => setSearchOpen(true)}
              onSettings={() => setSettingsOpen(true)}
              inert={behindOverlay}
            />
            <NoticeBanner />
            <main className="app-main" inert={behindOverlay}>
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
          {searchOpen ? (
            <SearchDialog onClose={() => setSearchOpen(false)} onOpen={openHit} />
          ) : null}
          {settingsOpen ? <SettingsDialog onClose={() => setSettingsOpen(false)} /> : null}
          <Startup onOpenChange={setOnboarding} />
        </div>
      </TooltipProvider>
    </ServicesContext>
  );
}
