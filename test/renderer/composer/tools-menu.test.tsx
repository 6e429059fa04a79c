import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeParley, emptyToolsState, makeServer } from '../support/fake-parley';
import { flushAsync, renderApp, sendMessage } from '../support/render-app';

/** A fake bridge with two enabled servers and one switched off in Settings. */
function fakeWithServers() {
  const fake = createFakeParley();
  fake.respond('tools:state', () => ({
    ...emptyToolsState(),
    servers: [
      makeServer({ id: 'server-1', name: 'everything' }),
      makeServer({ id: 'server-2', name: 'files' }),
      makeServer({ id: 'server-3', name: 'off-server', enabled: false }),
    ],
  }));
  return fake;
}

describe('the composer tools menu', () => {
  it('is not there while no server is configured', async () => {
    await renderApp();
    await sendMessage('Hi');
    expect(screen.queryByRole('button', { name: /^Tools/ })).toBeNull();
  });

  it('lists enabled servers and saves the chosen ones for this conversation', async () => {
    const app = await renderApp(fakeWithServers());
    await sendMessage('Hi');
    const button = screen.getByRole('button', { name: 'Tools: 2 servers' });
    fireEvent.click(button);
    await flushAsync();
    const menu = screen.getByRole('group', { name: 'Tool servers for this conversation' });
    const boxes = within(menu).getAllByRole('checkbox');
    expect(boxes.map((box) => box.parentElement?.textContent)).toEqual(['everything', 'files']);

    fireEvent.click(within(menu).getByRole('checkbox', { name: 'files' }));
    await flushAsync();
    expect(app.fake.callsTo('conversation-settings:set').at(-1)).toEqual({
      conversationId: 'conv-1',
      toolServerIds: ['server-1'],
    });
    expect(screen.getByRole('button', { name: 'Tools: 1 server' })).toBeTruthy();

    fireEvent.click(within(menu).getByRole('checkbox', { name: 'everything' }));
    await flushAsync();
    expect(app.fake.callsTo('conversation-settings:set').at(-1)).toEqual({
      conversationId: 'conv-1',
      toolServerIds: [],
    });
    expect(screen.getByRole('button', { name: 'Tools: off' })).toBeTruthy();

    fireEvent.click(within(menu).getByRole('button', { name: 'Use every enabled server' }));
    await flushAsync();
    expect(app.fake.callsTo('conversation-settings:set').at(-1)).toEqual({
      conversationId: 'conv-1',
      toolServerIds: null,
    });
    expect(screen.getByRole('button', { name: 'Tools: 2 servers' })).toBeTruthy();
  });
});
