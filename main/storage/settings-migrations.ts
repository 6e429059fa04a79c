import { isRecord, type JsonRecord } from '../providers/json-guards';
import { settingsVersion } from './settings-schema';

/** One step: the document at `from` in, the document at `from + 1` out. Never mutates its input. */
type Migration = (document: JsonRecord) => JsonRecord;

/** The id given to the profile migrated from version 1; its key is moved to this id as well. */
export const migratedProfileId = 'profile-1';

/**
 * Explicit steps, by the version they start from. Version 1 is the file before versioning:
 * one `profile` ({kind, baseUrl, model}) and nothing else.
 */
export const migrations: Record<number, Migration> = {
  1: (document) => {
    const { profile, ...rest } = document;
    const profiles = [];
    if (isRecord(profile) && typeof profile.kind === 'string') {
      const kind = profile.kind;
      profiles.push({
        id: migratedProfileId,
        name: kind === 'anthropic' ? 'Anthropic' : 'OpenAI-compatible',
        preset: kind === 'anthropic' ? 'anthropic' : 'openai-compatible',
        kind,
        baseUrl: profile.baseUrl,
        model: profile.model,
        headers: {},
        defaults: {},
      });
    }
    return {
      ...rest,
      schemaVersion: 2,
      profiles,
      activeProfileId: profiles.length > 0 ? migratedProfileId : null,
      appearance: { theme: 'system' },
      behaviour: { sendWith: 'enter' },
      keys: { sessionOnly: false },
    };
  },
};

/** Why a document could not be brought up to date. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** The version a raw document is at: its `schemaVersion`, or 1 for the unversioned file. */
export function versionOf(document: JsonRecord): number {
  const version = document.schemaVersion;
  if (version === undefined) return 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new MigrationError(`schemaVersion ${JSON.stringify(version)} is not a version`);
  }
  return version;
}

/** Runs every step from the document's version to the current one; returns whether any ran. */
export function migrate(document: JsonRecord): { document: JsonRecord; migrated: boolean } {
  let version = versionOf(document);
  if (version > settingsVersion) {
    throw new MigrationError(`written by a newer Parley (settings version ${version})`);
  }
  let current = document;
  while (version < settingsVersion) {
    const step = migrations[version];
    if (!step) throw new MigrationError(`no migration from settings version ${version}`);
    current = step(current);
    version = versionOf(current);
  }
  return { document: current, migrated: current !== document };
}
