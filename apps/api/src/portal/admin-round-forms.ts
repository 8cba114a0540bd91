import { LEGAL_FORMS } from '@grants/organisations';
import {
  CONDITION_TIMINGS,
  ConditionTiming,
  DEFAULT_CRITERIA,
  DEFAULT_STANDARD_CONDITIONS,
  MAX_ACCEPTANCE_WINDOW_DAYS,
  MAX_CONDITIONS,
  MAX_CRITERIA,
  MAX_CRITERION_WEIGHT,
  MAX_PROJECT_MONTHS,
  normaliseCostCategories,
  RoundDetailView,
  sameConditions,
  sameCriteria,
} from '@grants/rounds';
import { FormProblem } from './account-forms';
import { fieldProblemsOn, PageField, pageFieldIn } from './admin-fund-forms';
import { dateParts, parseDateInput, parsePounds, poundsText } from './application-form';
import { CaseForm } from './case-forms';
import { field, fields, FormBody } from './form-body';
import { UUID } from './portal-router';
import { instantOn, parseTimeOfDay, timeOfDayText, wallClock } from './wall-clock';

const text = (body: FormBody | undefined, name: string): string => field(body, name).trim();
/** A textarea's text as it was meant: browsers send its line breaks as CRLF. */
const longText = (body: FormBody | undefined, name: string): string =>
  text(body, name).replace(/\r\n?/g, '\n');
const done = <T>(command: T, problems: FormProblem[]): CaseForm<T> =>
  problems.length ? { command: null, problems } : { command, problems };

/** How many empty criteria and conditions a round's form offers beyond those it has. */
export const SPARE_ROWS = 2;

/**
 * A round's terms as its form gives them, in the shape of the API's CreateRoundDto (instants as ISO 8601
 * strings): everything is sent, so nothing is left to a default the page did not show.
 */
export interface RoundCommand {
  fundYearId: string;
  planVersionId: string;
  title: string;
  description: string;
  opensAt: string;
  closesAt: string;
  minAwardPence: number;
  maxAwardPence: number;
  maxProjectMonths: number;
  acceptanceWindowDays: number;
  interimReportOverMonths: number | null;
  finalReportDueDays: number;
  objectiveIds: string[];
  acceptedLegalForms: string[];
  disallowedCostCategories: string[];
  criteria: { title: string; guidance: string; weight: number }[];
  standardConditions: { text: string; timing: ConditionTiming }[];
}

/** A round's form as the page shows it: every box's text, the ticks, and the rows of criteria and conditions. */
export interface RoundFormView {
  values: Record<string, string>;
  objectiveIds: string[];
  acceptedLegalForms: string[];
  criteria: { title: string; guidance: string; weight: string }[];
  conditions: { text: string; timing: string }[];
}

/** When the round opens or closes, as a date and a time on the funder's clocks. */
function readInstant(
  body: FormBody | undefined,
  name: 'opensAt' | 'closesAt',
  timeZone: string,
  problems: FormProblem[],
): string | null {
  const what = name === 'opensAt' ? 'opens' : 'closes';
  const date = parseDateInput(body, name);
  const example = name === 'opensAt' ? '1 6 2027' : '31 7 2027';
  if (!date.value) {
    problems.push({
      field: `${name}-day`,
      message: date.ok
        ? `Enter the date the round ${what}, like ${example}`
        : `The date the round ${what} must be a real date`,
    });
  }
  const typed = text(body, `${name}-time`);
  const time = parseTimeOfDay(typed);
  if (!time) {
    problems.push({
      field: `${name}-time`,
      message: typed
        ? `The time the round ${what} must be a time, like 9am, 5:30pm or 17:30`
        : `Enter the time the round ${what}, like 9am or 17:30`,
    });
  }
  return date.value && time ? instantOn(date.value, time, timeZone) : null;
}

