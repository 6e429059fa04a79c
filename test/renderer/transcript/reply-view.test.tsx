import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { events } from '../support/fake-parley';
import { renderApp, sendMessage } from '../support/render-app';

const source = '# Plan\n\n- [x] **bold** step\n- [ ] `code` step\n\n```sh\nnpm test\n```';

describe('a reply', () => {
  it('renders its markdown while streaming and offers Copy (the markdown source) once done', async () => {
    const app = await renderApp();
    await sendMessage('Plan it');
    app.stream(events.delta('stream-reply-1', 1, source.slice(0, 30)));
    expect(screen.getByTestId('reply-text').querySelector('h1')?.textContent).toBe('Plan');
    expect(screen.queryByRole('button', { name: 'Copy' })).toBeNull();

    app.stream(
      events.delta('stream-reply-1', 2, source.slice(30)),
      events.done('stream-reply-1', 3),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(app.fake.callsTo('clipboard:write-text')).toEqual([{ text: source }]);
    await screen.findByRole('button', { name: 'Copied' });
  });

  it('keeps reasoning in a collapsed section that opens while it streams', async () => {
    const app = await renderApp();
    await sendMessage('Think');
    app.stream(events.delta('stream-reply-1', 1, '', 'Considering the **options**'));
    const details = screen.getByText('Reasoning').closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    details.open = true;
    app.stream(events.delta('stream-reply-1', 2, 'Answer.', ' and more'));
    expect(details.open).toBe(true);
    // Plain text on purpose: reasoning is shown as written.
    expect(details.textContent).toContain('Considering the **options** and more');
  });

  it.each([
    ['some_new_reason', 'The reply ended for a reason Parley does not know: "some_new_reason"'],
    ['pause_turn', 'The reply ended for a reason Parley does not know: "pause_turn"'],
    [undefined, 'The reply ended for a reason Parley does not know'],
  ])('names a stop reason Parley does not know (%s)', async (raw, notice) => {
    const app = await renderApp();
    await sendMessage('Go');
    app.stream(
      events.delta('stream-reply-1', 1, 'Some text.'),
      events.done('stream-reply-1', 2, {
        stopReason: 'other',
        ...(raw ? { providerStopReason: raw } : {}),
      }),
    );
    expect(screen.getByText(notice)).toBeTruthy();
  });

  it('says nothing about an ordinary end', async () => {
    const app = await renderApp();
    await sendMessage('Go');
    app.stream(
      events.delta('stream-reply-1', 1, 'Done.'),
      events.done('stream-reply-1', 2, { stopReason: 'end', providerStopReason: 'stop' }),
    );
    expect(document.querySelector('.reply-note')).toBeNull();
  });

  it("shows a failure's sentence, the provider's words and its code", async () => {
    const app = await renderApp();
    await sendMessage('Go');
    app.stream(
      events.error('stream-reply-1', 1, {
        kind: 'bad_request',
        message: "The provider's content filter blocked this request.",
        detail: 'Filtered by policy.',
        status: 400,
        code: 'content_filter',
      }),
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain("The provider's content filter blocked this request.");
    expect(alert.textContent).toContain('Filtered by policy.');
    expect(alert.textContent).toContain('Provider code: content_filter (HTTP 400)');
  });

  it('shows final token counts as they are, and counts from a stopped reply as not final', async () => {
    const app = await renderApp();
    await sendMessage('Go');
    app.stream(
      events.delta('stream-reply-1', 1, 'Done.'),
      events.done('stream-reply-1', 2, { usage: { inputTokens: 12, outputTokens: 340 } }),
    );
    expect(document.querySelector('.reply-usage')?.textContent).toBe('12 in · 340 out tokens');

    await sendMessage('Again');
    app.stream(
      events.delta('stream-reply-2', 1, 'Half'),
      events.done('stream-reply-2', 2, {
        stopReason: 'stopped',
        usage: { inputTokens: 25, partial: true },
      }),
    );
    const usages = [...document.querySelectorAll('.reply-usage')].map((node) => node.textContent);
    expect(usages.at(-1)).toBe('25 in tokens so far (not the final count)');
  });

  it('shows what main noted about the reply, such as tools left out', async () => {
    const app = await renderApp();
    await sendMessage('Use tools');
    const message =
      'This provider takes at most 128 tools per request, so 72 of 200 were left out.';
    app.stream({ type: 'notice', streamId: 'stream-reply-1', seq: 1, message });
    const notes = screen.getByRole('list', { name: 'Notes about this reply' });
    expect(notes.textContent).toBe(message);
  });
});
