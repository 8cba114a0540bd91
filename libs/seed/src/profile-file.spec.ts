import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileFileError, validateProfile } from './profile-file';

const westMercia = (): any =>
  JSON.parse(readFileSync(resolve(__dirname, '../../../profiles/west-mercia.json'), 'utf8'));

function problemsOf(json: unknown): string[] {
  try {
    validateProfile(json, 'test.json');
  } catch (error) {
    if (error instanceof ProfileFileError) return error.problems;
    throw error;
  }
  return [];
}

describe('validateProfile', () => {
  it('accepts the West Mercia profile', () => {
    const profile = validateProfile(westMercia());
    expect(profile.areas).toHaveLength(11);
    expect(profile.plan.aims.flatMap((a) => a.objectives)).toHaveLength(13);
    expect(profile.funds.map((f) => f.years.length)).toEqual([4, 1]);
  });

  it('names every bad field by its path', () => {
    const p = westMercia();
    p.funder.publisherPrefix = 'wmpcc';
    p.funder.financialYearStartMonth = 13;
    delete p.funder.timeZone;
    p.areas[1].code = 'Herefordshire';
    p.areas[2].parentCode = 'E99999999';
    p.partnerships[0].areaCodes = ['E00000000'];
    p.plan.aims[1].objectives[0].successMeasures[2].unit = 'percentage';
    p.plan.aims[0].objectives[1].number = 1;
    p.funds[0].years[1].capPence = -5;
    p.funds[0].years[2].startsOn = '2015-02-30';
    p.funds[0].years[0].sources[0].kind = 'gift';
    const problems = problemsOf(p);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^funder\.publisherPrefix must be a 360Giving prefix/),
        'funder.financialYearStartMonth must be a whole number from 1 to 12',
        'funder.timeZone must be non-empty text',
        expect.stringMatching(/^areas\[1\]\.code must be an ONS code/),
        'areas[2].parentCode must be the code of another area in the file (got "E99999999")',
        'partnerships[0].areaCodes[0] must be the code of an area in the file (got "E00000000")',
        expect.stringMatching(
          /^plan\.aims\[1\]\.objectives\[0\]\.successMeasures\[2\]\.unit must be one of count/,
        ),
        'plan.aims[*].objectives repeats the objective number 1',
        'funds[0].years[1].capPence must be a whole number from 0',
        'funds[0].years[2].startsOn must be a date YYYY-MM-DD (got "2015-02-30")',
        expect.stringMatching(/^funds\[0\]\.years\[0\]\.sources\[0\]\.kind must be one of grant/),
      ]),
    );
  });

  it('refuses overlapping fund years and a plan that ends before it starts', () => {
    const p = westMercia();
    p.funds[0].years[1].startsOn = '2014-03-01';
    p.plan.periodEnd = '2012-01-01';
    expect(problemsOf(p)).toEqual(
      expect.arrayContaining([
        'funds[0].years[1] overlaps the year 2013/14',
        'plan.periodEnd must be after plan.periodStart',
      ]),
    );
  });

  it('refuses something that is not an object, with one readable message', () => {
    expect(() => validateProfile([], 'x.json')).toThrow(
      /The profile x\.json is not valid:\n {2}- \(profile\) must be an object/,
    );
  });
});
