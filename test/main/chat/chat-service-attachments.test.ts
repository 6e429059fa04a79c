import { describe, expect, it } from 'vitest';
import type { AttachmentView, ChatEvent, ChatError, Turn } from '../../../preload/api';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import { ChatService, type ChatAttachments, type EventSink } from '../../../main/chat/chat-service';
import { IpcFailureError } from '../../../main/errors/ipc-failure';
import type { ProviderAttachment } from '../../../main/providers/types';
import type { ActiveProfile } from '../../../main/storage/profile-settings';
import { ScriptedProvider, settle } from './scripted-provider';

const profile: ActiveProfile = {
  kind: 'anthropic',
  baseUrl: 'http://127.0.0.1:9',
  model: 'claude-test',
  apiKey: 'sk-test',
  source: 'saved',
};

const photo: AttachmentView = {
  id: 'a'.repeat(64),
  name: 'photo.jpg',
  kind: 'image',
  mimeType: 'image/jpeg',
  size: 1234,
  width: 40,
  height: 30,
};

/** Attachments that know one photo, record links, and prepare it (or refuse, when told to). */
class FakeAttachments implements ChatAttachments {
  prepared: Array<readonly Turn[]> = [];
  refuse: ChatError | null = null;

  views(ids: readonly string[]): AttachmentView[] {
    return ids.map((id) => {
      if (id !== photo.id) throw new IpcFailureError('not_found', 'That attachment is gone.');
      return photo;
    });
  }

  async prepare(turns: readonly Turn[]) {
    this.prepared.push(turns);
    if (this.refuse) return this.refuse;
    const map = new Map<string, ProviderAttachment[]>();
    for (const turn of turns) {
      if (turn.attachments?.length) {
        map.set(
          turn.id,
          turn.attachments.map((file) => ({
            kind: 'image',
            name: file.name,
            mimeType: 'image/jpeg',
            data: 'AAAA',
          })),
        );
      }
    }
    return { byTurn: map, blame: (error: ChatError) => error };
  }
}

function setup() {
  const providers: ScriptedProvider[] = [];
  const attachments = new FakeAttachments();
  const store = new ConversationStore(openDatabase(':memory:'));
  // Stored, as intake would have done: a message may only name files that exist.
  store.attachments.put(photo, Date.now());
  const chat = new ChatService({
    activeProfile: async () => profile,
    store,
    attachments,
    createProvider: () => {
      const provider = new ScriptedProvider();
      providers.push(provider);
      return provider;
    },
    fetch: () => Promise.reject(new Error('unused')),
  });
  const events: ChatEvent[] = [];
  const sink: EventSink = {
    id: 1,
    send: (_c, payload) => events.push(payload as ChatEvent),
    isDestroyed: () => false,
  };
  return { chat, providers, attachments, events, sink, store };
}

describe('ChatService with attachments', () => {
  it('saves the files with the message and sends them, prepared, with the prompt', async () => {
    const { chat, providers, sink, store } = setup();
    const { conversationId, turn } = await chat.send(
      { text: 'What is in it?', attachmentIds: [photo.id] },
      sink,
    );
    expect(turn.attachments).toEqual([photo]);
    expect(store.load(conversationId)?.turns[0]?.attachments).toEqual([photo]);
    await settle();
    expect(providers[0]?.requests[0]?.messages).toEqual([
      {
        role: 'user',
        content: 'What is in it?',
        attachments: [{ kind: 'image', name: 'photo.jpg', mimeType: 'image/jpeg', data: 'AAAA' }],
      },
    ]);
  });

  it('refuses an unknown attachment before anything is saved', async () => {
    const { chat, sink, store } = setup();
    await expect(chat.send({ text: 'Hi', attachmentIds: ['b'.repeat(64)] }, sink)).rejects.toThrow(
      'That attachment is gone.',
    );
    expect(store.latestConversationId()).toBeNull();
  });

  it('a file the model cannot take ends the reply with an error naming it, and no request goes out', async () => {
    const { chat, providers, attachments, events, sink } = setup();
    attachments.refuse = {
      kind: 'bad_request',
      message: 'photo.jpg cannot go: this model does not take images.',
      attachmentId: photo.id,
    };
    await chat.send({ text: 'Look', attachmentIds: [photo.id] }, sink);
    await settle();
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { attachmentId: photo.id } });
    expect(providers[0]?.requests ?? []).toHaveLength(0);
  });

  it('a message without files is sent without preparing anything', async () => {
    const { chat, providers, attachments, sink } = setup();
    await chat.send({ text: 'Plain' }, sink);
    await settle();
    expect(attachments.prepared).toHaveLength(0);
    expect(providers[0]?.requests[0]?.messages).toEqual([{ role: 'user', content: 'Plain' }]);
  });

  it('"Send again without it" for an earlier message\'s file leaves it out from then on, and says so', async () => {
    const { chat, providers, attachments, sink, store } = setup();
    const first = await chat.send({ text: 'Look', attachmentIds: [photo.id] }, sink);
    const { conversationId } = first;
    providers[0]?.push({ type: 'text', text: 'A cat.' }, { type: 'stop', reason: 'end' }, 'end');
    await settle();
    // The next message failed because of the photo in the first one (a model switch, say);
    // how it failed is blameAttachment's part. The user asks to go on without the photo.
    const second = await chat.send({ conversationId, text: 'And now?' }, sink);
    providers[1]?.push(new Error('Could not process image'));
    await settle();

    await chat.regenerate(
      { conversationId, turnId: second.turn.id, leaveOutAttachmentId: photo.id },
      sink,
    );
    await settle();
    const sent = attachments.prepared.at(-1);
    expect(sent?.[0]?.attachments).toEqual([{ ...photo, leftOut: true }]);
    expect(store.load(conversationId)?.turns[0]?.attachments).toEqual([
      { ...photo, leftOut: true },
    ]);

    // A file no message of the branch carries is refused, and nothing is marked.
    await expect(
      chat.regenerate(
        { conversationId, turnId: second.turn.id, leaveOutAttachmentId: 'c'.repeat(64) },
        sink,
      ),
    ).rejects.toThrow(IpcFailureError);
  });
});
