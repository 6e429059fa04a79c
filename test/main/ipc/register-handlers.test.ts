import { describe, expect, it } from 'vitest';
import { invokeChannelNames, type IpcResult } from '../../../preload/api';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import { ConversationService } from '../../../main/chat/conversation-service';
import { ChatService, type EventSink } from '../../../main/chat/chat-service';
import { registerHandlers, type InvokeEvent } from '../../../main/ipc/register-handlers';
import { LinkOpener } from '../../../main/links/link-opener';
import { ProfileSettings } from '../../../main/storage/profile-settings';
import { SecretStore } from '../../../main/storage/secret-store';
import { SettingsService } from '../../../main/settings/settings-service';
import { createTestCipher } from '../../harness/test-cipher';
import { ScriptedProvider } from '../chat/scripted-provider';
import { conversationServiceOptions } from '../chat/conversation-service-kit';
import { MemoryStore } from '../storage/memory-store';
import { SettingsFile } from '../../../main/storage/settings-file';
import { McpHub } from '../../../main/mcp/mcp-hub';
import { PermissionBroker } from '../../../main/tools/permission-broker';
import { ToolSettings } from '../../../main/tools/tool-settings';
import { ToolsService } from '../../../main/tools/tools-service';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachmentService } from '../../../main/attachments/attachment-service';
import { ChatAttachmentsService } from '../../../main/attachments/chat-attachments';
import { ModelCapabilityRegistry } from '../../../main/attachments/capabilities';

const trusted = 'app://parley/index.html';

