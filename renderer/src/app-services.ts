import { createContext, useContext } from 'react';
import type { ParleyApi } from '../../preload/api';
import { ChatActions } from './chat/chat-actions';
import { NoticeStore } from './notices/notice-store';
import type { FrameScheduler } from './transcript/frame-scheduler';
import { TranscriptStore } from './transcript/transcript-store';

/** Everything components reach through context: the bridge, the stores and the actions. */
export interface AppServices {
  readonly api: ParleyApi;
  readonly store: TranscriptStore;
  readonly notices: NoticeStore;
  readonly actions: ChatActions;
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
  return { api, store, notices, actions: new ChatActions(api, store, notices), openSettings };
}

/** The context the app provides; components read it with `useServices`. */
export const ServicesContext = createContext<AppServices | null>(null);

/** The app's services; throws if a component is rendered outside `<App>`, which is a bug. */
export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs <ServicesContext> above it');
  return services;
}
