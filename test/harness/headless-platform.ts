import type { Platform } from '../../main/services';
import { MemoryStore } from '../main/storage/memory-store';
import { createTestCipher } from './test-cipher';

/**
 * Main's `Platform` with no window at all: Node's fetch, settings and keys in memory, dialogs
 * that cancel, no titles. For scripts that drive the services directly (crash test, soak).
 */
export function headlessPlatform(
  options: Pick<Platform, 'env' | 'databasePath' | 'log'> & { keyDir: string },
): Platform {
  return {
    env: options.env,
    fetch: (url, init) => fetch(url, init),
    databasePath: options.databasePath,
    settingsStore: new MemoryStore(),
    secretsStore: new MemoryStore(),
    cipher: createTestCipher(options.keyDir),
    openExternal: async () => {},
    writeClipboard: () => {},
    dialogs: {
      saveFile: async (fileName) => ({ saved: false, fileName }),
      openJsonFile: async () => null,
      openFiles: async () => null,
      saveBytes: async () => ({ saved: false }),
    },
    generateTitles: false,
    ...(options.log ? { log: options.log } : {}),
  };
}
