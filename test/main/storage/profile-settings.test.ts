import { describe, expect, it } from 'vitest';
import { ProfileSettings, defaultBaseUrls } from '../../../main/storage/profile-settings';
import { SecretStore } from '../../../main/storage/secret-store';
import { migratedProfileId } from '../../../main/storage/settings-migrations';
import type { ConversationChoice } from '../../../main/storage/profile-settings';
import { createTestCipher } from '../../harness/test-cipher';
import { MemoryStore } from './memory-store';

function setup(env: Record<string, string> = {}, choices: Record<string, ConversationChoice> = {}) {
  const settings = new MemoryStore();
  const secretsStore = new MemoryStore();
  const secrets = new SecretStore(secretsStore, createTestCipher('/tmp/p'));
  const profiles = new ProfileSettings(settings, secrets, env, (id) => choices[id] ?? {});
  return { settings, secretsStore, secrets, profiles };
}

const ollama = {
  name: 'Ollama',
  preset: 'ollama' as const,
  kind: 'openai-compatible' as const,
  baseUrl: 'http://127.0.0.1:11434/v1/',
  model: 'llama3.2',
  headers: {},
  defaults: {},
};

describe('ProfileSettings: fallbacks', () => {
  it('with nothing configured, offers Anthropic without a key', async () => {
    const { profiles } = setup();
    expect(await profiles.active()).toMatchObject({
      kind: 'anthropic',
      baseUrl: defaultBaseUrls.anthropic,
      apiKey: null,
      source: 'default',
    });
    expect((await profiles.state()).profiles).toEqual([]);
  });

  it('reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL like the SDK does', async () => {
    const { profiles } = setup({
      ANTHROPIC_API_KEY: 'sk-env',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:5/',
    });
    expect(await profiles.active()).toMatchObject({
      kind: 'anthropic',
      baseUrl: 'http://127.0.0.1:5',
      apiKey: 'sk-env',
      source: 'environment',
    });
    const state = await profiles.state();
    expect(state.environment).toMatchObject({ kind: 'anthropic' });
    expect(JSON.stringify(state)).not.toContain('sk-env');
  });

  it('reads OPENAI_API_KEY and OPENAI_BASE_URL when there is no Anthropic key', async () => {
    const { profiles } = setup({
      OPENAI_API_KEY: 'sk-oa',
      OPENAI_BASE_URL: 'http://127.0.0.1:6/v1',
    });
    expect(await profiles.active()).toMatchObject({ kind: 'openai-compatible', apiKey: 'sk-oa' });
  });
});

