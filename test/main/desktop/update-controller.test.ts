import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { UpdateController, type UpdaterLike } from '../../../main/desktop/update-controller';

/** An updater whose events the test emits; checkForUpdates only records. */
function fakeUpdater() {
  const emitter = new EventEmitter();
  const updater = Object.assign(emitter, {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    checkForUpdates: vi.fn(() => Promise.resolve(null)),
    quitAndInstall: vi.fn(),
  });
  return updater as typeof updater & UpdaterLike;
}

function setup(restart = true) {
  const updater = fakeUpdater();
  const prompts = { askToRestart: vi.fn(() => Promise.resolve(restart)), inform: vi.fn() };
  const controller = new UpdateController(updater, prompts, vi.fn());
  const states: string[] = [];
  controller.subscribe((state) => states.push(state.kind));
  return { updater, prompts, controller, states };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('UpdateController', () => {
  it('does nothing in development, and says so when asked', () => {
    const inform = vi.fn();
    const controller = new UpdateController(null, { askToRestart: vi.fn(), inform });
    controller.check();
    expect(inform).not.toHaveBeenCalled();
    controller.check(true);
    expect(inform).toHaveBeenCalledWith('Updates are off in development builds.');
    expect(controller.getState()).toEqual({ kind: 'disabled' });
  });

  it('downloads in the background and offers a restart once it is ready', async () => {
    const { updater, prompts, controller, states } = setup();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    controller.check();
    updater.emit('update-available', { version: '0.2.0' });
    updater.emit('download-progress', { percent: 42 });
    expect(controller.getState()).toEqual({ kind: 'downloading', version: '0.2.0', percent: 42 });
    updater.emit('update-downloaded', { version: '0.2.0' });
    await flush();
    expect(prompts.askToRestart).toHaveBeenCalledWith('0.2.0');
    expect(updater.quitAndInstall).toHaveBeenCalledOnce();
    expect(states).toEqual(['checking', 'downloading', 'downloading', 'downloaded']);
  });

  it('installs on quit instead when the user picks Later', async () => {
    const { updater, controller } = setup(false);
    controller.check();
    updater.emit('update-downloaded', { version: '0.2.0' });
    await flush();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(controller.getState()).toEqual({ kind: 'downloaded', version: '0.2.0' });
  });

  it('stays quiet about "no update" on start, but answers Help → Check for Updates', () => {
    const { updater, prompts, controller } = setup();
    controller.check();
    updater.emit('update-not-available');
    expect(prompts.inform).not.toHaveBeenCalled();
    controller.check(true);
    updater.emit('update-not-available');
    expect(prompts.inform).toHaveBeenCalledWith('You have the latest version of Parley.');
    expect(controller.getState()).toEqual({ kind: 'idle' });
  });

  it('reports a failed manual check, and a later check can succeed', () => {
    const { updater, prompts, controller } = setup();
    controller.check(true);
    updater.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
    expect(controller.getState()).toEqual({
      kind: 'error',
      message: 'net::ERR_INTERNET_DISCONNECTED',
    });
    expect(prompts.inform).toHaveBeenCalledWith(
      "Parley couldn't check for updates. Try again later.",
    );
    controller.check();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('never starts a second check while one runs or an update downloads', () => {
    const { updater, prompts, controller } = setup();
    controller.check();
    controller.check(true);
    expect(prompts.inform).toHaveBeenCalledWith('Already checking for updates.');
    updater.emit('update-available', { version: '0.2.0' });
    controller.check();
    expect(updater.checkForUpdates).toHaveBeenCalledOnce();
  });

  it('offers the restart again when asked after a downloaded update was put off', async () => {
    const { updater, prompts, controller } = setup(false);
    controller.check();
    updater.emit('update-downloaded', { version: '0.2.0' });
    await flush();
    controller.check(true);
    await flush();
    expect(prompts.askToRestart).toHaveBeenCalledTimes(2);
    expect(updater.checkForUpdates).toHaveBeenCalledOnce();
  });

  it('logs a rejected check without throwing', async () => {
    const { updater, controller } = setup();
    updater.checkForUpdates.mockImplementation(() => Promise.reject(new Error('offline')));
    controller.check();
    await flush();
    expect(controller.getState().kind).toBe('checking');
  });
});
