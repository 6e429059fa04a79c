import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ToastStore } from '../../../renderer/src/sidebar/toast-store';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ToastStore', () => {
  it('keeps a toast about six seconds, then takes it away', () => {
    const toasts = new ToastStore();
    const heard = vi.fn();
    toasts.subscribe(heard);
    toasts.show('Deleted “Notes”.', { label: 'Undo', run: () => undefined });
    vi.advanceTimersByTime(5_900);
    expect(toasts.getToast()?.message).toBe('Deleted “Notes”.');
    vi.advanceTimersByTime(200);
    expect(toasts.getToast()).toBeNull();
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('a newer toast replaces the older one and gets its own full time', () => {
    const toasts = new ToastStore();
    const first = toasts.show('first');
    vi.advanceTimersByTime(4_000);
    toasts.show('second');
    vi.advanceTimersByTime(4_000);
    expect(toasts.getToast()?.message).toBe('second');
    // Dismissing the replaced toast does not take the new one away.
    toasts.dismiss(first);
    expect(toasts.getToast()?.message).toBe('second');
    vi.advanceTimersByTime(2_100);
    expect(toasts.getToast()).toBeNull();
  });
});
