import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AttachmentPlan, AttachmentView } from '../../../preload/api';
import { createFakeParley, events, failure } from '../support/fake-parley';
import { makeFile, makeImage, makePdf } from '../support/fake-attachments';
import { flushAsync, renderApp, sendMessage } from '../support/render-app';

function messageBox(): HTMLTextAreaElement {
  return screen.getByRole('textbox', { name: 'Message' });
}

function sendButton(): HTMLButtonElement {
  return screen.getByRole('button', { name: 'Send' });
}

function chips(): HTMLElement {
  return screen.getByRole('list', { name: 'Attached files' });
}

/** A fake whose file dialog attaches these files. */
function pickerOf(...added: AttachmentView[]) {
  const fake = createFakeParley();
  fake.respond('attachments:pick', () => ({ added, problems: [] }));
  return fake;
}

async function attachByButton() {
  fireEvent.click(screen.getByRole('button', { name: 'Attach files' }));
  await flushAsync();
}

describe('Composer attachments', () => {
  it('attaches picked files as chips with thumbnail, name and size, and removes one', async () => {
    await renderApp(pickerOf(makeImage(), makePdf()));
    await attachByButton();

    const list = chips();
    expect(within(list).getByText('cat.png')).not.toBeNull();
    expect(within(list).getByText('2 KB')).not.toBeNull();
    expect(within(list).getByText('report.pdf')).not.toBeNull();
    expect(within(list).getByText('3 MB')).not.toBeNull();
    expect(list.querySelector('img')?.getAttribute('src')).toBe(makeImage().thumbnail);

    fireEvent.click(screen.getByRole('button', { name: 'Remove cat.png' }));
    expect(within(chips()).queryByText('cat.png')).toBeNull();
    expect(document.activeElement).toBe(messageBox());
    expect(within(chips()).queryByText('report.pdf')).not.toBeNull();
  });

  it('leaves the draft alone when the file dialog is cancelled', async () => {
    const { fake } = await renderApp();
    await attachByButton();
    expect(fake.callsTo('attachments:pick')).toHaveLength(1);
    expect(screen.queryByRole('list', { name: 'Attached files' })).toBeNull();
  });

  it('shows "Attaching…" while main reads the files', async () => {
    const fake = createFakeParley();
    let answer: (value: unknown) => void = () => undefined;
    fake.respond('attachments:pick', () => new Promise((resolve) => (answer = resolve)));
    await renderApp(fake);
    await attachByButton();
    expect(screen.getByText('Attaching…')).not.toBeNull();
    expect(sendButton().disabled).toBe(true);

    answer({ added: [makeImage()], problems: [] });
    await flushAsync();
    expect(screen.queryByText('Attaching…')).toBeNull();
    expect(within(chips()).getByText('cat.png')).not.toBeNull();
  });

  it('names each file main refused, and why', async () => {
    const fake = createFakeParley();
    fake.respond('attachments:pick', () => ({
      added: [],
      problems: [{ name: 'movie.mkv', message: 'It is a binary file Parley cannot read.' }],
    }));
    await renderApp(fake);
    await attachByButton();

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('movie.mkv: It is a binary file Parley cannot read.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/movie\.mkv/)).toBeNull();
  });

  it('attaches files dropped anywhere on the window, with an overlay while dragging', async () => {
    const fake = createFakeParley();
    fake.respond('attachments:add-data', () => ({ added: [makeImage()], problems: [] }));
    await renderApp(fake);
    const file = makeFile('shot.png');
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };

    fireEvent.dragEnter(window, { dataTransfer });
    expect(screen.getByText('Drop files to attach')).not.toBeNull();
    const notPrevented = fireEvent.drop(window, { dataTransfer });
    await flushAsync();

    expect(notPrevented).toBe(false);
    expect(screen.queryByText('Drop files to attach')).toBeNull();
    expect(fake.callsTo('attachments:add-data')).toEqual([
      { name: 'shot.png', base64: expect.any(String) as string },
    ]);
    expect(within(chips()).getByText('cat.png')).not.toBeNull();
  });

  it('ignores files dropped while a dialog is open', async () => {
    const { fake } = await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await flushAsync();
    const dataTransfer = { types: ['Files'], files: [makeFile()], dropEffect: 'none' };

    fireEvent.dragEnter(window, { dataTransfer });
    expect(screen.queryByText('Drop files to attach')).toBeNull();
    const notPrevented = fireEvent.drop(window, { dataTransfer });
    await flushAsync();
    // Still never handed to the browser, which would open the file in Parley's place.
    expect(notPrevented).toBe(false);
    expect(fake.callsTo('attachments:add-data')).toEqual([]);
  });

  it('attaches a pasted image, and leaves a plain text paste to the box', async () => {
    const fake = createFakeParley();
    fake.respond('attachments:add-data', () => ({ added: [makeImage()], problems: [] }));
    await renderApp(fake);

    const textPaste = fireEvent.paste(messageBox(), { clipboardData: { files: [], items: [] } });
    expect(textPaste).toBe(true);
    // Text from a word processor comes with a picture of itself: it is still a text paste.
    const officePaste = fireEvent.paste(messageBox(), {
      clipboardData: {
        types: ['text/plain', 'text/rtf', 'Files'],
        files: [makeFile('image.png')],
        items: [],
      },
    });
    expect(officePaste).toBe(true);
    expect(fake.callsTo('attachments:add-data')).toEqual([]);

    const imagePaste = fireEvent.paste(messageBox(), {
      clipboardData: { files: [makeFile('image.png')], items: [] },
    });
    await flushAsync();
    expect(imagePaste).toBe(false);
    expect(fake.callsTo('attachments:add-data')).toHaveLength(1);
    expect(within(chips()).getByText('cat.png')).not.toBeNull();
  });

  it('sends the attachment ids with the message and clears the chips', async () => {
    const { fake } = await renderApp(pickerOf(makeImage(), makePdf()));
    await attachByButton();
    await sendMessage('What is in these?');

    expect(fake.callsTo('chat:send')).toEqual([
      {
        text: 'What is in these?',
        replyId: 'stream-reply-1',
        attachmentIds: [makeImage().id, makePdf().id],
      },
    ]);
    expect(screen.queryByRole('list', { name: 'Attached files' })).toBeNull();
  });

  it('keeps the chips when the send fails', async () => {
    const fake = pickerOf(makeImage());
    fake.respond('chat:send', () => failure('storage', 'The conversation could not be saved.'));
    await renderApp(fake);
    await attachByButton();
    await sendMessage('Look');
    expect(within(chips()).getByText('cat.png')).not.toBeNull();
  });

  it('asks what the model will do and notes a conversion under its chip', async () => {
    const fake = pickerOf(makePdf());
    const plans: AttachmentPlan[] = [
      { id: makePdf().id, action: 'convert', detail: 'Sent as text: this model takes no PDFs.' },
    ];
    fake.respond('attachments:plan', () => plans);
    await renderApp(fake);
    await attachByButton();

    expect(fake.callsTo('attachments:plan')).toEqual([{ attachmentIds: [makePdf().id] }]);
    expect(within(chips()).getByText('Sent as text: this model takes no PDFs.')).not.toBeNull();
    fireEvent.change(messageBox(), { target: { value: 'Summarise' } });
    expect(sendButton().disabled).toBe(false);
  });

  it('disables Send while a file cannot go, says which to remove, and sends once it is gone', async () => {
    const fake = pickerOf(makeImage(), makePdf());
    fake.respond('attachments:plan', (payload) =>
      (payload as { attachmentIds: string[] }).attachmentIds.map((id) =>
        id === makeImage().id
          ? { id, action: 'refuse', detail: 'This model takes no images.' }
          : { id, action: 'send' },
      ),
    );
    await renderApp(fake);
    await attachByButton();
    fireEvent.change(messageBox(), { target: { value: 'Look' } });

    expect(sendButton().disabled).toBe(true);
    const reason = 'Remove cat.png to send: This model takes no images.';
    expect(screen.getByText(reason)).not.toBeNull();
    expect(sendButton().getAttribute('aria-describedby')).toBe(screen.getByText(reason).id);
    fireEvent.keyDown(messageBox(), { key: 'Enter' });
    await flushAsync();
    expect(fake.callsTo('chat:send')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Remove cat.png' }));
    await flushAsync();
    expect(sendButton().disabled).toBe(false);
    await sendMessage('Look');
    expect(fake.callsTo('chat:send')).toEqual([
      { text: 'Look', replyId: 'stream-reply-1', attachmentIds: [makePdf().id] },
    ]);
  });

  it('"This model can see images" overrides the flag for this model and plans again', async () => {
    const fake = pickerOf(makeImage());
    let images = false;
    fake.respond('attachments:plan', () => [
      images
        ? { id: makeImage().id, action: 'send' }
        : { id: makeImage().id, action: 'refuse', detail: 'This model takes no images.' },
    ]);
    fake.respond('attachments:set-capabilities', () => {
      images = true;
      return { images: true, pdfs: false, source: 'user' };
    });
    await renderApp(fake);
    await attachByButton();
    fireEvent.change(messageBox(), { target: { value: 'Look' } });
    expect(sendButton().disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'This model can see images' }));
    await flushAsync();

    expect(fake.callsTo('attachments:set-capabilities')).toEqual([
      { profileId: 'p-1', model: 'claude-test', images: true, pdfs: null },
    ]);
    expect(fake.callsTo('attachments:plan').length).toBeGreaterThanOrEqual(2);
    expect(screen.queryByText(/to send:/)).toBeNull();
    expect(sendButton().disabled).toBe(false);
  });

  it('"This model can read PDFs" overrides a PDF that would go as text, keeping the image override', async () => {
    const fake = pickerOf(makePdf());
    let pdfs = false;
    fake.respond('attachments:plan', () => [
      pdfs
        ? { id: makePdf().id, action: 'send' }
        : { id: makePdf().id, action: 'convert', detail: 'Sent as its extracted text.' },
    ]);
    fake.respond('attachments:capabilities', () => ({ images: true, pdfs: false, source: 'user' }));
    fake.respond('attachments:set-capabilities', () => {
      pdfs = true;
      return { images: true, pdfs: true, source: 'user' };
    });
    await renderApp(fake);
    await attachByButton();
    fireEvent.click(screen.getByRole('button', { name: 'This model can read PDFs' }));
    await flushAsync();
    expect(fake.callsTo('attachments:set-capabilities')).toEqual([
      { profileId: 'p-1', model: 'claude-test', images: true, pdfs: true },
    ]);
    expect(screen.queryByText('Sent as its extracted text.')).toBeNull();
    expect(screen.queryByRole('button', { name: 'This model can read PDFs' })).toBeNull();
  });

  it('offers no image override when the refused file is not an image', async () => {
    const fake = pickerOf(makePdf());
    fake.respond('attachments:plan', () => [
      { id: makePdf().id, action: 'refuse', detail: 'This scanned PDF has no text.' },
    ]);
    await renderApp(fake);
    await attachByButton();
    expect(
      screen.getByText('Remove report.pdf to send: This scanned PDF has no text.'),
    ).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'This model can see images' })).toBeNull();
  });

  it("asks again when the conversation's model changes, for that conversation", async () => {
    const fake = pickerOf(makeImage());
    // The first model takes no images; the one switched to does.
    fake.respond('attachments:plan', () => [
      fake.callsTo('conversation-settings:set').length > 0
        ? { id: makeImage().id, action: 'send' }
        : { id: makeImage().id, action: 'refuse', detail: 'This model takes no images.' },
    ]);
    const app = await renderApp(fake);
    await sendMessage('Hello');
    app.stream(events.done('stream-reply-1', 1));
    await attachByButton();
    fireEvent.change(messageBox(), { target: { value: 'And this?' } });
    expect(fake.callsTo('attachments:plan')).toEqual([
      { conversationId: 'conv-1', attachmentIds: [makeImage().id] },
    ]);
    expect(sendButton().disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: /^Answer with / }));
    await flushAsync();
    fireEvent.click(await screen.findByRole('option', { name: 'claude-sonnet-4-5' }));
    await flushAsync();

    expect(fake.callsTo('attachments:plan')).toHaveLength(2);
    expect(sendButton().disabled).toBe(false);
  });
});
