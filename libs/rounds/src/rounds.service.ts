import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@grants/audit';
import {
  Clock,
  DEFAULT_PAGE_SIZE,
  DomainError,
  ErrorCode,
  MAX_PAGE_SIZE,
  Page,
  decodeCursor,
  pageOf,
} from '@grants/common';
import { inTransaction, keysetAfterSql, keysetOrderSql } from '@grants/database';
import { FundYear } from '@grants/funds';
import { LEGAL_FORMS } from '@grants/organisations';
import { Objective, PlanVersion } from '@grants/plans';
import { Outbox, ReminderJob } from '@grants/jobs';
import { DataSource, EntityManager } from 'typeorm';
import {
  CriterionTerms,
  DEFAULT_CRITERIA,
  criteriaProblems,
  normaliseCriteria,
  sameCriteria,
} from './assessment-criteria';
import { RoundCondition } from './round-condition.entity';
import { RoundCriterion } from './round-criterion.entity';
import {
  ConditionTerms,
  conditionsProblems,
  DEFAULT_STANDARD_CONDITIONS,
  sameConditions,
} from './standard-conditions';
import { RoundObjective } from './round-objective.entity';
import { RoundPhase, roundPhase } from './round-phase';
import {
  RoundChanges,
  RoundTerms,
  frozenFieldsChanged,
  normaliseCostCategories,
  roundTermsProblems,
} from './round-rules';
import {
  RoundConditionView,
  RoundCriterionView,
  RoundDetailView,
  RoundObjectiveView,
  RoundSummaryView,
} from './round-view';
import { Round } from './round.entity';

export interface NewRound extends RoundTerms {
  fundYearId: string;
  planVersionId: string;
  title: string;
  description?: string;
  /** Default: every legal form. */
  acceptedLegalForms?: string[];
  /** Default: the funder's profile's list. */
  disallowedCostCategories?: string[];
  /** Default: DEFAULT_CRITERIA. */
  criteria?: CriterionInput[];
  /** Default: DEFAULT_STANDARD_CONDITIONS. */
  standardConditions?: ConditionTerms[];
  /** Default 6: awards longer than six months report at half-way; null for the final report only. */
  interimReportOverMonths?: number | null;
  /** Default 28: the final report is due four weeks after the end date. */
  finalReportDueDays?: number;
}

/** A criterion as an administrator sends it: guidance may be left out. */
export type CriterionInput = Omit<CriterionTerms, 'guidance'> & { guidance?: string };

/** The next round made from an earlier one: everything is copied but the window (and, if given, the title and year). */
export interface RoundCopy {
  title?: string;
  opensAt: Date;
  closesAt: Date;
  fundYearId?: string;
}

export type RoundUpdate = Omit<RoundChanges, 'criteria'> & {
  title?: string;
  description?: string;
  criteria?: CriterionInput[];
};

export interface RoundListQuery {
  status?: Exclude<RoundPhase, 'draft'>;
  limit?: number;
  cursor?: string;
}

/** Officers and administrators see rounds still being set up; everyone else gets 404 for them. */
export interface RoundVisibility {
  includeDrafts: boolean;
}

const collator = new Intl.Collator('en', { numeric: true });

// One statement per read: GET /rounds/:id is on the benchmarked path, so it must not fan out into
// a query per table.
const SUMMARY_COLUMNS = `
  r.id, r.title, r.description, r.opens_at, r.closes_at, r.min_award_pence, r.max_award_pence,
  r.max_project_months, r.acceptance_window_days, r.interim_report_over_months, r.final_report_due_days,
  r.published_at, r.created_at, r.updated_at,
  r.accepted_legal_forms, r.disallowed_cost_categories,
  f.id AS fund_id, f.key AS fund_key, f.name AS fund_name,
  fy.id AS fund_year_id, fy.label AS fund_year_label,
  to_char(fy.starts_on, 'YYYY-MM-DD') AS fund_year_starts_on, to_char(fy.ends_on, 'YYYY-MM-DD') AS fund_year_ends_on,
  pv.id AS plan_version_id, pv.plan_id, pv.number AS plan_version_number, pv.label AS plan_version_label,
  ARRAY(
    SELECT ro.objective_id FROM round_objectives ro JOIN objectives o ON o.id = ro.objective_id
    WHERE ro.round_id = r.id ORDER BY o.number
  )::text[] AS objective_ids`;

const FROM = `
  FROM rounds r
  JOIN fund_years fy ON fy.id = r.fund_year_id
  JOIN funds f ON f.id = fy.fund_id
  JOIN plan_versions pv ON pv.id = r.plan_version_id`;

