import { describe, expect, it } from 'vitest';
import { SecretStore } from '../../../main/storage/secret-store';
import { createTestCipher } from '../../harness/test-cipher';
import type { KeyCipher } from '../../../main/storage/key-cipher';
import { MemoryStore } from './memory-store';

describe('SecretStore', () => {
  it('stores only ciphertext, and reads the key back', async () => {
    const store = new MemoryStore();
    const secrets = new SecretStore(store, createTestCipher('/tmp/x'));
    await secrets.setApiKey('sk-ant-secret-1234');
    expect(store.dump()).not.toContain('sk-ant-secret-1234');
    expect(secrets.hasApiKey()).toBe(true);
    expect(await secrets.getApiKey()).toBe('sk-ant-secret-1234');
    expect(await new SecretStore(store, createTestCipher('/tmp/x')).getApiKey()).toBe(
      'sk-ant-secret-1234',
    );
  });

  it('removing the key forgets it everywhere', async () => {
    const store = new MemoryStore();
    const secrets = new SecretStore(store, createTestCipher('/tmp/x'));
    await secrets.setApiKey('sk-1');
    secrets.deleteApiKey();
    expect(secrets.hasApiKey()).toBe(false);
    expect(await secrets.getApiKey()).toBeNull();
    expect(store.data.size).toBe(0);
  });

  it('without OS encryption the key is kept for this session only, never written', async () => {
    const store = new MemoryStore();
    const unavailable: KeyCipher = {
      ...createTestCipher('/tmp/x'),
      isAvailable: async () => false,
    };
    const secrets = new SecretStore(store, unavailable);
    await secrets.setApiKey('sk-plain');
    expect(await secrets.getApiKey()).toBe('sk-plain');
    expect(store.dump()).not.toContain('sk-plain');
    expect(await secrets.isKeyEncrypted()).toBe(false);
  });

  it('reports an obfuscating backend as not encrypted', async () => {
    const secrets = new SecretStore(new MemoryStore(), createTestCipher('/tmp/x', false));
    expect(await secrets.isKeyEncrypted()).toBe(false);
  });
});
