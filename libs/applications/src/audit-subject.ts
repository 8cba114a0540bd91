/** One subject type for every application audit entry, so the timeline finds them all with one query. */
export const APPLICATION_AUDIT_SUBJECT = 'application';
