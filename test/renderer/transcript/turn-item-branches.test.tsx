import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConversationSnapshot, Turn } from '../../../preload/api';
import { createFakeParley, events, failure, makeReply } from '../support/fake-parley';
import { flushAsync, renderApp, transcript } from '../support/render-app';

function turn(id: string, text: string, replyText: string, extra: Partial<Turn> = {}): Turn {
  const reply = makeReply(`${id}-r`, {
    text: replyText,
    status: 'done',
    stopReason: 'end',
    seq: 3,
  });
  return {
    id,
    userText: text,
    replies: [reply],
    activeReply: 0,
    userVersion: 0,
    userVersionCount: 1,
    ...extra,
  };
}

const original: ConversationSnapshot = {
  id: 'c1',
  title: 'Cities',
  turns: [turn('t1', 'Name a city', 'Paris.'), turn('t2', 'Another one', 'Rome.')],
};

/** What main answers to editing t2: its sibling t2b, whose new reply streams. */
const edited: ConversationSnapshot = {
  id: 'c1',
  title: 'Cities',
  turns: [
    original.turns[0] as Turn,
    {
      id: 't2b',
      userText: 'Another one, in Spain',
      replies: [makeReply('t2b-r')],
      activeReply: 0,
      userVersion: 1,
      userVersionCount: 2,
    },
  ],
};

const messages = () => within(transcript()).getAllByRole('article', { name: 'Your message' });

describe('Editing a user message (branches)', () => {
  it('Save and send calls chat.edit and shows the new branch, whose reply streams in', async () => {
    const fake = createFakeParley();
    fake.setSnapshot(original);
    fake.respond('chat:edit', () => edited);
    const app = await renderApp(fake);

    fireEvent.click(
      within(messages()[1] as HTMLElement).getByRole('button', { name: 'Edit message' }),
    );
    const box = screen.getByRole('textbox', { name: 'Edit your message' });
    expect((box as HTMLTextAreaElement).value).toBe('Another one');
    fireEvent.change(box, { target: { value: '  Another one, in Spain \n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and send' }));
    await flushAsync();

    expect(fake.callsTo('chat:edit')).toEqual([
      {
        conversationId: 'c1',
        turnId: 't2',
        text: 'Another one, in Spain',
        replyId: 'stream-reply-1',
        turnLimit: 30,
      },
    ]);
    expect(transcript().textContent).toContain('Another one, in Spain');
    expect(transcript().textContent).not.toContain('Rome.');
    expect(within(messages()[1] as HTMLElement).queryByText('2 / 2')).not.toBeNull();

    app.stream(events.delta('stream-t2b-r', 1, 'Madrid'), events.done('stream-t2b-r', 2));
    expect(transcript().textContent).toContain('Madrid');
  });

  it('Cancel (or Esc) leaves the message as it was and sends nothing', async () => {
    const fake = createFakeParley();
    fake.setSnapshot(original);
    await renderApp(fake);
    const first = messages()[0] as HTMLElement;
    const edit = within(first).getByRole('button', { name: 'Edit message' });

    fireEvent.click(edit);
    fireEvent.change(screen.getByRole('textbox', { name: 'Edit your message' }), {
      target: { value: 'changed' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(
      within(messages()[0] as HTMLElement).getByRole('button', { name: 'Edit message' }),
    );
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Edit your message' }), {
      key: 'Escape',
    });

    expect(screen.queryByRole('textbox', { name: 'Edit your message' })).toBeNull();
    expect(messages()[0]?.textContent).toContain('Name a city');
    expect(fake.callsTo('chat:edit')).toEqual([]);
  });

  it('a refused edit keeps the editor and the text, and says why', async () => {
    const fake = createFakeParley();
    fake.setSnapshot(original);
    fake.respond('chat:edit', () => failure('busy', 'A reply is still being written.'));
    await renderApp(fake);
    fireEvent.click(
      within(messages()[0] as HTMLElement).getByRole('button', { name: 'Edit message' }),
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Edit your message' }), {
      target: { value: 'A city in Peru' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save and send' }));
    await flushAsync();

    const box = screen.getByRole('textbox', { name: 'Edit your message' }) as HTMLTextAreaElement;
    expect(box.value).toBe('A city in Peru');
    expect(screen.getByRole('alert').textContent).toContain('A reply is still being written.');
  });

  it('the message pager shows "2 / 3" and switches branch through chat.selectUserVersion', async () => {
    const fake = createFakeParley();
    fake.setSnapshot({
      ...original,
      turns: [
        original.turns[0] as Turn,
        turn('t2', 'Another one', 'Rome.', { userVersion: 1, userVersionCount: 3 }),
      ],
    });
    fake.respond('chat:select-user-version', () => ({
      ...original,
      turns: [
        original.turns[0] as Turn,
        turn('t2a', 'First wording', 'Berlin.', { userVersion: 0, userVersionCount: 3 }),
      ],
    }));
    await renderApp(fake);

    const second = messages()[1] as HTMLElement;
    expect(within(second).queryByText('2 / 3')).not.toBeNull();
    // The first message was never edited: no pager on it.
    expect(
      within(messages()[0] as HTMLElement).queryByRole('button', {
        name: 'Previous message version',
      }),
    ).toBeNull();

    fireEvent.click(within(second).getByRole('button', { name: 'Previous message version' }));
    await flushAsync();

    expect(fake.callsTo('chat:select-user-version')).toEqual([
      { conversationId: 'c1', turnId: 't2', index: 0, turnLimit: 30 },
    ]);
    const now = messages()[1] as HTMLElement;
    expect(now.textContent).toContain('First wording');
    expect(within(now).queryByText('1 / 3')).not.toBeNull();
    expect(transcript().textContent).toContain('Berlin.');
    expect(within(now).getByRole('button', { name: 'Previous message version' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(within(now).getByRole('button', { name: 'Next message version' })).toHaveProperty(
      'disabled',
      false,
    );
  });

  it('Edit and the pager wait while a reply streams', async () => {
    const fake = createFakeParley();
    const streamingTurn = turn('t2', 'Another one', '', { userVersion: 0, userVersionCount: 2 });
    streamingTurn.replies = [makeReply('live')];
    fake.setSnapshot({ ...original, turns: [original.turns[0] as Turn, streamingTurn] });
    const app = await renderApp(fake);

    // Edit and the pager (Copy never changes the conversation, so it does not wait).
    const buttons = () =>
      (
        messages().flatMap((message) =>
          within(message).getAllByRole('button'),
        ) as HTMLButtonElement[]
      ).filter((button) => button.getAttribute('aria-label') !== 'Copy message');
    expect(buttons().map((button) => button.disabled)).toEqual([true, true, true, true]);

    app.stream(events.done('stream-live', 1));
    const names = buttons()
      .filter((button) => !button.disabled)
      .map((button) => button.getAttribute('aria-label'));
    expect(names).toEqual(['Edit message', 'Next message version', 'Edit message']);
  });
});
