import { describe, expect, it } from 'vitest';
import { de } from '../../../renderer/src/i18n/de';
import { en } from '../../../renderer/src/i18n/en';
import { i18n, pickLanguage } from '../../../renderer/src/i18n';

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → its text. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The {{variables}} a text interpolates (formats such as ", number" stripped), sorted. */
function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const languages: Record<string, Tree> = { de };

describe('translations', () => {
  const reference = flatten(en);

  it('English is complete: no empty texts', () => {
    for (const [key, text] of reference) expect(text.trim(), key).not.toBe('');
  });

  for (const [name, tree] of Object.entries(languages)) {
    const other = flatten(tree);

    it(`${name} has exactly the English keys`, () => {
      expect([...other.keys()].sort()).toEqual([...reference.keys()].sort());
    });

    it(`${name} uses the same interpolation variables as English, key by key`, () => {
      for (const [key, text] of reference) {
        expect(variables(other.get(key) ?? ''), key).toEqual(variables(text));
      }
    });

    it(`${name} has no empty texts`, () => {
      for (const [key, text] of other) expect(text.trim(), key).not.toBe('');
    });
  }
});

describe('the language', () => {
  it('follows the first language Parley speaks, by its base tag, else English', () => {
    expect(pickLanguage(['de-AT', 'en-US'])).toBe('de');
    expect(pickLanguage(['fr-FR', 'de'])).toBe('de');
    expect(pickLanguage(['fr-FR'])).toBe('en');
    expect(pickLanguage([undefined])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('is English in the test environment (jsdom says en-US)', () => {
    expect(navigator.language).toBe('en-US');
    expect(i18n.language).toBe('en');
  });
});
