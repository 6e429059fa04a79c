import type { IpcFailure } from '../../../preload/api';

/** A failed call the user should hear about. */
export interface Notice {
  readonly id: number;
  /** What Parley was trying to do, e.g. "Couldn't send the message." */
  readonly action: string;
  readonly failure: IpcFailure;
}

/** The failures on screen: a tiny external store, so any module can report without React. */
export class NoticeStore {
  private notices: readonly Notice[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  /** Keep only the latest few: a burst of failures must not bury the window. */
  constructor(private readonly limit = 3) {}

  /** The notices, newest last. */
  readonly getNotices = (): readonly Notice[] => this.notices;

  /** Be told when notices come or go. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Show a failure. */
  report(action: string, failure: IpcFailure): void {
    this.set([...this.notices, { id: this.nextId++, action, failure }].slice(-this.limit));
  }

  /** Take a notice off the screen. */
  dismiss(id: number): void {
    this.set(this.notices.filter((notice) => notice.id !== id));
  }

  private set(notices: readonly Notice[]): void {
    this.notices = notices;
    for (const listener of [...this.listeners]) listener();
  }
}
