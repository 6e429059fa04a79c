import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConversationSnapshot, Reply, Turn } from '../../../preload/api';
import { makeImage, makePdf } from '../support/fake-attachments';
import { createFakeParley, failure, makeReply } from '../support/fake-parley';
import { flushAsync, renderApp, transcript } from '../support/render-app';

const image = makeImage();
const pdf = makePdf();

function snapshotWith(reply: Partial<Reply> = {}): ConversationSnapshot {
  const turn: Turn = {
    id: 't1',
    userText: 'What do these show?',
    attachments: [image, pdf],
    replies: [makeReply('t1-r', { text: 'A cat.', status: 'done', seq: 2, ...reply })],
    activeReply: 0,
    userVersion: 0,
    userVersionCount: 1,
  };
  return { id: 'c1', title: 'Files', turns: [turn] };
}

async function renderWith(snapshot: ConversationSnapshot) {
  const fake = createFakeParley();
  fake.setSnapshot(snapshot);
  await renderApp(fake);
  const [message] = within(transcript()).getAllByRole('article', { name: 'Your message' });
  if (!message) throw new Error('no message on screen');
  return { fake, message };
}

describe('Attachments in the transcript', () => {
  it('opens an image thumbnail in a viewer with the larger image; Esc closes it and focus returns', async () => {
    const { fake, message } = await renderWith(snapshotWith());
    fake.respond('attachments:image', () => 'data:image/png;base64,TEFSR0U=');
    const thumb = within(message).getByRole('button', { name: 'View cat.png' });
    expect(thumb.querySelector('img')?.getAttribute('src')).toBe(image.thumbnail);

    thumb.focus();
    fireEvent.click(thumb);
    await flushAsync();

    const viewer = screen.getByRole('dialog', { name: 'cat.png' });
    expect(fake.callsTo('attachments:image')).toEqual([{ id: image.id }]);
    expect(within(viewer).getByRole('img', { name: 'cat.png' }).getAttribute('src')).toBe(
      'data:image/png;base64,TEFSR0U=',
    );
    expect(document.activeElement).toBe(within(viewer).getByRole('button', { name: 'Close' }));

    fireEvent.keyDown(viewer, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(thumb);
  });

  it('closes the viewer with its Close button', async () => {
    const { message } = await renderWith(snapshotWith());
    fireEvent.click(within(message).getByRole('button', { name: 'View cat.png' }));
    await flushAsync();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a file chip with name and size, and Open and Save… call main', async () => {
    const { fake, message } = await renderWith(snapshotWith());
    const files = within(message).getByRole('list', { name: 'Attachments' });
    expect(within(files).getByText('report.pdf')).not.toBeNull();
    expect(within(files).getByText('3 MB')).not.toBeNull();

    fireEvent.click(within(files).getByRole('button', { name: 'Open report.pdf' }));
    fireEvent.click(within(files).getByRole('button', { name: 'Save report.pdf…' }));
    await flushAsync();
    expect(fake.callsTo('attachments:open')).toEqual([{ id: pdf.id }]);
    expect(fake.callsTo('attachments:save')).toEqual([{ id: pdf.id }]);
  });

  it('says so when a file cannot be opened', async () => {
    const { fake, message } = await renderWith(snapshotWith());
    fake.respond('attachments:open', () => failure('not_found', 'The file is gone.'));
    fireEvent.click(within(message).getByRole('button', { name: 'Open report.pdf' }));
    await flushAsync();
    expect(screen.getByText('The file is gone.', { exact: false })).not.toBeNull();
  });
});

describe('A reply error that names an attachment', () => {
  const refused = snapshotWith({
    text: '',
    status: 'error',
    error: {
      kind: 'bad_request',
      message: 'The provider could not read cat.png.',
      attachmentId: image.id,
    },
  });

  it('offers "Send again without it", which resends the message without that file', async () => {
    const { fake } = await renderWith(refused);
    const alert = within(transcript()).getByRole('alert');
    const button = within(alert).getByRole('button', { name: 'Send again without it' });
    expect(button.getAttribute('title')).toBe('Send again without cat.png');
    // A double click resends once.
    fireEvent.click(button);
    fireEvent.click(button);
    await flushAsync();

    expect(fake.callsTo('chat:edit')).toEqual([
      {
        conversationId: 'c1',
        turnId: 't1',
        text: 'What do these show?',
        replyId: 'stream-reply-1',
        turnLimit: 30,
        attachmentIds: [pdf.id],
      },
    ]);
  });

  it('an error naming a file not on screen (an earlier page) still offers to go on without it', async () => {
    await renderWith(
      snapshotWith({
        text: '',
        status: 'error',
        error: { kind: 'bad_request', message: 'Bad request.', attachmentId: 'f'.repeat(64) },
      }),
    );
    const alert = within(transcript()).getByRole('alert');
    const button = within(alert).getByRole('button', { name: 'Send again without it' });
    expect(button.getAttribute('title')).toBe(
      'Send again without the file from an earlier message',
    );
  });
});

describe('A reply error that names a file of an earlier message', () => {
  function twoTurns(): ConversationSnapshot {
    const [first] = snapshotWith().turns;
    const second: Turn = {
      id: 't2',
      userText: 'And now?',
      replies: [
        makeReply('t2-r', {
          text: '',
          status: 'error',
          seq: 1,
          error: {
            kind: 'bad_request',
            message: 'The provider could not take cat.png.',
            attachmentId: image.id,
          },
        }),
      ],
      activeReply: 0,
      userVersion: 0,
      userVersionCount: 1,
    };
    return { id: 'c1', title: 'Files', turns: first ? [first, second] : [second] };
  }

  it('goes on without it: regenerates with the file left out, and the file shows as not sent', async () => {
    const { fake } = await renderWith(twoTurns());
    fake.respond('chat:regenerate', (payload) => ({
      turnId: 't2',
      reply: makeReply((payload as { replyId: string }).replyId, { status: 'streaming' }),
      activeReply: 1,
    }));
    const alert = within(transcript()).getByRole('alert');
    const button = within(alert).getByRole('button', { name: 'Send again without it' });
    expect(button.getAttribute('title')).toBe('Send again without cat.png');
    fireEvent.click(button);
    await flushAsync();

    expect(fake.callsTo('chat:regenerate')).toEqual([
      {
        conversationId: 'c1',
        turnId: 't2',
        replyId: 'stream-reply-1',
        leaveOutAttachmentId: image.id,
      },
    ]);
    const [firstMessage] = within(transcript()).getAllByRole('article', { name: 'Your message' });
    expect(
      within(firstMessage as HTMLElement).getByText('Not sent: the provider refused it'),
    ).not.toBeNull();
  });
});

describe('Editing a message that carries files', () => {
  it('drops a file and adds another before sending the edit with exactly those files', async () => {
    const { fake, message } = await renderWith(snapshotWith());
    const added = makeImage({ id: 'c'.repeat(64), name: 'dog.png' });
    fake.respond('attachments:pick', () => ({ added: [added], problems: [] }));
    fireEvent.click(within(message).getByRole('button', { name: 'Edit message' }));
    const editor = within(transcript()).getByRole('textbox', { name: 'Edit your message' });
    const form = editor.closest('form') as HTMLElement;
    // The edit starts with the message's files.
    expect(within(form).getByText('cat.png')).not.toBeNull();
    expect(within(form).getByText('report.pdf')).not.toBeNull();

    fireEvent.click(within(form).getByRole('button', { name: 'Remove cat.png' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Attach files' }));
    await flushAsync();
    expect(within(form).queryByText('cat.png')).toBeNull();
    expect(within(form).getByText('dog.png')).not.toBeNull();

    fireEvent.click(within(form).getByRole('button', { name: 'Save and send' }));
    await flushAsync();
    expect(fake.callsTo('chat:edit')).toEqual([
      {
        conversationId: 'c1',
        turnId: 't1',
        text: 'What do these show?',
        replyId: 'stream-reply-1',
        turnLimit: 30,
        attachmentIds: [pdf.id, added.id],
      },
    ]);
  });
});
