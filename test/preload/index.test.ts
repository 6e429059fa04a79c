import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatEvent, ParleyApi } from '../../preload/api';
import { eventChannels, invokeChannels } from '../../preload/api';

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

  it('has exactly the groups and methods of the channel tables', () => {
    const expected: Record<string, string[]> = {};
    for (const table of [invokeChannels, eventChannels]) {
      for (const [group, methods] of Object.entries(table)) {
        expected[group] = [...(expected[group] ?? []), ...Object.keys(methods)].sort();
      }
    }
    const actual = Object.fromEntries(
      Object.entries(parley).map(([group, methods]) => [group, Object.keys(methods).sort()]),
    );
    expect(actual).toEqual(expected);
    for (const methods of Object.values(parley)) {
      for (const method of Object.values(methods as Record<string, unknown>)) {
        expect(typeof method).toBe('function');
      }
    }
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

  it.each(
    Object.entries(invokeChannels).flatMap(([group, methods]) =>
      Object.entries(methods).map(([method, channel]) => [group, method, channel] as const),
    ),
  )('%s.%s invokes %s with the payload', async (group, method, channel) => {
    electron.ipcRenderer.invoke.mockClear();
    const payload = { marker: `${group}.${method}` };
    const call = (parley as unknown as Record<string, Record<string, (p: unknown) => unknown>>)[
      group
    ]?.[method];
    await expect(call?.(payload)).resolves.toEqual({ ok: true, value: null });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, payload);
  });

  it('sends null for a call without a payload', async () => {
    electron.ipcRenderer.invoke.mockClear();
    await parley.settings.getProfile();
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('settings:get-profile', null);
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
