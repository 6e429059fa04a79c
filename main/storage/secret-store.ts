import type { KeyCipher } from './key-cipher';
import type { KeyValueStore } from './key-value-store';

const apiKeyField = 'apiKey';

/**
 * Holds the provider API key as OS-encrypted ciphertext in its own store file. Plaintext lives
 * only in memory; when the OS offers no encryption at all the key is kept for this session only.
 */
export class SecretStore {
  private sessionKey: string | null = null;

  constructor(
    private readonly store: KeyValueStore,
    private readonly cipher: KeyCipher,
  ) {}

  /** Whether a key is saved (or held for this session). */
  hasApiKey(): boolean {
    return this.sessionKey !== null || typeof this.store.get(apiKeyField) === 'string';
  }

  /** Whether the saved key is really encrypted (not merely obfuscated or session-only). */
  async isKeyEncrypted(): Promise<boolean> {
    return (await this.cipher.isAvailable()) && this.cipher.isStrong();
  }

  /** The decrypted key, or null when none is saved. */
  async getApiKey(): Promise<string | null> {
    if (this.sessionKey !== null) return this.sessionKey;
    const stored = this.store.get(apiKeyField);
    if (typeof stored !== 'string') return null;
    return this.cipher.decrypt(Buffer.from(stored, 'base64'));
  }

  /** Encrypt and save a key, replacing any earlier one. */
  async setApiKey(plainText: string): Promise<void> {
    if (!(await this.cipher.isAvailable())) {
      // No way to protect it on disk: keep it in memory rather than write plaintext.
      this.store.delete(apiKeyField);
      this.sessionKey = plainText;
      return;
    }
    const cipherText = await this.cipher.encrypt(plainText);
    this.store.set(apiKeyField, Buffer.from(cipherText).toString('base64'));
    this.sessionKey = null;
  }

  /** Forget the key, on disk and in memory. */
  deleteApiKey(): void {
    this.store.delete(apiKeyField);
    this.sessionKey = null;
  }
}
