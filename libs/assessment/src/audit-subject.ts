import { APPLICATION_AUDIT_SUBJECT } from '@grants/applications';

/**
 * Screening and assessment are written on the application's own audit trail, so officers read one timeline;
 * the timeline keeps the conflict.* and assessment.* entries from applicants (libs/applications/src/timeline-visibility.ts).
 */
export const ASSESSMENT_AUDIT_SUBJECT = APPLICATION_AUDIT_SUBJECT;
