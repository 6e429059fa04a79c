import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from '@testing-library/react';
import { Dialog } from '../../../renderer/src/ui/dialog';
import { flushAsync } from '../support/render-app';

afterEach(cleanup);

/** An opener button and the dialog it opens, as an app would have them. */
function Harness({ onWindowEscape }: { onWindowEscape?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <button type="button" onKeyDown={(event) => event.key === 'Escape' && onWindowEscape?.()}>
        Elsewhere
      </button>
      {open ? (
        <Dialog
          title="Profile"
          onClose={() => setOpen(false)}
          footer={<button type="button">Save</button>}
        >
          <label>
            Name <input />
          </label>
        </Dialog>
      ) : null}
    </>
  );
}

async function open() {
  const opener = screen.getByRole('button', { name: 'Open' });
  opener.focus();
  fireEvent.click(opener);
  await flushAsync();
  return { opener, dialog: screen.getByRole('dialog', { name: 'Profile' }) };
}

describe('Dialog', () => {
  it('is a modal named by its title; focus starts on the first field, not the close button', async () => {
    render(<Harness />);
    const { dialog } = await open();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }));
  });

  it('closes on Escape and gives focus back to the opener', async () => {
    render(<Harness />);
    const { opener } = await open();
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Name' }), { key: 'Escape' });
    await flushAsync();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('consumes the Escape it handles, so a window-wide Escape handler is not also run', async () => {
    const windowEscape = vi.fn();
    const listener = (event: KeyboardEvent) => {
      if (!event.defaultPrevented) windowEscape();
    };
    window.addEventListener('keydown', listener);
    try {
      render(<Harness />);
      await open();
      fireEvent.keyDown(screen.getByRole('textbox', { name: 'Name' }), { key: 'Escape' });
      await flushAsync();
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(windowEscape).not.toHaveBeenCalled();
    } finally {
      window.removeEventListener('keydown', listener);
    }
  });

  it('has a close button named "Close", and the footer outside the scrolling body', async () => {
    render(<Harness />);
    const { dialog, opener } = await open();
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save.closest('.ui-dialog-footer')).not.toBeNull();
    expect(save.closest('.ui-dialog-body')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Name' }).closest('.ui-dialog-body')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await flushAsync();
    expect(dialog.isConnected).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('keeps Tab inside: from the last control to the close button and back', async () => {
    render(<Harness />);
    await open();
    const close = screen.getByRole('button', { name: 'Close' });
    const save = screen.getByRole('button', { name: 'Save' });
    save.focus();
    fireEvent.keyDown(save, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(save);
  });
});
