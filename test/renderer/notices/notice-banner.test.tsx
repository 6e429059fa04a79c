import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeParley, failure } from '../support/fake-parley';
import { renderApp } from '../support/render-app';

describe('NoticeBanner', () => {
  it('shows failures of the start-up calls instead of swallowing them', async () => {
    const fake = createFakeParley();
    fake.respond('chat:snapshot', () => failure('storage', 'The conversation store is locked.'));
    fake.respond('settings:get', () => failure('internal', 'Settings are unreadable.'));
    await renderApp(fake);

    // The two calls race, so the order of the notices is not part of the behaviour.
    const texts = screen.getAllByRole('alert').map((alert) => alert.textContent);
    expect(texts).toHaveLength(2);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          "Couldn't load the conversation. The conversation store is locked.",
        ),
        expect.stringContaining("Couldn't load your settings. Settings are unreadable."),
      ]),
    );
  });

  it('goes away when dismissed', async () => {
    const fake = createFakeParley();
    fake.respond('chat:snapshot', () => failure('storage', 'Locked.'));
    await renderApp(fake);
    const alert = screen.getByRole('alert');
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
