/**
 * A least-recently-used map bounded by characters, not entries: what a cached parse costs in
 * memory grows with the text it came from, so a budget in characters bounds the heap whether the
 * entries are one-line answers or 30 kB code listings.
 */
export class CharBudgetLru<V> {
  private readonly entries = new Map<string, { value: V; chars: number }>();
  private total = 0;

  /** `budget`: the most characters (sum of each entry's `chars`) kept at once. */
  constructor(private readonly budget: number) {}

  /** Characters held now; never above the budget. */
  get chars(): number {
    return this.total;
  }

  /** The value for `key`, now the most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map keeps insertion order: moving the entry to the end marks it as the newest.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /**
   * Keep `value` under `key`, counted as `chars` characters, evicting the least recently used
   * entries until the total fits. An entry larger than the whole budget is not kept at all.
   */
  set(key: string, value: V, chars: number = key.length): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.total -= old.chars;
    }
    if (chars > this.budget) return;
    this.entries.set(key, { value, chars });
    this.total += chars;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.budget) break;
      this.entries.delete(oldest);
      this.total -= entry.chars;
    }
  }
}
