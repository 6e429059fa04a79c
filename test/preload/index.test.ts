import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatEvent, ParleyApi } from '../../preload/api';
import { invokeChannelNames } from '../../preload/api';

const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const listeners = new Map<string, Listener[]>();
  const ipcRenderer = {
    invoke: vi.fn((_channel: string, _payload: unknown) =>
      Promise.resolve({ ok: true, value: null }),
    ),
    on: vi.fn((channel: string, listener: Listener) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((existing) => existing !== listener),
      );
      return ipcRenderer;
    }),
    /** Deliver a message from main as Electron does: the event object first. */
    emit(channel: string, payload: unknown) {
      const event = { sender: ipcRenderer, senderId: 0, ports: [] };
      for (const listener of listeners.get(channel) ?? []) listener(event, payload);
    },
    listenerCount: (channel: string) => (listeners.get(channel) ?? []).length,
  };
  const exposed = new Map<string, unknown>();
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)),
  };
  return { ipcRenderer, contextBridge, exposed };
});
vi.mock('electron', () => ({
  ipcRenderer: electron.ipcRenderer,
  contextBridge: electron.contextBridge,
}));

let parley: ParleyApi;
let exposeCalls: unknown[][];
beforeAll(async () => {
  await import('../../preload/index');
  exposeCalls = [...electron.contextBridge.exposeInMainWorld.mock.calls];
  parley = electron.exposed.get('parley') as ParleyApi;
});

const event: ChatEvent = { type: 'delta', streamId: 's1', seq: 1, text: 'Hi', reasoning: '' };

describe('preload', () => {
  it('exposes window.parley and nothing else', () => {
    expect(exposeCalls).toEqual([['parley', parley]]);
    expect([...electron.exposed.keys()]).toEqual(['parley']);
  });

  it('offers every channel under its group and method, spelled as the renderer calls it', () => {
    // Written out by hand, not computed: this is the naming rule the ParleyApi type applies, and
    // the runtime must agree with it (the type-level tests in api/ check the type side).
    expect(Object.keys(parley).sort()).toEqual(
      [
        'app',
        'attachments',
        'chat',
        'clipboard',
        'connection',
        'conversationSettings',
        'conversations',
        'links',
        'localServers',
        'models',
        'profiles',
        'settings',
        'tools',
      ].sort(),
    );
    expect(Object.keys(parley.tools).sort()).toEqual(
      [
        'connectServer',
        'decide',
        'importServers',
        'onServerChanged',
        'removeRule',
        'removeServer',
        'saveServer',
        'setPreferences',
        'setToolEnabled',
        'state',
      ].sort(),
    );
    expect(Object.keys(parley.chat).sort()).toEqual(
      [
        'edit',
        'onEvent',
        'regenerate',
        'selectUserVersion',
        'selectVersion',
        'send',
        'snapshot',
        'stop',
        'turns',
      ].sort(),
    );
    expect(Object.keys(parley.app).sort()).toEqual(['continueInMain', 'onCommand']);
    expect(typeof parley.conversations.onChanged).toBe('function');
    const methods = Object.values(parley).flatMap((group) => Object.values(group));
    // One method per invoke channel, and one per event channel (chat, conversations, app, tools).
    expect(methods).toHaveLength(invokeChannelNames.length + 4);
    for (const method of methods) expect(typeof method).toBe('function');
  });

  it('never hands the page ipcRenderer itself', () => {
    const seen = new Set<unknown>();
    const walk = (value: unknown) => {
      if (value === null || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      expect(value).not.toBe(electron.ipcRenderer);
      Object.values(value).forEach(walk);
    };
    walk(parley);
  });

  it.each([
    ['chat:send', (payload: never) => parley.chat.send(payload)],
    ['chat:select-user-version', (payload: never) => parley.chat.selectUserVersion(payload)],
    ['conversations:set-pinned', (payload: never) => parley.conversations.setPinned(payload)],
    ['conversation-settings:get', (payload: never) => parley.conversationSettings.get(payload)],
    ['models:list', (payload: never) => parley.models.list(payload)],
    ['profiles:set-active', (payload: never) => parley.profiles.setActive(payload)],
    ['clipboard:write-text', (payload: never) => parley.clipboard.writeText(payload)],
    ['app:continue-in-main', (payload: never) => parley.app.continueInMain(payload)],
  ] as const)('%s is invoked with the payload', async (channel, call) => {
    electron.ipcRenderer.invoke.mockClear();
    const payload = { marker: channel };
    await expect(call(payload as never)).resolves.toEqual({ ok: true, value: null });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, payload);
  });

  it('sends null for a call without a payload', async () => {
    electron.ipcRenderer.invoke.mockClear();
    await parley.settings.openDataFolder();
    await parley.localServers.probe();
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['settings:open-data-folder', null],
      ['local-servers:probe', null],
    ]);
  });

  it.each([
    ['conversations:changed', (listener: () => void) => parley.conversations.onChanged(listener)],
    ['app:command', (listener: () => void) => parley.app.onCommand(listener)],
  ] as const)('subscribes to %s', (channel, subscribe) => {
    const listener = vi.fn();
    const unsubscribe = subscribe(listener);
    electron.ipcRenderer.emit(channel, { marker: channel });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ marker: channel });
    unsubscribe();
  });

  it('delivers event payloads without the IPC event object', () => {
    const listener = vi.fn();
    const unsubscribe = parley.chat.onEvent(listener);
    electron.ipcRenderer.emit('chat:event', event);
    expect(listener).toHaveBeenCalledExactlyOnceWith(event);
    unsubscribe();
  });

  it('unsubscribes exactly the listener it added', () => {
    const first = vi.fn();
    const second = vi.fn();
    const before = electron.ipcRenderer.listenerCount('chat:event');
    const stopFirst = parley.chat.onEvent(first);
    const stopSecond = parley.chat.onEvent(second);
    expect(electron.ipcRenderer.listenerCount('chat:event')).toBe(before + 2);

    stopFirst();
    electron.ipcRenderer.emit('chat:event', event);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
    expect(electron.ipcRenderer.listenerCount('chat:event')).toBe(before + 1);

    stopSecond();
    expect(electron.ipcRenderer.listenerCount('chat:event')).toBe(before);
  });

  it('gives the same function twice two independent subscriptions', () => {
    const listener = vi.fn();
    const stopOne = parley.chat.onEvent(listener);
    const stopTwo = parley.chat.onEvent(listener);
    stopOne();
    electron.ipcRenderer.emit('chat:event', event);
    expect(listener).toHaveBeenCalledOnce();
    stopTwo();
  });

  it.each([undefined, null, 'not a function', {}])('refuses %j as a listener', (listener) => {
    const before = electron.ipcRenderer.listenerCount('chat:event');
    expect(() => parley.chat.onEvent(listener as unknown as () => void)).toThrow(TypeError);
    expect(electron.ipcRenderer.listenerCount('chat:event')).toBe(before);
  });
});