/** A whole number typed in a box, within limits; undefined when empty, null when not such a number. */
function wholeNumber(typed: string, min: number, max: number): number | null | undefined {
  if (!typed) return undefined;
  if (!/^\d{1,6}$/.test(typed)) return null;
  const n = Number(typed);
  return n >= min && n <= max ? n : null;
}

function readMoney(
  body: FormBody | undefined,
  name: 'minAward' | 'maxAward',
  problems: FormProblem[],
): number | null {
  const what = name === 'minAward' ? 'smallest grant' : 'largest grant';
  const example = name === 'minAward' ? '500' : '25000';
  const typed = text(body, name);
  const pence = typed ? parsePounds(typed) : null;
  if (!typed) problems.push({ field: name, message: `Enter the ${what} in pounds, like ${example}` });
  else if (pence === null) {
    problems.push({
      field: name,
      message: `The ${what} must be an amount in pounds, like ${example} or ${example}.00`,
    });
  } else if (pence === 0) problems.push({ field: name, message: `The ${what} must be more than £0` });
  return pence || null;
}

/** The rows of criteria as typed: blank rows are left out, so the numbers the page shows are the API's. */
function criteriaRows(body: FormBody | undefined): { title: string; guidance: string; weight: string }[] {
  const count = Math.min(Number(text(body, 'criterionRows')) || 0, MAX_CRITERIA + SPARE_ROWS);
  const rows = [];
  for (let i = 0; i < count; i++) {
    const row = {
      title: text(body, `criterion-${i}-title`),
      guidance: longText(body, `criterion-${i}-guidance`),
      weight: text(body, `criterion-${i}-weight`),
    };
    if (row.title || row.guidance || row.weight) rows.push(row);
  }
  return rows;
}

function conditionRows(body: FormBody | undefined): { text: string; timing: string }[] {
  const count = Math.min(Number(text(body, 'conditionRows')) || 0, MAX_CONDITIONS + SPARE_ROWS);
  const rows = [];
  for (let i = 0; i < count; i++) {
    const row = { text: longText(body, `condition-${i}-text`), timing: text(body, `condition-${i}-timing`) };
    if (row.text) rows.push(row);
  }
  return rows;
}

/**
 * A round's form, checked: the terms for the service (creating the round, or changing it), or the problems
 * in the page's words. Dates and times are the funder's clocks (`timeZone`, Europe/London); money is in
 * pounds; the service still checks everything that needs the database (the fund year's cap, the plan).
 */
