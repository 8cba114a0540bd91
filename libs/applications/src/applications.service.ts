import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, isOfficer } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import {
  calendarDateIn,
  Clock,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  DomainError,
  ErrorCode,
  FieldError,
  isCalendarDate,
  Page,
  pageOf,
  Pence,
  trimToNull,
} from '@grants/common';
import { applyKeyset, inTransaction } from '@grants/database';
import { Organisation, OrganisationAccess } from '@grants/organisations';
import { PlansService } from '@grants/plans';
import { ProfileService } from '@grants/profile';
import { Round, roundPhase, RoundsService } from '@grants/rounds';
import { DataSource, EntityManager } from 'typeorm';
import {
  ApplicationAnswers,
  budgetTotalPence,
  Declarations,
  otherFundingTotalPence,
} from './application-answers';
import { ApplicationArea } from './application-area.entity';
import { ApplicationBudgetLine } from './application-budget-line.entity';
import { ApplicationMeasure } from './application-measure.entity';
import { ApplicationObjective } from './application-objective.entity';
import { ApplicationOtherFunding } from './application-other-funding.entity';
import { ApplicationStatus, assertApplicationTransition, EDITABLE_STATUSES } from './application-status';
import { ApplicationSubmission } from './application-submission.entity';
import { Application } from './application.entity';
import { CreateApplicationDto, UpdateApplicationDto } from './application.dto';
import { submissionErrors } from './submission-rules';

/** Reference numbers read CSF-<year created>-<sequence>: short enough to say on the phone. */
export const REFERENCE_PREFIX = 'CSF';
/** The funder's calendar: dates such as "today" for a start-date check are the UK's, not the server's. */
export const FUNDER_TIME_ZONE = 'Europe/London';

const SUBJECT = 'application';

export interface ApplicationView extends ApplicationAnswers {
  id: string;
  reference: string;
  organisationId: string;
  roundId: string;
  planVersionId: string;
  status: ApplicationStatus;
  budgetTotalPence: Pence;
  otherFundingTotalPence: Pence;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
}

export interface ApplicationSummary {
  id: string;
  reference: string;
  organisationId: string;
  organisationName: string;
  roundId: string;
  status: ApplicationStatus;
  title: string | null;
  amountRequestedPence: Pence | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
}

export interface TimelineEntry {
  at: Date;
  action: string;
  actor: { userId: string | null; displayName: string | null; role: string };
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  /** The audit entry's details: for officers only; applicants get who, when, what and why. */
  data?: Record<string, unknown>;
}

