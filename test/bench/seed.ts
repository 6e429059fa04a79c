import type { ChatEvent } from '../../preload/api';
import type { EventSink } from '../../main/chat/chat-service';
import type { LaunchedApp } from '../harness';
import type { MockLlm } from '../mock-llm';
import { seedReply } from './fixtures';

/**
 * Fill a new conversation with `turns` finished turns through the real pipeline (main's chat
 * service, the provider over HTTP, the mock answering at once), outside the page: the page sees
 * the conversation only when it loads it, as after a restart. `attach`: the ids of files (already
 * added through main's attachment service) that turn `index`'s message carries. Returns the
 * conversation id.
 */
export async function seedConversation(
  app: LaunchedApp,
  mock: MockLlm,
  turns: number,
  attach?: (index: number) => Promise<string[]>,
): Promise<string> {
  let ended: (() => void) | null = null;
  const sink: EventSink = {
    id: 9_999,
    isDestroyed: () => false,
    send(_channel, payload) {
      const event = payload as ChatEvent;
      if (event.type !== 'delta') ended?.();
    },
  };
  let conversationId: string | undefined;
  for (let index = 0; index < turns; index++) {
    mock.enqueue({ type: 'reply', text: seedReply(index), usage: { input: 50, output: 220 } });
    const done = new Promise<void>((resolve) => (ended = resolve));
    const text = `Question ${index}: how does part ${index} work, and what does it cost?`;
    const attachmentIds = attach ? await attach(index) : undefined;
    const request = { text, ...(attachmentIds ? { attachmentIds } : {}) };
    const result = await app.services.chat.send(
      conversationId ? { conversationId, ...request } : request,
      sink,
    );
    conversationId = result.conversationId;
    await done;
    // The closing event goes out before the generation is released: wait for main to be idle.
    while (app.services.chat.activeCount > 0)
      await new Promise((resolve) => setTimeout(resolve, 1));
  }
  if (!conversationId) throw new Error('seeding needs at least one turn');
  return conversationId;
}
