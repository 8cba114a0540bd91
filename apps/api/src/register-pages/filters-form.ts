import { decodeRegisterCursor, RegisterFilters } from '@grants/register';

/**
 * The register page's filter form: what a person typed or picked, checked and turned into the
 * RegisterFilters the query service takes. Amounts are asked for in pounds (people do not think in
 * pence) and converted here with string arithmetic, so 0.1 + 0.2 never enters into it.
 */

/** The form's fields, in the order they appear on the page (and so in the error summary). */
export const FILTER_FIELDS = [
  'q',
  'fundYear',
  'area',
  'objective',
  'round',
  'recipient',
  'minAmount',
  'maxAmount',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** One message for the GOV.UK error summary and the field it belongs to (none for the page link). */
export interface FormError {
  field: FilterField | 'cursor';
  text: string;
  /** The id of the input to jump to; absent when there is nothing on the page to correct. */
  href?: string;
}

/** The values each select offers: a value from anywhere else cannot be shown as chosen, so it is refused. */
export interface FilterChoices {
  fundYears: readonly string[];
  areaCodes: readonly string[];
  objectiveNumbers: readonly number[];
  roundIds: readonly string[];
}

export interface ParsedFilters {
  /** What was entered, trimmed, to put back in the form (shown even when it is wrong). */
  values: Record<FilterField, string>;
  cursor: string | null;
  filters: RegisterFilters;
  errors: FormError[];
  /** True when any filter narrows the list (the cursor does not count). */
  filtered: boolean;
}

const MAX_TEXT = 200;
/** 13 digits of pounds stays well inside Number.MAX_SAFE_INTEGER once in pence. */
const MAX_POUND_DIGITS = 13;
const POUNDS_RE = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;
const AREA_RE = /^[EWSNKLM][0-9]{8}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LABELS: Record<FilterField, string> = {
  q: 'Words',
  fundYear: 'Fund year',
  area: 'Area',
  objective: 'Plan objective',
  round: 'Funding round',
  recipient: 'Recipient identifier',
  minAmount: 'Minimum amount',
  maxAmount: 'Maximum amount',
};

/** The first value of a query parameter: a repeated one (`?q=a&q=b`) is read as the first. */
function single(value: unknown): string | undefined {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first : undefined;
}

export type PoundsResult = { pence: number } | { error: 'format' | 'negative' | 'too-large' };

/**
 * Pounds as people write them ("500", "1250.50", "£1,250.5", "1,000") to whole pence. Commas must be
 * thousands separators, and pence at most two digits: "12.345" is a mistake worth pointing out.
 */
export function parsePounds(input: string): PoundsResult {
  const text = input.replace(/\s+/g, '').replace(/^£/, '');
  if (/^-/.test(text)) return { error: 'negative' };
  const match = POUNDS_RE.exec(text);
  if (!match) return { error: 'format' };
  const pounds = match[1]!.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (pounds.length > MAX_POUND_DIGITS) return { error: 'too-large' };
  const pence = (match[2] ?? '').padEnd(2, '0');
  return { pence: Number(pounds) * 100 + Number(pence) };
}

function amountError(field: 'minAmount' | 'maxAmount', error: 'format' | 'negative' | 'too-large'): string {
  const label = LABELS[field];
  switch (error) {
    case 'negative':
      return `${label} must be £0 or more`;
    case 'too-large':
      return `${label} must be less than £10,000,000,000,000`;
    default:
      return `${label} must be a number of pounds, like 500 or 1250.50`;
  }
}

/** Reads the register page's query string; never throws, whatever it is given. */
export function parseFilters(query: unknown, choices: FilterChoices): ParsedFilters {
  const raw = (query !== null && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const values = {} as Record<FilterField, string>;
  for (const field of FILTER_FIELDS) values[field] = (single(raw[field]) ?? '').trim();

  const errors: FormError[] = [];
  const filters: RegisterFilters = {};
  const fail = (field: FilterField, text: string): void =>
    void errors.push({ field, text, href: `#${field}` });

  for (const field of FILTER_FIELDS) {
    // PostgreSQL text cannot hold U+0000, and no one types it: say so rather than fail further down.
    if (values[field].includes('\u0000')) {
      fail(field, `${LABELS[field]} must not contain the NUL character`);
      values[field] = values[field].split('\u0000').join('');
    }
  }
  const bad = new Set(errors.map((e) => e.field));
  const ok = (field: FilterField): boolean => values[field] !== '' && !bad.has(field);

  for (const field of ['q', 'recipient'] as const) {
    if (!ok(field)) continue;
    if (values[field].length > MAX_TEXT)
      fail(field, `${LABELS[field]} must be ${MAX_TEXT} characters or fewer`);
    else filters[field] = values[field];
  }

  if (ok('fundYear')) {
    if (choices.fundYears.includes(values.fundYear)) filters.fundYear = values.fundYear;
    else fail('fundYear', 'Select a fund year from the list');
  }
  if (ok('area')) {
    if (AREA_RE.test(values.area) && choices.areaCodes.includes(values.area)) filters.area = values.area;
    else fail('area', 'Select an area from the list');
  }
  if (ok('objective')) {
    const n = /^\d{1,3}$/.test(values.objective) ? Number(values.objective) : NaN;
    if (choices.objectiveNumbers.includes(n)) filters.objective = n;
    else fail('objective', 'Select a plan objective from the list');
  }
  if (ok('round')) {
    const id = values.round.toLowerCase();
    const known = UUID_RE.test(id) ? choices.roundIds.find((r) => r.toLowerCase() === id) : undefined;
    if (known) filters.round = known;
    else fail('round', 'Select a funding round from the list');
  }

  for (const field of ['minAmount', 'maxAmount'] as const) {
    if (!ok(field)) continue;
    const result = parsePounds(values[field]);
    if ('error' in result) fail(field, amountError(field, result.error));
    else filters[field === 'minAmount' ? 'minAmountPence' : 'maxAmountPence'] = result.pence;
  }
  if (
    filters.minAmountPence !== undefined &&
    filters.maxAmountPence !== undefined &&
    filters.minAmountPence > filters.maxAmountPence
  ) {
    fail('maxAmount', 'Maximum amount must be the same as or more than the minimum amount');
  }

  // The cursor is the "Next" link's own; a bad one is an old or edited link, not a typing mistake.
  let cursor = single(raw.cursor) ?? null;
  if (cursor !== null && cursor !== '') {
    try {
      if (cursor.length > MAX_TEXT) throw new Error('too long');
      decodeRegisterCursor(cursor);
      filters.cursor = cursor;
    } catch {
      errors.push({
        field: 'cursor',
        text: 'The link to this page of results is not valid: start again from the first page',
      });
      cursor = null;
    }
  } else cursor = null;

  // Errors in the order the fields are on the page, as the GOV.UK error summary wants.
  const order = (e: FormError): number => (e.field === 'cursor' ? -1 : FILTER_FIELDS.indexOf(e.field));
  errors.sort((a, b) => order(a) - order(b));

  const filtered = FILTER_FIELDS.some((f) => values[f] !== '');
  return { values, cursor, filters, errors, filtered };
}

/**
 * The query string for a link to these filters (the Next link, the JSON of these results): only the
 * fields in use, so links stay short and readable.
 */
export function filtersQuery(
  values: Record<FilterField, string>,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  for (const field of FILTER_FIELDS) if (values[field] !== '') params.set(field, values[field]);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The same filters as the JSON API's query (amounts in pence), for "these results as open data". */
export function apiQuery(filters: RegisterFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) {
    if (k !== 'cursor' && k !== 'limit' && v !== undefined) params.set(k, String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
