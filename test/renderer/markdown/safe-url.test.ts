import { describe, expect, it } from 'vitest';
import { imageLabel, safeImageUrl, safeLinkUrl } from '../../../renderer/src/markdown/safe-url';

describe('safeLinkUrl', () => {
  it.each([
    ['https://example.com/a?b#c', 'https://example.com/a?b#c'],
    ['HTTP://Example.COM', 'http://example.com/'],
    ['mailto:someone@example.com', 'mailto:someone@example.com'],
  ])('allows %s', (raw, href) => {
    expect(safeLinkUrl(raw)).toBe(href);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'app://parley/index.html',
    'slack://open',
    'streamdown:incomplete-link',
    '//evil.example/x',
    '/relative',
    '#anchor',
    'http://',
    '',
  ])('refuses %j', (raw) => {
    expect(safeLinkUrl(raw)).toBeNull();
  });
});

describe('safeImageUrl', () => {
  it('allows only http and https', () => {
    expect(safeImageUrl('https://example.com/a.png')).toBe('https://example.com/a.png');
    expect(safeImageUrl('data:image/png;base64,AAAA')).toBeNull();
    expect(safeImageUrl('mailto:a@example.com')).toBeNull();
    expect(safeImageUrl('javascript:alert(1)')).toBeNull();
  });
});

describe('imageLabel', () => {
  it('prefers the alt text, then the host', () => {
    expect(imageLabel(' chart ', 'https://img.example/a.png')).toBe('chart');
    expect(imageLabel('', 'https://img.example/a.png')).toBe('img.example');
    expect(imageLabel('', null)).toBe('image');
  });
});