export function readRoundForm(body: FormBody | undefined, timeZone: string): CaseForm<RoundCommand> {
  const problems: FormProblem[] = [];
  const title = text(body, 'title');
  if (!title) problems.push({ field: 'title', message: 'Enter the round’s name' });
  else if (title.length > 300)
    problems.push({ field: 'title', message: 'The round’s name must be 300 characters or fewer' });
  const description = longText(body, 'description');
  if (description.length > 10_000) {
    problems.push({ field: 'description', message: 'The description must be 10,000 characters or fewer' });
  }

  const opensAt = readInstant(body, 'opensAt', timeZone, problems);
  const closesAt = readInstant(body, 'closesAt', timeZone, problems);
  if (opensAt && closesAt && Date.parse(closesAt) <= Date.parse(opensAt)) {
    problems.push({ field: 'closesAt-day', message: 'The round must close after it opens' });
  }

  const fundYearId = text(body, 'fundYearId');
  if (!UUID.test(fundYearId))
    problems.push({ field: 'fundYearId', message: 'Select the fund year the grants are paid from' });
  const minAwardPence = readMoney(body, 'minAward', problems);
  const maxAwardPence = readMoney(body, 'maxAward', problems);
  if (minAwardPence && maxAwardPence && maxAwardPence < minAwardPence) {
    problems.push({ field: 'maxAward', message: 'The largest grant must be at least the smallest grant' });
  }

  const planVersionId = text(body, 'planVersionId');
  if (!UUID.test(planVersionId))
    problems.push({ field: 'planVersionId', message: 'Select the version of the plan the round funds' });
  const objectiveIds = [...new Set(fields(body, 'objectiveIds'))].filter((id) => UUID.test(id));
  if (objectiveIds.length === 0)
    problems.push({ field: 'objectiveIds', message: 'Select at least one objective the round funds' });
  const acceptedLegalForms = LEGAL_FORMS.filter((f) => fields(body, 'acceptedLegalForms').includes(f));
  if (acceptedLegalForms.length === 0) {
    problems.push({
      field: 'acceptedLegalForms',
      message: 'Select at least one type of organisation that may apply',
    });
  }
  const disallowedCostCategories = normaliseCostCategories(
    longText(body, 'disallowedCostCategories').split('\n'),
  );
  if (disallowedCostCategories.length > 50 || disallowedCostCategories.some((c) => c.length > 200)) {
    problems.push({
      field: 'disallowedCostCategories',
      message: 'List at most 50 costs the round does not pay for, each 200 characters or fewer',
    });
  }

  const months = wholeNumber(text(body, 'maxProjectMonths'), 1, MAX_PROJECT_MONTHS);
  if (months == null) {
    problems.push({
      field: 'maxProjectMonths',
      message: `Enter the longest a project may last, in months from 1 to ${MAX_PROJECT_MONTHS}`,
    });
  }
  const days = wholeNumber(text(body, 'acceptanceWindowDays'), 1, MAX_ACCEPTANCE_WINDOW_DAYS);
  if (days == null) {
    problems.push({
      field: 'acceptanceWindowDays',
      message: `Enter how many days an offer stays open, from 1 to ${MAX_ACCEPTANCE_WINDOW_DAYS}`,
    });
  }
  const interim = wholeNumber(text(body, 'interimReportOverMonths'), 0, MAX_PROJECT_MONTHS);
  if (interim === null) {
    problems.push({
      field: 'interimReportOverMonths',
      message: `The months for a half-way report must be a whole number from 0 to ${MAX_PROJECT_MONTHS}, or left empty`,
    });
  }
  const finalDays = wholeNumber(text(body, 'finalReportDueDays'), 0, 366);
  if (finalDays == null) {
    problems.push({
      field: 'finalReportDueDays',
      message: 'Enter how many days after a project ends its final report is due, from 0 to 366',
    });
  }

  const criteria = criteriaRows(body).map((row, i) => {
    if (!row.title)
      problems.push({ field: `criterion-${i}-title`, message: `Give criterion ${i + 1} a title` });
    const weight = wholeNumber(row.weight, 1, MAX_CRITERION_WEIGHT);
    if (weight == null) {
      problems.push({
        field: `criterion-${i}-weight`,
        message: `Give criterion ${i + 1} a weight from 1 to ${MAX_CRITERION_WEIGHT}`,
      });
    }
    return { title: row.title, guidance: row.guidance, weight: weight ?? 0 };
  });
  if (criteria.length === 0)
    problems.push({ field: 'criterion-0-title', message: 'Add at least one assessment criterion' });
  const standardConditions = conditionRows(body).map((row, i) => {
    if (!CONDITION_TIMINGS.includes(row.timing as ConditionTiming)) {
      problems.push({
        field: `condition-${i}-timing`,
        message: `Select when condition ${i + 1} applies`,
      });
    }
    return { text: row.text, timing: row.timing as ConditionTiming };
  });

  return done(
    {
      fundYearId,
      planVersionId,
      title,
      description,
      opensAt: opensAt ?? '',
      closesAt: closesAt ?? '',
      minAwardPence: minAwardPence ?? 0,
      maxAwardPence: maxAwardPence ?? 0,
      maxProjectMonths: months ?? 0,
      acceptanceWindowDays: days ?? 0,
      interimReportOverMonths: interim ?? null,
      finalReportDueDays: finalDays ?? 0,
      objectiveIds,
      acceptedLegalForms,
      disallowedCostCategories,
      criteria,
      standardConditions,
    },
    problems,
  );
}

