import { describe, expect, it } from 'vitest';
import { redactError, redactKey, redactLoggedError } from '../../../main/errors/redact';
import { ProviderError } from '../../../main/providers/types';

describe('redactKey', () => {
  it('cuts every copy of the key out, keeping its last four characters', () => {
    const key = 'sk-secret-abcdef123456';
    expect(redactKey(`bad key ${key}; again ${key}`, key)).toBe(
      'bad key [key …3456]; again [key …3456]',
    );
    expect(redactError({ kind: 'auth', message: `no ${key}`, detail: key }, key)).toEqual({
      kind: 'auth',
      message: 'no [key …3456]',
      detail: '[key …3456]',
    });
  });

  it('leaves text alone without a key, or with one too short to be one', () => {
    expect(redactKey('nothing here', null)).toBe('nothing here');
    expect(redactKey('a b c', 'a')).toBe('a b c');
  });

  it('a logged error keeps its name but loses the key from its message and its stack', () => {
    const key = 'sk-secret-abcdef123456';
    const error = new ProviderError({ kind: 'auth', message: 'Rejected.', detail: `bad ${key}` });
    const logged = redactLoggedError(error, key) as Error;
    expect(logged.name).toBe('ProviderError');
    expect(logged.message).toBe('Rejected. (bad [key …3456])');
    expect(logged.stack).not.toContain(key);
    expect(redactLoggedError(`text ${key}`, key)).toBe('text [key …3456]');
  });
});
