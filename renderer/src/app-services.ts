import { createContext, useContext } from 'react';
import type { ParleyApi } from '../../preload/api';
import { UserVersionStore } from './branches/user-versions';
import { ChatActions } from './chat/chat-actions';
import { NoticeStore } from './notices/notice-store';
import { ConversationActions } from './sidebar/conversation-actions';
import { ConversationList } from './sidebar/conversation-list';
import { ToastStore } from './sidebar/toast-store';
import type { FrameScheduler } from './transcript/frame-scheduler';
import { TranscriptStore } from './transcript/transcript-store';

/** Everything components reach through context: the bridge, the stores and the actions. */
export interface AppServices {
  readonly api: ParleyApi;
  readonly store: TranscriptStore;
  readonly notices: NoticeStore;
  readonly actions: ChatActions;
  /** The sidebar's list of conversations. */
  readonly conversations: ConversationList;
  /** Rename, pin, delete (with Undo), export and import. */
  readonly conversationActions: ConversationActions;
  /** The Undo toast (and other short confirmations). */
  readonly toasts: ToastStore;
  /** Open the settings dialog (a reply's "Open settings" uses it too). */
  readonly openSettings: () => void;
}

/** Build the stores and actions once per app. */
export function createServices(
  api: ParleyApi,
  openSettings: () => void,
  scheduler?: FrameScheduler,
): AppServices {
  const store = new TranscriptStore(scheduler);
  const notices = new NoticeStore();
  const toasts = new ToastStore();
  const conversations = new ConversationList(api, (action, failure) =>
    notices.report(action, failure),
  );
  const actions = new ChatActions(api, store, notices, new UserVersionStore(), (id) =>
    conversations.touch(id),
  );
  const conversationActions = new ConversationActions(
    api,
    conversations,
    actions,
    store,
    notices,
    toasts,
  );
  return { api, store, notices, actions, conversations, conversationActions, toasts, openSettings };
}

/** The context the app provides; components read it with `useServices`. */
export const ServicesContext = createContext<AppServices | null>(null);

/** The app's services; throws if a component is rendered outside `<App>`, which is a bug. */
export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs <ServicesContext> above it');
  return services;
}
