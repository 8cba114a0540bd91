import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { StaffUsersService } from '@grants/accounts';
import { loadProfileFile, seedDemoRound, seedDemoUsers, seedProfile } from '@grants/seed';
import { DataSource } from 'typeorm';

export interface QuickStartDemo {
  funderName: string;
  roundId: string;
  roundTitle: string;
  users: { email: string; roles: string[]; password: string }[];
}

interface SavedCredential {
  email: string;
  password: string;
}

/**
 * The profile, a demo open round and demo officer accounts. Passwords exist only as hashes in the
 * database, so the ones made on the first start are kept in a git-ignored file under .data/ to be
 * printed again on later starts.
 */
export async function seedForQuickStart(
  dataSource: DataSource,
  accounts: StaffUsersService,
  profilePath: string,
  credentialsFile: string,
): Promise<QuickStartDemo> {
  const profile = loadProfileFile(profilePath);
  const seeded = await seedProfile(dataSource, profile);
  const round = await seedDemoRound(dataSource, profile, seeded);
  const saved: SavedCredential[] = existsSync(credentialsFile)
    ? (JSON.parse(readFileSync(credentialsFile, 'utf8')) as SavedCredential[])
    : [];
  const users = (await seedDemoUsers(accounts, profile.funder.contactEmail)).map((u) => ({
    email: u.email,
    roles: u.roles,
    password:
      u.password ??
      saved.find((s) => s.email === u.email)?.password ??
      '(set before; see the accounts API to reset)',
  }));
  writeFileSync(
    credentialsFile,
    JSON.stringify(
      users.map(({ email, password }) => ({ email, password })),
      null,
      2,
    ),
    {
      mode: 0o600,
    },
  );
  return { funderName: seeded.funderName, roundId: round.id, roundTitle: round.title, users };
}
