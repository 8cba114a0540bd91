import { isCalendarDate } from '@grants/common';
import { FUNDING_SOURCE_KINDS, FundingSourceKind } from '@grants/funds';
import { MEASURE_UNITS, MeasureUnit } from '@grants/plans';
import { PUBLISH_ON, PublishOn } from '@grants/profile';

/** The shape of a funder's profile file (profiles/*.json): everything about one Commissioner as data. */
export interface ProfileFile {
  funder: {
    slug: string;
    name: string;
    shortName: string;
    publisherPrefix: string;
    organisationIdentifier: string;
    contactEmail: string;
    website: string;
    legalBasis: string;
    financialYearStartMonth: number;
    timeZone: string;
    /** When a grant goes on the public register: once its offer is accepted (the default), or at decision. */
    publishOn?: PublishOn;
  };
  areas: { code: string; name: string; type: string; parentCode: string | null }[];
  partnerships: { key: string; name: string; areaCodes: string[] }[];
  plan: {
    key: string;
    title: string;
    periodStart: string;
    periodEnd: string;
    version: { number: number; label: string; effectiveFrom: string; notes: string | null };
    aims: {
      code: string;
      title: string;
      objectives: {
        number: number;
        title: string;
        description: string;
        successMeasures: { code: string; description: string; unit: MeasureUnit }[];
      }[];
    }[];
  };
  funds: {
    key: string;
    name: string;
    description: string;
    years: {
      label: string;
      startsOn: string;
      endsOn: string;
      capPence: number;
      overAllocationTolerancePence?: number;
      sources: { name: string; kind: FundingSourceKind; amountPence: number }[];
    }[];
  }[];
  disallowedCostCategories: string[];
}

