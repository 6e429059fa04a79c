import { useEffect, useRef, useState } from 'react';
import type { AppCommand } from '../../../preload/api';
import { useServices } from '../app-services';
import { runCommand } from './run-command';
import { isMac, isTyping, matchShortcut } from './shortcut-table';
import { ShortcutsSheet } from './shortcuts-sheet';

/**
 * The app's keyboard shortcuts and the native menu's commands (`app.onCommand`), both run by
 * `runCommand`; shows the shortcuts sheet. Mounted once inside `<App>`.
 */
export function AppShortcuts({
  onSearch,
  onSheetOpenChange,
}: {
  onSearch: () => void;
  /** Told when the shortcuts sheet opens and closes, so the app can make the page inert. */
  onSheetOpenChange?: (open: boolean) => void;
}) {
  const services = useServices();
  const [sheetOpen, setSheetOpen] = useState(false);
  useEffect(() => onSheetOpenChange?.(sheetOpen), [sheetOpen, onSheetOpenChange]);
  // The newest callback without re-subscribing on every render of the app.
  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  });

  useEffect(() => {
    const mac = isMac();
    const run = (command: AppCommand) =>
      runCommand(command, {
        services,
        openSearch: () => onSearchRef.current(),
        openShortcuts: () => setSheetOpen(true),
      });
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const id = matchShortcut(event, mac);
      if (id === null || (id === 'focus-composer' && isTyping(event.target))) return;
      // A dialog has the keyboard: shortcuts behind it wait until it closes.
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      run({ type: id });
    };
    window.addEventListener('keydown', onKeyDown);
    const unsubscribe = services.api.app.onCommand(run);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      unsubscribe();
    };
  }, [services]);

  return sheetOpen ? <ShortcutsSheet onClose={() => setSheetOpen(false)} /> : null;
}
