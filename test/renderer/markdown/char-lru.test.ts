import { describe, expect, it } from 'vitest';
import { CharBudgetLru } from '../../../renderer/src/markdown/char-lru';

describe('CharBudgetLru', () => {
  it('evicts the least recently used entries once the characters exceed the budget', () => {
    const lru = new CharBudgetLru<number>(10);
    lru.set('aaaa', 1);
    lru.set('bbbb', 2);
    // Reading refreshes: 'aaaa' is now newer than 'bbbb'.
    expect(lru.get('aaaa')).toBe(1);
    lru.set('cccc', 3);
    expect(lru.get('bbbb')).toBeUndefined();
    expect(lru.get('aaaa')).toBe(1);
    expect(lru.get('cccc')).toBe(3);
    expect(lru.chars).toBe(8);
  });

  it('counts a replaced entry once and never keeps one larger than the budget', () => {
    const lru = new CharBudgetLru<string>(10);
    lru.set('key', 'one', 6);
    lru.set('key', 'two', 6);
    expect(lru.chars).toBe(6);
    lru.set('huge', 'x', 11);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('key')).toBe('two');
  });
});
