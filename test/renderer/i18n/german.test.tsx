import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../renderer/src/i18n';
import { ShortcutsSheet } from '../../../renderer/src/shortcuts/shortcuts-sheet';
import { stopNote } from '../../../renderer/src/transcript/reply-meta';
import { VersionPager } from '../../../renderer/src/transcript/version-pager';
import { renderApp } from '../support/render-app';

describe('Parley in German', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('de');
  });
  afterEach(async () => {
    cleanup();
    await i18n.changeLanguage('en');
  });

  it('renders the composer and sidebar in German', async () => {
    await renderApp();
    expect(screen.queryByRole('textbox', { name: 'Nachricht' })).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Senden' })).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Neue Unterhaltung' })).not.toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Unterhaltungen' })).not.toBeNull();
  });

  it('renders the shortcuts sheet and a version pager in German', () => {
    render(
      <>
        <ShortcutsSheet onClose={() => undefined} mac={false} />
        <VersionPager index={1} count={3} disabled={false} onSelect={() => undefined} />
      </>,
    );
    expect(screen.queryByRole('dialog', { name: 'Tastenkürzel' })).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Schließen' })).not.toBeNull();
    expect(screen.queryByRole('group', { name: 'Antwortversionen' })).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Vorherige Version' })).not.toBeNull();
    expect(screen.queryByText('2 / 3')).not.toBeNull();
  });

  it('translates text made outside components too', () => {
    expect(stopNote('stopped')).toBe('Gestoppt');
  });
});
