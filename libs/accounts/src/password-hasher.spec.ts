import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('checks unknown emails against a hash as costly as a real one', () => {
    // A change to the options must come with a new DUMMY_HASH, or unknown emails would answer faster.
    expect(hasher.needsRehash(DUMMY_HASH)).toBe(false);
  });

  it('never lets verifyNothing succeed', async () => {
    await expect(hasher.verifyNothing('any password')).resolves.toBe(false);
  });
});
