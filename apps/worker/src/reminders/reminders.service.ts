import { Injectable, Logger } from '@nestjs/common';
import { calendarDateIn, Clock, daysBetween } from '@grants/common';
import { JobPayloads, JobQueues, QueueName, ReminderSubjectType } from '@grants/jobs';
import {
  MailService,
  monitoringReportDueEmail,
  offerReminderEmail,
  reportOverdueEscalationEmail,
  roundClosingSoonEmail,
} from '@grants/notifications';
import { OffersService } from '@grants/awards';
import { FunderSignatures } from '../notifications/funder-signature';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { NotificationFacts } from '../notifications/notification-facts';
import { JobAttempt, JobOutcome, NotificationSender, SKIPPED } from '../notifications/notification-sender';
import { ReminderFacts } from './reminder-facts';
import {
  dueNow,
  monitoringSchedule,
  offerSchedule,
  PlannedJob,
  REMINDER_TIME_ZONE,
  roundSchedule,
} from './reminder-schedule';

/** A delayed job can fire a moment before its time by the worker's clock; this much early still counts. */
const EARLY_TOLERANCE_MS = 60_000;
/** Dispatched outbox rows are kept this long as the record of what left, then swept away. */
const OUTBOX_RETENTION_DAYS = 30;

export interface PlanOutcome {
  scheduled: number;
  removed: number;
}

