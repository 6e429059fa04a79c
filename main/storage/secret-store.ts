import { isRecord } from '../providers/json-guards';
import type { KeyCipher } from './key-cipher';
import type { KeyValueStore } from './key-value-store';

const keysField = 'keys';
// Version 1 kept one key for the one profile.
const legacyField = 'apiKey';
// Shorter keys are not hinted: four characters would give away too much of them.
const minHintLength = 12;

interface StoredKey {
  /** safeStorage ciphertext, base64. */
  cipher: string;
  /** The last four characters, shown so the user can tell keys apart. */
  hint: string | null;
}

/**
 * Holds each profile's API key as OS-encrypted ciphertext in its own store file. Plaintext lives
 * only in memory; a key is kept for this session only when the user asks for that or the OS
 * offers no encryption at all.
 */
export class SecretStore {
  private readonly sessionKeys = new Map<string, string>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly cipher: KeyCipher,
  ) {}

  /** Whether a key is saved (or held for this session) for a profile. */
  hasKey(profileId: string): boolean {
    return this.sessionKeys.has(profileId) || this.stored(profileId) !== null;
  }

  /** Whether the key is held in memory only. */
  isSessionOnly(profileId: string): boolean {
    return this.sessionKeys.has(profileId);
  }

  /** The key's last four characters, or null. */
  hint(profileId: string): string | null {
    const session = this.sessionKeys.get(profileId);
    if (session !== undefined) return hintOf(session);
    return this.stored(profileId)?.hint ?? null;
  }

  /** How keys are protected on this machine. */
  async protection(): Promise<'encrypted' | 'obfuscated' | 'unavailable'> {
    if (!(await this.cipher.isAvailable())) return 'unavailable';
    return this.cipher.isStrong() ? 'encrypted' : 'obfuscated';
  }

  /** The decrypted key, or null when none is set. Main-process only. */
  async getKey(profileId: string): Promise<string | null> {
    const session = this.sessionKeys.get(profileId);
    if (session !== undefined) return session;
    const stored = this.stored(profileId);
    if (!stored) return null;
    return this.cipher.decrypt(Buffer.from(stored.cipher, 'base64'));
  }

  /** Set a profile's key; `sessionOnly` (or no OS encryption) keeps it off the disk. */
  async setKey(profileId: string, plainText: string, sessionOnly = false): Promise<void> {
    if (sessionOnly || !(await this.cipher.isAvailable())) {
      this.removeStored(profileId);
      this.sessionKeys.set(profileId, plainText);
      return;
    }
    const cipherText = Buffer.from(await this.cipher.encrypt(plainText)).toString('base64');
    this.writeStored(profileId, { cipher: cipherText, hint: hintOf(plainText) });
    this.sessionKeys.delete(profileId);
  }

  /** Forget a profile's key, on disk and in memory. */
  deleteKey(profileId: string): void {
    this.removeStored(profileId);
    this.sessionKeys.delete(profileId);
  }

  /** Move every saved key into memory and off the disk (the user chose session-only keys). */
  async forgetOnDisk(): Promise<void> {
    for (const profileId of Object.keys(this.allStored())) {
      const key = await this.getKey(profileId);
      if (key !== null) this.sessionKeys.set(profileId, key);
      this.removeStored(profileId);
    }
  }

  /** Encrypt the session-only keys onto the disk (the user turned session-only off). */
  async keepOnDisk(): Promise<void> {
    for (const [profileId, key] of [...this.sessionKeys]) await this.setKey(profileId, key);
  }

  /**
   * Version 1 kept one key under `apiKey`: hand it to the profile migrated from then. The
   * ciphertext moves as it is (no decryption); its hint is filled in when it is next read.
   */
  async adoptLegacyKey(profileId: string): Promise<boolean> {
    const legacy = this.store.get(legacyField);
    if (typeof legacy !== 'string') return false;
    let hint: string | null = null;
    try {
      hint = hintOf(await this.cipher.decrypt(Buffer.from(legacy, 'base64')));
    } catch {
      // Undecryptable here (another keychain): keep it anyway; using it will say what is wrong.
    }
    this.writeStored(profileId, { cipher: legacy, hint });
    this.store.delete(legacyField);
    return true;
  }

  /** Whether version 1's single key is still waiting to be adopted. */
  hasLegacyKey(): boolean {
    return typeof this.store.get(legacyField) === 'string';
  }

  private allStored(): Record<string, StoredKey> {
    const value = this.store.get(keysField);
    if (!isRecord(value)) return {};
    const keys: Record<string, StoredKey> = {};
    for (const [id, entry] of Object.entries(value)) {
      if (isRecord(entry) && typeof entry.cipher === 'string') {
        keys[id] = {
          cipher: entry.cipher,
          hint: typeof entry.hint === 'string' ? entry.hint : null,
        };
      }
    }
    return keys;
  }

  private stored(profileId: string): StoredKey | null {
    return this.allStored()[profileId] ?? null;
  }

  private writeStored(profileId: string, key: StoredKey): void {
    this.store.set(keysField, { ...this.allStored(), [profileId]: key });
  }

  private removeStored(profileId: string): void {
    const { [profileId]: _removed, ...rest } = this.allStored();
    if (Object.keys(rest).length === 0) this.store.delete(keysField);
    else this.store.set(keysField, rest);
  }
}

function hintOf(key: string): string | null {
  return key.length >= minHintLength ? key.slice(-4) : null;
}
