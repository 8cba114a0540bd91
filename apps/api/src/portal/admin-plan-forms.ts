import { DomainError, ErrorCode } from '@grants/common';
import { MEASURE_UNITS, MeasureUnit, NewAim, NewMeasure, NewObjective, VersionChanges } from '@grants/plans';
import { FormProblem } from './account-forms';
import { parseDateInput } from './application-form';
import { CaseForm, refusalProblems } from './case-forms';
import { field, FormBody } from './form-body';

/** How each unit a success measure is counted in reads on the page. */
export const MEASURE_UNIT_LABELS: Record<MeasureUnit, string> = {
  count: 'A number',
  percent: 'A percentage',
  pounds: 'An amount in pounds',
  rate: 'A rate',
  text: 'Words',
};
export const MEASURE_UNIT_CHOICES = MEASURE_UNITS.map((value) => ({
  value,
  text: MEASURE_UNIT_LABELS[value],
}));

/** The API's DTOs' limits (libs/plans/src/dto), as the forms say them. */
export const PLAN_TEXT_LIMITS = {
  versionLabel: 300,
  notes: 5000,
  aimCode: 20,
  aimTitle: 500,
  objectiveTitle: 500,
  objectiveDescription: 5000,
  measureCode: 20,
  measureDescription: 1000,
} as const;
/** Aim positions and objective numbers run from 1 to this, as the DTOs allow. */
export const MAX_PLAN_NUMBER = 1000;

const done = <T>(command: T, problems: FormProblem[]): CaseForm<T> =>
  problems.length ? { command: null, problems } : { command, problems };

interface TextRule {
  /** What the box is called in a sentence, "Aim title". */
  label: string;
  max: number;
  /** What to say when it is empty; an empty optional box is simply absent. */
  missing?: string;
}

/** A text box, trimmed and checked as the API's DTO checks it, in words about what the person sees. */
function readText(body: FormBody | undefined, name: string, rule: TextRule, problems: FormProblem[]): string {
  const value = field(body, name).trim();
  if (!value) {
    if (rule.missing) problems.push({ field: name, message: rule.missing });
  } else if (value.length > rule.max) {
    problems.push({
      field: name,
      message: `${rule.label} must be ${rule.max.toLocaleString('en-GB')} characters or fewer`,
    });
  } else if (value.includes('\u0000')) {
    problems.push({ field: name, message: `${rule.label} must not contain unusual characters` });
  }
  return value;
}

/** A whole number from 1 to MAX_PLAN_NUMBER (an aim's position, an objective's number). */
function readNumber(
  body: FormBody | undefined,
  name: string,
  message: string,
  problems: FormProblem[],
): number {
  const value = field(body, name).trim();
  const number = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(number >= 1 && number <= MAX_PLAN_NUMBER)) {
    problems.push({ field: name, message });
    return 0;
  }
  return number;
}

/** One of the choices a select offered (an aim, an objective of the same version). */
function readChoice(
  body: FormBody | undefined,
  name: string,
  choices: readonly string[],
  message: string,
  problems: FormProblem[],
): string {
  const value = field(body, name);
  if (!choices.includes(value)) problems.push({ field: name, message });
  return value;
}

/** A new draft version: its name and notes are optional (the service names it "Version N (draft)"). */
export function readNewVersion(body: FormBody | undefined): CaseForm<{ label?: string; notes?: string }> {
  const problems: FormProblem[] = [];
  const label = readText(body, 'label', { label: 'Name', max: PLAN_TEXT_LIMITS.versionLabel }, problems);
  const notes = readText(body, 'notes', { label: 'Notes', max: PLAN_TEXT_LIMITS.notes }, problems);
  return done({ ...(label ? { label } : {}), ...(notes ? { notes } : {}) }, problems);
}