function setup() {
  const handlers = new Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>();
  const logged: string[] = [];
  const opened: string[] = [];
  const copied: string[] = [];
  const continued: string[] = [];
  const secrets = new SecretStore(new MemoryStore(), createTestCipher('/tmp/i'));
  const profiles = new ProfileSettings(new MemoryStore(), secrets, {
    ANTHROPIC_API_KEY: 'sk-test',
  });
  const store = new ConversationStore(openDatabase(':memory:'));
  const fetch = () => Promise.reject(new Error('unused'));
  const createProvider = () => new ScriptedProvider();
  const activeProfile = () => profiles.active();
  const chat = new ChatService({ activeProfile, store, createProvider, fetch });
  const conversations = new ConversationService(
    conversationServiceOptions(store, chat, activeProfile),
  );
  const settingsFile = new SettingsFile(new MemoryStore());
  const toolSettings = new ToolSettings(settingsFile);
  const tools = new ToolsService({
    hub: new McpHub({ settings: settingsFile, secrets }),
    broker: new PermissionBroker(toolSettings),
    preferences: toolSettings,
    conversationServers: () => undefined,
    conversationTitle: () => undefined,
    openJsonFile: async () => null,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-handlers-'));
  const attachments = new AttachmentService({
    store,
    dataDir,
    tempDir: join(dataDir, 'tmp'),
    dialogs: { openFiles: async () => null, saveBytes: async () => ({ saved: false }) },
  });
  const attachmentPlans = new ChatAttachmentsService({
    service: attachments,
    capabilities: new ModelCapabilityRegistry(settingsFile),
    activeProfile: () => profiles.active(),
    profileServer: () => null,
    conversationFiles: () => [],
  });
  registerHandlers(
    { handle: (channel, listener) => void handlers.set(channel, listener) },
    {
      chat,
      conversations,
      profiles,
      settings: new SettingsService({
        profiles,
        secrets,
        env: {},
        fetch,
        conversations: { get: () => ({}), set: () => {} },
        localServers: [],
        dataDir: '/tmp/parley',
        notices: [],
      }),
      links: new LinkOpener(async (url) => void opened.push(url)),
      tools,
      attachments,
      attachmentPlans,
      writeClipboard: (text) => void copied.push(text),
      continueInMain: (id) => void continued.push(id),
    },
    (url) => url.startsWith('app://parley/'),
    (message) => logged.push(message),
  );
  const sink: EventSink = { id: 1, send: () => {}, isDestroyed: () => false };
  const invoke = async (channel: string, payload: unknown, url = trusted) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return (await handler({ sender: sink, senderFrame: { url } }, payload)) as IpcResult<unknown>;
  };
  return { handlers, invoke, logged, chat, opened, copied, continued };
}

const allChannels = invokeChannelNames;

describe('registerHandlers', () => {
  it('registers every channel of the contract', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual([...allChannels].sort());
  });

  it('refuses every channel from a frame of another origin', async () => {
    const { invoke, logged } = setup();
    for (const channel of allChannels) {
      const result = await invoke(channel, {}, 'https://evil.example/');
      expect(result).toEqual({
        ok: false,
        error: { kind: 'forbidden', message: expect.any(String) },
      });
    }
    expect(logged.length).toBe(allChannels.length);
  });

  it('answers malformed payloads with a validation error, never a throw', async () => {
    const { invoke, chat } = setup();
    const bad: unknown[] = [
      undefined,
      null,
      42,
      'text',
      [],
      { text: '' },
      { text: 5 },
      { text: 'hi', extra: true },
      { text: 'x'.repeat(1_000_001) },
      JSON.parse('{"__proto__": {"polluted": true}, "text": "hi"}'),
    ];
    for (const payload of bad) {
      const result = await invoke('chat:send', payload);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe('invalid_payload');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(chat.snapshot({})).toBeNull();
  });

  it('rejects a base URL that is not http(s)', async () => {
    const { invoke } = setup();
    const result = await invoke('profiles:save', {
      name: 'Work',
      preset: 'anthropic',
      kind: 'anthropic',
      baseUrl: 'file:///etc/passwd',
      model: 'm',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'invalid_payload',
        message: 'Base URL must be an http:// or https:// address.',
      },
    });
  });

  it('accepts an http, https or socks5 proxy URL for a profile and rejects others', async () => {
    const { invoke } = setup();
    const profile = {
      name: 'Work',
      preset: 'anthropic',
      kind: 'anthropic',
      baseUrl: 'https://api.anthropic.com',
      model: 'm',
    };
    for (const proxyUrl of ['http://proxy:8080', 'https://proxy:8443', 'socks5://127.0.0.1:1080']) {
      const result = await invoke('profiles:save', { ...profile, proxyUrl });
      expect(result).toMatchObject({ ok: true, value: { profile: { proxyUrl } } });
    }
    for (const proxyUrl of ['ftp://proxy:21', 'proxy:8080', 'socks4://proxy:1080', 'http://']) {
      const result = await invoke('profiles:save', { ...profile, proxyUrl });
      expect(result).toEqual({
        ok: false,
        error: {
          kind: 'invalid_payload',
          message: 'Proxy URL must be an http://, https:// or socks5:// address.',
        },
      });
    }
  });

  it('passes valid calls through and reports refusals by kind', async () => {
    const { invoke } = setup();
    const sent = await invoke('chat:send', { text: 'Hello' });
    expect(sent.ok).toBe(true);
    const missing = await invoke('chat:regenerate', { conversationId: 'none', turnId: 'none' });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    const profiles = await invoke('profiles:list', undefined);
    expect(profiles).toMatchObject({ ok: true, value: { environment: { kind: 'anthropic' } } });
  });

  it('opens only web and mailto links, whatever the renderer asks', async () => {
    const { invoke, opened } = setup();
    const refused = [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'smb://attacker/share',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://open?x',
      'not a url',
    ];
    for (const url of refused) {
      expect(await invoke('links:open', { url })).toMatchObject({
        ok: false,
        error: { kind: 'forbidden' },
      });
    }
    for (const url of [
      'https://example.com/a?b=c',
      'http://localhost:3000/',
      'mailto:me@example.com',
    ]) {
      expect(await invoke('links:open', { url })).toEqual({ ok: true, value: null });
    }
    expect(opened).toEqual([
      'https://example.com/a?b=c',
      'http://localhost:3000/',
      'mailto:me@example.com',
    ]);
  });

  it('copies text to the clipboard through main', async () => {
    const { invoke, copied } = setup();
    expect(await invoke('clipboard:write-text', { text: '# Title\n\n`code`' })).toEqual({
      ok: true,
      value: null,
    });
    expect(await invoke('clipboard:write-text', { text: 42 })).toMatchObject({ ok: false });
    expect(copied).toEqual(['# Title\n\n`code`']);
  });

  it('hands a quick-ask conversation to the main window', async () => {
    const { invoke, continued } = setup();
    expect(await invoke('app:continue-in-main', { conversationId: 'c1' })).toEqual({
      ok: true,
      value: null,
    });
    expect(await invoke('app:continue-in-main', { conversationId: '' })).toMatchObject({
      ok: false,
    });
    expect(continued).toEqual(['c1']);
  });
});

describe('registerHandlers with a database that cannot be written', () => {
  it('says the disk is full instead of failing silently, and logs the detail', async () => {
    const { invoke, logged, chat } = setup();
    const diskFull = Object.assign(new Error('database or disk is full'), {
      code: 'ERR_SQLITE_ERROR',
      errcode: 13,
      errstr: 'database or disk is full',
    });
    chat.send = () => Promise.reject(diskFull);
    expect(await invoke('chat:send', { text: 'Hello' })).toEqual({
      ok: false,
      error: {
        kind: 'storage',
        message: 'Parley could not save: the disk is full. Free some space, then try again.',
      },
    });
    expect(logged).toEqual(['chat:send could not save']);
  });
});
