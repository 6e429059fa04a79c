import type { ChatService } from '../../../main/chat/chat-service';
import type { ConversationServiceOptions } from '../../../main/chat/conversation-service';
import type { ConversationStore } from '../../../main/storage/conversation-store';
import type { ActiveProfile } from '../../../main/storage/profile-settings';
import { ScriptedProvider } from './scripted-provider';

/**
 * ConversationService options as main wires them (services.ts) over one store and chat, with
 * dialogs that save under the suggested name and open nothing, no titles, no search and no
 * network. A test passes only what it is about.
 */
export function conversationServiceOptions(
  store: ConversationStore,
  chat: ChatService,
  activeProfile: (conversationId: string) => Promise<ActiveProfile>,
  overrides: Partial<ConversationServiceOptions> = {},
): ConversationServiceOptions {
  return {
    store,
    library: store.conversations,
    search: () => [],
    chat,
    dialogs: {
      saveFile: async (fileName) => ({ saved: true, fileName }),
      openJsonFile: async () => null,
      openFiles: async () => null,
      saveBytes: async () => ({ saved: false }),
    },
    generateTitles: false,
    activeProfile,
    createProvider: () => new ScriptedProvider(),
    fetch: () => Promise.reject(new Error('unused')),
    ...overrides,
  };
}
