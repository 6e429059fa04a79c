import { forwardRef, useSyncExternalStore } from 'react';
import { PanelLeft, Search, Settings } from 'lucide-react';
import { useServices } from './app-services';
import { useTranslation } from './i18n';
import { isMac } from './shortcuts/shortcut-table';
import { displayTitle } from './sidebar/date-groups';
import { useTranscriptView } from './transcript/use-transcript';
import { IconButton } from './ui/button';

/** What the header needs from the shell. */
interface AppHeaderProps {
  sidebarShown: boolean;
  /** The id of the sidebar element, for the toggle's aria-controls. */
  sidebarId: string;
  onToggleSidebar: () => void;
  onSearch: () => void;
  onSettings: () => void;
  inert?: boolean;
}

/**
 * The window's header: ☰ (show or hide the conversations), the open conversation's title (the
 * app's name before there is one), and Search and Settings as icon buttons with tooltips. The
 * ref is the ☰ button's, so the shell can give it focus back when the overlay sidebar closes.
 */
export const AppHeader = forwardRef<HTMLButtonElement, AppHeaderProps>(function AppHeader(
  { sidebarShown, sidebarId, onToggleSidebar, onSearch, onSettings, inert },
  toggleRef,
) {
  const { t } = useTranslation();
  const title = useOpenTitle();
  return (
    <header className="app-header" inert={inert}>
      <IconButton
        ref={toggleRef}
        icon={PanelLeft}
        label={sidebarShown ? t('app.hideConversations') : t('app.showConversations')}
        tooltipSide="bottom"
        aria-expanded={sidebarShown}
        aria-controls={sidebarShown ? sidebarId : undefined}
        onClick={onToggleSidebar}
      />
      <h1 className="app-title" dir="auto">
        {title ?? 'Parley'}
      </h1>
      <div className="app-header-actions">
        <IconButton
          icon={Search}
          label={t('app.search')}
          shortcut={isMac() ? '⌘K' : 'Ctrl+K'}
          tooltipSide="bottom"
          aria-keyshortcuts="Control+K Meta+K"
          onClick={onSearch}
        />
        <IconButton
          icon={Settings}
          label={t('app.settings')}
          tooltipSide="bottom"
          onClick={onSettings}
        />
      </div>
    </header>
  );
});

/** The open conversation's title as the sidebar shows it; null when none is open. */
function useOpenTitle(): string | null {
  const { store, conversations } = useServices();
  const { conversationId } = useTranscriptView(store);
  const list = useSyncExternalStore(conversations.subscribe, conversations.getState);
  if (conversationId === null) return null;
  const summary = list.items.find((item) => item.id === conversationId);
  return summary ? displayTitle(summary.title) : null;
}
