import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
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

  it('keeps reasoning closed once the user closes it while the model thinks', async () => {
    const app = await renderApp();
    await sendMessage('Think');
    app.stream(events.delta('stream-reply-1', 1, '', 'Considering the **options**'));
    const details = screen.getByText('Thinking…').closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(true);
    fireEvent.click(details.querySelector('summary') as HTMLElement);
    expect(details.open).toBe(false);
    app.stream(events.delta('stream-reply-1', 2, '', ' and more'));
    expect(details.open).toBe(false);
    app.stream(events.delta('stream-reply-1', 3, 'Answer.', ''));
    expect(details.open).toBe(false);
    // Plain text on purpose: reasoning is shown as written.
    expect(details.textContent).toContain('Considering the **options** and more');
  });

  it('counts the seconds while it waits for the first token, then shows the text', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      const app = await renderApp();
      await sendMessage('Slow server');
      const waiting = () => screen.queryByTestId('reply-waiting')?.textContent ?? null;
      expect(waiting()).toBe('Waiting for the model…');
      act(() => void vi.advanceTimersByTime(12_000));
      expect(waiting()).toBe('Waiting for the model… 12 s');
      app.stream(events.delta('stream-reply-1', 1, 'Here.'));
      expect(waiting()).toBeNull();
      expect(screen.getByTestId('reply-text').textContent).toBe('Here.');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says "Thinking…" with the seconds while the model reasons', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      const app = await renderApp();
      await sendMessage('Think');
      app.stream(events.delta('stream-reply-1', 1, '', 'Hmm'));
      act(() => void vi.advanceTimersByTime(5_000));
      expect(document.querySelector('.reply-reasoning summary')?.textContent).toBe('Thinking… 5 s');
      act(() => void vi.advanceTimersByTime(1_000));
      app.stream(events.delta('stream-reply-1', 2, 'Answer.', ''));
      expect(document.querySelector('.reply-reasoning summary')?.textContent).toBe(
        'Thought for 6 seconds',
      );
      expect(screen.queryByTestId('reply-waiting')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
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

  it('reads "340 tokens · 2.4 s · 213 tok/s", with input and time to first token as details', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(1_000_000);
      const app = await renderApp();
      await sendMessage('Go');
      vi.setSystemTime(1_000_800);
      app.stream(events.delta('stream-reply-1', 1, 'Done.'));
      vi.setSystemTime(1_002_400);
      app.stream(
        events.done('stream-reply-1', 2, { usage: { inputTokens: 12, outputTokens: 340 } }),
      );
      const usage = document.querySelector('.reply-usage-group');
      expect(usage?.querySelector('.reply-usage')?.textContent).toBe(
        '340 tokens · 2.4 s · 213 tok/s',
      );
      expect(usage?.textContent).toContain(
        'Input: 12 tokens · Output: 340 tokens · Time to first token: 0.8 s',
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    [
      "Anthropic's opening estimate, marked partial",
      { inputTokens: 25, outputTokens: 1, partial: true },
    ],
    ["Anthropic's opening estimate, unmarked", { inputTokens: 25, outputTokens: 1 }],
    ["a proxy's 0 in · 0 out", { inputTokens: 0, outputTokens: 0 }],
  ])('never shows a provisional count for a stopped reply (%s)', async (_name, usage) => {
    const app = await renderApp();
    await sendMessage('Go');
    app.stream(
      events.delta('stream-reply-1', 1, 'Half'),
      events.done('stream-reply-1', 2, { stopReason: 'stopped', usage }),
    );
    expect(screen.getByText('Stopped')).toBeTruthy();
    expect(document.querySelector('.reply-footer')?.textContent).not.toMatch(/\d tokens?\b/);
  });

  it('shows no count for a finished reply whose provider reported 0 in · 0 out', async () => {
    const app = await renderApp();
    await sendMessage('Go');
    app.stream(
      events.delta('stream-reply-1', 1, 'Done.'),
      events.done('stream-reply-1', 2, { usage: { inputTokens: 0, outputTokens: 0 } }),
    );
    expect(document.querySelector('.reply-footer')?.textContent).not.toMatch(/\d tokens?\b/);
  });

  it('names the model that wrote it in its footer', async () => {
    const app = await renderApp();
    await sendMessage('Go');
    app.stream(events.delta('stream-reply-1', 1, 'Done.'), events.done('stream-reply-1', 2));
    const model = document.querySelector('.reply-footer .reply-model');
    expect(model?.textContent).not.toBe('');
    expect(model?.getAttribute('title')).toBe(`Written by ${model?.textContent ?? ''}`);
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
