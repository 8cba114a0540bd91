import { Pence } from '@grants/common';

export const BUDGET_CATEGORIES = [
  'staff',
  'volunteer_expenses',
  'equipment',
  'materials',
  'venue_hire',
  'training',
  'publicity',
  'travel',
  'evaluation',
  'management_and_overheads',
  'other',
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export const FUNDING_STATUSES = ['secured', 'applied'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

export interface Activity {
  description: string;
}

export interface ObjectiveAnswer {
  objectiveId: string;
  /** How the project serves the objective. */
  contribution: string;
}

export interface MeasureAnswer {
  measureId: string;
  target: number;
  baseline: number | null;
}

export interface BudgetLine {
  description: string;
  category: BudgetCategory;
  amountPence: Pence;
}

/** Co-funding: money from other funders, secured or applied for (the Panel asked for pooled funding). */
export interface OtherFunding {
  funderName: string;
  amountPence: Pence;
  status: FundingStatus;
}

export interface Safeguarding {
  confirmed: boolean;
  policyNotes: string | null;
  /** Whether children or adults at risk are involved; null until answered. */
  involvesChildrenOrAdultsAtRisk: boolean | null;
}

/** A small unregistered group's proportionate due diligence; null fields are not yet answered. */
export interface GroupChecklist {
  constitutionHasDissolutionClause: boolean | null;
  unrelatedCommitteeMembers: number | null;
  bankAccountInGroupName: boolean | null;
}

export interface Declarations {
  informationTrue: boolean;
  oneOffUnderstood: boolean;
  conditionsUnderstood: boolean;
  dataProtection: boolean;
}

export const DECLARATION_KEYS: readonly (keyof Declarations)[] = [
  'informationTrue',
  'oneOffUnderstood',
  'conditionsUnderstood',
  'dataProtection',
];

/** Everything the applicant answers; a draft may hold any of it incomplete. */
export interface ApplicationAnswers {
  title: string | null;
  summary: string | null;
  activities: Activity[];
  objectives: ObjectiveAnswer[];
  successMeasures: MeasureAnswer[];
  beneficiaryAreas: string[];
  startDate: string | null;
  endDate: string | null;
  amountRequestedPence: Pence | null;
  budgetLines: BudgetLine[];
  otherFunding: OtherFunding[];
  exitPlan: string | null;
  safeguarding: Safeguarding;
  groupChecklist: GroupChecklist;
  declarations: Declarations;
}

export function budgetTotalPence(lines: readonly Pick<BudgetLine, 'amountPence'>[]): Pence {
  return lines.reduce((sum, l) => sum + l.amountPence, 0);
}

export function otherFundingTotalPence(
  lines: readonly Pick<OtherFunding, 'amountPence' | 'status'>[],
  status?: FundingStatus,
): Pence {
  return lines.filter((l) => !status || l.status === status).reduce((sum, l) => sum + l.amountPence, 0);
}
