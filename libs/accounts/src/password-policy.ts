import { DomainError } from '@grants/common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// Long enough to pass the length rule yet guessed first by every attacker's word list.
const COMMON = new Set([
  'password1234',
  'password12345',
  'password123456',
  '123456789012',
  '1234567890123',
  'qwertyuiopas',
  'qwerty123456',
  'letmein12345',
  'iloveyou1234',
  'welcome12345',
  'passwordpassword',
  'aaaaaaaaaaaa',
  'abcdefghijkl',
  'abc123abc123',
]);

export interface PasswordContext {
  email?: string;
  displayName?: string;
}

/**
 * NCSC/NIST-style policy: length over composition rules; refuse the obvious (common passwords, one repeated
 * character, the account's own email). Returns the reasons the password is refused, empty when it is fine.
 */
export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  const lower = password.toLowerCase();
  if (length >= PASSWORD_MIN_LENGTH && new Set(lower).size <= 2) {
    problems.push('must not be one or two characters repeated');
  } else if (COMMON.has(lower)) {
    problems.push('is too common; choose something less guessable');
  }
  const email = context.email?.trim().toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0])) {
    problems.push('must not be your email address');
  }
  return problems;
}

/** The policy as a 400 on one request field. */
export function assertPasswordAllowed(field: string, password: string, email: string): void {
  const problems = passwordProblems(password, { email });
  if (problems.length) throw DomainError.invalid(problems.map((message) => ({ field, message })));
}
