import { existsSync } from 'node:fs';
import type { JsonRecord } from '../providers/json-guards';
import type { KeyValueStore } from './key-value-store';
import { setAside, setAsideNotice } from './set-aside';
import { migrate } from './settings-migrations';
import {
  defaultSettings,
  documentFields,
  settingsSchema,
  type SettingsDocument,
} from './settings-schema';

/** What loading the settings needs besides the store. */
export interface SettingsFileOptions {
  /** Sentences for the user at start; a reset appends one. */
  notices?: string[];
  log?: (message: string, error: unknown) => void;
  now?: () => Date;
}

/**
 * The settings document: migrated to the current version and validated when Parley starts.
 * A document that cannot be migrated or validated is set aside like any damaged file
 * (set-aside.ts), replaced by defaults, and the user is told, so a damaged file never keeps
 * Parley from starting. Each change is written once, as one atomic write of the store.
 */
export class SettingsFile {
  private document: SettingsDocument;

  constructor(
    private readonly store: KeyValueStore,
    private readonly options: SettingsFileOptions = {},
  ) {
    this.document = this.load();
  }

  /** A copy of the current settings. */
  read(): SettingsDocument {
    return structuredClone(this.document);
  }

  /** Change the settings; the result is validated before it is written. */
  update(change: (draft: SettingsDocument) => void): SettingsDocument {
    const draft = structuredClone(this.document);
    change(draft);
    this.document = settingsSchema.parse(draft);
    this.write();
    return this.read();
  }

  private load(): SettingsDocument {
    const raw: JsonRecord = {};
    for (const field of documentFields) {
      const value = this.store.get(field);
      if (value !== undefined) raw[field] = value;
    }
    if (Object.keys(raw).length === 0) return this.reset();
    try {
      const { document, migrated } = migrate(raw);
      const parsed = settingsSchema.safeParse(document);
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid settings');
      this.document = parsed.data;
      if (migrated || 'profile' in raw) this.write();
      return parsed.data;
    } catch (error) {
      const aside = this.setFileAside();
      this.options.log?.(
        `settings did not validate; ${aside ? `moved them to ${aside}, ` : ''}using defaults`,
        error,
      );
      this.options.notices?.push(setAsideNotice('settings file', aside));
      return this.reset();
    }
  }

  private reset(): SettingsDocument {
    this.document = defaultSettings();
    this.write();
    return this.document;
  }

  /** Write every field and drop the ones the current version no longer has: one write. */
  private write(): void {
    const document = this.document as unknown as JsonRecord;
    const changes: Record<string, unknown> = {};
    for (const field of documentFields) changes[field] = document[field];
    this.store.update(changes);
  }

  /** Set the file aside; null when the store has no file (in memory) or moving it failed. */
  private setFileAside(): string | null {
    const path = this.store.path;
    if (!path || !existsSync(path)) return null;
    try {
      return setAside(path, this.options.now);
    } catch (error) {
      this.options.log?.('could not set the invalid settings aside', error);
      return null;
    }
  }
}
