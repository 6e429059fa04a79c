/**
 * Updates as a small state machine over an injected updater (electron-updater's autoUpdater in
 * the app, a fake in tests): check on start and on demand, download in the background, offer
 * "Restart to update" once, tell the user the result only when they asked.
 */

/** Where an update stands. */
export type UpdateState =
  | { kind: 'disabled' }
  | { kind: 'idle' }
  | { kind: 'checking'; manual: boolean }
  | { kind: 'downloading'; version: string; percent: number }
  | { kind: 'downloaded'; version: string }
  | { kind: 'error'; message: string };

/** The part of electron-updater's `AppUpdater` this uses. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(
    event: 'update-available' | 'update-downloaded',
    listener: (info: { version: string }) => void,
  ): unknown;
  on(event: 'update-not-available', listener: () => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** How the controller talks to the user (native dialogs in the app). */
export interface UpdatePrompts {
  /** Ask to restart now; resolves true for "Restart". */
  askToRestart(version: string): Promise<boolean>;
  /** Tell the user something they asked about (the result of Help → Check for Updates). */
  inform(message: string): void;
}

/** Drives one updater for the app's lifetime. */
export class UpdateController {
  private state: UpdateState;
  private readonly listeners = new Set<(state: UpdateState) => void>();

  constructor(
    private readonly updater: UpdaterLike | null,
    private readonly prompts: UpdatePrompts,
    private readonly log: (message: string, error: unknown) => void = () => {},
  ) {
    // No updater: a dev run (not packaged), where there is nothing to update.
    this.state = updater ? { kind: 'idle' } : { kind: 'disabled' };
    if (!updater) return;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.on('update-available', (info) =>
      this.set({ kind: 'downloading', version: info.version, percent: 0 }),
    );
    updater.on('download-progress', (progress) => {
      if (this.state.kind === 'downloading') this.set({ ...this.state, percent: progress.percent });
    });
    updater.on('update-not-available', () => {
      if (this.state.kind === 'checking' && this.state.manual) {
        this.prompts.inform('You have the latest version of Parley.');
      }
      this.set({ kind: 'idle' });
    });
    updater.on('update-downloaded', (info) => {
      this.set({ kind: 'downloaded', version: info.version });
      void this.offerRestart(info.version);
    });
    updater.on('error', (error) => {
      const manual = this.state.kind === 'checking' && this.state.manual;
      this.log('update check failed', error);
      this.set({ kind: 'error', message: error.message });
      if (manual) this.prompts.inform("Parley couldn't check for updates. Try again later.");
    });
  }

  /** The state now. */
  getState(): UpdateState {
    return this.state;
  }

  /** Be told of every change (tests, a future renderer notice). */
  subscribe(listener: (state: UpdateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Check; `manual` when the user asked (Help → Check for Updates), so they hear the result. */
  check(manual = false): void {
    if (!this.updater) {
      if (manual) this.prompts.inform('Updates are off in development builds.');
      return;
    }
    const { kind } = this.state;
    if (kind === 'downloaded' && manual) {
      void this.offerRestart(this.state.version);
      return;
    }
    if (kind === 'checking' || kind === 'downloading' || kind === 'downloaded') {
      if (manual)
        this.prompts.inform(
          kind === 'checking' ? 'Already checking for updates.' : 'An update is downloading.',
        );
      return;
    }
    this.set({ kind: 'checking', manual });
    // Failures also arrive as 'error' events, which set the state; this only keeps them logged.
    this.updater
      .checkForUpdates()
      .catch((error: unknown) => this.log('update check failed', error));
  }

  private async offerRestart(version: string): Promise<void> {
    if (await this.prompts.askToRestart(version)) this.updater?.quitAndInstall();
  }

  private set(state: UpdateState): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}
