/** A short message at the bottom of the window, with at most one action (Undo). */
export interface Toast {
  readonly id: number;
  readonly message: string;
  readonly action?: { readonly label: string; readonly run: () => void };
}

/** How long a toast stays: long enough to read it and reach Undo. */
export const toastMs = 6_000;

/**
 * The one toast on screen. A newer toast replaces the older one (its Undo is gone, but what it
 * undid stays restorable in main until the next start). Framework-free, timers included, so
 * tests drive it with a fake clock.
 */
export class ToastStore {
  private toast: Toast | null = null;
  private nextId = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();

  /** The toast now, or null. */
  readonly getToast = (): Toast | null => this.toast;

  /** Be told when the toast comes or goes. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Show a toast for `ms`; returns its id. */
  show(message: string, action?: Toast['action'], ms = toastMs): number {
    const id = this.nextId++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.dismiss(id), ms);
    this.set({ id, message, ...(action ? { action } : {}) });
    return id;
  }

  /** Take a toast away (only if it is still the one on screen). */
  dismiss(id: number): void {
    if (this.toast?.id !== id) return;
    clearTimeout(this.timer);
    this.set(null);
  }

  private set(toast: Toast | null): void {
    this.toast = toast;
    for (const listener of [...this.listeners]) listener();
  }
}
