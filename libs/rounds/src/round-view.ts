import type { MeasureUnit } from '@grants/plans';
import type { RoundPhase } from './round-phase';

export interface RoundObjectiveView {
  id: string;
  aimId: string;
  number: number;
  title: string;
  description: string;
  measures: { id: string; code: string; description: string; unit: MeasureUnit }[];
}

/** A round as the API shows it: its own terms plus the labels a reader needs, and its phase now. */
export interface RoundSummaryView {
  id: string;
  title: string;
  description: string;
  phase: RoundPhase;
  opensAt: Date;
  closesAt: Date;
  minAwardPence: number;
  maxAwardPence: number;
  maxProjectMonths: number;
  acceptanceWindowDays: number;
  interimReportOverMonths: number | null;
  finalReportDueDays: number;
  acceptedLegalForms: string[];
  disallowedCostCategories: string[];
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  fund: { id: string; key: string; name: string };
  fundYear: { id: string; label: string; startsOn: string; endsOn: string };
  planVersion: { id: string; planId: string; number: number; label: string };
  objectiveIds: string[];
}

export interface RoundCriterionView {
  id: string;
  position: number;
  title: string;
  guidance: string;
  weight: number;
}

export interface RoundConditionView {
  id: string;
  position: number;
  text: string;
  timing: string;
}

export interface RoundDetailView extends RoundSummaryView {
  objectives: RoundObjectiveView[];
  criteria: RoundCriterionView[];
  standardConditions: RoundConditionView[];
}
