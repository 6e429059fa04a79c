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
    expect(screen.getByRole('textbox', { name: 'Nachricht' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Senden' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Neue Unterhaltung' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Unterhaltungen' })).toBeTruthy();
  });

  it('renders the shortcuts sheet and a version pager in German', () => {
    render(
      <>
        <ShortcutsSheet onClose={() => undefined} mac={false} />
        <VersionPager index={1} count={3} disabled={false} onSelect={() => undefined} />
      </>,
    );
    expect(screen.getByRole('dialog', { name: 'Tastenkürzel' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Schließen' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Antwortversionen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Vorherige Version' })).toBeTruthy();
    expect(screen.getByText('2 / 3')).toBeTruthy();
  });

  it('translates text made outside components too', () => {
    expect(stopNote('stopped')).toBe('Gestoppt');
  });
});
