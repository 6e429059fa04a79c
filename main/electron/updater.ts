/**
 * The app's updater: electron-updater over GitHub releases (electron-builder.yml's `publish`),
 * driven by the UpdateController state machine. Off when the app is not packaged.
 */
import electronUpdater from 'electron-updater';
import type { Log } from '../log';
import { UpdateController, type UpdatePrompts } from '../desktop/update-controller';

/** The updater for this run: a live one in a packaged app, a disabled one in development. */
export function createAppUpdater(
  packaged: boolean,
  prompts: UpdatePrompts,
  log: Log,
): UpdateController {
  // `autoUpdater` is created on first read: a dev run never builds one.
  return new UpdateController(packaged ? electronUpdater.autoUpdater : null, prompts, log);
}
