import type { KeyValueStore } from '../../../main/storage/key-value-store';

/** An in-memory KeyValueStore that also shows what would have been written to disk. */
export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  get(key: string): unknown {
    return this.data.get(key);
  }
  set(key: string, value: unknown): void {
    this.data.set(key, structuredClone(value));
  }
  delete(key: string): void {
    this.data.delete(key);
  }
  update(changes: Readonly<Record<string, unknown>>): void {
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) this.data.delete(key);
      else this.data.set(key, structuredClone(value));
    }
  }
  /** Everything stored, as it would be serialized. */
  dump(): string {
    return JSON.stringify(Object.fromEntries(this.data));
  }
}
