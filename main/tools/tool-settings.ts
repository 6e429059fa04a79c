/**
 * The tools part of settings.json as the permission broker and Settings → Tools use it: "Always
 * allow" rules, the step limit and the read-only preference (the `tools` section of the
 * settings schema; MCP servers in the same section are the hub's).
 */
import type { ToolPreferences } from '../../preload/api';
import type { SettingsFile } from '../storage/settings-file';
import type { StoredToolRule } from '../storage/settings-schema';
import type { ToolRuleStore } from './permission-broker';

/** Rules and preferences, read from and written to the settings file (one atomic write each). */
export class ToolSettings implements ToolRuleStore {
  constructor(private readonly file: SettingsFile) {}

  rules(): StoredToolRule[] {
    return this.file.read().tools.rules;
  }

  saveRules(rules: StoredToolRule[]): void {
    this.file.update((draft) => {
      draft.tools.rules = rules;
    });
  }

  autoAllowReadOnly(): boolean {
    return this.file.read().tools.autoAllowReadOnly;
  }

  /** The step limit and the read-only preference. */
  get(): ToolPreferences {
    const { stepLimit, autoAllowReadOnly } = this.file.read().tools;
    return { stepLimit, autoAllowReadOnly };
  }

  /** Change either preference; the schema bounds the step limit (1–100). */
  set(change: Partial<ToolPreferences>): void {
    this.file.update((draft) => {
      Object.assign(draft.tools, change);
    });
  }
}
