import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy';

describe('password policy', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('🔒🔒🔒🔒🔒🔒ab🔑cdx')).toEqual([]);
    expect(passwordProblems('🔒🔒🔒🔒🔒🔒')).toContain('must be at least 12 characters');
  });

  it('refuses short and over-long passwords', () => {
    expect(passwordProblems('short')).toEqual(['must be at least 12 characters']);
    expect(passwordProblems('abc1'.repeat(65))).toEqual(['must be at most 256 characters']);
  });

  it('refuses common and repetitive passwords', () => {
    expect(passwordProblems('Password1234')).toEqual(['is too common; choose something less guessable']);
    expect(passwordProblems('zzzzzzzzzzzzzz')).toEqual(['must not be one or two characters repeated']);
    expect(passwordProblems('abababababab')).toEqual(['must not be one or two characters repeated']);
  });

  it('refuses the account email or its local part', () => {
    expect(passwordProblems('someone.long@example.org', { email: 'Someone.Long@example.org' })).toEqual([
      'must not be your email address',
    ]);
    expect(passwordProblems('someone.longname', { email: 'someone.longname@example.org' })).toEqual([
      'must not be your email address',
    ]);
  });
});
