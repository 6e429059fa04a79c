import { describe, expect, it } from 'vitest';
import { chatRequestUrl, displayUrl, geminiRoot } from '../../common/request-url';

describe('chatRequestUrl', () => {
  it.each([
    ['anthropic', 'https://api.anthropic.com', 'https://api.anthropic.com/v1/messages'],
    ['anthropic', 'https://gw.example/anthropic/', 'https://gw.example/anthropic/v1/messages'],
    [
      'openai-compatible',
      'http://127.0.0.1:11434/v1',
      'http://127.0.0.1:11434/v1/chat/completions',
    ],
    // A base URL missing /v1 is shown as it is: the person sees where requests would go.
    ['openai-compatible', 'http://127.0.0.1:11434', 'http://127.0.0.1:11434/chat/completions'],
    [
      'gemini',
      'https://generativelanguage.googleapis.com/v1beta/',
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    ],
  ] as const)('%s with %s posts to %s', (kind, base, url) => {
    expect(chatRequestUrl(kind, base, 'gemini-2.5-flash')).toBe(url);
  });

  it('escapes a model name that is not a plain path segment (Gemini)', () => {
    expect(chatRequestUrl('gemini', 'https://g.example', 'tuned/my model')).toBe(
      'https://g.example/v1beta/models/tuned%2Fmy%20model:streamGenerateContent?alt=sse',
    );
  });

  it('geminiRoot drops a pasted version and trailing slashes', () => {
    expect(geminiRoot('https://g.example/v1//')).toBe('https://g.example');
  });
});

describe('displayUrl', () => {
  it('never shows a password or a key-like query parameter', () => {
    const shown = displayUrl(
      'https://user:pw-1@gw.example/v1/chat/completions?key=AIza-secret&x=1',
    );
    expect(shown).not.toContain('pw-1');
    expect(shown).not.toContain('AIza-secret');
    expect(shown).toContain('gw.example/v1/chat/completions');
    expect(shown).toContain('x=1');
  });

  it('leaves text that is not a URL as it is', () => {
    expect(displayUrl('127.0.0.1:11434/v1')).toBe('127.0.0.1:11434/v1');
  });
});
