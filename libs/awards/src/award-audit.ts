/** Every award entry is on the award's own trail; the application's timeline records the decision itself. */
export const AWARD_AUDIT_SUBJECT = 'award';
