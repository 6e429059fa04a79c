/**
 * Runs inside the harness page before the app: builds `window.parley` from the same contract
 * tables the preload uses, over Playwright bindings instead of ipcRenderer.
 */
import { buildParleyApi, type EventChannel, type InvokeChannel } from '../../preload/api';

interface HarnessWindow {
  __parleyInvoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  __parleyDispatch(channel: EventChannel, payload: unknown): void;
}

const page = window as unknown as HarnessWindow & Window;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

page.__parleyDispatch = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

const api = buildParleyApi({
  invoke: (channel, payload) => page.__parleyInvoke(channel, payload),
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set);
    // A fresh wrapper per subscription, as the preload makes, so unsubscribing removes only it.
    const wrapper = (payload: unknown) => listener(payload);
    set.add(wrapper);
    return () => {
      set.delete(wrapper);
    };
  },
});

// contextBridge exposes a frozen, non-writable object; mirror that.
Object.defineProperty(window, 'parley', { value: Object.freeze(api), writable: false });
