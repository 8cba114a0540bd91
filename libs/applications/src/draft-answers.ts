import { trimToNull } from '@grants/common';
import { EntityManager } from 'typeorm';
import { ApplicationArea } from './application-area.entity';
import { ApplicationBudgetLine } from './application-budget-line.entity';
import { ApplicationMeasure } from './application-measure.entity';
import { ApplicationObjective } from './application-objective.entity';
import { ApplicationOtherFunding } from './application-other-funding.entity';
import { UpdateApplicationDto } from './application.dto';
import { Application } from './application.entity';

/** The names of the answers a patch sends (present, even if null). */
export function sentFields(input: UpdateApplicationDto): string[] {
  return (Object.keys(input) as (keyof UpdateApplicationDto)[]).filter((k) => input[k] !== undefined);
}

/** Writes the given answers; returns the names of the fields that were sent (for the audit log). */
export async function writeDraftAnswers(
  em: EntityManager,
  application: Application,
  input: UpdateApplicationDto,
): Promise<string[]> {
  const id = application.id;
  const fields = sentFields(input);
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
    if (input.safeguarding.involvesChildrenOrAdultsAtRisk !== undefined) {
      patch.involvesChildrenOrAdultsAtRisk = input.safeguarding.involvesChildrenOrAdultsAtRisk;
    }
  }
  if (input.groupChecklist) {
    const g = input.groupChecklist;
    if (g.constitutionHasDissolutionClause !== undefined) {
      patch.groupConstitutionHasDissolutionClause = g.constitutionHasDissolutionClause;
    }
    if (g.unrelatedCommitteeMembers !== undefined)
      patch.groupUnrelatedCommitteeMembers = g.unrelatedCommitteeMembers;
    if (g.bankAccountInGroupName !== undefined) patch.groupBankAccountInGroupName = g.bankAccountInGroupName;
  }
  if (input.declarations) {
    const d = input.declarations;
    if (d.informationTrue !== undefined) patch.declarationInformationTrue = d.informationTrue;
    if (d.oneOffUnderstood !== undefined) patch.declarationOneOffUnderstood = d.oneOffUnderstood;
    if (d.conditionsUnderstood !== undefined) patch.declarationConditionsUnderstood = d.conditionsUnderstood;
    if (d.dataProtection !== undefined) patch.declarationDataProtection = d.dataProtection;
  }
  // Touch updated_at even when only child lists change, so "last saved" is true.
  await em
    .createQueryBuilder()
    .update(Application)
    .set({ ...patch, updatedAt: () => 'now()' })
    .where('id = :id', { id })
    .execute();

  // A list that is sent replaces the whole list, in the order given.
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
