import { afterEach, describe, expect, it } from 'vitest';
import { formatSize } from '../../../renderer/src/attachments/format-size';
import { i18n } from '../../../renderer/src/i18n';

describe('formatSize', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('shows whole KB below a megabyte, never 0 KB', () => {
    expect(formatSize(10)).toBe('1 KB');
    expect(formatSize(2048)).toBe('2 KB');
    expect(formatSize(1023 * 1024)).toBe('1,023 KB');
  });

  it('shows MB with one decimal from a megabyte up', () => {
    expect(formatSize(1024 * 1024)).toBe('1 MB');
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });

  it("writes numbers the user's language's way", async () => {
    await i18n.changeLanguage('de');
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1,5 MB');
  });
});