/** A draft's details: every one is sent, so clearing the notes or the date clears it. */
export function readVersionDetails(body: FormBody | undefined): CaseForm<Required<VersionChanges>> {
  const problems: FormProblem[] = [];
  const label = readText(
    body,
    'label',
    { label: 'Name', max: PLAN_TEXT_LIMITS.versionLabel, missing: 'Enter the version’s name' },
    problems,
  );
  const effective = parseDateInput(body, 'effectiveFrom');
  if (!effective.ok) {
    problems.push({
      field: 'effectiveFrom-day',
      message: 'The date it takes effect must be a real date, like 1 4 2013',
    });
  }
  const notes = readText(body, 'notes', { label: 'Notes', max: PLAN_TEXT_LIMITS.notes }, problems);
  return done({ label, notes: notes || null, effectiveFrom: effective.value }, problems);
}

export function readAim(body: FormBody | undefined): CaseForm<NewAim> {
  const problems: FormProblem[] = [];
  const code = readText(
    body,
    'code',
    { label: 'Aim code', max: PLAN_TEXT_LIMITS.aimCode, missing: 'Enter the aim’s code, like A5' },
    problems,
  );
  const title = readText(
    body,
    'title',
    { label: 'Aim title', max: PLAN_TEXT_LIMITS.aimTitle, missing: 'Enter the aim’s title' },
    problems,
  );
  const position = readNumber(
    body,
    'position',
    `Enter the aim’s place in the plan as a whole number from 1 to ${MAX_PLAN_NUMBER}`,
    problems,
  );
  return done({ code, title, position }, problems);
}

/** An objective, under one of its version's aims (`aimIds`): the same form adds one and changes one. */
export function readObjective(
  body: FormBody | undefined,
  aimIds: readonly string[],
): CaseForm<Required<NewObjective>> {
  const problems: FormProblem[] = [];
  const aimId = readChoice(body, 'aimId', aimIds, 'Select the aim the objective serves', problems);
  const number = readNumber(
    body,
    'number',
    `Enter the objective’s number as a whole number from 1 to ${MAX_PLAN_NUMBER}`,
    problems,
  );
  const title = readText(
    body,
    'title',
    {
      label: 'Objective title',
      max: PLAN_TEXT_LIMITS.objectiveTitle,
      missing: 'Enter the objective’s title',
    },
    problems,
  );
  const description = readText(
    body,
    'description',
    { label: 'Description', max: PLAN_TEXT_LIMITS.objectiveDescription },
    problems,
  );
  return done({ aimId, number, title, description }, problems);
}

/**
 * A success measure. Adding one, it belongs to the objective it is added to; changing one, the form also
 * offers the version's other objectives (`objectiveIds`), to move it (when objectives are merged, say).
 */
export function readMeasure(body: FormBody | undefined): CaseForm<NewMeasure>;
export function readMeasure(
  body: FormBody | undefined,
  objectiveIds: readonly string[],
): CaseForm<NewMeasure & { objectiveId: string }>;
export function readMeasure(
  body: FormBody | undefined,
  objectiveIds?: readonly string[],
): CaseForm<NewMeasure & { objectiveId?: string }> {
  const problems: FormProblem[] = [];
  const code = readText(
    body,
    'code',
    {
      label: 'Measure code',
      max: PLAN_TEXT_LIMITS.measureCode,
      missing: 'Enter the success measure’s code, like 8.4',
    },
    problems,
  );
  const description = readText(
    body,
    'description',
    {
      label: 'Success measure',
      max: PLAN_TEXT_LIMITS.measureDescription,
      missing: 'Enter what the success measure measures',
    },
    problems,
  );
  const unit = readChoice(body, 'unit', MEASURE_UNITS, 'Select how the success measure is counted', problems);
  const objectiveId = objectiveIds
    ? readChoice(
        body,
        'objectiveId',
        objectiveIds,
        'Select the objective the success measure belongs to',
        problems,
      )
    : undefined;
  return done(
    { code, description, unit: unit as MeasureUnit, ...(objectiveId !== undefined ? { objectiveId } : {}) },
    problems,
  );
}

/**
 * The plans service's refusal in its own words. A broken rule is said whole ("A plan version needs the
 * date it takes effect before it is published"): its field's reason alone ("must be set before
 * publishing") would not say what is missing.
 */
export function planRefusal(error: DomainError, field: string): FormProblem[] {
  return error.code === ErrorCode.BusinessRule
    ? [{ field, message: error.message }]
    : refusalProblems(error, field);
}
