/** What Parley needs from the OS keychain: `safeStorage` in the app, a test cipher elsewhere. */
export interface KeyCipher {
  /** Whether encryption can be used at all right now. */
  isAvailable(): Promise<boolean>;
  /** False when the OS offers no real keyring (Linux `basic_text`): keys are only obfuscated. */
  isStrong(): boolean;
  encrypt(plainText: string): Promise<Uint8Array>;
  decrypt(cipherText: Uint8Array): Promise<string>;
}
