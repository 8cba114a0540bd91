import { FieldError } from '@grants/common';
import {
  FUNDING_SOURCE_KINDS,
  FundingSourceKind,
  NewFund,
  NewFundingSource,
  NewFundYear,
} from '@grants/funds';
import { FormProblem } from './account-forms';
import { parseDateInput, parsePounds } from './application-form';
import { CaseForm } from './case-forms';
import { field, FormBody } from './form-body';

const text = (body: FormBody | undefined, name: string): string => field(body, name).trim();
const done = <T>(command: T, problems: FormProblem[]): CaseForm<T> =>
  problems.length ? { command: null, problems } : { command, problems };

/** An API field as a page shows it: the box it is typed in, and what the page calls it. */
export interface PageField {
  field: string;
  /** A noun phrase in lower case, to start or sit inside a sentence: "the closing time". */
  name: string;
}

/** A page's table of its API fields, read without reaching the object's prototype ('constructor'). */
export const pageFieldIn =
  (table: Record<string, PageField>) =>
  (apiField: string): PageField | undefined =>
    Object.hasOwn(table, apiField) ? table[apiField] : undefined;

const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The DTO's and the service's field errors on the page: each beside its own box, and in the page's words
 * ("The closing time must be after the opening time", not "must be after opensAt"). A field the page does
 * not know goes on `fallback`, in the service's words.
 */
export function fieldProblemsOn(
  fieldOf: (apiField: string) => PageField | undefined,
  fallback: string,
): (errors: readonly FieldError[]) => FormProblem[] {
  const words = (message: string): string =>
    message.replace(/\b[a-z]+(?:[A-Z][a-z]*)+\b|\b[a-zA-Z]+\[\d+\](?:\.\w+)?/g, (name) => {
      const known = fieldOf(name);
      return known ? known.name : name;
    });
  return (errors) =>
    errors.map((e) => {
      const known = fieldOf(e.field);
      if (!known) return { field: fallback, message: sentence(e.message) };
      // The DTO's messages start with the property's name ("title must be ..."), the service's do not.
      const property = e.field.split('.').pop() ?? e.field;
      const rest = [e.field, property].reduce(
        (m, name) => (m.startsWith(`${name} `) ? m.slice(name.length + 1) : m),
        e.message,
      );
      // "must be after opensAt" needs its subject; "no such fund year" is a sentence already.
      const predicate = /^(must|should|is|are|has|have|cannot|may|overlaps|repeats|exceeds)\b/.test(rest);
      return {
        field: known.field,
        message: sentence(predicate ? `${known.name} ${words(rest)}` : words(rest)),
      };
    });
}

// ---- funds ----

/** The key's rule as the API's DTO has it: lower-case letters, digits and hyphens. */
const FUND_KEY = /^[a-z0-9][a-z0-9-]*$/;

export const FUND_FIELDS: Record<string, PageField> = {
  key: { field: 'key', name: 'the short name' },
  name: { field: 'name', name: 'the fund’s name' },
  description: { field: 'description', name: 'the description' },
};

/** A new fund: its short name (the key the API and the exports know it by), name and description. */
export function readFund(body: FormBody | undefined): CaseForm<NewFund> {
  const key = text(body, 'key');
  const name = text(body, 'name');
  const description = text(body, 'description');
  const problems: FormProblem[] = [];
  if (!key) problems.push({ field: 'key', message: 'Enter a short name for the fund, like victims-fund' });
  else if (key.length > 100) {
    problems.push({ field: 'key', message: 'The short name must be 100 characters or fewer' });
  } else if (!FUND_KEY.test(key)) {
    problems.push({
      field: 'key',
      message: 'The short name must be lower-case letters, digits and hyphens, like victims-fund',
    });
  }
  if (!name) problems.push({ field: 'name', message: 'Enter the fund’s name' });
  else if (name.length > 300)
    problems.push({ field: 'name', message: 'The fund’s name must be 300 characters or fewer' });
  if (description.length > 10_000) {
    problems.push({ field: 'description', message: 'The description must be 10,000 characters or fewer' });
  }
  return done({ key, name, ...(description ? { description } : {}) }, problems);
}

// ---- fund years ----

export const FUND_YEAR_FIELDS: Record<string, PageField> = {
  label: { field: 'label', name: 'the financial year' },
  startsOn: { field: 'startsOn-day', name: 'the start of the year' },
  endsOn: { field: 'endsOn-day', name: 'the end of the year' },
  capPence: { field: 'cap', name: 'the cap' },
  overAllocationTolerancePence: { field: 'tolerance', name: 'the over-allocation tolerance' },
};

/** Pounds typed in a box that may be left empty: undefined when empty, null when not an amount. */
function optionalPounds(typed: string): number | null | undefined {
  return typed ? parsePounds(typed) : undefined;
}

