import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

// electron-updater's autoUpdater, replaced: the real one needs a packaged Electron app.
const state = vi.hoisted(() => ({ reads: 0, updater: null as unknown }));
vi.mock('electron-updater', () => ({
  default: {
    get autoUpdater() {
      state.reads++;
      return state.updater;
    },
  },
}));

const { createAppUpdater } = await import('../../../main/electron/updater');

const prompts = { askToRestart: vi.fn(() => Promise.resolve(false)), inform: vi.fn() };

describe('createAppUpdater', () => {
  it('never builds electron-updater in development', () => {
    const updates = createAppUpdater(false, prompts, vi.fn());
    expect(updates.getState()).toEqual({ kind: 'disabled' });
    expect(state.reads).toBe(0);
  });

  it('drives electron-updater in a packaged app', () => {
    const updater = Object.assign(new EventEmitter(), {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      checkForUpdates: vi.fn(() => Promise.resolve(null)),
      quitAndInstall: vi.fn(),
    });
    state.updater = updater;
    const updates = createAppUpdater(true, prompts, vi.fn());
    updates.check();
    expect(updater.checkForUpdates).toHaveBeenCalledOnce();
    expect(updater.autoDownload).toBe(true);
    updater.emit('update-available', { version: '1.0.0' });
    expect(updates.getState()).toEqual({ kind: 'downloading', version: '1.0.0', percent: 0 });
  });
});
