import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToastRegion } from '../../../renderer/src/sidebar/toast';
import { ToastStore } from '../../../renderer/src/sidebar/toast-store';

afterEach(cleanup);

const region = () => screen.getByRole('status', { name: 'Notifications' });

describe('the toast', () => {
  it('is announced politely, and Undo runs its action once and takes the toast away', () => {
    const toasts = new ToastStore();
    render(<ToastRegion toasts={toasts} />);
    // Mounted empty, so the message is announced when it arrives.
    expect(region().getAttribute('aria-live')).toBe('polite');
    expect(region().textContent).toBe('');

    const undo = vi.fn();
    act(() => void toasts.show('Deleted “Notes”.', { label: 'Undo', run: undo }));
    expect(region().textContent).toContain('Deleted “Notes”.');
    // The toast does not take focus from what the user was doing.
    expect(document.activeElement).toBe(document.body);

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(undo).toHaveBeenCalledTimes(1);
    expect(toasts.getToast()).toBeNull();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('closes with its ✕ without running the action', () => {
    const toasts = new ToastStore();
    render(<ToastRegion toasts={toasts} />);
    const undo = vi.fn();
    act(() => void toasts.show('Deleted “Notes”.', { label: 'Undo', run: undo }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss notification' }));
    expect(region().textContent).toBe('');
    expect(undo).not.toHaveBeenCalled();
  });
});