/** A fund's next financial year: its label, first and last days, cap and (optionally) tolerance, in pounds. */
export function readFundYear(body: FormBody | undefined): CaseForm<NewFundYear> {
  const problems: FormProblem[] = [];
  const label = text(body, 'label');
  if (!label) problems.push({ field: 'label', message: 'Enter the financial year, like 2027/28' });
  else if (label.length > 20)
    problems.push({ field: 'label', message: 'The financial year must be 20 characters or fewer' });
  const starts = parseDateInput(body, 'startsOn');
  const ends = parseDateInput(body, 'endsOn');
  if (!starts.value) {
    problems.push({
      field: 'startsOn-day',
      message: starts.ok
        ? 'Enter the first day of the year, like 1 4 2027'
        : 'The first day of the year must be a real date',
    });
  }
  if (!ends.value) {
    problems.push({
      field: 'endsOn-day',
      message: ends.ok
        ? 'Enter the last day of the year, like 31 3 2028'
        : 'The last day of the year must be a real date',
    });
  }
  if (starts.value && ends.value && ends.value <= starts.value) {
    problems.push({ field: 'endsOn-day', message: 'The last day of the year must be after the first' });
  }
  const capText = text(body, 'cap');
  const cap = capText ? parsePounds(capText) : null;
  if (cap === null) {
    problems.push({
      field: 'cap',
      message: capText
        ? 'The cap must be an amount in pounds, like 1000000 or 1,000,000'
        : 'Enter the cap: the most that may be committed in the year, in pounds',
    });
  }
  const tolerance = optionalPounds(text(body, 'tolerance'));
  if (tolerance === null) {
    problems.push({
      field: 'tolerance',
      message: 'The over-allocation tolerance must be an amount in pounds, like 50000, or left empty',
    });
  }
  return done(
    {
      label,
      startsOn: starts.value ?? '',
      endsOn: ends.value ?? '',
      capPence: cap ?? 0,
      ...(tolerance !== undefined && tolerance !== null ? { overAllocationTolerancePence: tolerance } : {}),
    },
    problems,
  );
}

// ---- funding sources ----

export const SOURCE_KIND_LABELS: Record<FundingSourceKind, string> = {
  grant: 'A grant (from the Home Office, say)',
  contribution: 'A contribution (from the police fund, say)',
  external: 'External funding',
  donation: 'A donation',
  other: 'Other',
};

export const SOURCE_KIND_CHOICES = FUNDING_SOURCE_KINDS.map((value) => ({
  value,
  text: SOURCE_KIND_LABELS[value],
}));

export const SOURCE_FIELDS: Record<string, PageField> = {
  name: { field: 'sourceName', name: 'the source’s name' },
  kind: { field: 'kind', name: 'the kind of source' },
  amountPence: { field: 'amount', name: 'the amount' },
};

/** Where some of a fund year's money comes from: its name, kind and amount in pounds. */
export function readSource(body: FormBody | undefined): CaseForm<NewFundingSource> {
  const problems: FormProblem[] = [];
  const name = text(body, 'sourceName');
  if (!name) problems.push({ field: 'sourceName', message: 'Enter where the money comes from' });
  else if (name.length > 300)
    problems.push({ field: 'sourceName', message: 'The source’s name must be 300 characters or fewer' });
  const kind = text(body, 'kind');
  if (!FUNDING_SOURCE_KINDS.includes(kind as FundingSourceKind))
    problems.push({ field: 'kind', message: 'Select what kind of source it is' });
  const amountText = text(body, 'amount');
  const amount = amountText ? parsePounds(amountText) : null;
  if (amount === null) {
    problems.push({
      field: 'amount',
      message: amountText
        ? 'The amount must be in pounds, like 990000 or 990,000.00'
        : 'Enter the amount in pounds',
    });
  }
  return done({ name, kind: kind as FundingSourceKind, amountPence: amount ?? 0 }, problems);
}

// ---- over-allocation tolerance ----

export const TOLERANCE_FIELDS: Record<string, PageField> = {
  overAllocationTolerancePence: { field: 'toleranceAmount', name: 'the tolerance' },
  reason: { field: 'reason', name: 'the reason' },
};

/** How far the year's commitments may run over its cap, in pounds, and the reason (it is audited). */
export function readTolerance(
  body: FormBody | undefined,
): CaseForm<{ overAllocationTolerancePence: number; reason: string }> {
  const problems: FormProblem[] = [];
  const typed = text(body, 'toleranceAmount');
  const amount = typed ? parsePounds(typed) : null;
  if (amount === null) {
    problems.push({
      field: 'toleranceAmount',
      message: typed
        ? 'The tolerance must be an amount in pounds, like 100000, or 0 for none'
        : 'Enter the tolerance in pounds, or 0 for none',
    });
  }
  const reason = text(body, 'reason');
  if (!reason) problems.push({ field: 'reason', message: 'Give the reason for the tolerance' });
  else if (reason.length > 4000)
    problems.push({ field: 'reason', message: 'The reason must be 4,000 characters or fewer' });
  return done({ overAllocationTolerancePence: amount ?? 0, reason }, problems);
}