describe('ProfileSettings: several profiles', () => {
  it('the first saved profile becomes active; its key is encrypted and only hinted', async () => {
    const { profiles, settings, secretsStore } = setup({ ANTHROPIC_API_KEY: 'sk-env' });
    const { profile, state } = await profiles.saveProfile({
      ...ollama,
      apiKey: 'sk-saved-key-9876',
    });
    expect(profile).toMatchObject({
      baseUrl: 'http://127.0.0.1:11434/v1',
      hasKey: true,
      keyHint: '9876',
    });
    expect(state.activeId).toBe(profile.id);
    expect(settings.dump()).not.toContain('sk-saved');
    expect(secretsStore.dump()).not.toContain('sk-saved');
    expect(JSON.stringify(state)).not.toContain('sk-saved');
    expect(await profiles.active()).toMatchObject({ apiKey: 'sk-saved-key-9876', source: 'saved' });
  });

  it('each profile keeps its own key; switching the active one switches the key', async () => {
    const { profiles } = setup();
    const a = (await profiles.saveProfile({ ...ollama, name: 'A', apiKey: 'key-a-1111111111' }))
      .profile;
    const b = (await profiles.saveProfile({ ...ollama, name: 'B', apiKey: 'key-b-2222222222' }))
      .profile;
    expect((await profiles.active()).apiKey).toBe('key-a-1111111111');
    await profiles.setActive(b.id);
    expect((await profiles.active()).apiKey).toBe('key-b-2222222222');
    const state = await profiles.deleteProfile(b.id);
    expect(state.activeId).toBe(a.id);
    expect(state.profiles.map((entry) => entry.name)).toEqual(['A']);
  });

  it('saving without a key keeps it; null removes it', async () => {
    const { profiles } = setup();
    const { profile } = await profiles.saveProfile({ ...ollama, apiKey: 'sk-1-long-enough' });
    await profiles.saveProfile({ ...ollama, id: profile.id, model: 'qwen3' });
    expect(await profiles.active()).toMatchObject({ model: 'qwen3', apiKey: 'sk-1-long-enough' });
    const removed = await profiles.saveProfile({ ...ollama, id: profile.id, apiKey: null });
    expect(removed.profile.hasKey).toBe(false);
    expect((await profiles.active()).apiKey).toBeNull();
  });

  it('an environment key is used only for the provider it names', async () => {
    const { profiles } = setup({ OPENAI_API_KEY: 'sk-openai-env' });
    await profiles.saveProfile({ ...ollama });
    expect((await profiles.active()).apiKey).toBeNull();
    const openai = await profiles.saveProfile({
      ...ollama,
      name: 'OpenAI',
      preset: 'openai',
      baseUrl: 'https://api.openai.com/v1',
    });
    await profiles.setActive(openai.profile.id);
    expect((await profiles.active()).apiKey).toBe('sk-openai-env');
  });

  it('per-profile defaults become request defaults, limited to what the provider understands', async () => {
    const { profiles } = setup();
    const defaults = {
      temperature: 0.4,
      maxOutputTokens: 500,
      thinkingBudget: 2048,
      reasoningEffort: 'low' as const,
    };
    await profiles.saveProfile({ ...ollama, preset: 'anthropic', kind: 'anthropic', defaults });
    expect((await profiles.active()).requestDefaults).toEqual({
      temperature: 0.4,
      maxTokens: 500,
      thinkingBudget: 2048,
    });
    const openai = await profiles.saveProfile({ ...ollama, preset: 'openai', defaults });
    await profiles.setActive(openai.profile.id);
    expect((await profiles.active()).requestDefaults).toEqual({
      temperature: 0.4,
      maxTokens: 500,
      reasoningEffort: 'low',
    });
  });

  it('a conversation’s own profile, model and system prompt win', async () => {
    const choices: Record<string, ConversationChoice> = {};
    const { profiles } = setup({}, choices);
    await profiles.saveProfile({ ...ollama, name: 'A' });
    const b = (
      await profiles.saveProfile({
        ...ollama,
        name: 'B',
        headers: { 'x-b': '1' },
        apiKey: 'key-b-2222222222',
      })
    ).profile;
    choices.c1 = { profileId: b.id, model: 'qwen3', systemPrompt: 'Be terse.' };
    expect(await profiles.active('c1')).toMatchObject({
      profileId: b.id,
      model: 'qwen3',
      systemPrompt: 'Be terse.',
      apiKey: 'key-b-2222222222',
      headers: { 'x-b': '1' },
    });
    // A profile deleted since then: the active one, with the conversation's model.
    choices.c2 = { profileId: 'gone', model: 'phi4' };
    expect(await profiles.active('c2')).toMatchObject({ model: 'phi4', apiKey: null });
  });

  it('a profile’s proxy URL is saved and carried to the active profile; empty means none', async () => {
    const { profiles } = setup();
    const saved = await profiles.saveProfile({ ...ollama, proxyUrl: 'socks5://127.0.0.1:1080' });
    expect(saved.profile.proxyUrl).toBe('socks5://127.0.0.1:1080');
    expect((await profiles.active()).proxyUrl).toBe('socks5://127.0.0.1:1080');
    await profiles.saveProfile({ ...ollama, id: saved.profile.id, proxyUrl: '' });
    expect(profiles.find(saved.profile.id)).not.toHaveProperty('proxyUrl');
    expect(await profiles.active()).not.toHaveProperty('proxyUrl');
  });
});

describe('ProfileSettings: upgrading from version 1', () => {
  it('the single saved profile and its key become the first profile, key still encrypted', async () => {
    const settings = new MemoryStore();
    const secretsStore = new MemoryStore();
    const cipher = createTestCipher('/tmp/p');
    settings.set('profile', {
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:1234/v1',
      model: 'qwen',
    });
    secretsStore.set(
      'apiKey',
      Buffer.from(await cipher.encrypt('sk-old-key-4321')).toString('base64'),
    );

    const profiles = new ProfileSettings(settings, new SecretStore(secretsStore, cipher), {});
    const state = await profiles.state();
    expect(state.activeId).toBe(migratedProfileId);
    expect(state.profiles[0]).toMatchObject({ model: 'qwen', hasKey: true, keyHint: '4321' });
    expect(await profiles.active()).toMatchObject({ apiKey: 'sk-old-key-4321', model: 'qwen' });
    expect(secretsStore.get('apiKey')).toBeUndefined();
    expect(settings.get('profile')).toBeUndefined();
    expect(secretsStore.dump()).not.toContain('sk-old');
  });

  it('a key saved with no profile stays with the default Anthropic profile it was used for', async () => {
    const secretsStore = new MemoryStore();
    const cipher = createTestCipher('/tmp/p');
    secretsStore.set(
      'apiKey',
      Buffer.from(await cipher.encrypt('sk-ant-lonely-1111')).toString('base64'),
    );
    const profiles = new ProfileSettings(
      new MemoryStore(),
      new SecretStore(secretsStore, cipher),
      {},
    );
    expect(await profiles.active()).toMatchObject({
      kind: 'anthropic',
      apiKey: 'sk-ant-lonely-1111',
      source: 'saved',
    });
  });
});
