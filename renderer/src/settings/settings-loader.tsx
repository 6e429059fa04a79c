/**
 * The Settings dialog, loaded after the first paint: its sections, form controls and their
 * primitives (tabs, switches, segmented controls) are a chunk of their own, so the entry chunk
 * that paints the first frame stays within its budget (test/scripts/entry-chunk.test.ts). The
 * chunk is asked for as soon as this module runs and is in long before anyone opens Settings;
 * until then `SettingsDialog` renders nothing and shows itself once the chunk arrives.
 */
import { useEffect, useState, type ComponentProps } from 'react';
import type { SettingsDialog as Dialog } from './settings-dialog';

let loaded: typeof Dialog | null = null;

/** Resolves once the dialog's chunk is in (renderer tests await it before rendering). */
export const settingsReady: Promise<void> = import('./settings-dialog').then((module) => {
  loaded = module.SettingsDialog;
});

/** The Settings dialog (same props as settings-dialog.tsx's); nothing until its chunk is in. */
export function SettingsDialog(props: ComponentProps<typeof Dialog>) {
  const [, setReady] = useState(loaded !== null);
  useEffect(() => {
    let live = true;
    if (!loaded) void settingsReady.then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  const Loaded = loaded;
  return Loaded ? <Loaded {...props} /> : null;
}
