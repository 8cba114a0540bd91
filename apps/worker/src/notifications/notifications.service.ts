import { Injectable } from '@nestjs/common';
import { JobPayloads } from '@grants/jobs';
import {
  applicationRefusedEmail,
  applicationSubmittedEmail,
  assessmentAssignedOfficerEmail,
  eligibilityOutcomeEmail,
  FunderSignature,
  informationRequestedEmail,
  MailService,
  monitoringReportAcceptedEmail,
  monitoringReportChangesRequestedEmail,
  newSubmissionOfficerEmail,
  offerAcceptedEmail,
  offerLapsedEmail,
  offerMadeEmail,
  paymentMadeEmail,
  RenderedEmail,
} from '@grants/notifications';
import { FunderSignatures } from './funder-signature';
import { NotificationFacts, Recipient } from './notification-facts';
import { JobAttempt, JobOutcome, NotificationSender, SKIPPED } from './notification-sender';

/**
 * One handler per notification in the job contract. Each re-reads what it reports, so an email never
 * describes a state that has since changed (a withdrawn application gets no acknowledgement).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly facts: NotificationFacts,
    private readonly sender: NotificationSender,
    private readonly signatures: FunderSignatures,
    private readonly mail: MailService,
  ) {}

  private funder(): Promise<FunderSignature> {
    return this.signatures.get();
  }

  /** Everyone in the group hears; the timeline of the application shows each email. */
  private async toGroup(
    job: JobAttempt,
    applicationId: string,
    organisationId: string,
    render: (recipient: Recipient, funder: FunderSignature) => RenderedEmail,
  ): Promise<JobOutcome> {
    const funder = await this.funder();
    return this.sender.send({
      job,
      applicationId,
      audience: 'applicant',
      recipients: await this.facts.members(organisationId),
      render: (r) => render(r, funder),
    });
  }

  private applicationLink(id: string): string {
    return this.mail.link(`applications/${id}`, {});
  }

  async applicationSubmitted(
    job: JobAttempt,
    p: JobPayloads['notifications.application-submitted'],
  ): Promise<JobOutcome> {
    const app = await this.facts.application(p.applicationId);
    if (!app || app.status === 'withdrawn') return SKIPPED;
    const funder = await this.funder();
    const link = this.applicationLink(app.id);
    const toGroup = await this.sender.send({
      job,
      applicationId: app.id,
      audience: 'applicant',
      recipients: await this.facts.members(app.organisationId),
      render: (r) =>
        applicationSubmittedEmail({
          funder,
          recipientName: r.name,
          reference: app.reference,
          title: app.title ?? 'Untitled application',
          roundTitle: app.roundTitle,
          link,
        }),
    });
    const toOfficers = await this.sender.send({
      job,
      applicationId: app.id,
      audience: 'staff',
      recipients: await this.facts.officers(app.id),
      render: (r) =>
        newSubmissionOfficerEmail({
          funder,
          recipientName: r.name,
          reference: app.reference,
          title: app.title ?? 'Untitled application',
          organisationName: app.organisationName,
          amountPence: app.amountRequestedPence ?? 0,
          link,
        }),
    });
    return merge(toGroup, toOfficers);
  }

  async eligibilityOutcome(
    job: JobAttempt,
    p: JobPayloads['notifications.eligibility-outcome'],
  ): Promise<JobOutcome> {
    const [app, screening] = await Promise.all([
      this.facts.application(p.applicationId),
      this.facts.screening(p.applicationId),
    ]);
    if (!app || !screening) return SKIPPED;
    return this.toGroup(job, app.id, app.organisationId, (r, funder) =>
      eligibilityOutcomeEmail({
        funder,
        recipientName: r.name,
        reference: app.reference,
        title: app.title ?? 'Untitled application',
        outcome: screening.outcome,
        reasons: screening.reasons ? [screening.reasons] : [],
        link: this.applicationLink(app.id),
      }),
    );
  }

  async informationRequested(
    job: JobAttempt,
    p: JobPayloads['notifications.information-requested'],
  ): Promise<JobOutcome> {
    const [app, request] = await Promise.all([
      this.facts.application(p.applicationId),
      this.facts.informationRequest(p.requestId),
    ]);
    if (!app || !request || request.status !== 'open') return SKIPPED;
    return this.toGroup(job, app.id, app.organisationId, (r, funder) =>
      informationRequestedEmail({
        funder,
        recipientName: r.name,
        reference: app.reference,
        title: app.title ?? 'Untitled application',
        message: request.message,
        respondBy: null,
        fields: request.answers,
        link: this.applicationLink(app.id),
      }),
    );
  }

  async decisionMade(job: JobAttempt, p: JobPayloads['notifications.decision-made']): Promise<JobOutcome> {
    const [app, decision, award] = await Promise.all([
      this.facts.application(p.applicationId),
      this.facts.decision(p.applicationId),
      this.facts.awardForApplication(p.applicationId),
    ]);
    if (!app || !decision) return SKIPPED;
    const title = app.title ?? 'Untitled application';
    return this.toGroup(job, app.id, app.organisationId, (r, funder) =>
      decision.outcome === 'award' && award
        ? offerMadeEmail({
            funder,
            recipientName: r.name,
            reference: app.reference,
            title,
            amountPence: award.amountPence,
            conditions: decision.conditions,
            acceptanceDeadline: award.acceptanceDeadline,
            link: this.mail.link(`awards/${award.id}`, {}),
          })
        : applicationRefusedEmail({
            funder,
            recipientName: r.name,
            reference: app.reference,
            title,
            reasons: [decision.reasons],
            link: this.applicationLink(app.id),
          }),
    );
  }

  async offerAccepted(job: JobAttempt, p: JobPayloads['notifications.offer-accepted']): Promise<JobOutcome> {
    const award = await this.facts.award(p.awardId);
    if (!award) return SKIPPED;
    return this.toGroup(job, award.applicationId, award.organisationId, (r, funder) =>
      offerAcceptedEmail({
        funder,
        recipientName: r.name,
        reference: award.reference,
        amountPence: award.amountPence,
        link: this.mail.link(`awards/${award.id}`, {}),
      }),
    );
  }

  async offerLapsed(job: JobAttempt, p: JobPayloads['notifications.offer-lapsed']): Promise<JobOutcome> {
    const award = await this.facts.award(p.awardId);
    if (!award || award.status !== 'lapsed') return SKIPPED;
    return this.toGroup(job, award.applicationId, award.organisationId, (r, funder) =>
      offerLapsedEmail({
        funder,
        recipientName: r.name,
        reference: award.reference,
        amountPence: award.amountPence,
        acceptanceDeadline: award.acceptanceDeadline,
        link: this.mail.link(`awards/${award.id}`, {}),
      }),
    );
  }

  /** The officer's verdict on a monitoring report: accepted, or sent back with the officer's comments. */
  async monitoringReportReviewed(
    job: JobAttempt,
    p: JobPayloads['notifications.monitoring-report-reviewed'],
  ): Promise<JobOutcome> {
    const report = await this.facts.monitoringReport(p.reportId);
    // A later review (or a resubmission) overtook this one: its email would be out of date.
    if (!report || report.status !== p.outcome) return SKIPPED;
    const reportTitle = report.kind === 'final' ? 'final monitoring report' : 'interim monitoring report';
    return this.toGroup(job, report.application_id, report.organisation_id, (r, funder) =>
      p.outcome === 'accepted'
        ? monitoringReportAcceptedEmail({
            funder,
            recipientName: r.name,
            reference: report.reference,
            reportTitle,
            link: this.mail.link(`awards/${report.award_id}`, {}),
          })
        : monitoringReportChangesRequestedEmail({
            funder,
            recipientName: r.name,
            reference: report.reference,
            reportTitle,
            message: report.review_comments ?? '',
            link: this.mail.link(`monitoring-reports/${report.id}`, {}),
          }),
    );
  }

  async paymentMade(job: JobAttempt, p: JobPayloads['notifications.payment-made']): Promise<JobOutcome> {
    const payment = await this.facts.payment(p.paymentId);
    const award = payment ? await this.facts.award(payment.awardId) : null;
    if (!payment || !award) return SKIPPED;
    return this.toGroup(job, award.applicationId, award.organisationId, (r, funder) =>
      paymentMadeEmail({
        funder,
        recipientName: r.name,
        reference: award.reference,
        amountPence: payment.amountPence,
        paidOn: payment.paidOn,
        link: this.mail.link(`awards/${award.id}`, {}),
      }),
    );
  }

  async assessorAssigned(
    job: JobAttempt,
    p: JobPayloads['notifications.assessor-assigned'],
  ): Promise<JobOutcome> {
    const [app, assessor] = await Promise.all([
      this.facts.application(p.applicationId),
      this.facts.user(p.assessorUserId),
    ]);
    if (!app || !assessor) return SKIPPED;
    const funder = await this.funder();
    return this.sender.send({
      job,
      applicationId: app.id,
      audience: 'staff',
      recipients: [assessor],
      render: (r) =>
        assessmentAssignedOfficerEmail({
          funder,
          recipientName: r.name,
          reference: app.reference,
          title: app.title ?? 'Untitled application',
          organisationName: app.organisationName,
          link: this.applicationLink(app.id),
        }),
    });
  }
}

function merge(a: JobOutcome, b: JobOutcome): JobOutcome {
  const sent = a.sent + b.sent;
  const failed = a.failed + b.failed;
  return { outcome: sent + failed ? 'done' : 'skipped', sent, failed, skipped: a.skipped + b.skipped };
}
