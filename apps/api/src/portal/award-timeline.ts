import { TimelineEntry } from '@grants/applications';
import { formatPence } from '@grants/common';
import { longDate, roleName } from '../register-pages/presenters';

/** A timeline line as the page shows it. */
export interface TimelineLine {
  at: Date;
  what: string;
  who: string;
  reason: string | null;
  /** The email this line is about, to open and read. */
  emailId: string | null;
}

const WORDS: Record<string, string> = {
  'application.created': 'Application started',
  'application.draft_saved': 'Application saved',
  'application.answers_changed': 'Answers changed',
  'application.submitted': 'Application sent',
  'application.withdrawn': 'Application withdrawn',
  'application.screened': 'Application screened',
  'application.information_requested': 'More information asked for',
  'application.information_provided': 'More information sent',
  'application.document_uploaded': 'Document added',
  'application.document_deleted': 'Document removed',
  'application.recommended': 'Recommended to the approver',
  'application.awarded': 'Grant awarded',
  'application.refused': 'Application refused',
  'award.offered': 'Offer made',
  'award.accepted': 'Offer accepted',
  'award.declined': 'Offer declined',
  'award.lapsed': 'Offer lapsed',
  'award.condition_status_changed': 'Condition checked',
  'award.payment_recorded': 'Payment made',
  'award.return_recorded': 'Money returned',
  'award.varied': 'Grant varied',
  'award.revoked': 'Grant revoked',
  'award.completed': 'Grant completed',
  'award.publication-approved': 'Register entry approved',
  'award.publication-withdrawn': 'Register entry withdrawn',
  'conflict.declared': 'Conflict of interest declared',
  'conflict.none_declared': 'No conflict of interest declared',
  'assessment.assessors_assigned': 'Assessors assigned',
  'assessment.assessor_unassigned': 'Assessor removed',
  'assessment.saved': 'Assessment saved',
  'assessment.submitted': 'Assessment sent',
  'assessment.scores_viewed': 'Scores viewed',
  'eligibility.rule_overridden': 'Eligibility rule overridden',
};

const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** What the entry's details add, where the reader was given them (officers are; grant holders are not). */
function detail(e: TimelineEntry): string {
  const d = e.data ?? {};
  const pence = (key: string) => (typeof d[key] === 'number' ? formatPence(d[key]) : null);
  if (e.action === 'award.payment_recorded' || e.action === 'award.return_recorded') {
    const amount = pence('amountPence');
    return amount ? `: ${amount}${typeof d.reference === 'string' ? `, ${d.reference}` : ''}` : '';
  }
  if (e.action === 'award.varied') {
    const changes = [
      d.fromAmountPence !== d.toAmountPence
        ? `amount ${pence('fromAmountPence')} to ${pence('toAmountPence')}`
        : '',
      d.fromEndDate !== d.toEndDate ? `end date ${longDate(d.fromEndDate)} to ${longDate(d.toEndDate)}` : '',
    ].filter((c) => c && !c.includes('null'));
    return changes.length ? `: ${changes.join('; ')}` : '';
  }
  if (e.action === 'award.offered') return pence('amountPence') ? ` of ${pence('amountPence')}` : '';
  if (e.action === 'award.condition_status_changed' && typeof d.position === 'number')
    return ` (condition ${d.position}: ${e.toStatus ?? ''})`;
  return '';
}

function what(e: TimelineEntry): string {
  const email = /^(staff-)?email\.(sent|failed)$/.exec(e.action);
  if (email) {
    const subject = typeof e.data?.subject === 'string' ? `: ${e.data.subject}` : '';
    const to = typeof e.data?.recipient === 'string' ? ` to ${e.data.recipient}` : '';
    return `${email[2] === 'sent' ? 'Email sent' : 'Email could not be sent'}${to}${subject}`;
  }
  const words = WORDS[e.action] ?? sentence(e.action.replace(/^[a-z-]+\./, '').replace(/[_-]/g, ' '));
  return words + detail(e);
}

function who(e: TimelineEntry): string {
  if (e.actor.role === 'system') return 'The grants service';
  const role = roleName(e.actor.role);
  return e.actor.displayName ? `${e.actor.displayName} (${role.toLowerCase()})` : role;
}

/** The application's and the award's trail as lines a person reads, in the order they happened. */
export function timelineLines(entries: readonly TimelineEntry[]): TimelineLine[] {
  return entries.map((e) => ({
    at: e.at,
    what: what(e),
    who: who(e),
    reason: e.reason,
    emailId: typeof e.data?.emailId === 'string' ? e.data.emailId : null,
  }));
}
