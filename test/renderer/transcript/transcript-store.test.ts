import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Turn } from '../../../preload/api';
import { TranscriptStore } from '../../../renderer/src/transcript/transcript-store';
import { events, makeReply } from '../support/fake-parley';
import { ManualFrames } from '../support/manual-frames';

const { delta, done, error } = events;

function turn(id: string, replyId: string, overrides: Partial<Turn> = {}): Turn {
  return {
    id,
    userText: `question ${id}`,
    replies: [makeReply(replyId)],
    activeReply: 0,
    userVersion: 0,
    userVersionCount: 1,
    ...overrides,
  };
}

describe('TranscriptStore', () => {
  let frames: ManualFrames;
  let store: TranscriptStore;

  beforeEach(() => {
    frames = new ManualFrames();
    store = new TranscriptStore(frames);
    store.addTurn('conv-1', turn('t1', 'r1'));
  });

  it('applies deltas in order and paints them at the next frame', () => {
    store.handleEvent(delta('stream-r1', 1, 'Hel', 'think'));
    store.handleEvent(delta('stream-r1', 2, 'lo ', 'ing'));
    store.handleEvent(delta('stream-r1', 3, 'world'));
    expect(store.getReply('r1')?.text).toBe('');

    frames.run();

    expect(store.getReply('r1')).toMatchObject({
      text: 'Hello world',
      reasoning: 'thinking',
      status: 'streaming',
      seq: 3,
    });
  });

  it('notifies a reply once per frame however many deltas arrive', () => {
    const listener = vi.fn();
    store.subscribeReply('r1', listener);

    for (let seq = 1; seq <= 50; seq++) store.handleEvent(delta('stream-r1', seq, 'x'));
    expect(listener).not.toHaveBeenCalled();
    expect(frames.pending).toBe(1);

    frames.run();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getReply('r1')?.text).toBe('x'.repeat(50));

    store.handleEvent(delta('stream-r1', 51, 'y'));
    store.handleEvent(delta('stream-r1', 52, 'z'));
    frames.run();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.getReply('r1')?.text).toMatch(/yz$/);
  });

  it('paints the ending at once, without waiting for a frame', () => {
    const listener = vi.fn();
    store.subscribeReply('r1', listener);
    store.handleEvent(delta('stream-r1', 1, 'All '));
    store.handleEvent(delta('stream-r1', 2, 'done.'));
    store.handleEvent(done('stream-r1', 3, { usage: { inputTokens: 12, outputTokens: 340 } }));

    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getReply('r1')).toMatchObject({
      text: 'All done.',
      status: 'done',
      stopReason: 'end',
      usage: { inputTokens: 12, outputTokens: 340 },
    });
    expect(store.getView().streaming).toBeNull();
    frames.run();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('shows a failed save at once and keeps it after the reply ends', () => {
    store.handleEvent(delta('stream-r1', 1, 'Kept on screen'));
    store.handleEvent({
      type: 'save-failed',
      streamId: 'stream-r1',
      seq: 2,
      message: 'Disk full.',
    });
    expect(store.getReply('r1')?.saveError).toBe('Disk full.');
    store.handleEvent(done('stream-r1', 3));
    expect(store.getReply('r1')).toMatchObject({
      text: 'Kept on screen',
      status: 'done',
      saveError: 'Disk full.',
    });
  });

  it('keeps partial text when a stream fails', () => {
    store.handleEvent(delta('stream-r1', 1, 'Partial'));
    store.handleEvent(
      error('stream-r1', 2, { kind: 'connection', message: 'Lost the connection.' }),
    );
    expect(store.getReply('r1')).toMatchObject({
      text: 'Partial',
      status: 'error',
      error: { kind: 'connection', message: 'Lost the connection.' },
    });
  });

  it('drops every event of a stream after its done', () => {
    store.handleEvent(delta('stream-r1', 1, 'Final.'));
    store.handleEvent(done('stream-r1', 2));
    store.handleEvent(delta('stream-r1', 3, ' Ghost text'));
    store.handleEvent(error('stream-r1', 4, { kind: 'server', message: 'Late failure.' }));
    frames.run();
    expect(store.getReply('r1')).toMatchObject({ text: 'Final.', status: 'done' });
  });

  it('shows no text after Stop, but keeps the usage the closing event reports', () => {
    store.handleEvent(delta('stream-r1', 1, 'Before stop'));
    store.stop('stream-r1');

    expect(store.getReply('r1')).toMatchObject({
      text: 'Before stop',
      status: 'done',
      stopReason: 'stopped',
    });
    expect(store.getView().streaming).toBeNull();

    store.handleEvent(delta('stream-r1', 2, ' after stop'));
    store.handleEvent(done('stream-r1', 3, { stopReason: 'end', usage: { outputTokens: 5 } }));
    frames.run();
    expect(store.getReply('r1')).toMatchObject({
      text: 'Before stop',
      stopReason: 'stopped',
      usage: { outputTokens: 5 },
    });
  });

  it('drops duplicate and out-of-order events by seq', () => {
    store.handleEvent(delta('stream-r1', 1, 'a'));
    store.handleEvent(delta('stream-r1', 2, 'b'));
    store.handleEvent(delta('stream-r1', 2, 'b'));
    store.handleEvent(delta('stream-r1', 1, 'a'));
    store.handleEvent(delta('stream-r1', 3, 'c'));
    frames.run();
    expect(store.getReply('r1')?.text).toBe('abc');
  });

  it('holds events that arrive before their reply is registered, then applies them', () => {
    store.handleEvent(delta('stream-r2', 1, 'Early '));
    store.handleEvent(delta('stream-r2', 2, 'bird'));
    store.handleEvent(done('stream-r2', 3, { stopReason: 'max_tokens' }));
    expect(store.getReply('r2')).toBeUndefined();

    store.addTurn('conv-1', turn('t2', 'r2'));

    expect(store.getReply('r2')).toMatchObject({
      text: 'Early bird',
      status: 'done',
      stopReason: 'max_tokens',
    });
    expect(store.getView().turns.map((t) => t.id)).toEqual(['t1', 't2']);
  });

  it('a reply the page asked for takes events before main answers, and keeps them when placed', () => {
    // The page minted stream id 'minted' and sent it; main streams faster than it answers.
    store.expectStream('minted');
    store.handleEvent(delta('minted', 1, 'Fast '));
    store.handleEvent(delta('minted', 2, 'reply'));
    frames.run();

    // Main's answer is for a new conversation (the transcript starts afresh) and was cloned
    // after event 1: the page's copy is newer, so nothing is lost or doubled.
    const placed = makeReply('r-new', { streamId: 'minted', text: 'Fast ', seq: 1, model: 'm2' });
    store.addTurn('conv-2', { ...turn('t-new', 'r-new'), replies: [placed] });
    expect(store.getReply('r-new')).toMatchObject({ text: 'Fast reply', model: 'm2', seq: 2 });
    expect(store.getView().streaming).toEqual({
      turnId: 't-new',
      replyId: 'r-new',
      streamId: 'minted',
    });

    store.handleEvent(delta('minted', 3, '!'));
    store.handleEvent(done('minted', 4));
    expect(store.getReply('r-new')).toMatchObject({ text: 'Fast reply!', status: 'done' });
  });

  it('forgets a stream main refused, so its id leaves no reply behind', () => {
    store.expectStream('refused');
    expect(store.getReply('refused')).toMatchObject({ status: 'streaming', text: '' });
    store.forgetStream('refused');
    expect(store.getReply('refused')).toBeUndefined();
    // Its events are no longer folded anywhere the transcript could show.
    store.handleEvent(delta('refused', 1, 'stray'));
    frames.run();
    expect(store.getReply('refused')).toBeUndefined();
  });

  it('joins a live stream from a snapshot without a gap or a duplicate', () => {
    const fresh = new TranscriptStore(frames);
    // Events 1-5 arrive while the snapshot is on its way; it already holds 1-3.
    fresh.handleEvent(delta('stream-r9', 1, 'a'));
    fresh.handleEvent(delta('stream-r9', 2, 'b'));
    fresh.handleEvent(delta('stream-r9', 3, 'c'));
    fresh.handleEvent(delta('stream-r9', 4, 'd'));
    fresh.handleEvent(delta('stream-r9', 5, 'e'));
    const reply = makeReply('r9', { text: 'abc', seq: 3 });
    fresh.loadSnapshot({
      id: 'conv-9',
      title: '',
      turns: [{ ...turn('t9', 'r9'), replies: [reply] }],
    });

    expect(fresh.getView().streaming).toEqual({
      turnId: 't9',
      replyId: 'r9',
      streamId: 'stream-r9',
    });
    frames.run();
    expect(fresh.getReply('r9')?.text).toBe('abcde');

    fresh.handleEvent(delta('stream-r9', 5, 'e'));
    fresh.handleEvent(delta('stream-r9', 6, 'f'));
    frames.run();
    expect(fresh.getReply('r9')?.text).toBe('abcdef');
  });

  it('notifies only the reply that changed, and never the view for a delta', () => {
    store.addTurn('conv-1', turn('t2', 'r2'));
    const first = vi.fn();
    const second = vi.fn();
    const view = vi.fn();
    store.subscribeReply('r1', first);
    store.subscribeReply('r2', second);
    store.subscribe(view);
    const viewBefore = store.getView();
    const r1Before = store.getReply('r1');

    store.handleEvent(delta('stream-r2', 1, 'only me'));
    frames.run();

    expect(second).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
    expect(view).not.toHaveBeenCalled();
    expect(store.getView()).toBe(viewBefore);
    expect(store.getReply('r1')).toBe(r1Before);
  });

  it('tells the view when streaming starts and ends', () => {
    expect(store.getView().streaming?.streamId).toBe('stream-r1');
    const view = vi.fn();
    store.subscribe(view);
    store.handleEvent(done('stream-r1', 1));
    expect(view).toHaveBeenCalledTimes(1);
    expect(store.getView().streaming).toBeNull();
  });

  it('adds a regenerated version, stops the one it replaces and drops its late text', () => {
    store.handleEvent(delta('stream-r1', 1, 'first'));
    store.addReplyVersion('t1', makeReply('r2'), 1);

    expect(store.getView().turns[0]).toMatchObject({ replyIds: ['r1', 'r2'], activeReply: 1 });
    expect(store.getReply('r1')).toMatchObject({ text: 'first', stopReason: 'stopped' });
    expect(store.getView().streaming?.replyId).toBe('r2');

    store.handleEvent(delta('stream-r1', 2, ' late'));
    store.handleEvent(delta('stream-r2', 1, 'second'));
    frames.run();
    expect(store.getReply('r1')?.text).toBe('first');
    expect(store.getReply('r2')?.text).toBe('second');
  });

  it('selects versions within range and reports the previous one', () => {
    store.handleEvent(done('stream-r1', 1));
    store.addReplyVersion('t1', makeReply('r2'), 1);
    expect(store.selectVersion('t1', 0)).toBe(1);
    expect(store.getView().turns[0]?.activeReply).toBe(0);
    expect(store.selectVersion('t1', 5)).toBeNull();
    expect(store.selectVersion('nope', 0)).toBeNull();
  });

  it('drops late events of a conversation it cleared instead of holding them', () => {
    store.handleEvent(delta('stream-r1', 1, 'old'));
    store.clear();
    expect(store.getView().turns).toEqual([]);
    expect(store.getView().conversationId).toBeNull();

    store.handleEvent(delta('stream-r1', 2, ' text'));
    // Were it held, registering the same stream again would replay it.
    store.addTurn('conv-2', {
      ...turn('t5', 'r5'),
      replies: [makeReply('r5', { streamId: 'stream-r1', seq: 1 })],
    });
    frames.run();
    expect(store.getReply('r5')?.text).toBe('');
  });

  it('starts afresh when a turn comes from another conversation', () => {
    store.addTurn('conv-2', turn('t2', 'r2'));
    expect(store.getView().conversationId).toBe('conv-2');
    expect(store.getView().turns.map((t) => t.id)).toEqual(['t2']);
    expect(store.getReply('r1')).toBeUndefined();
  });

  it('flush() paints buffered text at once and cancels the scheduled frame', () => {
    store.handleEvent(delta('stream-r1', 1, 'now'));
    store.flush();
    expect(store.getReply('r1')?.text).toBe('now');
    expect(frames.pending).toBe(0);
  });
});
