import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeParley, makeReply } from '../support/fake-parley';
import { makeSummary } from '../support/fake-conversations';
import { flushAsync, renderApp, transcript } from '../support/render-app';

const sidebar = () => screen.getByRole('navigation', { name: 'Conversations' });

function menu(title: string, item: string) {
  fireEvent.click(within(sidebar()).getByRole('button', { name: `Actions for ${title}` }));
  fireEvent.click(screen.getByRole('menuitem', { name: item }));
}

const notifications = () => screen.getByRole('status', { name: 'Notifications' });

describe('Export and import', () => {
  it('exports with the format and scope each menu entry names', async () => {
    const fake = createFakeParley();
    fake.conversations.seed(makeSummary('c1', { title: 'Garden plans', updatedAt: Date.now() }));
    await renderApp(fake);

    menu('Garden plans', 'Export as Markdown');
    menu('Garden plans', 'Export as JSON');
    menu('Garden plans', 'Export whole tree as JSON');
    await flushAsync();

    expect(fake.callsTo('conversations:export')).toEqual([
      { conversationId: 'c1', format: 'markdown', scope: 'branch' },
      { conversationId: 'c1', format: 'json', scope: 'branch' },
      { conversationId: 'c1', format: 'json', scope: 'tree' },
    ]);
    // The fake's Save dialog was cancelled every time: nothing to say.
    expect(notifications().textContent).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('confirms a saved export by its file name', async () => {
    const fake = createFakeParley();
    fake.conversations.seed(makeSummary('c1', { title: 'Garden plans', updatedAt: Date.now() }));
    fake.respond('conversations:export', () => ({ saved: true, fileName: 'Garden plans.md' }));
    await renderApp(fake);
    menu('Garden plans', 'Export as Markdown');
    await flushAsync();
    expect(notifications().textContent).toContain('Exported “Garden plans.md”.');
  });

  it('the menu keeps focus inside: arrows move, Esc closes and returns to its button', async () => {
    const fake = createFakeParley();
    fake.conversations.seed(makeSummary('c1', { title: 'Garden plans', updatedAt: Date.now() }));
    await renderApp(fake);
    const button = within(sidebar()).getByRole('button', { name: 'Actions for Garden plans' });
    fireEvent.click(button);
    const items = screen.getAllByRole('menuitem');
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(items[0] as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(items.at(-1));
    fireEvent.keyDown(items.at(-1) as HTMLElement, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('imports through main and opens what it brought in', async () => {
    const fake = createFakeParley();
    fake.respond('conversations:import', () => ({ conversationId: 'imported' }));
    fake.respond('chat:snapshot', (payload) =>
      (payload as { conversationId?: string }).conversationId === 'imported'
        ? {
            id: 'imported',
            title: 'From a file',
            turns: [
              {
                id: 't1',
                userText: 'Imported question',
                replies: [makeReply('r1', { text: 'Imported answer', status: 'done' })],
                activeReply: 0,
                userVersion: 0,
                userVersionCount: 1,
              },
            ],
          }
        : null,
    );
    await renderApp(fake);

    fireEvent.click(within(sidebar()).getByRole('button', { name: 'Import conversation…' }));
    await flushAsync();

    expect(fake.callsTo('chat:snapshot').at(-1)).toMatchObject({ conversationId: 'imported' });
    expect(transcript().textContent).toContain('Imported answer');
  });
});
