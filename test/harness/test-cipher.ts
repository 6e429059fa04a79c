import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { KeyCipher } from '../../main/storage/key-cipher';

/**
 * A stand-in for `safeStorage` in the harness: real AES-256-GCM with a key tied to the data
 * folder, so a key saved in one launch decrypts in the next, as it does with the OS keychain.
 */
export function createTestCipher(userDataDir: string, strong = true): KeyCipher {
  const key = createHash('sha256').update(`parley-harness:${userDataDir}`).digest();
  return {
    isAvailable: async () => true,
    isStrong: () => strong,
    async encrypt(plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(cipherText) {
      const data = Buffer.from(cipherText);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
