import { act, fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as TranscriptHooks from '../../../renderer/src/transcript/use-transcript';
import { events } from '../support/fake-parley';
import { renderApp, sendMessage, transcript } from '../support/render-app';

// Count renders where they happen: every ReplyView render reads its reply through useReply
// (a TurnItem that re-rendered would re-render its ReplyView too), and the Transcript reads
// the view through useTranscriptView. Whatever ReplyBody draws, these counts hold.
const counts = vi.hoisted(() => ({ replies: new Map<string, number>(), transcript: 0 }));
vi.mock('../../../renderer/src/transcript/use-transcript', async (importOriginal) => {
  const actual = await importOriginal<typeof TranscriptHooks>();
  return {
    ...actual,
    useReply: (...args: Parameters<typeof actual.useReply>) => {
      counts.replies.set(args[1], (counts.replies.get(args[1]) ?? 0) + 1);
      return actual.useReply(...args);
    },
    useTranscriptView: (...args: Parameters<typeof actual.useTranscriptView>) => {
      counts.transcript++;
      return actual.useTranscriptView(...args);
    },
  };
});

const { delta, done } = events;
const rendersOf = (replyId: string) => counts.replies.get(replyId) ?? 0;

beforeEach(() => {
  counts.replies.clear();
  counts.transcript = 0;
});

/** Three finished turns, and a fourth whose reply is streaming. */
async function conversationWithLiveReply() {
  const app = await renderApp();
  for (let turn = 1; turn <= 3; turn++) {
    await sendMessage(`Question ${turn}`);
    app.stream(delta(`stream-reply-${turn}`, 1, `Answer ${turn}`), done(`stream-reply-${turn}`, 2));
  }
  await sendMessage('Question 4');
  app.stream(delta('stream-reply-4', 1, 'Live'));
  return app;
}

describe('what a token re-renders', () => {
  it('a delta re-renders the streaming reply and nothing else', async () => {
    const { stream } = await conversationWithLiveReply();
    const before = ['stream-reply-1', 'stream-reply-2', 'stream-reply-3', 'stream-reply-4'].map(
      rendersOf,
    );
    const transcriptBefore = counts.transcript;

    for (let seq = 2; seq <= 11; seq++) stream(delta('stream-reply-4', seq, ' token'));

    expect(['stream-reply-1', 'stream-reply-2', 'stream-reply-3'].map(rendersOf)).toEqual(
      before.slice(0, 3),
    );
    expect(rendersOf('stream-reply-4')).toBe((before[3] ?? 0) + 10);
    expect(counts.transcript).toBe(transcriptBefore);
    expect(screen.queryByText(`Live${' token'.repeat(10)}`)).not.toBeNull();
  });

  it('deltas that land in one frame render once', async () => {
    const { fake, frames } = await conversationWithLiveReply();
    const before = rendersOf('stream-reply-4');
    for (let seq = 2; seq <= 6; seq++) fake.emit(delta('stream-reply-4', seq, ' t'));
    expect(rendersOf('stream-reply-4')).toBe(before);
    act(() => frames.run());
    expect(rendersOf('stream-reply-4')).toBe(before + 1);
  });

  it('the stream ending touches only the turn that streamed', async () => {
    const { stream } = await conversationWithLiveReply();
    const before = ['stream-reply-1', 'stream-reply-2', 'stream-reply-3'].map(rendersOf);
    stream(done('stream-reply-4', 2));
    expect(['stream-reply-1', 'stream-reply-2', 'stream-reply-3'].map(rendersOf)).toEqual(before);
    const settled = transcript().querySelectorAll('.turn.turn-settled');
    expect(settled).toHaveLength(4);
  });

  it('the streaming turn is the last item, after the virtual list, so it is never unmounted', async () => {
    await conversationWithLiveReply();
    const items = within(transcript()).getAllByRole('listitem');
    expect(items.map((item) => item.textContent?.slice(0, 10))).toEqual([
      'Question 1',
      'Question 2',
      'Question 3',
      'Question 4',
    ]);
    const virtual = transcript().querySelector('[data-testid="virtuoso-item-list"]');
    const live = items[3] as HTMLElement;
    expect(virtual?.contains(items[2] as HTMLElement)).toBe(true);
    expect(virtual?.contains(live)).toBe(false);
    expect(live.querySelector('.turn')?.classList.contains('turn-settled')).toBe(false);
    expect(items.map((item) => item.getAttribute('aria-posinset'))).toEqual(['1', '2', '3', '4']);
    expect(items.every((item) => item.getAttribute('aria-setsize') === '4')).toBe(true);
  });

  it('scrolling (following or not) re-renders no turn and not the transcript', async () => {
    await conversationWithLiveReply();
    const before = ['stream-reply-1', 'stream-reply-2', 'stream-reply-3', 'stream-reply-4'].map(
      rendersOf,
    );
    const transcriptBefore = counts.transcript;
    fireEvent.wheel(transcript(), { deltaY: -120 });
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Jump to latest' }));
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
    expect(
      ['stream-reply-1', 'stream-reply-2', 'stream-reply-3', 'stream-reply-4'].map(rendersOf),
    ).toEqual(before);
    expect(counts.transcript).toBe(transcriptBefore);
  });
});
