import { Pence } from '@grants/common';

export const REPORT_STATUSES = ['due', 'submitted', 'accepted', 'changes_requested'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface SpendLine {
  budgetLinePosition: number;
  amountPence: Pence;
}

export interface Figure {
  measureId: string;
  value: number;
  note?: string | null;
}

export interface CaseStudyView {
  id: string;
  title: string;
  story: string;
  consentToPublish: boolean;
  anonymisedStory: string | null;
}

/** What the grant holder writes; any part may be left out of a save and is then kept as it was. */
export interface ReportContent {
  spend?: SpendLine[];
  figures?: Figure[];
  progress?: string | null;
  problems?: string | null;
  caseStudies?: (Omit<CaseStudyView, 'id' | 'anonymisedStory'> & { anonymisedStory?: string | null })[];
  unspentPence?: Pence | null;
}

export interface MonitoringReportView {
  id: string;
  awardId: string;
  awardReference: string;
  position: number;
  kind: 'interim' | 'final';
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  status: ReportStatus;
  /** Derived, never stored: still owed after its due date (Europe/London). */
  overdue: boolean;
  budget: {
    position: number;
    description: string;
    category: string;
    budgetPence: Pence;
    spentPence: Pence | null;
  }[];
  measures: {
    measureId: string;
    code: string;
    description: string;
    unit: string;
    target: number;
    value: number | null;
    note: string | null;
  }[];
  progress: string | null;
  problems: string | null;
  caseStudies: CaseStudyView[];
  unspentPence: Pence | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  reviewComments: string | null;
}

/** The report's row with the award facts every use case checks. */
export interface MonitoringReportRow {
  id: string;
  award_id: string;
  award_reference: string;
  award_status: string;
  organisation_id: string;
  application_id: string;
  paid_pence: string;
  returned_pence: string;
  position: number;
  kind: 'interim' | 'final';
  period_start: string;
  period_end: string;
  due_on: string;
  status: ReportStatus;
  progress: string | null;
  problems: string | null;
  unspent_pence: string | null;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  review_comments: string | null;
}

/** A report its grant holder has not sent by its due date: an officer's work list. */
export interface SubmittedReport {
  id: string;
  awardId: string;
  awardReference: string;
  organisationName: string;
  kind: 'interim' | 'final';
  submittedAt: Date;
}

export interface OverdueReport {
  id: string;
  awardId: string;
  organisationName: string;
  kind: 'interim' | 'final';
  dueOn: string;
  status: 'due' | 'changes_requested';
}
