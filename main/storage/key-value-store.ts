/** A JSON document of named values on disk: settings.json and secrets.json (JsonFileStore). */
export interface KeyValueStore {
  /** The value under `key` (a copy), or undefined. */
  get(key: string): unknown;
  /** Set one value; the document is written once. */
  set(key: string, value: unknown): void;
  /** Remove one value; the document is written once. */
  delete(key: string): void;
  /** Set several values in one write; a value of `undefined` removes that key. */
  update(changes: Readonly<Record<string, unknown>>): void;
  /** The file behind the store, to set a damaged file aside; absent for in-memory stores. */
  readonly path?: string;
}
