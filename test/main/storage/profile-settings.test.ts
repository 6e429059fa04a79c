import { describe, expect, it } from 'vitest';
import { ProfileSettings, defaultBaseUrls } from '../../../main/storage/profile-settings';
import { SecretStore } from '../../../main/storage/secret-store';
import { createTestCipher } from '../../harness/test-cipher';
import { MemoryStore } from './memory-store';

function setup(env: Record<string, string> = {}) {
  const settings = new MemoryStore();
  const secrets = new SecretStore(new MemoryStore(), createTestCipher('/tmp/p'));
  return { settings, profiles: new ProfileSettings(settings, secrets, env) };
}

describe('ProfileSettings', () => {
  it('with nothing configured, offers Anthropic without a key', async () => {
    const { profiles } = setup();
    expect(await profiles.view()).toMatchObject({
      kind: 'anthropic',
      baseUrl: defaultBaseUrls.anthropic,
      hasKey: false,
      source: 'default',
    });
    expect((await profiles.active()).apiKey).toBeNull();
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
    const view = await profiles.view();
    expect(view).toMatchObject({ hasKey: true, source: 'environment' });
    expect(JSON.stringify(view)).not.toContain('sk-env');
  });

  it('reads OPENAI_API_KEY and OPENAI_BASE_URL when there is no Anthropic key', async () => {
    const { profiles } = setup({
      OPENAI_API_KEY: 'sk-oa',
      OPENAI_BASE_URL: 'http://127.0.0.1:6/v1',
    });
    expect(await profiles.active()).toMatchObject({
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:6/v1',
      apiKey: 'sk-oa',
    });
  });

  it('a saved profile wins over the environment, and its key never reaches the view', async () => {
    const { profiles, settings } = setup({ ANTHROPIC_API_KEY: 'sk-env' });
    const view = await profiles.save({
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:11434/v1/',
      model: 'llama3.2',
      apiKey: 'sk-saved-9876',
    });
    expect(view).toEqual({
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.2',
      hasKey: true,
      source: 'saved',
      keyEncrypted: true,
    });
    expect(settings.dump()).not.toContain('sk-saved-9876');
    expect((await profiles.active()).apiKey).toBe('sk-saved-9876');
  });

  it('saving without a key keeps the saved one; null removes it', async () => {
    const { profiles } = setup();
    await profiles.save({
      kind: 'anthropic',
      baseUrl: 'https://api.anthropic.com',
      model: 'm',
      apiKey: 'sk-1',
    });
    await profiles.save({ kind: 'anthropic', baseUrl: 'https://api.anthropic.com', model: 'm2' });
    expect(await profiles.active()).toMatchObject({ model: 'm2', apiKey: 'sk-1' });
    const view = await profiles.save({
      kind: 'anthropic',
      baseUrl: 'https://api.anthropic.com',
      model: 'm2',
      apiKey: null,
    });
    expect(view.hasKey).toBe(false);
    expect((await profiles.active()).apiKey).toBeNull();
  });
});
