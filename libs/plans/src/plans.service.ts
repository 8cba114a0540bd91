import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@grants/audit';
import { Clock, DomainError, assertTransition, isCalendarDate } from '@grants/common';
import { inTransaction, isUniqueViolation } from '@grants/database';
import { DataSource, EntityManager, In } from 'typeorm';
import { Aim } from './aim.entity';
import { Objective } from './objective.entity';
import { ObjectiveWithMeasures, PlanVersionTree, buildTree } from './plan-tree';
import { PLAN_VERSION_MACHINE } from './plan-version-status';
import { PlanVersion } from './plan-version.entity';
import { Plan } from './plan.entity';
import { MEASURE_UNITS, MeasureUnit, SuccessMeasure } from './success-measure.entity';

export interface PlanSummary extends Plan {
  versions: PlanVersion[];
}

export interface PlanDetail extends PlanSummary {
  /** The version shown: the one asked for, or the latest published one (null when none is published). */
  current: PlanVersionTree | null;
}

/** Who may see draft versions: officers and administrators. */
export interface Visibility {
  includeDrafts: boolean;
}

export interface VersionChanges {
  label?: string;
  notes?: string | null;
  effectiveFrom?: string | null;
}

export interface NewAim {
  code: string;
  title: string;
  position: number;
}

export interface NewObjective {
  aimId: string;
  number: number;
  title: string;
  description?: string;
}

export interface NewMeasure {
  code: string;
  description: string;
  unit: MeasureUnit;
}

const SUBJECT = 'plan_version';

