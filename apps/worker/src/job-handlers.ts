import { Injectable } from '@nestjs/common';
import { JOB_NAMES, JobName, JobPayloads, NotificationJob, RegisterJob, ReminderJob } from '@grants/jobs';
import {
  MonthlyPublication,
  PublishedDecisions,
  PublishedOutcomes,
  RegisterPublisher,
} from '@grants/register';
import { NotificationsService } from './notifications/notifications.service';
import { JobAttempt } from './notifications/notification-sender';
import { RemindersService } from './reminders/reminders.service';

/** A processor is a switch over the job contract; the work lives in services. */
@Injectable()
export class JobHandlers {
  readonly byName: Record<JobName, (attempt: JobAttempt, payload: unknown) => Promise<object>>;

  constructor(
    notifications: NotificationsService,
    reminders: RemindersService,
    register: RegisterPublisher,
    decisions: PublishedDecisions,
    monthly: MonthlyPublication,
    outcomes: PublishedOutcomes,
  ) {
    const on =
      <N extends JobName>(
        fn: (attempt: JobAttempt, payload: JobPayloads[N]) => Promise<object>,
      ): ((attempt: JobAttempt, payload: unknown) => Promise<object>) =>
      (attempt, payload) =>
        fn(attempt, payload as JobPayloads[N]);
    this.byName = {
      [NotificationJob.ApplicationSubmitted]: on<'notifications.application-submitted'>((a, p) =>
        notifications.applicationSubmitted(a, p),
      ),
      [NotificationJob.EligibilityOutcome]: on<'notifications.eligibility-outcome'>((a, p) =>
        notifications.eligibilityOutcome(a, p),
      ),
      [NotificationJob.InformationRequested]: on<'notifications.information-requested'>((a, p) =>
        notifications.informationRequested(a, p),
      ),
      [NotificationJob.DecisionMade]: on<'notifications.decision-made'>((a, p) =>
        notifications.decisionMade(a, p),
      ),
      [NotificationJob.OfferAccepted]: on<'notifications.offer-accepted'>((a, p) =>
        notifications.offerAccepted(a, p),
      ),
      [NotificationJob.OfferLapsed]: on<'notifications.offer-lapsed'>((a, p) =>
        notifications.offerLapsed(a, p),
      ),
      [NotificationJob.PaymentMade]: on<'notifications.payment-made'>((a, p) =>
        notifications.paymentMade(a, p),
      ),
      [NotificationJob.AssessorAssigned]: on<'notifications.assessor-assigned'>((a, p) =>
        notifications.assessorAssigned(a, p),
      ),
      [NotificationJob.MonitoringReportReviewed]: on<'notifications.monitoring-report-reviewed'>((a, p) =>
        notifications.monitoringReportReviewed(a, p),
      ),
      [ReminderJob.Plan]: on<'reminders.plan'>((_a, p) => reminders.plan(p)),
      [ReminderJob.Send]: on<'reminders.send'>((a, p) => reminders.send(a, p)),
      [ReminderJob.LapseOffer]: on<'reminders.lapse-offer'>((_a, p) => reminders.lapseOffer(p)),
      [ReminderJob.Sweep]: on<'reminders.sweep'>(() => reminders.sweep()),
      [RegisterJob.PublishGrant]: on<'register.publish-grant'>(async (_a, p) => ({
        outcome: await register.publishGrant(p.awardId),
      })),
      [RegisterJob.PublishDecision]: on<'register.publish-decision'>(async (_a, p) => ({
        outcome: await decisions.publish(p.decisionId),
      })),
      [RegisterJob.PublishOutcomes]: on<'register.publish-outcomes'>(async (_a, p) => ({
        outcome: await outcomes.publish(p.awardId),
      })),
      [RegisterJob.MonthlyPublication]: on<'register.monthly-publication'>(async () => ({
        months: await monthly.publishFinishedMonths(),
      })),
    };
  }

  /** Job names in the contract that nothing here handles; the worker will not boot with any. */
  missing(): string[] {
    return Object.values(JOB_NAMES)
      .flat()
      .filter((name) => typeof this.byName[name] !== 'function');
  }
}
