import { addMonths, daysBetween, FieldError, formatPence, isCalendarDate, Pence } from '@grants/common';
import { ApplicationAnswers, budgetTotalPence, DECLARATION_KEYS } from './application-answers';

/** What submission is judged against: the round's limits and the plan it funds. */
export interface SubmissionContext {
  /** The submission date (the funder's calendar date of "now"). */
  today: string;
  round: {
    minAwardPence: Pence;
    maxAwardPence: Pence;
    maxProjectMonths: number;
    /** The objectives the round funds. */
    objectiveIds: readonly string[];
  };
  /** measureId → the objective it belongs to, for every measure the answers name that exists. */
  measureObjectives: ReadonlyMap<string, string>;
  /** Area codes that exist among those the answers name. */
  knownAreaCodes: ReadonlySet<string>;
}

/** The funder's calendar: dates such as "today" for a start-date check are the UK's, not the server's. */
export const FUNDER_TIME_ZONE = 'Europe/London';

/** How far ahead a project may start: beyond this it is not really for this round. */
export const MAX_START_DAYS_AHEAD = 366;

const blank = (v: string | null | undefined): boolean => v === null || v === undefined || v.trim() === '';

/**
 * Every reason the answers cannot be submitted, one per field, so the applicant can fix them all at once.
 * Empty when the application is complete and consistent.
 */
export function submissionErrors(a: ApplicationAnswers, ctx: SubmissionContext): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string): number => errors.push({ field, message });

  if (blank(a.title)) add('title', 'give the project a title');
  if (blank(a.summary)) add('summary', 'summarise the project');

  if (a.activities.length === 0) add('activities', 'list at least one activity or service to be funded');
  a.activities.forEach((act, i) => {
    if (blank(act.description)) add(`activities[${i}].description`, 'describe the activity');
  });

  const roundObjectives = new Set(ctx.round.objectiveIds);
  const chosen = new Set(a.objectives.map((o) => o.objectiveId));
  if (a.objectives.length === 0) add('objectives', 'choose at least one plan objective the project serves');
  a.objectives.forEach((o, i) => {
    if (!roundObjectives.has(o.objectiveId)) {
      add(`objectives[${i}].objectiveId`, 'is not one of the objectives this round funds');
    }
    if (blank(o.contribution))
      add(`objectives[${i}].contribution`, 'say how the project serves this objective');
  });

  if (a.successMeasures.length === 0) {
    add('successMeasures', 'choose at least one success measure the project will move, with a target');
  }
  a.successMeasures.forEach((m, i) => {
    const objectiveId = ctx.measureObjectives.get(m.measureId);
    if (objectiveId === undefined)
      add(`successMeasures[${i}].measureId`, 'is not a success measure of the plan');
    else if (!chosen.has(objectiveId)) {
      add(`successMeasures[${i}].measureId`, 'belongs to an objective the application has not chosen');
    }
    if (!Number.isFinite(m.target)) add(`successMeasures[${i}].target`, 'give a target figure');
  });

  if (a.beneficiaryAreas.length === 0) add('beneficiaryAreas', 'say which areas benefit');
  a.beneficiaryAreas.forEach((code, i) => {
    if (!ctx.knownAreaCodes.has(code)) add(`beneficiaryAreas[${i}]`, 'is not an area this fund covers');
  });

  dateErrors(a, ctx, add);

  if (a.amountRequestedPence === null) add('amountRequestedPence', 'say how much you are asking for');
  else {
    if (a.amountRequestedPence < ctx.round.minAwardPence) {
      add('amountRequestedPence', `must be at least ${formatPence(ctx.round.minAwardPence)} for this round`);
    }
    if (a.amountRequestedPence > ctx.round.maxAwardPence) {
      add('amountRequestedPence', `must be at most ${formatPence(ctx.round.maxAwardPence)} for this round`);
    }
  }

  if (a.budgetLines.length === 0) add('budgetLines', 'break the amount down into budget lines');
  a.budgetLines.forEach((l, i) => {
    if (blank(l.description)) add(`budgetLines[${i}].description`, 'describe the cost');
  });
  if (a.budgetLines.length > 0 && a.amountRequestedPence !== null) {
    const total = budgetTotalPence(a.budgetLines);
    if (total !== a.amountRequestedPence) {
      add(
        'budgetLines',
        `add up to ${formatPence(total)} but the amount requested is ${formatPence(a.amountRequestedPence)}; they must be equal`,
      );
    }
  }

  a.otherFunding.forEach((f, i) => {
    if (blank(f.funderName)) add(`otherFunding[${i}].funderName`, 'name the funder');
  });

  if (blank(a.exitPlan)) add('exitPlan', 'say what happens when this one-off funding ends');
  if (!a.safeguarding.confirmed) add('safeguarding.confirmed', 'confirm the safeguarding arrangements');
  for (const key of DECLARATION_KEYS) {
    if (!a.declarations[key]) add(`declarations.${key}`, 'must be agreed before submitting');
  }
  return errors;
}

function dateErrors(
  a: ApplicationAnswers,
  ctx: SubmissionContext,
  add: (field: string, message: string) => number,
): void {
  const start = a.startDate;
  const end = a.endDate;
  const startOk = start !== null && isCalendarDate(start);
  const endOk = end !== null && isCalendarDate(end);
  if (start === null) add('startDate', 'give the start date');
  else if (!startOk) add('startDate', 'must be a date YYYY-MM-DD');
  if (end === null) add('endDate', 'give the end date');
  else if (!endOk) add('endDate', 'must be a date YYYY-MM-DD');
  if (startOk) {
    if (start < ctx.today) add('startDate', 'must not be in the past');
    else if (daysBetween(ctx.today, start) > MAX_START_DAYS_AHEAD) {
      add('startDate', `must be within ${MAX_START_DAYS_AHEAD} days of submitting`);
    }
  }
  if (startOk && endOk) {
    if (end < start) add('endDate', 'must not be before the start date');
    else if (end >= addMonths(start, ctx.round.maxProjectMonths)) {
      add('endDate', `the project may last at most ${ctx.round.maxProjectMonths} months for this round`);
    }
  }
}
