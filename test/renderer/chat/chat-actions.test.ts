import { describe, expect, it } from 'vitest';
import type { ConversationSnapshot, Reply } from '../../../preload/api';
import { ChatActions } from '../../../renderer/src/chat/chat-actions';
import { NoticeStore } from '../../../renderer/src/notices/notice-store';
import { TranscriptStore } from '../../../renderer/src/transcript/transcript-store';
import { createFakeParley, events, failure, makeReply } from '../support/fake-parley';
import { ManualFrames } from '../support/manual-frames';

function setup() {
  const fake = createFakeParley();
  const frames = new ManualFrames();
  const store = new TranscriptStore(frames);
  const notices = new NoticeStore();
  return { fake, frames, store, notices, actions: new ChatActions(fake.api, store, notices) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A one-turn conversation as main's snapshot would hold it. */
function conversation(id: string, reply: Reply): ConversationSnapshot {
  const turn = { id: `turn-${id}`, userText: 'Hi', activeReply: 0, userVersion: 0 };
  return { id, title: id, turns: [{ ...turn, userVersionCount: 1, replies: [reply] }] };
}

/** Answer `chat:snapshot` only when the test says so, with what main holds at that moment. */
function gateSnapshots(fake: ReturnType<typeof createFakeParley>) {
  const waiting: Array<() => void> = [];
  const answers = new Map<string, () => ConversationSnapshot>();
  fake.respond('chat:snapshot', (payload) => {
    const { conversationId } = payload as { conversationId: string };
    return new Promise((resolve) => waiting.push(() => resolve(answers.get(conversationId)?.())));
  });
  return {
    /** What main answers for a conversation (read when the answer is released). */
    answer: (id: string, make: () => ConversationSnapshot) => void answers.set(id, make),
    /** Release the oldest request's answer and let the page apply it. */
    release: async () => {
      waiting.shift()?.();
      await tick();
    },
  };
}

describe('ChatActions', () => {
  it('subscribes before asking for the snapshot, and unsubscribes when stopped', async () => {
    const { fake, actions } = setup();
    const stop = actions.start();
    expect(fake.listenerCount()).toBe(1);
    expect(fake.callsTo('chat:snapshot')).toEqual([{ turnLimit: 30 }]);
    stop();
    expect(fake.listenerCount()).toBe(0);
  });

  it('applies events that arrive before send() resolves', async () => {
    const { fake, frames, store, actions } = setup();
    actions.start();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fake.respond('chat:send', async (payload) => {
      await gate;
      const { text } = payload as { text: string };
      return {
        conversationId: 'c',
        turn: {
          id: 't',
          userText: text,
          activeReply: 0,
          replies: [
            {
              id: 'r',
              streamId: 's',
              model: 'm',
              text: '',
              reasoning: '',
              status: 'streaming',
              seq: 0,
            },
          ],
        },
      };
    });

    const sent = actions.send('Hi');
    fake.emit(events.delta('s', 1, 'Fast '));
    fake.emit(events.delta('s', 2, 'reply'));
    release();
    expect(await sent).toBe(true);
    frames.run();
    expect(store.getReply('r')?.text).toBe('Fast reply');
  });

  it('stops locally at once even when main fails to stop', async () => {
    const { fake, store, notices, actions } = setup();
    fake.respond('chat:stop', () => failure('internal', 'Could not abort.'));
    await actions.send('Hi');
    await actions.stop();
    expect(store.getReply('stream-reply-1')?.stopReason).toBe('stopped');
    expect(notices.getNotices()[0]?.failure.message).toBe('Could not abort.');
  });

  it('makes one version however often Regenerate is clicked while the call is out', async () => {
    const { fake, store, actions } = setup();
    await actions.send('Hi');
    fake.emit(events.done('stream-reply-1', 1));
    await Promise.all([actions.regenerate('turn-1'), actions.regenerate('turn-1')]);
    expect(fake.callsTo('chat:regenerate')).toHaveLength(1);
    expect(store.getView().turns[0]?.replyIds).toEqual(['stream-reply-1', 'stream-reply-2']);
  });

  it('reports a failed regenerate and leaves the versions alone', async () => {
    const { fake, store, notices, actions } = setup();
    fake.respond('chat:regenerate', () => failure('busy', 'Still writing.'));
    await actions.send('Hi');
    await actions.regenerate('turn-1');
    await tick();
    expect(store.getView().turns[0]?.replyIds).toEqual(['stream-reply-1']);
    expect(notices.getNotices()[0]?.action).toBe("Couldn't regenerate the reply.");
  });

  it('switching conversation or starting a new one leaves the running reply alone', async () => {
    const { fake, store, actions } = setup();
    fake.setSnapshot(conversation('conv-2', makeReply('other', { status: 'done' })));
    await actions.send('Hi');
    expect(store.getView().streaming?.streamId).toBe('stream-reply-1');

    expect(await actions.open('conv-2')).toBe(true);
    actions.newConversation();
    await actions.stop();
    expect(fake.callsTo('chat:stop')).toEqual([]);
  });

  it('coming back to a conversation shows what streamed meanwhile, then follows it live', async () => {
    const { fake, frames, store, actions } = setup();
    actions.start();
    const snapshots = gateSnapshots(fake);
    await snapshots.release();
    await actions.send('Hi');
    const streamId = 'stream-reply-1';
    fake.emit(events.delta(streamId, 1, 'Hel'));
    frames.run();

    // Away: main keeps streaming, and the page is not showing it.
    snapshots.answer('conv-2', () =>
      conversation('conv-2', makeReply('other', { status: 'done' })),
    );
    const away = actions.open('conv-2');
    await snapshots.release();
    expect(await away).toBe(true);
    fake.emit(events.delta(streamId, 2, 'lo'));

    // Back: events cross the snapshot request; main answers with everything up to seq 3.
    const live = () => makeReply('reply-1', { streamId, text: 'Hello wor', seq: 3 });
    snapshots.answer('conv-1', () => conversation('conv-1', live()));
    const back = actions.open('conv-1');
    fake.emit(events.delta(streamId, 3, ' wor'));
    await snapshots.release();
    expect(await back).toBe(true);
    frames.run();
    expect(store.getReply('reply-1')).toMatchObject({ text: 'Hello wor', status: 'streaming' });
    expect(store.getView().streaming?.streamId).toBe(streamId);

    fake.emit(events.delta(streamId, 4, 'ld'));
    fake.emit(events.done(streamId, 5));
    expect(store.getReply('reply-1')).toMatchObject({ text: 'Hello world', status: 'done' });
    expect(store.getReply('reply-1')?.stopReason).toBe('end');
    expect(fake.callsTo('chat:stop')).toEqual([]);
  });

  it('going back to the conversation on screen before another one loads stays there', async () => {
    const { fake, frames, store, actions } = setup();
    actions.start();
    await tick();
    const snapshots = gateSnapshots(fake);
    await actions.send('Hi');
    snapshots.answer('conv-2', () =>
      conversation('conv-2', makeReply('other', { status: 'done' })),
    );

    const away = actions.open('conv-2');
    expect(await actions.open('conv-1')).toBe(true);
    await snapshots.release();
    expect(await away).toBe(false);
    expect(store.getView().conversationId).toBe('conv-1');
    fake.emit(events.delta('stream-reply-1', 1, 'still here'));
    frames.run();
    expect(store.getReply('stream-reply-1')?.text).toBe('still here');
  });

  it('sends attachment ids only when the message has some', async () => {
    const { fake, actions } = setup();
    await actions.send('No files');
    await actions.send('Two files', ['a'.repeat(64), 'b'.repeat(64)]);
    const sent = fake.callsTo('chat:send');
    expect(sent[0]).not.toHaveProperty('attachmentIds');
    expect(sent[1]).toMatchObject({ attachmentIds: ['a'.repeat(64), 'b'.repeat(64)] });
  });

  it('an edit keeps the message files unless it names the ones to keep', async () => {
    const { fake, store, actions } = setup();
    store.loadSnapshot(conversation('c1', makeReply('r1', { status: 'done' })));
    await actions.edit('turn-c1', 'Same files');
    await actions.edit('turn-c1', 'Fewer files', ['b'.repeat(64)]);
    const edits = fake.callsTo('chat:edit');
    expect(edits[0]).not.toHaveProperty('attachmentIds');
    expect(edits[1]).toMatchObject({ text: 'Fewer files', attachmentIds: ['b'.repeat(64)] });
  });
});

describe('ChatActions paging', () => {
  /** Turns `from`..`to - 1` of a long conversation, each with a finished reply. */
  function turns(from: number, to: number) {
    return Array.from({ length: to - from }, (_, offset) => {
      const n = from + offset;
      return {
        id: `u${n}`,
        userText: `Question ${n}`,
        replies: [makeReply(`r${n}`, { status: 'done', text: `Answer ${n}` })],
        activeReply: 0,
        userVersion: n === 3 ? 1 : 0,
        userVersionCount: n === 3 ? 2 : 1,
      };
    });
  }

  it('opens with the newest turns and pages older ones in above them, once per scroll', async () => {
    const { fake, store, actions } = setup();
    fake.respond('chat:snapshot', () => ({
      id: 'long',
      title: 'Long',
      turns: turns(70, 100),
      earlierTurns: 70,
    }));
    fake.respond('chat:turns', (payload) => {
      const { beforeTurnId, limit } = payload as { beforeTurnId: string; limit: number };
      const end = Number(beforeTurnId.slice(1));
      const start = Math.max(0, end - limit);
      return { turns: turns(start, end), remaining: start };
    });
    await actions.open('long');
    expect(store.getView()).toMatchObject({ earlierTurns: 70, laterTurns: 0 });

    // A scroll that fires twice before the page lands asks main once.
    await Promise.all([actions.loadEarlier(), actions.loadEarlier()]);
    expect(fake.callsTo('chat:turns')).toEqual([
      { conversationId: 'long', beforeTurnId: 'u70', limit: 50 },
    ]);
    await actions.loadEarlier();
    const view = store.getView();
    expect(view.turns.map((turn) => turn.id)).toEqual(turns(0, 100).map((turn) => turn.id));
    expect(view.earlierTurns).toBe(0);
    expect(store.getReply('r0')?.text).toBe('Answer 0');
    // A page brings its messages' versions too (the pager of an edited message shows 2 of 2).
    expect(actions.userVersions.get('u3')).toEqual({ index: 1, count: 2 });
    // Nothing is left to load: no further request.
    await actions.loadEarlier();
    expect(fake.callsTo('chat:turns')).toHaveLength(2);
  });

  it('drops a page that lands after the user opened another conversation', async () => {
    const { fake, store, actions } = setup();
    fake.respond('chat:snapshot', (payload) => {
      const { conversationId } = payload as { conversationId: string };
      return conversationId === 'long'
        ? { id: 'long', title: 'Long', turns: turns(70, 100), earlierTurns: 70 }
        : conversation('short', makeReply('only', { status: 'done' }));
    });
    let release: () => void = () => undefined;
    fake.respond('chat:turns', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { turns: turns(20, 70), remaining: 20 };
    });
    await actions.open('long');
    const page = actions.loadEarlier();
    await actions.open('short');
    release();
    await page;
    expect(store.getView().conversationId).toBe('short');
    expect(store.getView().turns.map((turn) => turn.id)).toEqual(['turn-short']);
  });
});
