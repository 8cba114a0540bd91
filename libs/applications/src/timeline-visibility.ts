/**
 * What an applicant may read of its application's audit trail. Officers' internal steps (conflict
 * declarations, assessor assignments and scores, overridden eligibility rules) are not theirs to see, and
 * staff are named only by role: applicants never learn who assessed them.
 */
const STAFF_ONLY_ACTION_PREFIXES = [
  'conflict.',
  'assessment.',
  'eligibility.',
  'staff-email.',
  // The officer's approval of the register's wording: the register itself is what the applicant sees.
  'award.publication-',
];

/** Steps the applicant sees whose reason is an officer's own note (evidence seen, a payment's note). */
const STAFF_NOTE_ACTIONS = new Set([
  'award.condition_status_changed',
  'award.payment_recorded',
  'award.return_recorded',
]);

export function visibleToApplicant(action: string): boolean {
  return !STAFF_ONLY_ACTION_PREFIXES.some((prefix) => action.startsWith(prefix));
}

export function namedToApplicant(actorRole: string): boolean {
  return actorRole === 'applicant';
}

export function reasonShownToApplicant(action: string): boolean {
  return !STAFF_NOTE_ACTIONS.has(action);
}