/**
 * Reminders and deadlines, derived every time from PostgreSQL. Planning a subject computes what it is
 * owed and makes Redis match: due jobs queued now, future ones delayed to their time, withdrawn ones
 * removed. The daily sweep plans every subject, so a flushed Redis or a missed tick loses nothing;
 * sending re-checks the schedule, so a stale job (its date moved, its offer answered) does nothing.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly facts: ReminderFacts,
    private readonly people: NotificationFacts,
    private readonly sender: NotificationSender,
    private readonly signatures: FunderSignatures,
    private readonly mail: MailService,
    private readonly offers: OffersService,
    private readonly queues: JobQueues,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  async plan(p: JobPayloads['reminders.plan']): Promise<PlanOutcome> {
    const { planned, possible } = await this.schedule(p.subjectType, p.subjectId);
    const now = this.clock.now();
    const owed = new Set(dueNow(planned, now).map((j) => j.jobId));
    let scheduled = 0;
    for (const job of planned) {
      if (job.fireAt <= now && !owed.has(job.jobId)) continue; // superseded by a later reminder
      if (await this.ensure(job, now)) scheduled++;
    }
    let removed = 0;
    const keep = new Set(planned.map((j) => j.jobId));
    for (const id of possible.filter((x) => !keep.has(x))) {
      const job = await this.queue().getJob(id);
      if (job && ['delayed', 'waiting', 'prioritized'].includes(await job.getState())) {
        // It may have started meanwhile (then it re-checks the schedule and does nothing).
        if (
          await job.remove().then(
            () => true,
            () => false,
          )
        )
          removed++;
      }
    }
    return { scheduled, removed };
  }

  async send(job: JobAttempt, p: JobPayloads['reminders.send']): Promise<JobOutcome> {
    const owedNow = (planned: PlannedJob[]): boolean =>
      dueNow(planned, new Date(this.clock.now().getTime() + EARLY_TOLERANCE_MS)).some(
        (j) => j.jobId === job.id,
      );
    if (p.subjectType === 'offer') {
      // One read of the award and its group serves both the schedule check and the email.
      const found = await this.people.awardWithMembers(p.subjectId);
      if (!found || !owedNow(offerSchedule({ ...found.award, awardId: found.award.id }))) return SKIPPED;
      const { award, members } = found;
      const from = await this.signatures.get();
      const today = calendarDateIn(this.clock.now(), REMINDER_TIME_ZONE);
      return this.sender.send({
        job,
        applicationId: award.applicationId,
        audience: 'applicant',
        recipients: members,
        render: (r) =>
          offerReminderEmail({
            funder: from,
            recipientName: r.name,
            reference: award.reference,
            amountPence: award.amountPence,
            acceptanceDeadline: award.acceptanceDeadline,
            daysLeft: Math.max(0, daysBetween(today, award.acceptanceDeadline)),
            link: this.mail.link(`awards/${award.id}`, {}),
          }),
      });
    }
    if (!owedNow((await this.schedule(p.subjectType, p.subjectId)).planned)) return SKIPPED;
    const from = await this.signatures.get();
    if (p.subjectType === 'monitoring-report') return this.sendMonitoring(job, p, from);
    // Round closing: each group hears once, about its own drafts.
    const [round, title, drafts] = await Promise.all([
      this.facts.round(p.subjectId),
      this.facts.roundTitle(p.subjectId),
      this.facts.draftsInRound(p.subjectId),
    ]);
    if (!round || !title) return SKIPPED;
    const byOrganisation = new Map<string, typeof drafts>();
    for (const d of drafts)
      byOrganisation.set(d.organisationId, [...(byOrganisation.get(d.organisationId) ?? []), d]);
    let total: JobOutcome = SKIPPED;
    for (const [organisationId, own] of byOrganisation) {
      const outcome = await this.sender.send({
        job: { id: `${job.id}.${organisationId}`, finalAttempt: job.finalAttempt },
        applicationId: own[0]!.applicationId,
        audience: 'applicant',
        recipients: await this.people.members(organisationId),
        render: (r) =>
          roundClosingSoonEmail({
            funder: from,
            recipientName: r.name,
            roundTitle: title,
            closesAt: round.closesAt.toISOString(),
            drafts: own.map((d) => ({ reference: d.reference, title: d.title })),
            link: this.mail.link(`applications/${own[0]!.applicationId}`, {}),
          }),
      });
      total = {
        outcome: total.outcome === 'done' || outcome.outcome === 'done' ? 'done' : 'skipped',
        sent: total.sent + outcome.sent,
        failed: total.failed + outcome.failed,
        skipped: total.skipped + outcome.skipped,
      };
    }
    return total;
  }

  /** A monitoring report's reminder to the group, or (with the second overdue reminder) its escalation to officers. */
  private async sendMonitoring(
    job: JobAttempt,
    p: JobPayloads['reminders.send'],
    from: Awaited<ReturnType<FunderSignatures['get']>>,
  ): Promise<JobOutcome> {
    const report = await this.facts.monitoringReport(p.subjectId);
    if (!report) return SKIPPED;
    const reportTitle = report.kind === 'final' ? 'final monitoring report' : 'interim monitoring report';
    const link = this.mail.link(`monitoring-reports/${report.reportId}`, {});
    if (p.kind === 'monitoring-escalation') {
      return this.sender.send({
        job,
        applicationId: report.applicationId,
        audience: 'staff',
        recipients: await this.people.officers(report.applicationId),
        render: (r) =>
          reportOverdueEscalationEmail({
            funder: from,
            recipientName: r.name,
            reference: report.reference,
            organisationName: report.organisationName,
            reportTitle,
            dueOn: report.dueOn,
            link,
          }),
      });
    }
    const stage =
      p.kind === 'monitoring-upcoming' ? 'upcoming' : p.kind === 'monitoring-due' ? 'due' : 'overdue';
    return this.sender.send({
      job,
      applicationId: report.applicationId,
      audience: 'applicant',
      recipients: await this.people.members(report.organisationId),
      render: (r) =>
        monitoringReportDueEmail({
          funder: from,
          recipientName: r.name,
          reference: report.reference,
          reportTitle,
          dueOn: report.dueOn,
          stage,
          link,
        }),
    });
  }

  /** The deadline: lapses the offer (releasing its commitment) if it is still unanswered on that deadline. */
  async lapseOffer(p: JobPayloads['reminders.lapse-offer']): Promise<{ outcome: 'lapsed' | 'skipped' }> {
    const offer = await this.facts.offer(p.awardId);
    if (!offer || offer.status !== 'offered' || offer.acceptanceDeadline !== p.deadline)
      return { outcome: 'skipped' };
    return { outcome: await this.offers.lapse(p.awardId) };
  }

  /** The daily catch-up: every open offer and every round still to close is planned again. */
  async sweep(): Promise<{
    offers: number;
    rounds: number;
    monitoringReports: number;
    scheduled: number;
    outboxRowsPruned: number;
  }> {
    const now = this.clock.now();
    let scheduled = 0;
    const offers = await this.facts.openOffers();
    for (const o of offers)
      scheduled += (await this.plan({ subjectType: 'offer', subjectId: o.awardId })).scheduled;
    const rounds = await this.facts.roundsClosingAfter(now);
    for (const r of rounds)
      scheduled += (await this.plan({ subjectType: 'round', subjectId: r.roundId })).scheduled;
    const reports = await this.facts.outstandingMonitoringReports();
    for (const r of reports)
      scheduled += (await this.plan({ subjectType: 'monitoring-report', subjectId: r.reportId })).scheduled;
    const pruned = (await this.dataSource.query(
      `DELETE FROM outbox_messages WHERE dispatched_at < now() - make_interval(days => $1)`,
      [OUTBOX_RETENTION_DAYS],
    )) as [unknown, number];
    const outcome = {
      offers: offers.length,
      rounds: rounds.length,
      monitoringReports: reports.length,
      scheduled,
      outboxRowsPruned: pruned[1] ?? 0,
    };
    this.logger.log(outcome, 'reminder sweep finished');
    return outcome;
  }

  private async schedule(
    type: ReminderSubjectType,
    id: string,
  ): Promise<{ planned: PlannedJob[]; possible: string[] }> {
    switch (type) {
      case 'offer': {
        const offer = await this.facts.offer(id);
        if (!offer) return { planned: [], possible: [] };
        return {
          planned: offerSchedule(offer),
          possible: offerSchedule({ ...offer, status: 'offered' }).map((j) => j.jobId),
        };
      }
      case 'round': {
        const round = await this.facts.round(id);
        if (!round) return { planned: [], possible: [] };
        return {
          planned: roundSchedule(round),
          possible: roundSchedule({ ...round, publishedAt: round.publishedAt ?? new Date(0) }).map(
            (j) => j.jobId,
          ),
        };
      }
      case 'monitoring-report': {
        const report = await this.facts.monitoringReport(id);
        if (!report) return { planned: [], possible: [] };
        const now = this.clock.now();
        return {
          planned: monitoringSchedule(report, now),
          possible: monitoringSchedule({ ...report, outstanding: true }, now).map((j) => j.jobId),
        };
      }
      default:
        // A job from a newer or corrupted producer: retrying cannot help, so it waits for an operator.
        throw new UnrecoverableError(`no reminders are planned for subjects of type "${String(type)}"`);
    }
  }

  /**
   * Makes Redis hold the job: queued now if due (promoting a delayed copy), otherwise delayed to its time
   * (moving a copy whose time has changed). A copy that failed for good is retried once its time has come:
   * a deadline must not wait a fortnight for an operator.
   */
  private async ensure(job: PlannedJob, now: Date): Promise<boolean> {
    const delay = Math.max(0, job.fireAt.getTime() - now.getTime());
    const existing = await this.queue().getJob(job.jobId);
    if (!existing) {
      await this.queue().add(job.name, job.payload, { jobId: job.jobId, delay });
      return true;
    }
    const state = await existing.getState();
    // Another replica may move the same job between our read and our write; its move is as good as ours.
    const tolerate = (work: Promise<void>): Promise<boolean> =>
      work.then(
        () => true,
        () => false,
      );
    if (state === 'delayed' && delay === 0) return tolerate(existing.promote());
    // Its date moved within the same due day (a round's closing hour, say): move the timer with it.
    const runsAt = existing.timestamp + (existing.delay ?? 0);
    if (state === 'delayed' && Math.abs(runsAt - (Date.now() + delay)) > 1000) {
      return tolerate(existing.changeDelay(delay));
    }
    if (state === 'failed' && delay === 0)
      return tolerate(existing.retry('failed', { resetAttemptsMade: true }));
    return false;
  }

  private queue() {
    return this.queues.get(QueueName.Reminders);
  }
}