@Injectable()
export class PlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  // ---- reads ----

  async listPlans(visibility: Visibility, em?: EntityManager): Promise<PlanSummary[]> {
    const manager = this.m(em);
    const plans = await manager.find(Plan, { order: { periodStart: 'DESC', key: 'ASC' } });
    if (plans.length === 0) return [];
    const versions = await manager.find(PlanVersion, {
      where: {
        planId: In(plans.map((p) => p.id)),
        ...(visibility.includeDrafts ? {} : { status: 'published' as const }),
      },
      order: { number: 'ASC' },
    });
    return plans.map((p) => ({ ...p, versions: versions.filter((v) => v.planId === p.id) }));
  }

  async getPlan(
    planId: string,
    visibility: Visibility,
    versionNumber?: number,
    em?: EntityManager,
  ): Promise<PlanDetail> {
    const manager = this.m(em);
    const plan = await manager.findOne(Plan, { where: { id: planId } });
    if (!plan) throw DomainError.notFound('The plan');
    const versions = (
      await manager.find(PlanVersion, { where: { planId }, order: { number: 'ASC' } })
    ).filter((v) => visibility.includeDrafts || v.status === 'published');
    let chosen: PlanVersion | undefined;
    if (versionNumber !== undefined) {
      chosen = versions.find((v) => v.number === versionNumber);
      if (!chosen) throw DomainError.notFound(`Version ${versionNumber} of the plan`);
    } else {
      chosen = [...versions].reverse().find((v) => v.status === 'published');
    }
    return { ...plan, versions, current: chosen ? await this.treeOf(chosen, manager) : null };
  }

  /** The tree of a version, hiding drafts from those who may not see them (404, as if absent). */
  async getVersion(versionId: string, visibility: Visibility, em?: EntityManager): Promise<PlanVersionTree> {
    const version = await this.m(em).findOne(PlanVersion, { where: { id: versionId } });
    if (!version || (version.status !== 'published' && !visibility.includeDrafts)) {
      throw DomainError.notFound('The plan version');
    }
    return this.treeOf(version, this.m(em));
  }

  async getVersionTree(versionId: string, em?: EntityManager): Promise<PlanVersionTree> {
    const version = await this.m(em).findOne(PlanVersion, { where: { id: versionId } });
    if (!version) throw DomainError.notFound('The plan version');
    return this.treeOf(version, this.m(em));
  }

  findVersion(versionId: string, em?: EntityManager): Promise<PlanVersion | null> {
    return this.m(em).findOne(PlanVersion, { where: { id: versionId } });
  }

  findAim(aimId: string, em?: EntityManager): Promise<Aim | null> {
    return this.m(em).findOne(Aim, { where: { id: aimId } });
  }

  async objectivesByIds(ids: string[], em?: EntityManager): Promise<Objective[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    return this.m(em).find(Objective, { where: { id: In(unique) }, order: { number: 'ASC' } });
  }

  async measuresByIds(ids: string[], em?: EntityManager): Promise<SuccessMeasure[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    return this.m(em).find(SuccessMeasure, { where: { id: In(unique) } });
  }

  /** Objectives with their measures, in number order. */
  async objectivesWithMeasures(ids: string[], em?: EntityManager): Promise<ObjectiveWithMeasures[]> {
    const objectives = await this.objectivesByIds(ids, em);
    if (objectives.length === 0) return [];
    const measures = await this.m(em).find(SuccessMeasure, {
      where: { objectiveId: In(objectives.map((o) => o.id)) },
    });
    const collator = new Intl.Collator('en', { numeric: true });
    return objectives.map((o) => ({
      ...o,
      measures: measures
        .filter((m) => m.objectiveId === o.id)
        .sort((a, b) => collator.compare(a.code, b.code)),
    }));
  }

  private async treeOf(version: PlanVersion, manager: EntityManager): Promise<PlanVersionTree> {
    // One after another: the manager may be a transaction's, one connection that must not overlap queries.
    const aims = await manager.find(Aim, { where: { planVersionId: version.id } });
    const objectives = await manager.find(Objective, { where: { planVersionId: version.id } });
    const measures = objectives.length
      ? await manager.find(SuccessMeasure, { where: { objectiveId: In(objectives.map((o) => o.id)) } })
      : [];
    return buildTree(version, aims, objectives, measures);
  }

  // ---- variation (admin) ----

  /** A variation starts as a draft copy of the latest version: aims, objectives and measures. */
  async createVersion(
    planId: string,
    input: { label?: string; notes?: string | null },
    actor: Actor,
  ): Promise<PlanVersionTree> {
    return this.write(async (em) => {
      const plan = await em.findOne(Plan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw DomainError.notFound('The plan');
      const versions = await em.find(PlanVersion, { where: { planId }, order: { number: 'DESC' } });
      const draft = versions.find((v) => v.status === 'draft');
      if (draft) {
        throw DomainError.conflict(
          `Version ${draft.number} of this plan is still a draft; publish it before starting another`,
          { draftVersionId: draft.id },
        );
      }
      const source = versions[0];
      const number = (source?.number ?? 0) + 1;
      const created = await em.save(
        em.create(PlanVersion, {
          planId,
          number,
          label: input.label ?? `Version ${number} (draft)`,
          status: 'draft',
          effectiveFrom: null,
          notes: input.notes ?? null,
          publishedAt: null,
        }),
      );
      if (source) await this.copyContent(em, source.id, created.id);
      await this.audit.record(em, {
        actor,
        subjectType: SUBJECT,
        subjectId: created.id,
        action: 'plan_version.created',
        toStatus: 'draft',
        data: { planId, number, copiedFromVersionId: source?.id ?? null },
      });
      return this.treeOf(created, em);
    });
  }

  private async copyContent(em: EntityManager, fromId: string, toId: string): Promise<void> {
    const tree = await this.getVersionTree(fromId, em);
    for (const aim of tree.aims) {
      const newAim = await em.save(
        em.create(Aim, { planVersionId: toId, code: aim.code, title: aim.title, position: aim.position }),
      );
      for (const o of aim.objectives) {
        const newObjective = await em.save(
          em.create(Objective, {
            planVersionId: toId,
            aimId: newAim.id,
            number: o.number,
            title: o.title,
            description: o.description,
          }),
        );
        if (o.measures.length) {
          await em.insert(
            SuccessMeasure,
            o.measures.map((m) => ({
              objectiveId: newObjective.id,
              code: m.code,
              description: m.description,
              unit: m.unit,
            })),
          );
        }
      }
    }
  }

  async updateVersion(versionId: string, changes: VersionChanges, actor: Actor): Promise<PlanVersionTree> {
    return this.write(async (em) => {
      const version = await this.lockDraft(em, versionId);
      if (changes.effectiveFrom !== undefined && changes.effectiveFrom !== null) {
        this.assertDate('effectiveFrom', changes.effectiveFrom);
      }
      const patch: Partial<PlanVersion> = {};
      if (changes.label !== undefined) patch.label = changes.label;
      if (changes.notes !== undefined) patch.notes = changes.notes;
      if (changes.effectiveFrom !== undefined) patch.effectiveFrom = changes.effectiveFrom;
      if (Object.keys(patch).length) await em.update(PlanVersion, { id: versionId }, patch);
      await this.audit.record(em, {
        actor,
        subjectType: SUBJECT,
        subjectId: versionId,
        action: 'plan_version.updated',
        data: { changes: patch },
      });
      return this.treeOf({ ...version, ...patch }, em);
    });
  }

  async publishVersion(versionId: string, actor: Actor): Promise<PlanVersionTree> {
    return this.write(async (em) => {
      const version = await this.lockVersion(em, versionId);
      assertTransition(PLAN_VERSION_MACHINE, 'plan version', version.status, 'published');
      if (!version.effectiveFrom) {
        throw DomainError.rule('A plan version needs the date it takes effect before it is published', [
          { field: 'effectiveFrom', message: 'must be set before publishing' },
        ]);
      }
      const objectives = await em.count(Objective, { where: { planVersionId: versionId } });
      if (objectives === 0) {
        throw DomainError.rule('A plan version needs at least one objective before it is published');
      }
      const publishedAt = this.clock.now();
      await em.update(PlanVersion, { id: versionId }, { status: 'published', publishedAt });
      await this.audit.record(em, {
        actor,
        subjectType: SUBJECT,
        subjectId: versionId,
        action: 'plan_version.published',
        fromStatus: 'draft',
        toStatus: 'published',
      });
      return this.treeOf({ ...version, status: 'published', publishedAt }, em);
    });
  }

  async addAim(versionId: string, input: NewAim, actor: Actor): Promise<Aim> {
    return this.write(async (em) => {
      await this.lockDraft(em, versionId);
      const aim = await this.unique(
        () => em.save(em.create(Aim, { planVersionId: versionId, ...input })),
        `This version already has an aim with code ${input.code}`,
      );
      await this.recordContent(em, actor, versionId, 'plan_version.aim_added', { aimId: aim.id, ...input });
      return aim;
    });
  }

  async updateAim(aimId: string, changes: Partial<NewAim>, actor: Actor): Promise<Aim> {
    return this.write(async (em) => {
      const aim = await em.findOne(Aim, { where: { id: aimId } });
      if (!aim) throw DomainError.notFound('The aim');
      await this.lockDraft(em, aim.planVersionId);
      const patch = pick(changes, ['code', 'title', 'position']);
      if (Object.keys(patch).length) {
        await this.unique(
          () => em.update(Aim, { id: aimId }, patch),
          `This version already has an aim with code ${changes.code ?? ''}`,
        );
      }
      await this.recordContent(em, actor, aim.planVersionId, 'plan_version.aim_updated', {
        aimId,
        changes: patch,
      });
      return { ...aim, ...patch };
    });
  }

  async deleteAim(aimId: string, actor: Actor): Promise<void> {
    await this.write(async (em) => {
      const aim = await em.findOne(Aim, { where: { id: aimId } });
      if (!aim) throw DomainError.notFound('The aim');
      await this.lockDraft(em, aim.planVersionId);
      const objectives = await em.count(Objective, { where: { aimId } });
      if (objectives > 0) {
        throw DomainError.conflict('The aim still has objectives; move or delete them first', { objectives });
      }
      await em.delete(Aim, { id: aimId });
      await this.recordContent(em, actor, aim.planVersionId, 'plan_version.aim_deleted', {
        aimId,
        code: aim.code,
      });
    });
  }

  async addObjective(versionId: string, input: NewObjective, actor: Actor): Promise<ObjectiveWithMeasures> {
    return this.write(async (em) => {
      await this.lockDraft(em, versionId);
      await this.assertAimIn(em, input.aimId, versionId);
      const objective = await this.unique(
        () =>
          em.save(
            em.create(Objective, {
              planVersionId: versionId,
              aimId: input.aimId,
              number: input.number,
              title: input.title,
              description: input.description ?? '',
            }),
          ),
        `This version already has an objective numbered ${input.number}`,
      );
      await this.recordContent(em, actor, versionId, 'plan_version.objective_added', {
        objectiveId: objective.id,
        number: input.number,
      });
      return { ...objective, measures: [] };
    });
  }

  async updateObjective(
    objectiveId: string,
    changes: Partial<NewObjective>,
    actor: Actor,
  ): Promise<ObjectiveWithMeasures> {
    return this.write(async (em) => {
      const objective = await em.findOne(Objective, { where: { id: objectiveId } });
      if (!objective) throw DomainError.notFound('The objective');
      await this.lockDraft(em, objective.planVersionId);
      if (changes.aimId !== undefined) await this.assertAimIn(em, changes.aimId, objective.planVersionId);
      const patch = pick(changes, ['aimId', 'number', 'title', 'description']);
      if (Object.keys(patch).length) {
        await this.unique(
          () => em.update(Objective, { id: objectiveId }, patch),
          `This version already has an objective numbered ${changes.number ?? ''}`,
        );
      }
      await this.recordContent(em, actor, objective.planVersionId, 'plan_version.objective_updated', {
        objectiveId,
        changes: patch,
      });
      const [updated] = await this.objectivesWithMeasures([objectiveId], em);
      return updated!;
    });
  }

  /** Removes an objective and its measures, e.g. when a variation folds one objective into another. */
  async deleteObjective(objectiveId: string, actor: Actor): Promise<void> {
    await this.write(async (em) => {
      const objective = await em.findOne(Objective, { where: { id: objectiveId } });
      if (!objective) throw DomainError.notFound('The objective');
      await this.lockDraft(em, objective.planVersionId);
      await em.delete(Objective, { id: objectiveId });
      await this.recordContent(em, actor, objective.planVersionId, 'plan_version.objective_deleted', {
        objectiveId,
        number: objective.number,
        title: objective.title,
      });
    });
  }

  async addMeasure(objectiveId: string, input: NewMeasure, actor: Actor): Promise<SuccessMeasure> {
    return this.write(async (em) => {
      const objective = await em.findOne(Objective, { where: { id: objectiveId } });
      if (!objective) throw DomainError.notFound('The objective');
      await this.lockDraft(em, objective.planVersionId);
      this.assertUnit(input.unit);
      const measure = await this.unique(
        () => em.save(em.create(SuccessMeasure, { objectiveId, ...input })),
        `This objective already has a success measure with code ${input.code}`,
      );
      await this.recordContent(em, actor, objective.planVersionId, 'plan_version.measure_added', {
        objectiveId,
        measureId: measure.id,
        code: input.code,
      });
      return measure;
    });
  }

  async updateMeasure(
    measureId: string,
    changes: Partial<NewMeasure> & { objectiveId?: string },
    actor: Actor,
  ): Promise<SuccessMeasure> {
    return this.write(async (em) => {
      const measure = await em.findOne(SuccessMeasure, { where: { id: measureId } });
      if (!measure) throw DomainError.notFound('The success measure');
      const objective = await em.findOneOrFail(Objective, { where: { id: measure.objectiveId } });
      await this.lockDraft(em, objective.planVersionId);
      if (changes.objectiveId !== undefined) {
        const target = await em.findOne(Objective, { where: { id: changes.objectiveId } });
        if (!target || target.planVersionId !== objective.planVersionId) {
          throw DomainError.rule('A success measure can only move to an objective of the same plan version', [
            { field: 'objectiveId', message: 'must be an objective of the same plan version' },
          ]);
        }
      }
      if (changes.unit !== undefined) this.assertUnit(changes.unit);
      const patch = pick(changes, ['code', 'description', 'unit', 'objectiveId']);
      if (Object.keys(patch).length) {
        await this.unique(
          () => em.update(SuccessMeasure, { id: measureId }, patch),
          `The objective already has a success measure with code ${changes.code ?? measure.code}`,
        );
      }
      await this.recordContent(em, actor, objective.planVersionId, 'plan_version.measure_updated', {
        measureId,
        changes: patch,
      });
      return { ...measure, ...patch };
    });
  }

  async deleteMeasure(measureId: string, actor: Actor): Promise<void> {
    await this.write(async (em) => {
      const measure = await em.findOne(SuccessMeasure, { where: { id: measureId } });
      if (!measure) throw DomainError.notFound('The success measure');
      const objective = await em.findOneOrFail(Objective, { where: { id: measure.objectiveId } });
      await this.lockDraft(em, objective.planVersionId);
      await em.delete(SuccessMeasure, { id: measureId });
      await this.recordContent(em, actor, objective.planVersionId, 'plan_version.measure_deleted', {
        measureId,
        code: measure.code,
      });
    });
  }

  // ---- helpers ----

  private write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work);
  }

  private async lockVersion(em: EntityManager, versionId: string): Promise<PlanVersion> {
    const version = await em.findOne(PlanVersion, {
      where: { id: versionId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!version) throw DomainError.notFound('The plan version');
    return version;
  }

  /** Locks the version so an edit and a publish never interleave, and refuses published ones. */
  private async lockDraft(em: EntityManager, versionId: string): Promise<PlanVersion> {
    const version = await this.lockVersion(em, versionId);
    if (version.status !== 'draft') {
      throw DomainError.conflict(
        `Plan version ${version.number} is published and cannot change; start a new version to vary the plan`,
        { currentStatus: version.status, allowedStatuses: ['draft'] },
      );
    }
    return version;
  }

  private async assertAimIn(em: EntityManager, aimId: string, versionId: string): Promise<void> {
    const aim = await em.findOne(Aim, { where: { id: aimId } });
    if (!aim || aim.planVersionId !== versionId) {
      throw DomainError.rule('The aim must belong to the same plan version', [
        { field: 'aimId', message: 'must be an aim of this plan version' },
      ]);
    }
  }

  private assertUnit(unit: string): void {
    if (!(MEASURE_UNITS as readonly string[]).includes(unit)) {
      throw DomainError.invalid([{ field: 'unit', message: `must be one of ${MEASURE_UNITS.join(', ')}` }]);
    }
  }

  private assertDate(field: string, value: string): void {
    if (!isCalendarDate(value)) throw DomainError.invalid([{ field, message: 'must be a date YYYY-MM-DD' }]);
  }

  private async unique<T>(work: () => Promise<T>, message: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict(message);
      throw error;
    }
  }

  private recordContent(
    em: EntityManager,
    actor: Actor,
    versionId: string,
    action: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(em, { actor, subjectType: SUBJECT, subjectId: versionId, action, data });
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}
