import { describe, expect, it } from 'vitest';
import {
  FrozenCheckRound,
  normaliseCostCategories,
  RoundContext,
  RoundTerms,
  frozenFieldsChanged,
  roundTermsProblems,
} from './round-rules';

const now = new Date('2026-05-10T12:00:00Z');
const terms: RoundTerms = {
  opensAt: new Date('2026-05-09T12:00:00Z'),
  closesAt: new Date('2026-07-09T12:00:00Z'),
  minAwardPence: 50_000,
  maxAwardPence: 2_500_000,
  maxProjectMonths: 12,
  acceptanceWindowDays: 28,
  objectiveIds: ['o3', 'o5'],
};
const ctx: RoundContext = {
  now,
  fundYearCapPence: 100_000_000,
  planVersionStatus: 'published',
  versionObjectiveIds: new Set(['o1', 'o3', 'o5']),
  checkClosesInFuture: true,
};
const fields = (t: Partial<RoundTerms>, c: Partial<RoundContext> = {}): string[] =>
  roundTermsProblems({ ...terms, ...t }, { ...ctx, ...c }).map((e) => e.field);

describe('roundTermsProblems', () => {
  it('accepts sensible terms', () => {
    expect(roundTermsProblems(terms, ctx)).toEqual([]);
  });

  it('needs a published plan version and an existing fund year', () => {
    expect(fields({}, { planVersionStatus: 'draft' })).toEqual(['planVersionId']);
    expect(fields({}, { planVersionStatus: null })).toEqual(['planVersionId']);
    expect(fields({}, { fundYearCapPence: null })).toEqual(['fundYearId']);
  });

  it('needs the window to open before it closes, and to close in the future', () => {
    expect(fields({ closesAt: terms.opensAt })).toEqual(['closesAt']);
    expect(fields({ closesAt: new Date(now.getTime() - 1), opensAt: new Date(0) })).toEqual(['closesAt']);
    expect(
      fields({ closesAt: new Date(now.getTime() - 1), opensAt: new Date(0) }, { checkClosesInFuture: false }),
    ).toEqual([]);
  });

  it('needs 0 < min <= max <= the fund year cap', () => {
    expect(fields({ minAwardPence: 0 })).toEqual(['minAwardPence']);
    expect(fields({ minAwardPence: 3_000_000 })).toEqual(['maxAwardPence']);
    const overCap = roundTermsProblems({ ...terms, maxAwardPence: 100_000_001 }, ctx);
    expect(overCap).toEqual([
      { field: 'maxAwardPence', message: "must not exceed the fund year's cap of £1,000,000.00" },
    ]);
    expect(fields({ maxAwardPence: 100_000_000 })).toEqual([]);
  });

  it('needs positive project length and acceptance window', () => {
    expect(fields({ maxProjectMonths: 0, acceptanceWindowDays: 0 })).toEqual([
      'maxProjectMonths',
      'acceptanceWindowDays',
    ]);
  });

  it('needs at least one objective, none repeated, all from the plan version', () => {
    expect(fields({ objectiveIds: [] })).toEqual(['objectiveIds']);
    expect(fields({ objectiveIds: ['o3', 'o3'] })).toEqual(['objectiveIds']);
    expect(roundTermsProblems({ ...terms, objectiveIds: ['o3', 'elsewhere'] }, ctx)[0]!.message).toContain(
      'elsewhere',
    );
  });
});

describe('frozenFieldsChanged', () => {
  const round: FrozenCheckRound = {
    ...terms,
    fundYearId: 'fy',
    planVersionId: 'pv',
    publishedAt: new Date('2026-05-01T00:00:00Z'),
  };

  it('freezes nothing before the round opens, or while unpublished', () => {
    const before = new Date(terms.opensAt.getTime() - 1);
    expect(frozenFieldsChanged(round, { minAwardPence: 1, objectiveIds: ['o1'] }, before)).toEqual([]);
    expect(frozenFieldsChanged({ ...round, publishedAt: null }, { minAwardPence: 1 }, now)).toEqual([]);
  });

  it('once open, refuses changes to limits, start, objectives, fund year and plan version', () => {
    expect(
      frozenFieldsChanged(
        round,
        {
          opensAt: new Date(0),
          minAwardPence: 1,
          maxAwardPence: 2,
          maxProjectMonths: 6,
          acceptanceWindowDays: 14,
          fundYearId: 'other',
          planVersionId: 'other',
          objectiveIds: ['o1'],
        },
        now,
      ),
    ).toEqual([
      'opensAt',
      'minAwardPence',
      'maxAwardPence',
      'maxProjectMonths',
      'acceptanceWindowDays',
      'fundYearId',
      'planVersionId',
      'objectiveIds',
    ]);
  });

  it('once open, lets the same values through, and closesAt only move later', () => {
    expect(
      frozenFieldsChanged(
        round,
        { opensAt: new Date(terms.opensAt), minAwardPence: terms.minAwardPence, objectiveIds: ['o5', 'o3'] },
        now,
      ),
    ).toEqual([]);
    expect(frozenFieldsChanged(round, { closesAt: new Date(terms.closesAt.getTime() + 1) }, now)).toEqual([]);
    expect(frozenFieldsChanged(round, { closesAt: new Date(terms.closesAt.getTime() - 1) }, now)).toEqual([
      'closesAt',
    ]);
  });

  it('once open, freezes the eligibility settings, ignoring order, case and spaces of the same values', () => {
    const settled = {
      ...round,
      acceptedLegalForms: ['cio', 'registered_charity'],
      disallowedCostCategories: ['Retrospective costs'],
    };
    expect(
      frozenFieldsChanged(
        settled,
        {
          acceptedLegalForms: ['registered_charity', 'cio'],
          disallowedCostCategories: [' retrospective COSTS '],
        },
        now,
      ),
    ).toEqual([]);
    expect(
      frozenFieldsChanged(settled, { acceptedLegalForms: ['cio'], disallowedCostCategories: [] }, now),
    ).toEqual(['acceptedLegalForms', 'disallowedCostCategories']);
    const before = new Date(terms.opensAt.getTime() - 1);
    expect(frozenFieldsChanged(settled, { acceptedLegalForms: ['cio'] }, before)).toEqual([]);
  });
});

describe('normaliseCostCategories', () => {
  it('trims, drops blanks and drops repeats ignoring case, keeping the first spelling', () => {
    expect(
      normaliseCostCategories([' Retrospective costs ', '', 'retrospective COSTS', 'Core costs']),
    ).toEqual(['Retrospective costs', 'Core costs']);
  });
});
