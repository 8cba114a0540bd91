import { assertTransition, DomainError, ErrorCode, StatusMachine } from '@grants/common';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'in_assessment',
  'information_requested',
  'recommended',
  'awarded',
  'refused',
  'ineligible',
  'withdrawn',
] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Where an information request can come from, and so where the applicant's response returns it. */
export type InformationReturnStatus = 'submitted' | 'in_assessment';

/**
 * draft → submitted → in_assessment → recommended → awarded | refused; submitted → ineligible (screening);
 * submitted | in_assessment → information_requested → back where it came from; withdrawn from anything
 * before a decision. Awarded, refused, ineligible and withdrawn are final.
 */
export const APPLICATION_MACHINE: StatusMachine<ApplicationStatus> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['in_assessment', 'ineligible', 'information_requested', 'withdrawn'],
  in_assessment: ['recommended', 'information_requested', 'withdrawn'],
  information_requested: ['submitted', 'in_assessment', 'withdrawn'],
  recommended: ['awarded', 'refused', 'withdrawn'],
  awarded: [],
  refused: [],
  ineligible: [],
  withdrawn: [],
};

/** Statuses in which the applicant may still change its answers (information_requested: only reopened ones). */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['draft'];

/**
 * Checks a move, including the one rule the table cannot hold: leaving information_requested (other than by
 * withdrawal) must return to the status the request interrupted. Throws the 409-class error otherwise.
 */
export function assertApplicationTransition(
  from: ApplicationStatus,
  to: ApplicationStatus,
  returnTo: InformationReturnStatus | null = null,
): void {
  assertTransition(APPLICATION_MACHINE, 'application', from, to);
  if (from === 'information_requested' && to !== 'withdrawn') {
    if (returnTo === null || to !== returnTo) {
      throw new DomainError(
        ErrorCode.InvalidTransition,
        `The application is information_requested; it returns to ${returnTo ?? 'the status it came from'}, not ${to}`,
        {
          currentStatus: from,
          requestedStatus: to,
          allowedStatuses: returnTo ? [returnTo, 'withdrawn'] : ['withdrawn'],
        },
      );
    }
  }
}

/** Where an information request may be raised, and the status to return to afterwards. */
export function informationReturnStatus(from: ApplicationStatus): InformationReturnStatus {
  if (from === 'submitted' || from === 'in_assessment') return from;
  assertTransition(APPLICATION_MACHINE, 'application', from, 'information_requested');
  throw new Error('unreachable');
}