const DETAIL_SQL = `
  SELECT ${SUMMARY_COLUMNS},
    COALESCE((
      SELECT json_agg(json_build_object(
        'id', o.id, 'aimId', o.aim_id, 'number', o.number, 'title', o.title, 'description', o.description,
        'measures', COALESCE((
          SELECT json_agg(json_build_object('id', m.id, 'code', m.code, 'description', m.description, 'unit', m.unit))
          FROM success_measures m WHERE m.objective_id = o.id), '[]'::json)
      ) ORDER BY o.number)
      FROM round_objectives ro JOIN objectives o ON o.id = ro.objective_id
      WHERE ro.round_id = r.id), '[]'::json) AS objectives,
    COALESCE((
      SELECT json_agg(json_build_object(
        'id', c.id, 'position', c.position, 'title', c.title, 'guidance', c.guidance, 'weight', c.weight
      ) ORDER BY c.position)
      FROM round_criteria c WHERE c.round_id = r.id), '[]'::json) AS criteria,
    COALESCE((
      SELECT json_agg(json_build_object('id', k.id, 'position', k.position, 'text', k.text, 'timing', k.timing)
        ORDER BY k.position)
      FROM round_conditions k WHERE k.round_id = r.id), '[]'::json) AS standard_conditions
  ${FROM}
  WHERE r.id = $1`;

interface SummaryRow {
  id: string;
  title: string;
  description: string;
  opens_at: Date;
  closes_at: Date;
  min_award_pence: string;
  max_award_pence: string;
  max_project_months: number;
  acceptance_window_days: number;
  interim_report_over_months: number | null;
  final_report_due_days: number;
  accepted_legal_forms: string[];
  disallowed_cost_categories: string[];
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
  fund_id: string;
  fund_key: string;
  fund_name: string;
  fund_year_id: string;
  fund_year_label: string;
  fund_year_starts_on: string;
  fund_year_ends_on: string;
  plan_version_id: string;
  plan_id: string;
  plan_version_number: number;
  plan_version_label: string;
  objective_ids: string[];
}

