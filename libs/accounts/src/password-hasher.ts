import { Injectable } from '@nestjs/common';
import { argon2id, hash, needsRehash, verify } from 'argon2';

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): strong, and cheap enough for 2-core hosts. */
const OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * What verifyNothing checks against: a hash made once, with OPTIONS, of random bytes nobody kept. Hashing
 * one at boot instead freed 19 MiB of argon2 memory, after which glibc keeps freed blocks below that size
 * instead of returning them, and the API sat 5–10 MiB larger at rest (bench/README.md).
 */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$sNzkchaMdAzxBP+4QtZbeg$HvZPUbaaFjaG3VCrTWvSw42z8ZLAojsQP4a/8PFQsGs';

@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash is a failed sign-in, not a 500.
      return false;
    }
  }

  needsRehash(passwordHash: string): boolean {
    return needsRehash(passwordHash, OPTIONS);
  }

  /**
   * Spends the same time as a real check, for emails with no account (or no password yet), so the
   * response time does not tell an attacker which emails are registered.
   */
  async verifyNothing(password: string): Promise<false> {
    await this.verify(DUMMY_HASH, password);
    return false;
  }
}
