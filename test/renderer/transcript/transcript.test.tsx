import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConversationSnapshot, IpcResult } from '../../../preload/api';
import { createFakeParley, events, failure, makeReply } from '../support/fake-parley';
import { flushAsync, renderApp, sendMessage, transcript } from '../support/render-app';

const { delta, done, error } = events;
const firstStream = 'stream-reply-1';

function reply(): HTMLElement {
  const replies = within(transcript()).getAllByRole('article', { name: 'Reply' });
  const last = replies[replies.length - 1];
  if (!last) throw new Error('no reply on screen');
  return last;
}

describe('Transcript', () => {
  it('grows a reply token by token and shows its usage when it ends', async () => {
    const { stream } = await renderApp();
    await sendMessage('Hi');

    stream(delta(firstStream, 1, 'Hello'));
    expect(reply().textContent).toContain('Hello');
    expect(reply().getAttribute('aria-busy')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull();

    stream(delta(firstStream, 2, ', world'));
    stream(done(firstStream, 3, { usage: { inputTokens: 12, outputTokens: 340 } }));
    expect(within(reply()).queryByText('Hello, world')).not.toBeNull();
    expect(reply().querySelector('.reply-usage')?.textContent).toMatch(/^340 tokens · /);
    expect(reply().getAttribute('aria-busy')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Regenerate' })).not.toBeNull();
  });

  it('renders the user message and the reply as plain text, never markup', async () => {
    const { stream } = await renderApp();
    await sendMessage('<b>bold</b> **stars**');
    stream(delta(firstStream, 1, '<img src=x onerror="alert(1)">\n  indented'));

    const log = transcript();
    expect(log.querySelector('b, img')).toBeNull();
    expect(within(log).queryByText('<b>bold</b> **stars**')).not.toBeNull();
    const body = reply().querySelector('.reply-body');
    expect(body?.textContent).toBe('<img src=x onerror="alert(1)">\n  indented');
  });

  it('shows reasoning open while the model thinks, folded once it answers, open if the user opens it', async () => {
    const { stream } = await renderApp();
    await sendMessage('Think');
    stream(delta(firstStream, 1, '', 'Let me think'));

    const details = reply().querySelector('details');
    const summary = () => details?.querySelector('summary')?.textContent;
    expect(details?.open).toBe(true);
    expect(summary()).toMatch(/^Thinking…/);

    stream(delta(firstStream, 2, 'Answer', ' harder'));
    expect(reply().querySelector('details')).toBe(details);
    expect(details?.open).toBe(false);
    expect(summary()).toMatch(/^Thought for \d+ seconds?$/);

    fireEvent.click(details?.querySelector('summary') as HTMLElement);
    stream(delta(firstStream, 3, ' more', ''));
    expect(details?.open).toBe(true);
    expect(details?.textContent).toContain('Let me think harder');
  });

  it('says when the model hit its output limit', async () => {
    const { stream } = await renderApp();
    await sendMessage('Long');
    stream(delta(firstStream, 1, 'Very long'), done(firstStream, 2, { stopReason: 'max_tokens' }));
    expect(
      within(reply()).queryByText('Reply cut short: the model reached its output limit'),
    ).not.toBeNull();
  });

  it('shows an auth error under the partial text, with a way to settings', async () => {
    const { stream } = await renderApp();
    await sendMessage('Hi');
    stream(
      delta(firstStream, 1, 'Partial answer'),
      error(firstStream, 2, {
        kind: 'auth',
        message: 'The API key was not accepted.',
        detail: 'invalid x-api-key',
        status: 401,
      }),
    );

    const alert = within(reply()).getByRole('alert');
    expect(within(alert).queryByText('The API key was not accepted.')).not.toBeNull();
    expect(within(alert).queryByText('invalid x-api-key')).not.toBeNull();
    const partial = within(reply()).getByText('Partial answer');
    expect(partial.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    fireEvent.click(within(alert).getByRole('button', { name: 'Open settings' }));
    expect(screen.queryByRole('dialog', { name: 'Settings' })).not.toBeNull();
  });

  it('points an auth error to the environment variable the key came from, not to Settings', async () => {
    const fake = createFakeParley();
    fake.respond('profiles:list', () => ({
      profiles: [],
      activeId: null,
      environment: { kind: 'anthropic', baseUrl: 'https://api.anthropic.com', model: 'claude-x' },
      presets: [],
      keyProtection: 'encrypted',
    }));
    const { stream } = await renderApp(fake);
    await sendMessage('Hi');
    stream(error(firstStream, 1, { kind: 'auth', message: 'The API key was not accepted.' }));

    const alert = within(reply()).getByRole('alert');
    expect(
      await within(alert).findByText(/comes from the environment variable ANTHROPIC_API_KEY/),
    ).toBeTruthy();
    expect(within(alert).queryByRole('button', { name: 'Open settings' })).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: 'Save a key in Settings' }));
    expect(screen.queryByRole('dialog', { name: 'Settings' })).not.toBeNull();
  });

  it('offers Regenerate inside the error for failures a retry can fix', async () => {
    const { fake, stream } = await renderApp();
    await sendMessage('Hi');
    stream(
      error(firstStream, 1, {
        kind: 'rate_limit',
        message: 'Too many requests.',
        retryAfterMs: 30_000,
      }),
    );

    const alert = within(reply()).getByRole('alert');
    expect(within(alert).queryByText('You can try again in about 30 seconds.')).not.toBeNull();
    expect(screen.getAllByRole('button', { name: 'Regenerate' })).toHaveLength(1);
    fireEvent.click(within(alert).getByRole('button', { name: 'Regenerate' }));
    await flushAsync();
    expect(fake.callsTo('chat:regenerate')).toEqual([
      { conversationId: 'conv-1', turnId: 'turn-1', replyId: 'stream-reply-2' },
    ]);
  });

  it('regenerates a new version and pages between versions', async () => {
    const { fake, stream } = await renderApp();
    await sendMessage('Hi');
    stream(delta(firstStream, 1, 'First answer'), done(firstStream, 2));

    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    await flushAsync();
    expect(fake.callsTo('chat:regenerate')).toEqual([
      { conversationId: 'conv-1', turnId: 'turn-1', replyId: 'stream-reply-2' },
    ]);
    expect(within(reply()).queryByText('2 / 2')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop' })).not.toBeNull();

    stream(delta('stream-reply-2', 1, 'Second answer'), done('stream-reply-2', 2));
    expect(within(reply()).queryByText('Second answer')).not.toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Previous version' }));
    await flushAsync();
    expect(fake.callsTo('chat:select-version')).toEqual([
      { conversationId: 'conv-1', turnId: 'turn-1', index: 0 },
    ]);
    expect(within(reply()).queryByText('1 / 2')).not.toBeNull();
    expect(within(reply()).queryByText('First answer')).not.toBeNull();
    expect(
      screen.getByRole<HTMLButtonElement>('button', { name: 'Previous version' }).disabled,
    ).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Next version' }));
    await flushAsync();
    expect(within(reply()).queryByText('Second answer')).not.toBeNull();
  });

  it('puts the version back and says so when main refuses the switch', async () => {
    const fake = createFakeParley();
    fake.respond('chat:select-version', () => failure('busy', 'A reply is still being written.'));
    const { stream } = await renderApp(fake);
    await sendMessage('Hi');
    stream(done(firstStream, 1));
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    await flushAsync();
    stream(done('stream-reply-2', 1));

    fireEvent.click(screen.getByRole('button', { name: 'Previous version' }));
    await flushAsync();
    expect(within(reply()).queryByText('2 / 2')).not.toBeNull();
    expect(screen.queryByText(/A reply is still being written\./)).not.toBeNull();
  });

  it('renders the latest conversation on start', async () => {
    const fake = createFakeParley();
    fake.setSnapshot({
      id: 'conv-7',
      title: '',
      turns: [
        {
          id: 't1',
          userText: 'Earlier question',
          userVersion: 0,
          userVersionCount: 1,
          replies: [
            makeReply('r1', { text: 'Earlier answer', status: 'done', stopReason: 'end', seq: 4 }),
          ],
          activeReply: 0,
        },
      ],
    });
    const { fake: api } = await renderApp(fake);
    expect(api.callsTo('chat:snapshot')).toEqual([{ turnLimit: 30 }]);
    expect(api.callsTo('settings:get')).toHaveLength(1);
    expect(within(transcript()).queryByText('Earlier question')).not.toBeNull();
    expect(within(transcript()).queryByText('Earlier answer')).not.toBeNull();
  });

  it('picks a live stream up after a reload with no gap and no duplicate', async () => {
    const fake = createFakeParley();
    let answer: (result: IpcResult<ConversationSnapshot>) => void = () => undefined;
    fake.respond('chat:snapshot', () => new Promise((resolve) => (answer = resolve)));
    const { stream } = await renderApp(fake);

    // Events 1-4 arrive before the snapshot, which already holds 1-2.
    stream(delta('s', 1, 'a'), delta('s', 2, 'b'), delta('s', 3, 'c'), delta('s', 4, 'd'));
    answer({
      ok: true,
      value: {
        id: 'conv-1',
        title: '',
        turns: [
          {
            id: 't1',
            userText: 'Q',
            userVersion: 0,
            userVersionCount: 1,
            replies: [makeReply('r1', { streamId: 's', text: 'ab', seq: 2 })],
            activeReply: 0,
          },
        ],
      },
    });
    await flushAsync();
    stream(delta('s', 5, 'e'));

    expect(reply().querySelector('.reply-body')?.textContent).toBe('abcde');
    expect(screen.queryByRole('button', { name: 'Stop' })).not.toBeNull();
  });

  it('clears the transcript for a new conversation, leaving a running reply to run on', async () => {
    const { fake, stream } = await renderApp();
    await sendMessage('Old topic');
    stream(delta(firstStream, 1, 'Old answer'));

    fireEvent.click(screen.getByRole('button', { name: 'New conversation' }));
    await flushAsync();
    // Main goes on writing it in the background; it just is not on this page.
    expect(fake.callsTo('chat:stop')).toEqual([]);
    expect(within(transcript()).queryByText('Old topic')).toBeNull();
    stream(delta(firstStream, 2, 'Old answer, continued'));
    await flushAsync();
    expect(within(transcript()).queryByText(/Old answer/)).toBeNull();

    await sendMessage('New topic');
    expect(fake.callsTo('chat:send')).toEqual([
      { text: 'Old topic', replyId: 'stream-reply-1' },
      { text: 'New topic', replyId: 'stream-reply-2' },
    ]);
  });

  it('sends follow-ups into the same conversation', async () => {
    const { fake, stream } = await renderApp();
    await sendMessage('One');
    stream(done(firstStream, 1));
    await sendMessage('Two');
    expect(fake.callsTo('chat:send')).toEqual([
      { text: 'One', replyId: 'stream-reply-1' },
      { conversationId: 'conv-1', text: 'Two', replyId: 'stream-reply-2' },
    ]);
    expect(screen.queryAllByRole('button', { name: 'Regenerate' })).toHaveLength(0);
  });
});