const sameMinute = (a: string | Date, b: string | Date): boolean =>
  Math.floor(new Date(a).getTime() / 60_000) === Math.floor(new Date(b).getTime() / 60_000);
const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

/**
 * What the edit form changes, as the API's PATCH takes it: only the fields whose value moved, so a round
 * that has opened can still have its name, description and closing time changed (its other terms are
 * frozen, and sending them again unchanged must not read as changing them). The form shows times to the
 * minute, so an instant in the same minute is unchanged.
 */
export function roundChanges(command: RoundCommand, round: RoundDetailView): Partial<RoundCommand> {
  const changes: Partial<RoundCommand> = {};
  const set = <K extends keyof RoundCommand>(key: K, changed: boolean): void => {
    if (changed) changes[key] = command[key];
  };
  set('fundYearId', command.fundYearId !== round.fundYear.id);
  set('planVersionId', command.planVersionId !== round.planVersion.id);
  set('title', command.title !== round.title);
  set('description', command.description !== round.description.replace(/\r\n?/g, '\n').trim());
  set('opensAt', !sameMinute(command.opensAt, round.opensAt));
  set('closesAt', !sameMinute(command.closesAt, round.closesAt));
  set('minAwardPence', command.minAwardPence !== round.minAwardPence);
  set('maxAwardPence', command.maxAwardPence !== round.maxAwardPence);
  set('maxProjectMonths', command.maxProjectMonths !== round.maxProjectMonths);
  set('acceptanceWindowDays', command.acceptanceWindowDays !== round.acceptanceWindowDays);
  set('interimReportOverMonths', command.interimReportOverMonths !== round.interimReportOverMonths);
  set('finalReportDueDays', command.finalReportDueDays !== round.finalReportDueDays);
  set(
    'objectiveIds',
    changes.planVersionId !== undefined || !sameSet(command.objectiveIds, round.objectiveIds),
  );
  set('acceptedLegalForms', !sameSet(command.acceptedLegalForms, round.acceptedLegalForms));
  const lower = (xs: readonly string[]): string[] => normaliseCostCategories(xs).map((x) => x.toLowerCase());
  set(
    'disallowedCostCategories',
    !sameSet(lower(command.disallowedCostCategories), lower(round.disallowedCostCategories)),
  );
  set('criteria', !sameCriteria(command.criteria, round.criteria));
  set(
    'standardConditions',
    !sameConditions(
      command.standardConditions,
      round.standardConditions.map((c) => ({ text: c.text, timing: c.timing as ConditionTiming })),
    ),
  );
  return changes;
}

/** An instant's date boxes and time box, on the funder's clocks. */
function instantBoxes(name: string, instant: Date, timeZone: string): Record<string, string> {
  const { date, ...time } = wallClock(instant, timeZone);
  const parts = dateParts(date);
  return {
    [`${name}-day`]: parts.day,
    [`${name}-month`]: parts.month,
    [`${name}-year`]: parts.year,
    [`${name}-time`]: timeOfDayText(time),
  };
}

const withSpares = <T>(rows: T[], spare: T, max: number): T[] => [
  ...rows,
  ...Array.from({ length: Math.max(0, Math.min(SPARE_ROWS, max - rows.length)) }, () => ({ ...spare })),
];
const SPARE_CRITERION = { title: '', guidance: '', weight: '' };
const SPARE_CONDITION = { text: '', timing: 'ongoing' };

