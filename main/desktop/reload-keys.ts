/** The page's reload keys, which a release blocks so a stray Ctrl+R never throws away a reply. */

/** The fields of Electron's `Input` (before-input-event) this check reads. */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/**
 * True for Ctrl/Cmd+R and F5 (with or without Ctrl). Ctrl/Cmd+Shift+R is not a reload here:
 * it is Regenerate, and the page must receive it.
 */
export function isReloadKey(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  if (input.key === 'F5') return true;
  return (
    (input.control || input.meta) && !input.shift && !input.alt && input.key.toLowerCase() === 'r'
  );
}
