import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsService } from '../../../main/settings/settings-service';
import { ProfileSettings, type ConversationChoice } from '../../../main/storage/profile-settings';
import { SecretStore } from '../../../main/storage/secret-store';
import { createTestCipher } from '../../harness/test-cipher';
import { startMockLlm, type MockLlm } from '../../mock-llm';
import { MemoryStore } from '../storage/memory-store';

let mock: MockLlm;
beforeEach(async () => {
  mock = await startMockLlm();
});
afterEach(() => mock.close());

function setup(env: Record<string, string> = {}, fetchVia?: (proxyUrl: string) => typeof fetch) {
  const secretsStore = new MemoryStore();
  const secrets = new SecretStore(secretsStore, createTestCipher('/tmp/s'));
  const profiles = new ProfileSettings(new MemoryStore(), secrets, env);
  const choices = new Map<string, ConversationChoice>();
  const opened: string[] = [];
  const service = new SettingsService({
    profiles,
    secrets,
    env,
    fetch,
    fetchVia,
    conversations: {
      get: (id) => choices.get(id) ?? {},
      set: (id, { toolServerIds, ...choice }) => {
        const next: ConversationChoice = { ...choices.get(id), ...choice };
        // As ConversationLibrary does: null goes back to every enabled server.
        if (toolServerIds === null) delete next.toolServerIds;
        else if (toolServerIds !== undefined) next.toolServerIds = toolServerIds;
        choices.set(id, next);
      },
    },
    localServers: [{ preset: 'ollama', name: 'Ollama', baseUrl: `${mock.url}/v1` }],
    dataDir: '/home/u/.config/Parley',
    openPath: async (path) => {
      opened.push(path);
      return '';
    },
    notices: ['Settings were reset.'],
  });
  return { service, profiles, secretsStore, opened };
}

const profile = (baseUrl: string) => ({
  name: 'Mock',
  preset: 'openai-compatible' as const,
  kind: 'openai-compatible' as const,
  baseUrl,
  model: 'mock-model',
  headers: {},
  defaults: {},
});