/** A new round's form: the defaults the service would choose, shown so nothing is chosen unseen. */
export function newRoundForm(defaults: { disallowedCostCategories: readonly string[] }): RoundFormView {
  return {
    values: {
      'opensAt-time': '9am',
      'closesAt-time': '5pm',
      maxProjectMonths: '12',
      acceptanceWindowDays: '28',
      interimReportOverMonths: '6',
      finalReportDueDays: '28',
      disallowedCostCategories: defaults.disallowedCostCategories.join('\n'),
    },
    objectiveIds: [],
    acceptedLegalForms: [...LEGAL_FORMS],
    criteria: withSpares(
      DEFAULT_CRITERIA.map((c) => ({ title: c.title, guidance: c.guidance, weight: String(c.weight) })),
      SPARE_CRITERION,
      MAX_CRITERIA,
    ),
    conditions: withSpares(
      DEFAULT_STANDARD_CONDITIONS.map((c) => ({ text: c.text, timing: c.timing })),
      SPARE_CONDITION,
      MAX_CONDITIONS,
    ),
  };
}

/** A round's form filled in with its terms now, for changing them. */
export function roundFormFromRound(round: RoundDetailView, timeZone: string): RoundFormView {
  return {
    values: {
      fundYearId: round.fundYear.id,
      planVersionId: round.planVersion.id,
      title: round.title,
      description: round.description,
      ...instantBoxes('opensAt', round.opensAt, timeZone),
      ...instantBoxes('closesAt', round.closesAt, timeZone),
      minAward: poundsText(round.minAwardPence),
      maxAward: poundsText(round.maxAwardPence),
      maxProjectMonths: String(round.maxProjectMonths),
      acceptanceWindowDays: String(round.acceptanceWindowDays),
      interimReportOverMonths:
        round.interimReportOverMonths === null ? '' : String(round.interimReportOverMonths),
      finalReportDueDays: String(round.finalReportDueDays),
      disallowedCostCategories: round.disallowedCostCategories.join('\n'),
    },
    objectiveIds: round.objectiveIds,
    acceptedLegalForms: round.acceptedLegalForms,
    criteria: withSpares(
      round.criteria.map((c) => ({ title: c.title, guidance: c.guidance, weight: String(c.weight) })),
      SPARE_CRITERION,
      MAX_CRITERIA,
    ),
    conditions: withSpares(
      round.standardConditions.map((c) => ({ text: c.text, timing: c.timing })),
      SPARE_CONDITION,
      MAX_CONDITIONS,
    ),
  };
}

const BOXES = [
  'fundYearId',
  'planVersionId',
  'title',
  'description',
  ...['opensAt', 'closesAt'].flatMap((n) => ['day', 'month', 'year', 'time'].map((p) => `${n}-${p}`)),
  'minAward',
  'maxAward',
  'maxProjectMonths',
  'acceptanceWindowDays',
  'interimReportOverMonths',
  'finalReportDueDays',
  'disallowedCostCategories',
];

/** The form as it was posted, to show again beside its problems (blank rows closed up, spares after). */
export function roundFormFromBody(body: FormBody | undefined): RoundFormView {
  return {
    values: Object.fromEntries(BOXES.map((name) => [name, field(body, name)])),
    objectiveIds: fields(body, 'objectiveIds'),
    acceptedLegalForms: fields(body, 'acceptedLegalForms'),
    criteria: withSpares(criteriaRows(body), SPARE_CRITERION, MAX_CRITERIA),
    conditions: withSpares(conditionRows(body), SPARE_CONDITION, MAX_CONDITIONS),
  };
}

// ---- the next round, copied ----

export interface CopyCommand {
  title?: string;
  fundYearId?: string;
  opensAt: string;
  closesAt: string;
}

