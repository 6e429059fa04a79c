import { act, fireEvent, screen } from '@testing-library/react';
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
    const before = ['reply-1', 'reply-2', 'reply-3', 'reply-4'].map(rendersOf);
    const transcriptBefore = counts.transcript;

    for (let seq = 2; seq <= 11; seq++) stream(delta('stream-reply-4', seq, ' token'));

    expect(['reply-1', 'reply-2', 'reply-3'].map(rendersOf)).toEqual(before.slice(0, 3));
    expect(rendersOf('reply-4')).toBe((before[3] ?? 0) + 10);
    expect(counts.transcript).toBe(transcriptBefore);
    expect(screen.queryByText(`Live${' token'.repeat(10)}`)).not.toBeNull();
  });

  it('deltas that land in one frame render once', async () => {
    const { fake, frames } = await conversationWithLiveReply();
    const before = rendersOf('reply-4');
    for (let seq = 2; seq <= 6; seq++) fake.emit(delta('stream-reply-4', seq, ' t'));
    expect(rendersOf('reply-4')).toBe(before);
    act(() => frames.run());
    expect(rendersOf('reply-4')).toBe(before + 1);
  });

  it('the stream ending touches only the turn that streamed', async () => {
    const { stream } = await conversationWithLiveReply();
    const before = ['reply-1', 'reply-2', 'reply-3'].map(rendersOf);
    stream(done('stream-reply-4', 2));
    expect(['reply-1', 'reply-2', 'reply-3'].map(rendersOf)).toEqual(before);
    const settled = transcript().querySelectorAll('li.turn-settled');
    expect(settled).toHaveLength(4);
  });

  it('the streaming turn is never skipped by render-when-visible; settled ones are', async () => {
    await conversationWithLiveReply();
    const turns = [...transcript().querySelectorAll('li.turn')];
    expect(turns.map((turn) => turn.classList.contains('turn-settled'))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('groups turns under one render-when-visible box, never the streaming turn', async () => {
    const { stream } = await conversationWithLiveReply();
    const group = () => transcript().querySelector('ol.turn-group') as HTMLElement;
    expect(transcript().querySelectorAll('ol.turn-group')).toHaveLength(1);
    expect(group().querySelectorAll('li.turn')).toHaveLength(4);
    expect(group().classList.contains('turn-group-settled')).toBe(false);
    stream(done('stream-reply-4', 2));
    expect(group().classList.contains('turn-group-settled')).toBe(true);
  });

  it('scrolling (following or not) re-renders no turn and not the transcript', async () => {
    await conversationWithLiveReply();
    const before = ['reply-1', 'reply-2', 'reply-3', 'reply-4'].map(rendersOf);
    const transcriptBefore = counts.transcript;
    fireEvent.wheel(transcript(), { deltaY: -120 });
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Jump to latest' }));
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
    expect(['reply-1', 'reply-2', 'reply-3', 'reply-4'].map(rendersOf)).toEqual(before);
    expect(counts.transcript).toBe(transcriptBefore);
  });
});
