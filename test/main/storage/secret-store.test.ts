import { describe, expect, it } from 'vitest';
import { SecretStore } from '../../../main/storage/secret-store';
import { createTestCipher } from '../../harness/test-cipher';
import type { KeyCipher } from '../../../main/storage/key-cipher';
import { MemoryStore } from './memory-store';

const cipher = () => createTestCipher('/tmp/x');

describe('SecretStore', () => {
  it('stores only ciphertext per profile, and reads each key back', async () => {
    const store = new MemoryStore();
    const secrets = new SecretStore(store, cipher());
    await secrets.setKey('a', 'sk-ant-secret-1234');
    await secrets.setKey('b', 'sk-openai-secret-5678');
    expect(store.dump()).not.toContain('sk-ant-secret');
    expect(store.dump()).not.toContain('sk-openai-secret');
    expect(await secrets.getKey('a')).toBe('sk-ant-secret-1234');
    expect(await new SecretStore(store, cipher()).getKey('b')).toBe('sk-openai-secret-5678');
  });

  it('hints a key by its last four characters, never a short key', async () => {
    const secrets = new SecretStore(new MemoryStore(), cipher());
    await secrets.setKey('a', 'sk-ant-secret-1234');
    await secrets.setKey('b', 'short');
    expect(secrets.hint('a')).toBe('1234');
    expect(secrets.hint('b')).toBeNull();
    expect(secrets.hint('none')).toBeNull();
  });

  it('removing a key forgets it everywhere, and only that one', async () => {
    const store = new MemoryStore();
    const secrets = new SecretStore(store, cipher());
    await secrets.setKey('a', 'sk-1');
    await secrets.setKey('b', 'sk-2');
    secrets.deleteKey('a');
    expect(secrets.hasKey('a')).toBe(false);
    expect(await secrets.getKey('a')).toBeNull();
    expect(await secrets.getKey('b')).toBe('sk-2');
    secrets.deleteKey('b');
    expect(store.data.size).toBe(0);
  });

  it('session-only keys live in memory and never touch the store', async () => {
    const store = new MemoryStore();
    const secrets = new SecretStore(store, cipher());
    await secrets.setKey('a', 'sk-session-only-key', true);
    expect(await secrets.getKey('a')).toBe('sk-session-only-key');
    expect(secrets.isSessionOnly('a')).toBe(true);
    expect(store.dump()).not.toContain('sk-session');
    expect(await new SecretStore(store, cipher()).getKey('a')).toBeNull();
  });

  it('switching to session-only takes saved keys off the disk; back again writes them encrypted', async () => {
    const store = new MemoryStore();
    const secrets = new SecretStore(store, cipher());
    await secrets.setKey('a', 'sk-move-me-please');
    await secrets.forgetOnDisk();
    expect(store.data.size).toBe(0);
    expect(await secrets.getKey('a')).toBe('sk-move-me-please');
    await secrets.keepOnDisk();
    expect(secrets.isSessionOnly('a')).toBe(false);
    expect(await new SecretStore(store, cipher()).getKey('a')).toBe('sk-move-me-please');
  });

  it('without OS encryption a key is kept for this session only, never written', async () => {
    const store = new MemoryStore();
    const unavailable: KeyCipher = { ...cipher(), isAvailable: async () => false };
    const secrets = new SecretStore(store, unavailable);
    await secrets.setKey('a', 'sk-plain');
    expect(await secrets.getKey('a')).toBe('sk-plain');
    expect(store.dump()).not.toContain('sk-plain');
    expect(await secrets.protection()).toBe('unavailable');
  });

  it('reports an obfuscating backend (Linux basic_text) as obfuscated', async () => {
    const secrets = new SecretStore(new MemoryStore(), createTestCipher('/tmp/x', false));
    expect(await secrets.protection()).toBe('obfuscated');
  });

  it('adopts version 1’s single key for a profile without decrypting it onto disk', async () => {
    const store = new MemoryStore();
    const encrypted = Buffer.from(await cipher().encrypt('sk-legacy-key-9876')).toString('base64');
    store.set('apiKey', encrypted);
    const secrets = new SecretStore(store, cipher());
    expect(secrets.hasLegacyKey()).toBe(true);
    expect(await secrets.adoptLegacyKey('p1')).toBe(true);
    expect(store.get('apiKey')).toBeUndefined();
    expect(store.dump()).not.toContain('sk-legacy');
    expect(await secrets.getKey('p1')).toBe('sk-legacy-key-9876');
    expect(secrets.hint('p1')).toBe('9876');
    expect(await secrets.adoptLegacyKey('p2')).toBe(false);
  });
});
