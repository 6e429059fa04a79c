import { useEffect } from 'react';

/** Ctrl+K (Cmd+K on macOS) anywhere in the window calls `onOpen`, as in most chat apps. */
export function useSearchShortcut(onOpen: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.metaKey || event.ctrlKey;
      if (!mod || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'k') return;
      // Also keeps Chromium from moving focus to its own search bar.
      event.preventDefault();
      onOpen();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onOpen]);
}
