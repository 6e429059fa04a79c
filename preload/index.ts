/**
 * The preload: exposes `window.parley`, built from the contract's channel tables, and nothing
 * else. The page never gets ipcRenderer or an IpcRendererEvent (whose `sender` is ipcRenderer).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { buildParleyApi, type BridgeTransport } from './api';

/** The bridge's way to main: invoke for calls, one listener per subscription for events. */
export const ipcTransport: BridgeTransport = {
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe(channel, listener) {
    // A listener of our own, so the page's function never sees the event object, and so
    // unsubscribing removes exactly this subscription and no other.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

// Dropped files' paths come from Electron, never from the page (see ParleyApi's attachments).
contextBridge.exposeInMainWorld(
  'parley',
  buildParleyApi(ipcTransport, (file) => webUtils.getPathForFile(file)),
);
