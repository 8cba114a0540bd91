/**
 * The job contract: every queue, every job name and what its payload carries. Payloads carry ids;
 * PostgreSQL holds the state, and handlers re-read it, so a job that runs late or twice does the right
 * thing. The worker refuses to boot if any name here has no handler.
 */
export const QueueName = {
  Notifications: 'notifications',
  Reminders: 'reminders',
  Register: 'register',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const NotificationJob = {
  ApplicationSubmitted: 'notifications.application-submitted',
  EligibilityOutcome: 'notifications.eligibility-outcome',
  InformationRequested: 'notifications.information-requested',
  DecisionMade: 'notifications.decision-made',
  OfferAccepted: 'notifications.offer-accepted',
  OfferLapsed: 'notifications.offer-lapsed',
  PaymentMade: 'notifications.payment-made',
  AssessorAssigned: 'notifications.assessor-assigned',
  MonitoringReportReviewed: 'notifications.monitoring-report-reviewed',
} as const;
export type NotificationJob = (typeof NotificationJob)[keyof typeof NotificationJob];

export const ReminderJob = {
  /** Re-derives one subject's reminders and deadlines from PostgreSQL and schedules what is missing. */
  Plan: 'reminders.plan',
  /** Sends one reminder (kind, subject, due date), if it is still owed. */
  Send: 'reminders.send',
  /** Lapses an offer whose acceptance deadline has passed. */
  LapseOffer: 'reminders.lapse-offer',
  /** The daily catch-up: plans every subject, so nothing waits on a lost delayed job. */
  Sweep: 'reminders.sweep',
} as const;
export type ReminderJob = (typeof ReminderJob)[keyof typeof ReminderJob];

export const RegisterJob = {
  /** Makes an award's register entry match what may be published now: publish, correct, withdraw or nothing. */
  PublishGrant: 'register.publish-grant',
  /** Adds a decision (award or refusal) to the published decisions. */
  PublishDecision: 'register.publish-decision',
  /** Records each finished month's publication (added, changed, withdrawn) and its file. */
  MonthlyPublication: 'register.monthly-publication',
  /** Copies an award's accepted monitoring figures and consented, anonymised case studies to the register. */
  PublishOutcomes: 'register.publish-outcomes',
} as const;
export type RegisterJob = (typeof RegisterJob)[keyof typeof RegisterJob];

export type JobName = NotificationJob | ReminderJob | RegisterJob;

/** Things reminders are about. Monitoring reports arrive with the monitoring capability. */
export type ReminderSubjectType = 'offer' | 'round' | 'monitoring-report';

export type ReminderKind =
  | 'offer-7-days'
  | 'offer-1-day'
  | 'round-closing'
  | 'monitoring-upcoming'
  | 'monitoring-due'
  | 'monitoring-overdue'
  | 'monitoring-escalation';

export interface JobPayloads {
  'notifications.application-submitted': { applicationId: string; version: number };
  'notifications.eligibility-outcome': { applicationId: string };
  'notifications.information-requested': { applicationId: string; requestId: string };
  'notifications.decision-made': { applicationId: string };
  'notifications.offer-accepted': { awardId: string };
  'notifications.offer-lapsed': { awardId: string };
  'notifications.payment-made': { paymentId: string };
  'notifications.assessor-assigned': { applicationId: string; assessorUserId: string };
  'notifications.monitoring-report-reviewed': { reportId: string; outcome: 'accepted' | 'changes_requested' };
  'reminders.plan': { subjectType: ReminderSubjectType; subjectId: string };
  'reminders.send': {
    kind: ReminderKind;
    subjectType: ReminderSubjectType;
    subjectId: string;
    dueOn: string;
  };
  'reminders.lapse-offer': { awardId: string; deadline: string };
  'reminders.sweep': Record<string, never>;
  'register.publish-grant': { awardId: string };
  'register.publish-decision': { decisionId: string };
  'register.monthly-publication': Record<string, never>;
  'register.publish-outcomes': { awardId: string };
}

export const JOB_NAMES: Record<QueueName, readonly JobName[]> = {
  [QueueName.Notifications]: Object.values(NotificationJob),
  [QueueName.Reminders]: Object.values(ReminderJob),
  [QueueName.Register]: Object.values(RegisterJob),
};

export function queueOf(name: JobName): QueueName {
  return name.slice(0, name.indexOf('.')) as QueueName;
}
