import { Acceptance, CONDITION_STATUSES, ConditionStatus, MoneyMovement } from '@grants/awards';
import { MonitoringReportView, ReportContent } from '@grants/monitoring';
import { FormProblem } from './account-forms';
import { parseDateInput, parseFigure, parsePounds } from './application-form';
import { CaseForm } from './case-forms';
import { field, fields, FormBody } from './form-body';

const text = (body: FormBody | undefined, name: string): string => field(body, name).trim();
const done = <T>(command: T, problems: FormProblem[]): CaseForm<T> =>
  problems.length ? { command: null, problems } : { command, problems };

/** The signatory's acceptance: their name and role, and each condition ticked, against the offer as shown. */
export function readAcceptance(
  body: FormBody | undefined,
  offer: { amountPence: number; conditionIds: readonly string[] },
): CaseForm<Acceptance> {
  const problems: FormProblem[] = [];
  const signatoryName = text(body, 'signatoryName');
  const signatoryPosition = text(body, 'signatoryPosition');
  if (!signatoryName) problems.push({ field: 'signatoryName', message: 'Enter your full name' });
  if (!signatoryPosition)
    problems.push({ field: 'signatoryPosition', message: 'Enter your role in the organisation' });
  const ticked = new Set(fields(body, 'conditions'));
  if (offer.conditionIds.some((id) => !ticked.has(id))) {
    problems.push({ field: 'conditions', message: 'Confirm you accept every condition of the offer' });
  }
  // The amount the page showed: an offer varied since then is refused by the service, not accepted unread.
  const shown = Number(text(body, 'amountPence'));
  return done(
    {
      amountPence: Number.isSafeInteger(shown) ? shown : offer.amountPence,
      signatoryName,
      signatoryPosition,
      acceptedConditionIds: offer.conditionIds.filter((id) => ticked.has(id)),
    },
    problems,
  );
}

export function readReason(body: FormBody | undefined, message: string): CaseForm<{ reason: string }> {
  const reason = text(body, 'reason');
  return done({ reason }, reason ? [] : [{ field: 'reason', message }]);
}

export function readConditionStatus(
  body: FormBody | undefined,
  conditionId: string,
): CaseForm<{ status: ConditionStatus; note: string }> {
  const problems: FormProblem[] = [];
  const status = text(body, 'status');
  const note = text(body, 'note');
  if (!CONDITION_STATUSES.includes(status as ConditionStatus)) {
    problems.push({
      field: `condition-${conditionId}-status`,
      message: 'Select whether the condition is met or waived',
    });
  }
  if (!note)
    problems.push({
      field: `condition-${conditionId}-note`,
      message: 'Say what evidence you saw, or why it is waived',
    });
  return done({ status: status as ConditionStatus, note }, problems);
}

/** Money that moved, paid to the grant holder or returned by them; the note is finance's own. */
export function readMoneyMovement(
  body: FormBody | undefined,
  way: 'paid' | 'returned',
): CaseForm<MoneyMovement> {
  const problems: FormProblem[] = [];
  const amount = parsePounds(text(body, 'amount'));
  if (amount === null || amount === 0)
    problems.push({ field: 'amount', message: `Enter the amount ${way} in pounds, like 1500` });
  const on = parseDateInput(body, 'on');
  if (!on.ok || on.value === null)
    problems.push({ field: 'on-day', message: `Enter the date the money was ${way}, like 3 5 2027` });
  const reference = text(body, 'reference');
  if (!reference) problems.push({ field: 'reference', message: 'Enter the bank or remittance reference' });
  const note = text(body, 'note');
  return done(
    { amountPence: amount ?? 0, on: on.value ?? '', reference, ...(note ? { note } : {}) },
    problems,
  );
}

export const readPayment = (body: FormBody | undefined): CaseForm<MoneyMovement> =>
  readMoneyMovement(body, 'paid');

/** How many case-study boxes a report offers beyond those written. */
export const SPARE_CASE_STUDIES = 1;

/**
 * A monitoring report's form as its content. Spend is per budget line and figures per success measure the
 * application committed to; the report's own lines and measures are the only names read.
 */
export function readReport(
  body: FormBody | undefined,
  report: MonitoringReportView,
): CaseForm<ReportContent> {
  const problems: FormProblem[] = [];
  const spend = report.budget.flatMap((line) => {
    const typed = text(body, `spend-${line.position}`);
    if (!typed) return [];
    const pence = parsePounds(typed);
    if (pence === null) {
      problems.push({
        field: `spend-${line.position}`,
        message: `Spend on ${line.description} must be in pounds, like 250`,
      });
      return [];
    }
    return [{ budgetLinePosition: line.position, amountPence: pence }];
  });
  const figures = report.measures.flatMap((m) => {
    const typed = text(body, `figure-${m.measureId}`);
    if (!typed) return [];
    const value = parseFigure(typed);
    if (value === null) {
      problems.push({
        field: `figure-${m.measureId}`,
        message: `The figure for ${m.code} must be a number, like 12`,
      });
      return [];
    }
    const note = text(body, `figure-${m.measureId}-note`);
    return [{ measureId: m.measureId, value, ...(note ? { note } : {}) }];
  });
  const caseStudies: NonNullable<ReportContent['caseStudies']> = [];
  const rows = Math.min(Number(text(body, 'caseStudyRows')) || 0, 20);
  for (let i = 0; i < rows; i++) {
    const title = text(body, `case-${i}-title`);
    const story = text(body, `case-${i}-story`);
    const anonymisedStory = text(body, `case-${i}-anonymised`);
    const consentToPublish = field(body, `case-${i}-consent`) === 'yes';
    if (!title && !story && !anonymisedStory) continue;
    const at = caseStudies.length;
    if (!title) problems.push({ field: `case-${i}-title`, message: `Give case study ${at + 1} a title` });
    if (!story)
      problems.push({ field: `case-${i}-story`, message: `Tell the story of case study ${at + 1}` });
    if (consentToPublish && !anonymisedStory) {
      problems.push({
        field: `case-${i}-anonymised`,
        message: `Case study ${at + 1} may be published: write the version with no one identifiable`,
      });
    }
    caseStudies.push({ title, story, consentToPublish, anonymisedStory: anonymisedStory || null });
  }
  let unspentPence: number | null | undefined;
  if (report.kind === 'final') {
    const typed = text(body, 'unspent');
    unspentPence = typed ? parsePounds(typed) : null;
    if (typed && unspentPence === null)
      problems.push({ field: 'unspent', message: 'The amount unspent must be in pounds, like 0 or 120.50' });
  }
  return done(
    {
      spend,
      figures,
      progress: text(body, 'progress') || null,
      problems: text(body, 'problems') || null,
      caseStudies,
      ...(report.kind === 'final' ? { unspentPence: unspentPence ?? null } : {}),
    },
    problems,
  );
}
