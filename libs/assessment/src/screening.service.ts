import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import { ApplicationAccess, ApplicationTransitions, assertNoConflict } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { Clock, DomainError, ErrorCode, trimToNull } from '@grants/common';
import { inTransaction } from '@grants/database';
import { EligibilityService } from '@grants/eligibility';
import { NotificationJob, Outbox } from '@grants/jobs';
import { DataSource } from 'typeorm';
import { ASSESSMENT_AUDIT_SUBJECT } from './audit-subject';
import { RuleOverride, screen, ScreenedRule, ScreeningOutcome } from './screening-rules';
import { Screening } from './screening.entity';

export interface ScreeningCommand {
  outcome: ScreeningOutcome;
  reasons?: string;
  overrides?: RuleOverride[];
}

export interface ScreeningView {
  id: string;
  applicationId: string;
  outcome: ScreeningOutcome;
  reasons: string | null;
  screenedAt: Date;
  /** The rules as screened. Applicants see each rule's outcome and the automatic reason, not the overrides' reasons. */
  rules: (Omit<ScreenedRule, 'overrideReason'> & { overrideReason?: string | null })[];
  /** Officers only. */
  eligibilityResultId?: string;
  screenedBy?: string;
}

/** An officer reviews the eligibility snapshot, overrides rules with reasons, and records eligible or ineligible. */
@Injectable()
export class ScreeningService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly transitions: ApplicationTransitions,
    private readonly eligibility: EligibilityService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  async screen(user: AuthUser, applicationId: string, cmd: ScreeningCommand): Promise<ScreeningView> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.access.forOfficer(em, user, applicationId);
      const to = cmd.outcome === 'eligible' ? 'in_assessment' : 'ineligible';
      if (application.status !== 'submitted') {
        throw new DomainError(
          ErrorCode.InvalidTransition,
          `The application is ${application.status}; only a submitted application can be screened`,
          { currentStatus: application.status, requestedStatus: to, allowedStatuses: [] },
        );
      }
      await assertNoConflict(em, applicationId, user.id, 'screen it');
      const latest = await this.eligibility.latestFor(em, applicationId);
      // Submission stores a snapshot in the same transaction, so a submitted application always has one.
      if (!latest)
        throw new Error(`invariant broken: submitted application ${applicationId} has no eligibility result`);
      const reasons = trimToNull(cmd.reasons) ?? null;
      const { rules, problems } = screen(latest.results, cmd.overrides ?? [], cmd.outcome, reasons);
      if (problems.length) throw DomainError.rule('The screening cannot be recorded as it stands', problems);

      const now = this.clock.now();
      const screening = await em.save(
        em.create(Screening, {
          applicationId,
          eligibilityResultId: latest.id,
          outcome: cmd.outcome,
          reasons,
          overrides: rules,
          screenedBy: user.id,
          screenedAt: now,
        }),
      );
      const actor = actorFrom(user, Role.Officer);
      // Each override is its own entry, beside the automatic result it replaced.
      for (const r of rules.filter((x) => x.overridden)) {
        await this.audit.record(em, {
          actor,
          subjectType: ASSESSMENT_AUDIT_SUBJECT,
          subjectId: applicationId,
          action: 'eligibility.rule_overridden',
          reason: r.overrideReason,
          data: {
            screeningId: screening.id,
            eligibilityResultId: latest.id,
            rule: r.rule,
            automaticOutcome: r.automaticOutcome,
            automaticReason: r.automaticReason,
            outcome: r.outcome,
          },
        });
      }
      await this.transitions.move(em, {
        application,
        to,
        actor,
        action: 'application.screened',
        reason: reasons,
        data: {
          screeningId: screening.id,
          outcome: cmd.outcome,
          eligibilityResultId: latest.id,
          overriddenRules: rules.filter((x) => x.overridden).map((x) => x.rule),
        },
      });
      await this.outbox.add(em, {
        name: NotificationJob.EligibilityOutcome,
        payload: { applicationId },
        key: [screening.id],
      });
      return viewOf(screening, true);
    });
  }

  async get(user: AuthUser, applicationId: string): Promise<ScreeningView> {
    return inTransaction(this.dataSource, async (em) => {
      const { member } = await this.access.readable(em, user, applicationId);
      const screening = await em.findOne(Screening, { where: { applicationId } });
      if (!screening) throw DomainError.notFound('The screening');
      return viewOf(screening, !member);
    });
  }
}

function viewOf(s: Screening, officer: boolean): ScreeningView {
  return {
    id: s.id,
    applicationId: s.applicationId,
    outcome: s.outcome,
    reasons: s.reasons,
    screenedAt: s.screenedAt,
    rules: s.overrides.map((r) => {
      if (officer) return r;
      const { overrideReason: _internal, ...rest } = r;
      return rest;
    }),
    ...(officer ? { eligibilityResultId: s.eligibilityResultId, screenedBy: s.screenedBy } : {}),
  };
}
