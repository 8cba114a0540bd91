import { Injectable } from '@nestjs/common';
import { FunderSignature } from '@grants/notifications';
import { ProfileService } from '@grants/profile';

const TTL_MS = 60_000;

/**
 * The funder's name and contact for every email's signature. It changes only when the profile is
 * re-seeded, so each replica reads it once a minute rather than once per email.
 */
@Injectable()
export class FunderSignatures {
  private cached?: { value: Promise<FunderSignature>; until: number };

  constructor(private readonly profile: ProfileService) {}

  get(): Promise<FunderSignature> {
    const now = Date.now();
    if (!this.cached || this.cached.until <= now) {
      const value = this.profile.funder().then((f) => ({ name: f.name, contactEmail: f.contactEmail }));
      value.catch(() => (this.cached = undefined));
      this.cached = { value, until: now + TTL_MS };
    }
    return this.cached.value;
  }
}
