/** The slice of electron-store / conf that Parley's storage uses, so tests can hand in `conf`. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** The file behind the store (conf and electron-store have one), to copy a damaged file aside. */
  readonly path?: string;
}