@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /** The round with its objectiveIds (in objective number order), or null. */
  async findById(id: string, em?: EntityManager): Promise<Round | null> {
    const manager = this.m(em);
    const round = await manager.findOne(Round, { where: { id } });
    if (!round) return null;
    round.objectiveIds = await this.objectiveIdsOf(id, manager);
    return round;
  }

  private async objectiveIdsOf(roundId: string, manager: EntityManager): Promise<string[]> {
    const rows: { objective_id: string }[] = await manager.query(
      `SELECT ro.objective_id FROM round_objectives ro JOIN objectives o ON o.id = ro.objective_id
       WHERE ro.round_id = $1 ORDER BY o.number`,
      [roundId],
    );
    return rows.map((r) => r.objective_id);
  }

  async getView(id: string, visibility: RoundVisibility, em?: EntityManager): Promise<RoundDetailView> {
    const rows: (SummaryRow & {
      objectives: RoundObjectiveView[];
      criteria: RoundCriterionView[];
      standard_conditions: RoundConditionView[];
    })[] = await this.m(em).query(DETAIL_SQL, [id]);
    const row = rows[0];
    if (!row || (row.published_at === null && !visibility.includeDrafts)) {
      throw DomainError.notFound('The round');
    }
    for (const o of row.objectives) o.measures.sort((a, b) => collator.compare(a.code, b.code));
    return {
      ...this.toSummary(row, this.clock.now()),
      objectives: row.objectives,
      criteria: row.criteria,
      standardConditions: row.standard_conditions,
    };
  }

  async list(query: RoundListQuery, visibility: RoundVisibility): Promise<Page<RoundSummaryView>> {
    const now = this.clock.now();
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    const cursor = decodeCursor(query.cursor);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (!visibility.includeDrafts || query.status) where.push('r.published_at IS NOT NULL');
    if (query.status === 'open') where.push(`r.opens_at <= ${param(now)} AND r.closes_at > ${param(now)}`);
    if (query.status === 'upcoming') where.push(`r.opens_at > ${param(now)}`);
    if (query.status === 'closed') where.push(`r.closes_at <= ${param(now)}`);
    if (cursor) {
      where.push(keysetAfterSql('r', 'ASC', param(cursor.createdAt), param(cursor.id)));
    }
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} ${FROM}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${keysetOrderSql('r', 'ASC')}
       LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = pageOf(
      rows.map((row) => this.toSummary(row, now)),
      limit,
    );
    return page;
  }

  private toSummary(row: SummaryRow, now: Date): RoundSummaryView {
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      phase: roundPhase(
        { publishedAt: row.published_at, opensAt: row.opens_at, closesAt: row.closes_at },
        now,
      ),
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      minAwardPence: Number(row.min_award_pence),
      maxAwardPence: Number(row.max_award_pence),
      maxProjectMonths: row.max_project_months,
      acceptanceWindowDays: row.acceptance_window_days,
      interimReportOverMonths: row.interim_report_over_months,
      finalReportDueDays: row.final_report_due_days,
      acceptedLegalForms: row.accepted_legal_forms,
      disallowedCostCategories: row.disallowed_cost_categories,
      publishedAt: row.published_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      fund: { id: row.fund_id, key: row.fund_key, name: row.fund_name },
      fundYear: {
        id: row.fund_year_id,
        label: row.fund_year_label,
        startsOn: row.fund_year_starts_on,
        endsOn: row.fund_year_ends_on,
      },
      planVersion: {
        id: row.plan_version_id,
        planId: row.plan_id,
        number: row.plan_version_number,
        label: row.plan_version_label,
      },
      objectiveIds: row.objective_ids,
    };
  }

  // ---- admin ----

  async create(input: NewRound, actor: Actor, copiedFrom?: string): Promise<Round> {
    return inTransaction(this.dataSource, async (em) => {
      const now = this.clock.now();
      await this.assertTerms(em, input, input, now, true);
      const criteria = withGuidance(input.criteria ?? DEFAULT_CRITERIA);
      assertCriteria(criteria);
      const conditions = input.standardConditions ?? DEFAULT_STANDARD_CONDITIONS;
      assertConditions(conditions);
      const disallowed =
        input.disallowedCostCategories ??
        (
          (await em.query(`SELECT disallowed_cost_categories FROM funders ORDER BY created_at LIMIT 1`)) as {
            disallowed_cost_categories: string[];
          }[]
        )[0]?.disallowed_cost_categories ??
        [];
      const round = await em.save(
        em.create(Round, {
          fundYearId: input.fundYearId,
          planVersionId: input.planVersionId,
          title: input.title,
          description: input.description ?? '',
          opensAt: input.opensAt,
          closesAt: input.closesAt,
          minAwardPence: input.minAwardPence,
          maxAwardPence: input.maxAwardPence,
          maxProjectMonths: input.maxProjectMonths,
          acceptanceWindowDays: input.acceptanceWindowDays,
          interimReportOverMonths:
            input.interimReportOverMonths === undefined ? 6 : input.interimReportOverMonths,
          finalReportDueDays: input.finalReportDueDays ?? 28,
          acceptedLegalForms: orderedLegalForms(input.acceptedLegalForms ?? [...LEGAL_FORMS]),
          disallowedCostCategories: normaliseCostCategories(disallowed),
          publishedAt: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.linkObjectives(em, round.id, input.planVersionId, input.objectiveIds);
      await this.writeCriteria(em, round.id, criteria);
      await this.writeConditions(em, round.id, conditions);
      await this.audit.record(em, {
        actor,
        subjectType: 'round',
        subjectId: round.id,
        action: 'round.created',
        toStatus: 'draft',
        data: {
          ...input,
          criteria,
          standardConditions: conditions,
          opensAt: input.opensAt.toISOString(),
          closesAt: input.closesAt.toISOString(),
          ...(copiedFrom ? { copiedFrom } : {}),
        },
      });
      return (await this.findById(round.id, em))!;
    });
  }

  async update(id: string, changes: RoundUpdate, actor: Actor): Promise<Round> {
    return inTransaction(this.dataSource, async (em) => {
      const now = this.clock.now();
      const round = await this.lock(em, id);
      const criteria = changes.criteria && withGuidance(changes.criteria);
      if (criteria) assertCriteria(criteria);
      if (changes.standardConditions) assertConditions(changes.standardConditions);
      const currentCriteria = await this.criteriaOf(id, em);
      const currentConditions = await this.standardConditionsOf(id, em);
      const frozen = frozenFieldsChanged(
        { ...round, criteria: currentCriteria, standardConditions: currentConditions },
        { ...changes, criteria },
        now,
      );
      // Rewriting an unchanged list would give its rows new ids under scores already saved against them.
      const criteriaChanged = criteria !== undefined && !sameCriteria(criteria, currentCriteria);
      const conditionsChanged =
        changes.standardConditions !== undefined &&
        !sameConditions(changes.standardConditions, currentConditions);
      if (frozen.length) {
        throw new DomainError(
          ErrorCode.Conflict,
          `The round opened at ${round.opensAt.toISOString()}; its limits, start, objectives and eligibility ` +
            `settings can no longer ` +
            `change, and its close can only be extended (refused: ${frozen.join(', ')})`,
          { phase: roundPhase(round, now), frozenFields: frozen },
        );
      }
      const merged = { ...round, ...definedOnly(changes) } as Round;
      const versionChanged = merged.planVersionId !== round.planVersionId;
      if (versionChanged && changes.objectiveIds === undefined) merged.objectiveIds = [];
      const windowChanged = changes.opensAt !== undefined || changes.closesAt !== undefined;
      await this.assertTerms(em, merged, merged, now, windowChanged);

      const objectivesChanged =
        versionChanged ||
        (changes.objectiveIds !== undefined &&
          (changes.objectiveIds.length !== round.objectiveIds.length ||
            changes.objectiveIds.some((o) => !round.objectiveIds.includes(o))));
      if (objectivesChanged) await em.delete(RoundObjective, { roundId: id });
      await em.update(
        Round,
        { id },
        {
          fundYearId: merged.fundYearId,
          planVersionId: merged.planVersionId,
          title: merged.title,
          description: merged.description,
          opensAt: merged.opensAt,
          closesAt: merged.closesAt,
          minAwardPence: merged.minAwardPence,
          maxAwardPence: merged.maxAwardPence,
          maxProjectMonths: merged.maxProjectMonths,
          acceptanceWindowDays: merged.acceptanceWindowDays,
          interimReportOverMonths: merged.interimReportOverMonths,
          finalReportDueDays: merged.finalReportDueDays,
          acceptedLegalForms: orderedLegalForms(merged.acceptedLegalForms),
          disallowedCostCategories: normaliseCostCategories(merged.disallowedCostCategories),
          updatedAt: now,
        },
      );
      if (objectivesChanged) await this.linkObjectives(em, id, merged.planVersionId, merged.objectiveIds);
      if (criteria && criteriaChanged) {
        await em.delete(RoundCriterion, { roundId: id });
        await this.writeCriteria(em, id, criteria);
      }
      if (changes.standardConditions && conditionsChanged) {
        await em.delete(RoundCondition, { roundId: id });
        await this.writeConditions(em, id, changes.standardConditions);
      }
      await this.audit.record(em, {
        actor,
        subjectType: 'round',
        subjectId: id,
        action: 'round.updated',
        data: { changes: serialisable(changes) },
      });
      if (changes.closesAt) await this.replanReminders(em, id);
      return (await this.findById(id, em))!;
    });
  }

  async publish(id: string, actor: Actor): Promise<Round> {
    return inTransaction(this.dataSource, async (em) => {
      const now = this.clock.now();
      const round = await this.lock(em, id);
      if (round.publishedAt) {
        throw new DomainError(ErrorCode.InvalidTransition, 'The round is already published', {
          currentStatus: roundPhase(round, now),
          allowedStatuses: [],
        });
      }
      await this.assertTerms(em, round, round, now, true);
      await em.update(Round, { id }, { publishedAt: now, updatedAt: now });
      const published = { ...round, publishedAt: now };
      await this.audit.record(em, {
        actor,
        subjectType: 'round',
        subjectId: id,
        action: 'round.published',
        fromStatus: 'draft',
        toStatus: roundPhase(published, now),
      });
      await this.replanReminders(em, id);
      return (await this.findById(id, em))!;
    });
  }

  /**
   * A new draft round from an earlier one: the same limits, objectives, eligibility settings and criteria,
   * a new window, and (optionally) a new fund year. Terms are checked as for any new round.
   */
  async copy(id: string, input: RoundCopy, actor: Actor): Promise<Round> {
    const source = await this.findById(id);
    if (!source) throw DomainError.notFound('The round');
    const criteria = await this.criteriaOf(id);
    const round = await this.create(
      {
        fundYearId: input.fundYearId ?? source.fundYearId,
        planVersionId: source.planVersionId,
        title: input.title ?? source.title,
        description: source.description,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        minAwardPence: source.minAwardPence,
        maxAwardPence: source.maxAwardPence,
        maxProjectMonths: source.maxProjectMonths,
        acceptanceWindowDays: source.acceptanceWindowDays,
        interimReportOverMonths: source.interimReportOverMonths,
        finalReportDueDays: source.finalReportDueDays,
        objectiveIds: source.objectiveIds,
        acceptedLegalForms: source.acceptedLegalForms,
        disallowedCostCategories: source.disallowedCostCategories,
        criteria: criteria.map(({ title, guidance, weight }) => ({ title, guidance, weight })),
        standardConditions: (await this.standardConditionsOf(id)).map(({ text, timing }) => ({
          text,
          timing,
        })),
      },
      actor,
      id,
    );
    return round;
  }

  /** The round's assessment criteria in the order assessors see them. */
  criteriaOf(roundId: string, em?: EntityManager): Promise<RoundCriterion[]> {
    return this.m(em).find(RoundCriterion, { where: { roundId }, order: { position: 'ASC' } });
  }

  /** The conditions every award of the round carries, in order. */
  standardConditionsOf(roundId: string, em?: EntityManager): Promise<RoundCondition[]> {
    return this.m(em).find(RoundCondition, { where: { roundId }, order: { position: 'ASC' } });
  }

  private async writeConditions(
    em: EntityManager,
    roundId: string,
    conditions: readonly ConditionTerms[],
  ): Promise<void> {
    if (conditions.length === 0) return;
    await em.insert(
      RoundCondition,
      conditions.map((c, i) => ({ roundId, position: i + 1, text: c.text.trim(), timing: c.timing })),
    );
  }

  private async writeCriteria(em: EntityManager, roundId: string, criteria: CriterionTerms[]): Promise<void> {
    await em.insert(
      RoundCriterion,
      normaliseCriteria(criteria).map((c, i) => ({ ...c, roundId, position: i + 1 })),
    );
  }

  /** The round-closing reminder follows the closing time wherever it moves. */
  private async replanReminders(em: EntityManager, id: string): Promise<void> {
    await this.outbox.add(em, {
      name: ReminderJob.Plan,
      payload: { subjectType: 'round', subjectId: id },
      key: ['round', id, this.clock.now().getTime()],
    });
  }

  private async lock(em: EntityManager, id: string): Promise<Round> {
    const round = await em.findOne(Round, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!round) throw DomainError.notFound('The round');
    round.objectiveIds = await this.objectiveIdsOf(id, em);
    return round;
  }

  private async assertTerms(
    em: EntityManager,
    refs: { fundYearId: string; planVersionId: string },
    terms: RoundTerms,
    now: Date,
    checkClosesInFuture: boolean,
  ): Promise<void> {
    // One after another: a transaction is one connection, and overlapping queries on it are deprecated in pg.
    const year = await em.findOne(FundYear, { where: { id: refs.fundYearId } });
    const version = await em.findOne(PlanVersion, { where: { id: refs.planVersionId } });
    const objectives = version
      ? await em.find(Objective, { where: { planVersionId: version.id }, select: { id: true } })
      : [];
    const problems = roundTermsProblems(terms, {
      now,
      fundYearCapPence: year ? year.capPence : null,
      planVersionStatus: version ? version.status : null,
      versionObjectiveIds: new Set(objectives.map((o) => o.id)),
      checkClosesInFuture,
    });
    if (problems.length) throw DomainError.rule("The round's terms are not acceptable", problems);
  }

  private async linkObjectives(
    em: EntityManager,
    roundId: string,
    planVersionId: string,
    objectiveIds: string[],
  ): Promise<void> {
    if (objectiveIds.length === 0) return;
    await em.insert(
      RoundObjective,
      objectiveIds.map((objectiveId) => ({ roundId, objectiveId, planVersionId })),
    );
  }
}

function withGuidance(criteria: readonly CriterionInput[]): CriterionTerms[] {
  return criteria.map((c) => ({ title: c.title, guidance: c.guidance ?? '', weight: c.weight }));
}

function assertCriteria(criteria: readonly CriterionTerms[]): void {
  const problems = criteriaProblems(criteria);
  if (problems.length) throw DomainError.rule("The round's assessment criteria are not acceptable", problems);
}

function assertConditions(conditions: readonly ConditionTerms[]): void {
  const problems = conditionsProblems(conditions, 'standardConditions');
  if (problems.length) throw DomainError.rule("The round's standard conditions are not acceptable", problems);
}

/** Legal forms in their canonical order, each once. */
function orderedLegalForms(forms: readonly string[]): string[] {
  return LEGAL_FORMS.filter((f) => forms.includes(f));
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function serialisable(changes: RoundUpdate): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(definedOnly(changes)).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
}
