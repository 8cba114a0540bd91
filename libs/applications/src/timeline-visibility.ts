/**
 * What an applicant may read of its application's audit trail. Officers' internal steps (conflict
 * declarations, assessor assignments and scores, overridden eligibility rules) are not theirs to see, and
 * staff are named only by role: applicants never learn who assessed them.
 */
const STAFF_ONLY_ACTION_PREFIXES = ['conflict.', 'assessment.', 'eligibility.', 'staff-email.'];

export function visibleToApplicant(action: string): boolean {
  return !STAFF_ONLY_ACTION_PREFIXES.some((prefix) => action.startsWith(prefix));
}

export function namedToApplicant(actorRole: string): boolean {
  return actorRole === 'applicant';
}
