import { describe, expect, it } from 'vitest';
import { fundYearProblems } from './fund-year-rules';

const y1314 = { label: '2013/14', startsOn: '2013-04-01', endsOn: '2014-03-31' };

describe('fundYearProblems', () => {
  it('accepts a following year', () => {
    expect(
      fundYearProblems({ label: '2014/15', startsOn: '2014-04-01', endsOn: '2015-03-31', capPence: 1 }, [
        y1314,
      ]),
    ).toEqual([]);
  });

  it('refuses a duplicate label, an overlap, reversed dates and a negative cap', () => {
    expect(fundYearProblems({ ...y1314, capPence: 0 }, [y1314])).toEqual([
      { field: 'label', message: 'the fund already has a year labelled 2013/14' },
    ]);
    expect(
      fundYearProblems({ label: 'x', startsOn: '2014-03-31', endsOn: '2015-03-30', capPence: 0 }, [y1314]),
    ).toEqual([{ field: 'startsOn', message: "overlaps the fund's year 2013/14" }]);
    expect(
      fundYearProblems({ label: 'x', startsOn: '2015-04-01', endsOn: '2015-04-01', capPence: -1 }, []).map(
        (e) => e.field,
      ),
    ).toEqual(['endsOn', 'capPence']);
    expect(
      fundYearProblems({ label: 'x', startsOn: '2015-02-30', endsOn: '2016-01-01', capPence: 0 }, []),
    ).toEqual([{ field: 'startsOn', message: 'must be a date YYYY-MM-DD' }]);
  });
});
