/** The slice of electron-store / conf that Parley's storage uses, so tests can hand in `conf`. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}
