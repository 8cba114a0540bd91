import { FieldError } from '@grants/common';
import { MonitoringReportView } from './monitoring-report-view';

/** What a report must hold before it is submitted. Pure, so the form can show the same list. */
export function submissionProblems(
  report: Pick<
    MonitoringReportView,
    'kind' | 'progress' | 'caseStudies' | 'unspentPence' | 'budget' | 'measures'
  >,
  committed: readonly { measureId: string; code: string }[],
): FieldError[] {
  const problems: FieldError[] = [];
  if (!report.progress?.trim())
    problems.push({ field: 'progress', message: 'say in words how the project is going' });
  const reported = new Set(report.measures.filter((m) => m.value !== null).map((m) => m.measureId));
  for (const m of committed) {
    if (!reported.has(m.measureId)) {
      problems.push({ field: 'figures', message: `give the figure for success measure ${m.code}` });
    }
  }
  if (report.budget.length > 0 && report.budget.every((b) => b.spentPence === null)) {
    problems.push({ field: 'spend', message: 'give the spend to date against the budget lines' });
  }
  if (report.caseStudies.length === 0) {
    problems.push({
      field: 'caseStudies',
      message: 'tell at least one story of what the grant made possible',
    });
  }
  if (report.kind === 'final' && report.unspentPence === null) {
    problems.push({ field: 'unspentPence', message: 'say how much of the grant is unspent (0 if none)' });
  }
  return problems;
}
