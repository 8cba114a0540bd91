import { Pence } from '@grants/common';
import { EntityManager } from 'typeorm';
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
import { ApplicationStatus } from './application-status';
import { Application } from './application.entity';

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

export async function answersOf(em: EntityManager, a: Application): Promise<ApplicationAnswers> {
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
    safeguarding: {
      confirmed: a.safeguardingConfirmed,
      policyNotes: a.safeguardingPolicyNotes,
      involvesChildrenOrAdultsAtRisk: a.involvesChildrenOrAdultsAtRisk,
    },
    groupChecklist: {
      constitutionHasDissolutionClause: a.groupConstitutionHasDissolutionClause,
      unrelatedCommitteeMembers: a.groupUnrelatedCommitteeMembers,
      bankAccountInGroupName: a.groupBankAccountInGroupName,
    },
    declarations,
  };
}

export async function viewOf(em: EntityManager, a: Application): Promise<ApplicationView> {
  const answers = await answersOf(em, a);
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