export class ProfileFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`The profile ${source} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ProfileFileError';
  }
}

const KEY_RE = /^[a-z0-9][a-z0-9-]*$/;
const ONS_CODE_RE = /^[EWSNKLM][0-9]{8}$/;
const AREA_TYPE_RE = /^[A-Z]{2,6}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Obj = Record<string, unknown>;

/** Walks the file collecting every problem, each naming the field by its path, like config does. */
class Checker {
  readonly problems: string[] = [];

  problem(path: string, message: string): void {
    this.problems.push(`${path} ${message}`);
  }

  object(value: unknown, path: string): Obj | null {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.problem(path, 'must be an object');
      return null;
    }
    return value as Obj;
  }

  array(value: unknown, path: string, min = 0): unknown[] {
    if (!Array.isArray(value)) {
      this.problem(path, 'must be a list');
      return [];
    }
    if (value.length < min) this.problem(path, `must have at least ${min} item${min === 1 ? '' : 's'}`);
    return value;
  }

  string(
    o: Obj,
    key: string,
    path: string,
    opts: { re?: RegExp; hint?: string; empty?: boolean } = {},
  ): string {
    const v = o[key];
    const at = `${path}.${key}`;
    if (typeof v !== 'string' || (!opts.empty && v.trim() === '')) {
      this.problem(at, opts.empty ? 'must be text' : 'must be non-empty text');
      return '';
    }
    if (opts.re && !opts.re.test(v))
      this.problem(at, `must be ${opts.hint ?? `like ${String(opts.re)}`} (got "${v}")`);
    return v;
  }

  nullableString(o: Obj, key: string, path: string): string | null {
    const v = o[key];
    if (v === null || v === undefined) return null;
    if (typeof v !== 'string') {
      this.problem(`${path}.${key}`, 'must be text or null');
      return null;
    }
    return v;
  }

  date(o: Obj, key: string, path: string): string {
    const v = this.string(o, key, path);
    if (v && !isCalendarDate(v)) this.problem(`${path}.${key}`, `must be a date YYYY-MM-DD (got "${v}")`);
    return v;
  }

  int(o: Obj, key: string, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
      this.problem(
        `${path}.${key}`,
        `must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}`,
      );
      return min;
    }
    return v;
  }

  oneOf<T extends string>(o: Obj, key: string, path: string, allowed: readonly T[]): T {
    const v = o[key];
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.problem(`${path}.${key}`, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`);
      return allowed[0]!;
    }
    return v as T;
  }

  unique(values: string[], path: string, what: string): void {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) this.problem(path, `repeats the ${what} ${v}`);
      seen.add(v);
    }
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Checks a parsed profile file and returns it typed, or throws one ProfileFileError naming every bad field. */
export function validateProfile(json: unknown, source = 'file'): ProfileFile {
  const c = new Checker();
  const root = c.object(json, '(profile)');
  if (!root) throw new ProfileFileError(source, c.problems);

  const f = c.object(root.funder, 'funder');
  if (f) {
    c.string(f, 'slug', 'funder', { re: KEY_RE, hint: 'lower-case letters, digits and hyphens' });
    c.string(f, 'name', 'funder');
    c.string(f, 'shortName', 'funder');
    c.string(f, 'publisherPrefix', 'funder', {
      re: /^360G-[A-Za-z0-9-]+$/,
      hint: 'a 360Giving prefix like 360G-abc',
    });
    c.string(f, 'organisationIdentifier', 'funder');
    c.string(f, 'contactEmail', 'funder', { re: EMAIL_RE, hint: 'an email address' });
    c.string(f, 'website', 'funder', { re: /^https?:\/\/\S+$/, hint: 'an http(s) URL' });
    c.string(f, 'legalBasis', 'funder');
    c.int(f, 'financialYearStartMonth', 'funder', 1, 12);
    const zone = c.string(f, 'timeZone', 'funder');
    if (zone && !isTimeZone(zone)) c.problem('funder.timeZone', `must be an IANA time zone (got "${zone}")`);
    if (f.publishOn !== undefined) c.oneOf(f, 'publishOn', 'funder', PUBLISH_ON);
  }

  const areaCodes = new Set<string>();
  const areas = c.array(root.areas, 'areas', 1);
  areas.forEach((raw, i) => {
    const a = c.object(raw, `areas[${i}]`);
    if (!a) return;
    const code = c.string(a, 'code', `areas[${i}]`, { re: ONS_CODE_RE, hint: 'an ONS code like E06000019' });
    c.string(a, 'name', `areas[${i}]`);
    c.string(a, 'type', `areas[${i}]`, { re: AREA_TYPE_RE, hint: 'an ONS area type like UA or NMD' });
    if (areaCodes.has(code)) c.problem(`areas[${i}].code`, `repeats ${code}`);
    areaCodes.add(code);
  });
  areas.forEach((raw, i) => {
    const a = raw as Obj | null;
    if (!a || typeof a !== 'object') return;
    const parent = c.nullableString(a, 'parentCode', `areas[${i}]`);
    if (parent !== null && !areaCodes.has(parent)) {
      c.problem(`areas[${i}].parentCode`, `must be the code of another area in the file (got "${parent}")`);
    } else if (parent !== null && parent === a.code) {
      c.problem(`areas[${i}].parentCode`, 'must not be the area itself');
    }
  });

  const partnerships = c.array(root.partnerships, 'partnerships');
  c.unique(
    partnerships.map((p) => String((p as Obj | null)?.key ?? '')),
    'partnerships',
    'key',
  );
  partnerships.forEach((raw, i) => {
    const p = c.object(raw, `partnerships[${i}]`);
    if (!p) return;
    c.string(p, 'key', `partnerships[${i}]`, { re: KEY_RE, hint: 'lower-case letters, digits and hyphens' });
    c.string(p, 'name', `partnerships[${i}]`);
    c.array(p.areaCodes, `partnerships[${i}].areaCodes`, 1).forEach((code, j) => {
      if (typeof code !== 'string' || !areaCodes.has(code)) {
        c.problem(
          `partnerships[${i}].areaCodes[${j}]`,
          `must be the code of an area in the file (got ${JSON.stringify(code)})`,
        );
      }
    });
  });

  const plan = c.object(root.plan, 'plan');
  if (plan) {
    c.string(plan, 'key', 'plan', { re: KEY_RE, hint: 'lower-case letters, digits and hyphens' });
    c.string(plan, 'title', 'plan');
    const start = c.date(plan, 'periodStart', 'plan');
    const end = c.date(plan, 'periodEnd', 'plan');
    if (start && end && isCalendarDate(start) && isCalendarDate(end) && start >= end) {
      c.problem('plan.periodEnd', 'must be after plan.periodStart');
    }
    const v = c.object(plan.version, 'plan.version');
    if (v) {
      c.int(v, 'number', 'plan.version', 1);
      c.string(v, 'label', 'plan.version');
      c.date(v, 'effectiveFrom', 'plan.version');
      c.nullableString(v, 'notes', 'plan.version');
    }
    const aims = c.array(plan.aims, 'plan.aims', 1);
    c.unique(
      aims.map((a) => String((a as Obj | null)?.code ?? '')),
      'plan.aims',
      'aim code',
    );
    const numbers: string[] = [];
    aims.forEach((raw, i) => {
      const at = `plan.aims[${i}]`;
      const a = c.object(raw, at);
      if (!a) return;
      c.string(a, 'code', at);
      c.string(a, 'title', at);
      c.array(a.objectives, `${at}.objectives`, 1).forEach((rawO, j) => {
        const ot = `${at}.objectives[${j}]`;
        const o = c.object(rawO, ot);
        if (!o) return;
        numbers.push(String(c.int(o, 'number', ot, 1)));
        c.string(o, 'title', ot);
        c.string(o, 'description', ot, { empty: true });
        const measures = c.array(o.successMeasures, `${ot}.successMeasures`);
        c.unique(
          measures.map((m) => String((m as Obj | null)?.code ?? '')),
          `${ot}.successMeasures`,
          'measure code',
        );
        measures.forEach((rawM, k) => {
          const mt = `${ot}.successMeasures[${k}]`;
          const m = c.object(rawM, mt);
          if (!m) return;
          c.string(m, 'code', mt);
          c.string(m, 'description', mt);
          c.oneOf(m, 'unit', mt, MEASURE_UNITS);
        });
      });
    });
    c.unique(numbers, 'plan.aims[*].objectives', 'objective number');
  }

  const funds = c.array(root.funds, 'funds', 1);
  c.unique(
    funds.map((x) => String((x as Obj | null)?.key ?? '')),
    'funds',
    'key',
  );
  funds.forEach((raw, i) => {
    const at = `funds[${i}]`;
    const fund = c.object(raw, at);
    if (!fund) return;
    c.string(fund, 'key', at, { re: KEY_RE, hint: 'lower-case letters, digits and hyphens' });
    c.string(fund, 'name', at);
    c.string(fund, 'description', at, { empty: true });
    const years = c.array(fund.years, `${at}.years`, 1);
    c.unique(
      years.map((y) => String((y as Obj | null)?.label ?? '')),
      `${at}.years`,
      'label',
    );
    const spans: { label: string; startsOn: string; endsOn: string }[] = [];
    years.forEach((rawY, j) => {
      const yt = `${at}.years[${j}]`;
      const y = c.object(rawY, yt);
      if (!y) return;
      const label = c.string(y, 'label', yt);
      const startsOn = c.date(y, 'startsOn', yt);
      const endsOn = c.date(y, 'endsOn', yt);
      c.int(y, 'capPence', yt, 0);
      if (y.overAllocationTolerancePence !== undefined) c.int(y, 'overAllocationTolerancePence', yt, 0);
      if (isCalendarDate(startsOn) && isCalendarDate(endsOn)) {
        if (startsOn >= endsOn) c.problem(`${yt}.endsOn`, 'must be after startsOn');
        for (const other of spans) {
          if (startsOn <= other.endsOn && other.startsOn <= endsOn) {
            c.problem(`${yt}`, `overlaps the year ${other.label}`);
          }
        }
        spans.push({ label, startsOn, endsOn });
      }
      const sources = c.array(y.sources, `${yt}.sources`);
      c.unique(
        sources.map((s) => String((s as Obj | null)?.name ?? '')),
        `${yt}.sources`,
        'name',
      );
      sources.forEach((rawS, k) => {
        const st = `${yt}.sources[${k}]`;
        const s = c.object(rawS, st);
        if (!s) return;
        c.string(s, 'name', st);
        c.oneOf(s, 'kind', st, FUNDING_SOURCE_KINDS);
        c.int(s, 'amountPence', st, 0);
      });
    });
  });

  const categories = c.array(root.disallowedCostCategories ?? [], 'disallowedCostCategories');
  categories.forEach((cat, i) => {
    if (typeof cat !== 'string' || cat.trim() === '')
      c.problem(`disallowedCostCategories[${i}]`, 'must be non-empty text');
  });

  if (c.problems.length) throw new ProfileFileError(source, c.problems);
  return { ...(root as unknown as ProfileFile), disallowedCostCategories: categories as string[] };
}
