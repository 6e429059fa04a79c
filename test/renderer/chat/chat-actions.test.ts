import { describe, expect, it } from 'vitest';
import { ChatActions } from '../../../renderer/src/chat/chat-actions';
import { NoticeStore } from '../../../renderer/src/notices/notice-store';
import { TranscriptStore } from '../../../renderer/src/transcript/transcript-store';
import { createFakeParley, events, failure } from '../support/fake-parley';
import { ManualFrames } from '../support/manual-frames';

function setup() {
  const fake = createFakeParley();
  const frames = new ManualFrames();
  const store = new TranscriptStore(frames);
  const notices = new NoticeStore();
  return { fake, frames, store, notices, actions: new ChatActions(fake.api, store, notices) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ChatActions', () => {
  it('subscribes before asking for the snapshot, and unsubscribes when stopped', async () => {
    const { fake, actions } = setup();
    const stop = actions.start();
    expect(fake.listenerCount()).toBe(1);
    expect(fake.callsTo('chat:snapshot')).toEqual([{}]);
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
    expect(store.getReply('reply-1')?.stopReason).toBe('stopped');
    expect(notices.getNotices()[0]?.failure.message).toBe('Could not abort.');
  });

  it('makes one version however often Regenerate is clicked while the call is out', async () => {
    const { fake, store, actions } = setup();
    await actions.send('Hi');
    fake.emit(events.done('stream-reply-1', 1));
    await Promise.all([actions.regenerate('turn-1'), actions.regenerate('turn-1')]);
    expect(fake.callsTo('chat:regenerate')).toHaveLength(1);
    expect(store.getView().turns[0]?.replyIds).toEqual(['reply-1', 'reply-2']);
  });

  it('reports a failed regenerate and leaves the versions alone', async () => {
    const { fake, store, notices, actions } = setup();
    fake.respond('chat:regenerate', () => failure('busy', 'Still writing.'));
    await actions.send('Hi');
    await actions.regenerate('turn-1');
    await tick();
    expect(store.getView().turns[0]?.replyIds).toEqual(['reply-1']);
    expect(notices.getNotices()[0]?.action).toBe("Couldn't regenerate the reply.");
  });
});
