/** Emails compare case-insensitively; the whole address is lower-cased (what users expect, though RFC 5321 allows case in the local part). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
