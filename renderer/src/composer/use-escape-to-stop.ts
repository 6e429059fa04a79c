import { useEffect } from 'react';

/** While `active`, Esc anywhere in the window calls `onStop` (a dialog that handles Esc wins). */
export function useEscapeToStop(active: boolean, onStop: () => void): void {
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      // An IME uses Esc to cancel composition; a modal marks the Esc it consumed.
      if (event.key !== 'Escape' || event.isComposing || event.defaultPrevented) return;
      event.preventDefault();
      onStop();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [active, onStop]);
}
