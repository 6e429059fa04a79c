import { fireEvent, screen, within } from '@testing-library/react';
import { flushAsync } from '../support/render-app';

/** Open Settings and let the profiles load. */
export async function openSettings() {
  const button = screen.getByRole('button', { name: 'Settings' });
  // A real click focuses the button; fireEvent.click does not.
  button.focus();
  fireEvent.click(button);
  await flushAsync();
  return screen.getByRole('dialog', { name: 'Settings' });
}

/** A labelled field inside the dialog. */
export function field<T extends HTMLElement>(dialog: HTMLElement, label: string): T {
  return within(dialog).getByLabelText<T>(label);
}
