import type { AwardStatus } from '@grants/awards';

/**
 * The award statuses counted in a report's `awards` (and `grants`) figures: every offer that still stands
 * or stood until the money was settled. Declined and lapsed offers are not counted: their commitment was
 * released in full, so they net to nothing, and counting them would make a year look busier than it was.
 * The money columns never depend on this list: they come from the ledger, where a declined offer's
 * commitment and release cancel out.
 */
export const COUNTED_AWARD_STATUSES: readonly AwardStatus[] = ['offered', 'accepted', 'completed', 'revoked'];

/** The ways the fund-year report cuts a year's awards, in the order the CSV lists them. */
export const BREAKDOWNS = ['area', 'partnership', 'objective', 'aim', 'round', 'legal_form'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** The breakdowns the plan-period report puts side by side. */
export const PLAN_PERIOD_BREAKDOWNS: readonly Breakdown[] = ['area', 'partnership', 'objective'];

/** Awards counted and their money from the ledger. */
export interface AwardFigures {
  /** Awards in COUNTED_AWARD_STATUSES. */
  awards: number;
  /** Commitments less releases. */
  committedPence: number;
  paidPence: number;
  returnedPence: number;
}

export interface BreakdownRow extends AwardFigures {
  /** Null for the row of awards with no value here ("No partnership", "No objective"). */
  key: string | null;
  label: string;
}

export interface ReportFundYear {
  id: string;
  fundId: string;
  fundName: string;
  label: string;
  startsOn: string;
  endsOn: string;
}

/** The same figures as GET /fund-years/:id/position, from the totals the ledger keeps on the year. */
export interface PositionFigures {
  capPence: number;
  overAllocationTolerancePence: number;
  committedPence: number;
  releasedPence: number;
  netCommittedPence: number;
  paidPence: number;
  returnedPence: number;
  netPaidPence: number;
  availablePence: number;
  headroomPence: number;
}

export interface FundYearColumn {
  fundYear: ReportFundYear;
  position: PositionFigures;
  /** Every award of the year once: its money adds up to the position's net committed, paid and returned. */
  totals: AwardFigures;
}

export interface FundYearReport extends FundYearColumn {
  countedStatuses: readonly AwardStatus[];
  byArea: BreakdownRow[];
  byPartnership: BreakdownRow[];
  byObjective: BreakdownRow[];
  byAim: BreakdownRow[];
  byRound: BreakdownRow[];
  byLegalForm: BreakdownRow[];
}

export interface PlanPeriodCell extends AwardFigures {
  fundYearId: string;
}

export interface PlanPeriodRow {
  key: string | null;
  label: string;
  /** One cell per fund year, in the order of the report's fundYears (zeros where the year had none). */
  years: PlanPeriodCell[];
  /** The cells added up across the plan's years. */
  total: AwardFigures;
}

export interface ReportPlan {
  id: string;
  key: string;
  title: string;
  periodStart: string;
  periodEnd: string;
}

export interface PlanPeriodReport {
  plan: ReportPlan;
  countedStatuses: readonly AwardStatus[];
  /** The columns: each fund year starting within the plan period, in start order. */
  fundYears: FundYearColumn[];
  byArea: PlanPeriodRow[];
  byPartnership: PlanPeriodRow[];
  byObjective: PlanPeriodRow[];
}

export interface ReportCaseStudy {
  id: string;
  awardId: string;
  awardReference: string;
  reportId: string;
  reportKind: 'interim' | 'final';
  title: string;
  story: string;
  consentToPublish: boolean;
  anonymisedStory: string | null;
}

export interface MeasureReportRow {
  measureId: string;
  planVersionNumber: number;
  objectiveNumber: number;
  objectiveTitle: string;
  measureCode: string;
  description: string;
  unit: string;
  /** Counted awards in scope whose application committed to the measure. */
  grants: number;
  /** Their targets added up. */
  targetTotal: number;
  /** Of those, the awards with an accepted report giving a figure for the measure. */
  grantsReporting: number;
  /** Each award's figure from its latest accepted report that gives one (figures are cumulative), added up. */
  reportedTotal: number;
  /** The objective's case studies, the first CASE_STUDIES_PER_OBJECTIVE by award reference. */
  caseStudies: ReportCaseStudy[];
  /** How many there are in all. */
  caseStudyCount: number;
}

export interface MeasuresReport {
  scope: { fundYear: ReportFundYear | null; plan: ReportPlan | null };
  countedStatuses: readonly AwardStatus[];
  measures: MeasureReportRow[];
}