/** The next round from this one: a new window, and (if they change) a new name and fund year. */
export function readCopyForm(
  body: FormBody | undefined,
  round: { title: string; fundYear: { id: string } },
  timeZone: string,
): CaseForm<CopyCommand> {
  const problems: FormProblem[] = [];
  const title = text(body, 'title');
  if (title.length > 300)
    problems.push({ field: 'title', message: 'The round’s name must be 300 characters or fewer' });
  const fundYearId = text(body, 'fundYearId');
  if (fundYearId && !UUID.test(fundYearId))
    problems.push({ field: 'fundYearId', message: 'Select the fund year the grants are paid from' });
  const opensAt = readInstant(body, 'opensAt', timeZone, problems);
  const closesAt = readInstant(body, 'closesAt', timeZone, problems);
  if (opensAt && closesAt && Date.parse(closesAt) <= Date.parse(opensAt)) {
    problems.push({ field: 'closesAt-day', message: 'The round must close after it opens' });
  }
  return done(
    {
      ...(title && title !== round.title ? { title } : {}),
      ...(fundYearId && fundYearId !== round.fundYear.id ? { fundYearId } : {}),
      opensAt: opensAt ?? '',
      closesAt: closesAt ?? '',
    },
    problems,
  );
}

/** The copy form to start from: the same name and fund year, the same times of day, the dates to choose. */
export function copyFormFromRound(round: RoundDetailView, timeZone: string): Record<string, string> {
  const opens = instantBoxes('opensAt', round.opensAt, timeZone);
  const closes = instantBoxes('closesAt', round.closesAt, timeZone);
  return {
    title: round.title,
    fundYearId: round.fundYear.id,
    'opensAt-time': opens['opensAt-time']!,
    'closesAt-time': closes['closesAt-time']!,
  };
}

// ---- the service's words on the page ----

const ROUND_FIELDS: Record<string, PageField> = {
  fundYearId: { field: 'fundYearId', name: 'the fund year' },
  planVersionId: { field: 'planVersionId', name: 'the plan version' },
  title: { field: 'title', name: 'the round’s name' },
  description: { field: 'description', name: 'the description' },
  opensAt: { field: 'opensAt-day', name: 'the opening time' },
  closesAt: { field: 'closesAt-day', name: 'the closing time' },
  minAwardPence: { field: 'minAward', name: 'the smallest grant' },
  maxAwardPence: { field: 'maxAward', name: 'the largest grant' },
  maxProjectMonths: { field: 'maxProjectMonths', name: 'the longest project' },
  acceptanceWindowDays: { field: 'acceptanceWindowDays', name: 'the days an offer stays open' },
  interimReportOverMonths: { field: 'interimReportOverMonths', name: 'the months for a half-way report' },
  finalReportDueDays: { field: 'finalReportDueDays', name: 'the days until the final report is due' },
  objectiveIds: { field: 'objectiveIds', name: 'the objectives' },
  acceptedLegalForms: { field: 'acceptedLegalForms', name: 'the types of organisation' },
  disallowedCostCategories: { field: 'disallowedCostCategories', name: 'the costs not paid for' },
  criteria: { field: 'criterion-0-title', name: 'the assessment criteria' },
  standardConditions: { field: 'condition-0-text', name: 'the conditions' },
};

/** An API field of a round (criteria[2].title too) as the page's box and words. */
export function roundField(apiField: string): PageField | undefined {
  const row = /^(criteria|standardConditions|disallowedCostCategories)\[(\d+)\](?:\.(\w+))?$/.exec(apiField);
  if (row) {
    const i = Number(row[2]);
    if (row[1] === 'criteria') {
      const part = row[3] === 'weight' ? 'weight' : 'title';
      return { field: `criterion-${i}-${part}`, name: `criterion ${i + 1}’s ${part}` };
    }
    if (row[1] === 'standardConditions') {
      const part = row[3] === 'timing' ? 'timing' : 'text';
      return { field: `condition-${i}-${part}`, name: `condition ${i + 1}` };
    }
    return { field: 'disallowedCostCategories', name: `cost ${i + 1} not paid for` };
  }
  return pageFieldIn(ROUND_FIELDS)(apiField);
}

export const roundProblems = (fallback: string) => fieldProblemsOn(roundField, fallback);
