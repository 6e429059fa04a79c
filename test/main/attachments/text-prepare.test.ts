import { describe, expect, it } from 'vitest';
import { fencedText, maxTextChars, maxTextLines } from '../../../main/attachments/text-prepare';

describe('a text file as the model reads it', () => {
  it('is its name and its text in a fence', () => {
    expect(fencedText('notes.md', '# Notes\r\nhello\n')).toEqual({
      text: 'notes.md\n```\n# Notes\nhello\n```',
      cut: false,
    });
  });

  it('uses a fence longer than any run of backticks inside', () => {
    const text = 'before\n````js\ncode\n````\nafter';
    expect(fencedText('readme.md', text).text).toBe(`readme.md\n\`\`\`\`\`\n${text}\n\`\`\`\`\``);
  });

  it(`keeps the first ${maxTextLines} lines and says how many were left out`, () => {
    const lines = Array.from({ length: 2_500 }, (_, i) => `line ${i + 1}`);
    const { text, cut } = fencedText('log.txt', lines.join('\n'));
    expect(cut).toBe(true);
    expect(text).toContain('\nline 2000\n```\n[first 2,000 lines of 2,500; 500 lines left out]');
    expect(text).not.toContain('line 2001');
  });

  it(`keeps whole lines under ${maxTextChars} characters`, () => {
    const line = 'x'.repeat(999);
    const { text } = fencedText('wide.csv', Array.from({ length: 300 }, () => line).join('\n'));
    expect(text).toMatch(/\[first 200 lines of 300; 100 lines left out\]$/);
  });

  it('cuts a single line past the limit inside, counting characters', () => {
    const { text } = fencedText('min.js', 'y'.repeat(maxTextChars + 10));
    expect(text.endsWith('[first 200,000 characters of 200,010; the rest left out]')).toBe(true);
  });
});