export interface ApplicationListQuery {
  status?: ApplicationStatus;
  roundId?: string;
  organisationId?: string;
  limit?: number;
  cursor?: string;
}

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly rounds: RoundsService,
    private readonly plans: PlansService,
    private readonly profile: ProfileService,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, input: CreateApplicationDto): Promise<ApplicationView> {
    return inTransaction(this.dataSource, async (em) => {
      await this.access.assertMember(em, user, input.organisationId);
      const round = await this.rounds.findById(input.roundId, em);
      const now = this.clock.now();
      const phase = round ? roundPhase(round, now) : 'draft';
      if (!round || phase === 'draft') throw DomainError.notFound('The round');
      if (phase !== 'open') {
        throw DomainError.rule(
          phase === 'upcoming'
            ? `The round opens for applications at ${round.opensAt.toISOString()}`
            : `The round closed for applications at ${round.closesAt.toISOString()}`,
          [{ field: 'roundId', message: `the round is ${phase}, not open` }],
          { roundPhase: phase },
        );
      }
      const [{ n }]: { n: string }[] = await em.query(`SELECT nextval('application_reference_seq') AS n`);
      const year = calendarDateIn(now, FUNDER_TIME_ZONE).slice(0, 4);
      const reference = `${REFERENCE_PREFIX}-${year}-${n.padStart(6, '0')}`;
      const title = input.title?.trim() ? input.title.trim() : null;
      const application = await em.save(
        em.create(Application, {
          reference,
          organisationId: input.organisationId,
          roundId: round.id,
          planVersionId: round.planVersionId,
          status: 'draft',
          statusBeforeInformationRequest: null,
          title,
          activities: [],
          createdBy: user.id,
        }),
      );
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: SUBJECT,
        subjectId: application.id,
        action: 'application.created',
        toStatus: 'draft',
        data: { reference, organisationId: input.organisationId, roundId: round.id },
      });
      return this.viewOf(em, application);
    });
  }

  /**
   * Applicants see their organisations' applications. Officers see everything that has been submitted;
   * drafts (and drafts withdrawn unsubmitted) are the applicant's private work, so officers never see them;
   * asking for status=draft is a 400 rather than an empty list that would look like "no drafts exist".
   */
  async list(user: AuthUser, query: ApplicationListQuery): Promise<Page<ApplicationSummary>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const officer = isOfficer(user);
    if (officer && query.status === 'draft') {
      throw DomainError.invalid(
        [
          {
            field: 'status',
            message: "drafts are the applicant's private work; officers see them once submitted",
          },
        ],
        'Officers cannot list draft applications',
      );
    }
    return inTransaction(this.dataSource, async (em) => {
      const qb = em
        .createQueryBuilder(Application, 'a')
        .innerJoin(Organisation, 'o', 'o.id = a.organisation_id')
        .select('a')
        .addSelect('o.name', 'organisation_name');
      if (officer) {
        // Never submitted (a draft, or a draft withdrawn) means never shown to the funder.
        qb.andWhere('a.submitted_at IS NOT NULL');
      } else {
        qb.innerJoin(
          'organisation_members',
          'm',
          'm.organisation_id = a.organisation_id AND m.user_id = :me',
          {
            me: user.id,
          },
        );
      }
      if (query.organisationId) qb.andWhere('a.organisation_id = :org', { org: query.organisationId });
      if (query.status) qb.andWhere('a.status = :status', { status: query.status });
      if (query.roundId) qb.andWhere('a.round_id = :round', { round: query.roundId });
      applyKeyset(qb, 'a', 'DESC', after);
      const { entities, raw } = await qb.limit(limit + 1).getRawAndEntities<{ organisation_name: string }>();
      const names = new Map(entities.map((e, i) => [e.id, raw[i]?.organisation_name ?? '']));
      const page = pageOf(entities, limit);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((a) => ({
          id: a.id,
          reference: a.reference,
          organisationId: a.organisationId,
          organisationName: names.get(a.id) ?? '',
          roundId: a.roundId,
          status: a.status,
          title: a.title,
          amountRequestedPence: a.amountRequestedPence,
          createdAt: a.createdAt,
          updatedAt: a.updatedAt,
          submittedAt: a.submittedAt,
        })),
      };
    });
  }

  async get(user: AuthUser, id: string): Promise<ApplicationView> {
    return inTransaction(this.dataSource, async (em) => {
      const { application } = await this.readable(em, user, id);
      return this.viewOf(em, application);
    });
  }

  async update(user: AuthUser, id: string, input: UpdateApplicationDto): Promise<ApplicationView> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.actable(em, user, id);
      if (!EDITABLE_STATUSES.includes(application.status)) {
        throw DomainError.conflict(
          `The application is ${application.status}; its answers can no longer be changed`,
          { currentStatus: application.status, editableStatuses: EDITABLE_STATUSES },
        );
      }
      const round = await this.roundOf(em, application);
      const phase = roundPhase(round, this.clock.now());
      if (phase !== 'open') {
        throw DomainError.conflict(
          `The round closed at ${round.closesAt.toISOString()}; the draft can be read but no longer changed`,
          { currentStatus: application.status, roundPhase: phase },
        );
      }
      await this.checkReferences(em, round, input);
      const fields = await this.apply(em, application, input);
      if (fields.length === 0) return this.viewOf(em, application);
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: SUBJECT,
        subjectId: id,
        action: 'application.draft_saved',
        data: { fields },
      });
      const saved = await em.findOneOrFail(Application, { where: { id } });
      return this.viewOf(em, saved);
    });
  }

  async submit(user: AuthUser, id: string): Promise<ApplicationView> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.actable(em, user, id);
      if (application.status === 'information_requested') {
        throw new DomainError(
          ErrorCode.InvalidTransition,
          'The application is information_requested; answer the information request instead of submitting again',
          { currentStatus: application.status, allowedStatuses: ['withdrawn'] },
        );
      }
      assertApplicationTransition(application.status, 'submitted');
      const round = await this.roundOf(em, application);
      const now = this.clock.now();
      const phase = roundPhase(round, now);
      if (phase !== 'open') {
        throw DomainError.rule(
          phase === 'closed'
            ? `The round closed for applications at ${round.closesAt.toISOString()}`
            : `The round is not open for applications (it is ${phase})`,
          [],
          { roundPhase: phase, closesAt: round.closesAt.toISOString() },
        );
      }
      const answers = await this.answersOf(em, application);
      const measures = await this.plans.measuresByIds(
        answers.successMeasures.map((m) => m.measureId),
        em,
      );
      const areas = await this.profile.areasByCodes(answers.beneficiaryAreas, em);
      const errors = submissionErrors(answers, {
        today: calendarDateIn(now, FUNDER_TIME_ZONE),
        round: {
          minAwardPence: round.minAwardPence,
          maxAwardPence: round.maxAwardPence,
          maxProjectMonths: round.maxProjectMonths,
          objectiveIds: round.objectiveIds,
        },
        measureObjectives: new Map(measures.map((m) => [m.id, m.objectiveId])),
        knownAreaCodes: new Set(areas.map((a) => a.code)),
      });
      if (errors.length) {
        throw DomainError.rule(
          `The application is not ready to submit: ${errors.length} answer${errors.length === 1 ? '' : 's'} to complete or correct`,
          errors,
        );
      }
      const organisation = await em.findOneOrFail(Organisation, {
        where: { id: application.organisationId },
      });
      const submission = await em.save(
        em.create(ApplicationSubmission, {
          applicationId: id,
          version: 1 + (await em.count(ApplicationSubmission, { where: { applicationId: id } })),
          planVersionId: application.planVersionId,
          submittedAt: now,
          submittedBy: user.id,
          answers: {
            reference: application.reference,
            round: { id: round.id, title: round.title, planVersionId: round.planVersionId },
            organisation: {
              id: organisation.id,
              name: organisation.name,
              legalForm: organisation.legalForm,
              charityNumber: organisation.charityNumber,
              companyNumber: organisation.companyNumber,
              addressLine1: organisation.addressLine1,
              addressLine2: organisation.addressLine2,
              town: organisation.town,
              postcode: organisation.postcode,
              localAuthorityCode: organisation.localAuthorityCode,
            },
            ...answers,
          },
        }),
      );
      await em.update(Application, { id }, { status: 'submitted', submittedAt: now, submittedBy: user.id });
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: SUBJECT,
        subjectId: id,
        action: 'application.submitted',
        fromStatus: application.status,
        toStatus: 'submitted',
        data: { submissionId: submission.id, version: submission.version },
      });
      return this.viewOf(em, await em.findOneOrFail(Application, { where: { id } }));
    });
  }

  async withdraw(user: AuthUser, id: string, reason?: string): Promise<ApplicationView> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.actable(em, user, id);
      assertApplicationTransition(application.status, 'withdrawn');
      const why = reason?.trim() ? reason.trim() : null;
      await em.update(
        Application,
        { id },
        {
          status: 'withdrawn',
          statusBeforeInformationRequest: null,
          withdrawnAt: this.clock.now(),
          withdrawalReason: why,
        },
      );
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: SUBJECT,
        subjectId: id,
        action: 'application.withdrawn',
        fromStatus: application.status,
        toStatus: 'withdrawn',
        reason: why,
      });
      return this.viewOf(em, await em.findOneOrFail(Application, { where: { id } }));
    });
  }

  async timeline(user: AuthUser, id: string): Promise<{ items: TimelineEntry[] }> {
    return inTransaction(this.dataSource, async (em) => {
      const { member } = await this.readable(em, user, id);
      const entries = await this.audit.forSubject(em, SUBJECT, id);
      const userIds = [...new Set(entries.map((e) => e.actorUserId).filter((x): x is string => x !== null))];
      const names = new Map<string, string>();
      if (userIds.length) {
        const rows: { id: string; display_name: string }[] = await em.query(
          `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`,
          [userIds],
        );
        for (const r of rows) names.set(r.id, r.display_name);
      }
      return {
        items: entries.map((e) => ({
          at: e.occurredAt,
          action: e.action,
          actor: {
            userId: e.actorUserId,
            displayName: e.actorUserId ? (names.get(e.actorUserId) ?? null) : null,
            role: e.actorRole,
          },
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          reason: e.reason,
          ...(member ? {} : { data: e.data }),
        })),
      };
    });
  }

  /** The submitted record (for officers and the applicant): what was said, as it was said. */
  async submissions(user: AuthUser, id: string): Promise<ApplicationSubmission[]> {
    return inTransaction(this.dataSource, async (em) => {
      await this.readable(em, user, id);
      return em.find(ApplicationSubmission, { where: { applicationId: id }, order: { version: 'ASC' } });
    });
  }

  // ---- access ----

  /**
   * Readable by members of the applying organisation, and by officers once it has been submitted: a draft
   * (even one withdrawn unsubmitted) is the applicant's private work, so to everyone else it does not exist.
   */
  private async readable(
    em: EntityManager,
    user: AuthUser,
    id: string,
  ): Promise<{ application: Application; member: boolean }> {
    const application = await em.findOne(Application, { where: { id } });
    if (!application) throw DomainError.notFound('The application');
    const role = await this.access.membership(em, user.id, application.organisationId);
    if (role !== null) return { application, member: true };
    if (isOfficer(user) && application.submittedAt !== null) return { application, member: false };
    throw DomainError.notFound('The application');
  }

  /**
   * Locked for a change by a member of the applying organisation. Officers who are not members know it
   * exists (they can read it), so they get 403; everyone else gets 404.
   */
  private async actable(em: EntityManager, user: AuthUser, id: string): Promise<Application> {
    const application = await em.findOne(Application, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application) throw DomainError.notFound('The application');
    const role = await this.access.membership(em, user.id, application.organisationId);
    if (role === null) {
      if (isOfficer(user) && application.submittedAt !== null) {
        throw DomainError.forbidden('Only members of the applying organisation may change its application');
      }
      throw DomainError.notFound('The application');
    }
    return application;
  }

  private async roundOf(em: EntityManager, application: Application): Promise<Round> {
    const round = await this.rounds.findById(application.roundId, em);
    // The foreign key to rounds makes this impossible; reaching it means the schema itself is broken.
    if (!round) {
      throw new Error(
        `invariant broken: application ${application.id} refers to round ${application.roundId}, which does not exist`,
      );
    }
    return round;
  }

  // ---- draft editing ----

  /**
   * Draft answers may be incomplete, but never point at things that do not exist or that the round does not
   * fund: those are refused at once rather than discovered at submission.
   */
  private async checkReferences(em: EntityManager, round: Round, input: UpdateApplicationDto): Promise<void> {
    const invalid: FieldError[] = [];
    const rule: FieldError[] = [];
    const duplicates = <T>(list: T[], key: (x: T) => string, field: (i: number) => string): void => {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        const k = key(x);
        if (seen.has(k)) invalid.push({ field: field(i), message: 'appears more than once' });
        seen.add(k);
      });
    };
    for (const field of ['startDate', 'endDate'] as const) {
      const v = input[field];
      if (typeof v === 'string' && !isCalendarDate(v)) {
        invalid.push({ field, message: `${field} is not a real calendar date` });
      }
    }
    const roundObjectives = new Set(round.objectiveIds);
    if (input.objectives) {
      duplicates(
        input.objectives,
        (o) => o.objectiveId.toLowerCase(),
        (i) => `objectives[${i}].objectiveId`,
      );
      input.objectives.forEach((o, i) => {
        if (!roundObjectives.has(o.objectiveId.toLowerCase())) {
          rule.push({
            field: `objectives[${i}].objectiveId`,
            message: 'is not one of the objectives this round funds',
          });
        }
      });
    }
    if (input.successMeasures) {
      duplicates(
        input.successMeasures,
        (m) => m.measureId.toLowerCase(),
        (i) => `successMeasures[${i}].measureId`,
      );
      const measures = await this.plans.measuresByIds(
        input.successMeasures.map((m) => m.measureId.toLowerCase()),
        em,
      );
      const objectiveOf = new Map(measures.map((m) => [m.id, m.objectiveId]));
      input.successMeasures.forEach((m, i) => {
        const objectiveId = objectiveOf.get(m.measureId.toLowerCase());
        if (objectiveId === undefined || !roundObjectives.has(objectiveId)) {
          rule.push({
            field: `successMeasures[${i}].measureId`,
            message: "is not a success measure of the round's objectives",
          });
        }
      });
    }
    if (input.beneficiaryAreas) {
      duplicates(
        input.beneficiaryAreas,
        (a) => a,
        (i) => `beneficiaryAreas[${i}]`,
      );
      const known = new Set((await this.profile.areasByCodes(input.beneficiaryAreas, em)).map((a) => a.code));
      input.beneficiaryAreas.forEach((code, i) => {
        if (!known.has(code))
          invalid.push({
            field: `beneficiaryAreas[${i}]`,
            message: 'is not a known area code (see GET /areas)',
          });
      });
    }
    if (invalid.length) throw DomainError.invalid(invalid);
    if (rule.length) throw DomainError.rule('Some answers do not fit this round', rule);
  }

  /** Writes the given answers; returns the names of the fields that were sent (for the audit log). */
  private async apply(
    em: EntityManager,
    application: Application,
    input: UpdateApplicationDto,
  ): Promise<string[]> {
    const id = application.id;
    const fields = (Object.keys(input) as (keyof UpdateApplicationDto)[]).filter(
      (k) => input[k] !== undefined,
    );
    if (fields.length === 0) return fields;
    const patch: Partial<Application> = {};
    if (input.title !== undefined) patch.title = trimToNull(input.title);
    if (input.summary !== undefined) patch.summary = trimToNull(input.summary);
    if (input.exitPlan !== undefined) patch.exitPlan = trimToNull(input.exitPlan);
    if (input.startDate !== undefined) patch.startDate = input.startDate;
    if (input.endDate !== undefined) patch.endDate = input.endDate;
    if (input.amountRequestedPence !== undefined) patch.amountRequestedPence = input.amountRequestedPence;
    if (input.activities !== undefined) {
      patch.activities = input.activities.map((a) => ({ description: a.description.trim() }));
    }
    if (input.safeguarding) {
      if (input.safeguarding.confirmed !== undefined)
        patch.safeguardingConfirmed = input.safeguarding.confirmed;
      if (input.safeguarding.policyNotes !== undefined) {
        patch.safeguardingPolicyNotes = trimToNull(input.safeguarding.policyNotes);
      }
    }
    if (input.declarations) {
      const d = input.declarations;
      if (d.informationTrue !== undefined) patch.declarationInformationTrue = d.informationTrue;
      if (d.oneOffUnderstood !== undefined) patch.declarationOneOffUnderstood = d.oneOffUnderstood;
      if (d.conditionsUnderstood !== undefined)
        patch.declarationConditionsUnderstood = d.conditionsUnderstood;
      if (d.dataProtection !== undefined) patch.declarationDataProtection = d.dataProtection;
    }
    // Touch updated_at even when only child lists change, so "last saved" is true.
    await em
      .createQueryBuilder()
      .update(Application)
      .set({ ...patch, updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();

    if (input.objectives) {
      await em.delete(ApplicationObjective, { applicationId: id });
      if (input.objectives.length) {
        await em.insert(
          ApplicationObjective,
          input.objectives.map((o, position) => ({
            applicationId: id,
            objectiveId: o.objectiveId.toLowerCase(),
            position,
            contribution: o.contribution.trim(),
          })),
        );
      }
    }
    if (input.successMeasures) {
      await em.delete(ApplicationMeasure, { applicationId: id });
      if (input.successMeasures.length) {
        await em.insert(
          ApplicationMeasure,
          input.successMeasures.map((m, position) => ({
            applicationId: id,
            measureId: m.measureId.toLowerCase(),
            position,
            target: m.target,
            baseline: m.baseline ?? null,
          })),
        );
      }
    }
    if (input.beneficiaryAreas) {
      await em.delete(ApplicationArea, { applicationId: id });
      if (input.beneficiaryAreas.length) {
        await em.insert(
          ApplicationArea,
          input.beneficiaryAreas.map((areaCode, position) => ({ applicationId: id, areaCode, position })),
        );
      }
    }
    if (input.budgetLines) {
      await em.delete(ApplicationBudgetLine, { applicationId: id });
      if (input.budgetLines.length) {
        await em.insert(
          ApplicationBudgetLine,
          input.budgetLines.map((l, position) => ({
            applicationId: id,
            position,
            description: l.description.trim(),
            category: l.category,
            amountPence: l.amountPence,
          })),
        );
      }
    }
    if (input.otherFunding) {
      await em.delete(ApplicationOtherFunding, { applicationId: id });
      if (input.otherFunding.length) {
        await em.insert(
          ApplicationOtherFunding,
          input.otherFunding.map((f, position) => ({
            applicationId: id,
            position,
            funderName: f.funderName.trim(),
            amountPence: f.amountPence,
            status: f.status,
          })),
        );
      }
    }
    return fields;
  }

  // ---- reading ----

  private async answersOf(em: EntityManager, a: Application): Promise<ApplicationAnswers> {
    const where = { applicationId: a.id };
    // One after another: a transaction is one connection, and pg refuses overlapping queries on it.
    const order = { position: 'ASC' } as const;
    const objectives = await em.find(ApplicationObjective, { where, order });
    const measures = await em.find(ApplicationMeasure, { where, order });
    const areas = await em.find(ApplicationArea, { where, order });
    const lines = await em.find(ApplicationBudgetLine, { where, order });
    const funding = await em.find(ApplicationOtherFunding, { where, order });
    const declarations: Declarations = {
      informationTrue: a.declarationInformationTrue,
      oneOffUnderstood: a.declarationOneOffUnderstood,
      conditionsUnderstood: a.declarationConditionsUnderstood,
      dataProtection: a.declarationDataProtection,
    };
    return {
      title: a.title,
      summary: a.summary,
      activities: a.activities,
      objectives: objectives.map((o) => ({ objectiveId: o.objectiveId, contribution: o.contribution })),
      successMeasures: measures.map((m) => ({
        measureId: m.measureId,
        target: m.target,
        baseline: m.baseline,
      })),
      beneficiaryAreas: areas.map((x) => x.areaCode),
      startDate: a.startDate,
      endDate: a.endDate,
      amountRequestedPence: a.amountRequestedPence,
      budgetLines: lines.map((l) => ({
        description: l.description,
        category: l.category,
        amountPence: l.amountPence,
      })),
      otherFunding: funding.map((f) => ({
        funderName: f.funderName,
        amountPence: f.amountPence,
        status: f.status,
      })),
      exitPlan: a.exitPlan,
      safeguarding: { confirmed: a.safeguardingConfirmed, policyNotes: a.safeguardingPolicyNotes },
      declarations,
    };
  }

  private async viewOf(em: EntityManager, a: Application): Promise<ApplicationView> {
    const answers = await this.answersOf(em, a);
    return {
      id: a.id,
      reference: a.reference,
      organisationId: a.organisationId,
      roundId: a.roundId,
      planVersionId: a.planVersionId,
      status: a.status,
      ...answers,
      budgetTotalPence: budgetTotalPence(answers.budgetLines),
      otherFundingTotalPence: otherFundingTotalPence(answers.otherFunding),
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      submittedAt: a.submittedAt,
      withdrawnAt: a.withdrawnAt,
      withdrawalReason: a.withdrawalReason,
    };
  }
}