describe('SettingsService', () => {
  it('lists models through the form’s proxy URL when one is given', async () => {
    const proxies: string[] = [];
    const { service } = setup({}, (proxyUrl) => {
      proxies.push(proxyUrl);
      return fetch;
    });
    await service.listModels({ kind: 'openai-compatible', baseUrl: `${mock.url}/v1` });
    expect(proxies).toEqual([]);
    const result = await service.listModels({
      kind: 'openai-compatible',
      baseUrl: `${mock.url}/v1`,
      proxyUrl: 'http://proxy.invalid:8080',
    });
    expect(result.ok).toBe(true);
    expect(proxies).toEqual(['http://proxy.invalid:8080']);
  });

  it('lists models with the saved key for the address it was saved for', async () => {
    const { service, profiles } = setup();
    const { profile: saved } = await profiles.saveProfile({
      ...profile(`${mock.url}/v1`),
      apiKey: 'sk-saved-key-1234',
    });
    const result = await service.listModels({
      profileId: saved.id,
      kind: 'openai-compatible',
      baseUrl: `${mock.url}/v1/`,
    });
    expect(result.ok).toBe(true);
    expect(mock.requests[0]?.headers.authorization).toBe('Bearer sk-saved-key-1234');
  });

  it('a server that echoes the saved key in an error never hands it to the page', async () => {
    const { service, profiles } = setup();
    const key = 'sk-saved-echoed-5678';
    const { profile: saved } = await profiles.saveProfile({
      ...profile(`${mock.url}/v1`),
      apiKey: key,
    });
    const echo = {
      type: 'http-error' as const,
      status: 401,
      body: {
        error: { message: `Incorrect API key provided: ${key}`, type: 'invalid_request_error' },
      },
    };
    const target = {
      profileId: saved.id,
      kind: 'openai-compatible' as const,
      baseUrl: `${mock.url}/v1`,
    };
    mock.enqueueModels(echo);
    const listed = await service.listModels(target);
    mock.enqueue(echo);
    mock.enqueueModels(echo);
    const tested = await service.testConnection({ ...target, model: 'mock-model' });
    expect(listed.ok).toBe(false);
    expect(tested.ok).toBe(false);
    // The page was never given the key, so nothing it receives may contain it.
    expect(JSON.stringify([listed, tested])).not.toContain(key);
    expect(JSON.stringify([listed, tested])).toContain('…5678');
  });

  it('never sends a saved key to an address the renderer chose instead', async () => {
    const { service, profiles } = setup();
    const { profile: saved } = await profiles.saveProfile({
      ...profile('https://api.example.invalid/v1'),
      apiKey: 'sk-saved-key-1234',
    });
    await service.listModels({
      profileId: saved.id,
      kind: 'openai-compatible',
      baseUrl: `${mock.url}/v1`,
    });
    expect(mock.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('never sends a saved key through a proxy the renderer chose', async () => {
    const proxies: string[] = [];
    const { service, profiles } = setup({}, (proxyUrl) => {
      proxies.push(proxyUrl);
      return fetch;
    });
    const { profile: saved } = await profiles.saveProfile({
      ...profile(`${mock.url}/v1`),
      apiKey: 'sk-saved-key-1234',
    });
    await service.listModels({
      profileId: saved.id,
      kind: 'openai-compatible',
      baseUrl: `${mock.url}/v1`,
      proxyUrl: 'http://attacker.invalid:3128',
    });
    expect(proxies).toEqual(['http://attacker.invalid:3128']);
    expect(mock.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('a key typed in the form is used for a test before it is saved', async () => {
    const { service } = setup();
    const result = await service.testConnection({
      kind: 'anthropic',
      baseUrl: mock.url,
      apiKey: 'sk-typed-key',
      model: 'mock-model',
    });
    expect(result.ok).toBe(true);
    expect(mock.requests[0]?.headers['x-api-key']).toBe('sk-typed-key');
  });

  it('finds local servers through the injected targets', async () => {
    const { service } = setup();
    expect(await service.probeLocalServers()).toEqual([
      expect.objectContaining({ preset: 'ollama', models: ['mock-model', 'mock-model-large'] }),
    ]);
  });

  it('preferences: view, update, start notices, data folder', async () => {
    const { service, opened } = setup();
    expect(service.view()).toEqual({
      theme: 'system',
      fontSize: 'default',
      sendWith: 'enter',
      downloadSpellingDictionaries: false,
      sessionOnlyKeys: false,
      dataDir: '/home/u/.config/Parley',
      notices: ['Settings were reset.'],
    });
    expect(await service.update({ theme: 'dark', sendWith: 'mod-enter' })).toMatchObject({
      theme: 'dark',
      sendWith: 'mod-enter',
    });
    await service.openDataFolder();
    expect(opened).toEqual(['/home/u/.config/Parley']);
  });

  it('spelling dictionaries: off until the user turns them on, then kept', async () => {
    const { service } = setup();
    expect(service.view().downloadSpellingDictionaries).toBe(false);
    await service.update({ downloadSpellingDictionaries: true });
    expect(service.view().downloadSpellingDictionaries).toBe(true);
    await service.update({ sendWith: 'mod-enter' });
    expect(service.view().downloadSpellingDictionaries).toBe(true);
    await service.update({ downloadSpellingDictionaries: false });
    expect(service.view().downloadSpellingDictionaries).toBe(false);
  });

  it('font size: saved with the appearance, and listeners hear every change', async () => {
    const { service } = setup();
    const heard: Array<[string, string]> = [];
    const stop = service.onChange((view) => heard.push([view.theme, view.fontSize]));
    expect(await service.update({ fontSize: 'large' })).toMatchObject({ fontSize: 'large' });
    expect(service.view().fontSize).toBe('large');
    await service.update({ theme: 'light' });
    stop();
    await service.update({ theme: 'dark' });
    expect(heard).toEqual([
      ['system', 'large'],
      ['light', 'large'],
    ]);
  });

  it('session-only keys: turning it on takes saved keys off the disk, new keys stay off it', async () => {
    const { service, profiles, secretsStore } = setup();
    const { profile: saved } = await profiles.saveProfile({
      ...profile(`${mock.url}/v1`),
      apiKey: 'sk-disk-key-1234',
    });
    await service.update({ sessionOnlyKeys: true });
    expect(secretsStore.dump()).not.toContain('cipher');
    await profiles.saveProfile({
      ...profile(`${mock.url}/v1`),
      id: saved.id,
      apiKey: 'sk-new-key-5678',
    });
    expect(secretsStore.data.size).toBe(0);
    expect((await profiles.active()).apiKey).toBe('sk-new-key-5678');
    expect((await profiles.state()).profiles[0]?.keySessionOnly).toBe(true);
  });

  it('a conversation’s model and system prompt; an unknown profile is refused', async () => {
    const { service, profiles } = setup();
    const { profile: saved } = await profiles.saveProfile(profile(`${mock.url}/v1`));
    expect(
      service.setConversationSettings({
        conversationId: 'c1',
        profileId: saved.id,
        model: 'qwen3',
        systemPrompt: 'Hi',
      }),
    ).toEqual({ profileId: saved.id, model: 'qwen3', systemPrompt: 'Hi' });
    expect(() =>
      service.setConversationSettings({ conversationId: 'c1', profileId: 'nope' }),
    ).toThrow(/no longer exists/);
  });
});
