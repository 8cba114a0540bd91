import { describe, expect, it } from 'vitest';
import {
  FUND_YEAR_FIELDS,
  fieldProblemsOn,
  pageFieldIn,
  readFund,
  readFundYear,
  readSource,
  readTolerance,
} from './admin-fund-forms';

const fieldsOf = (problems: { field: string }[]): string[] => problems.map((p) => p.field);

describe('the fund administration forms', () => {
  it('reads a fund, and says what is missing or malformed in the page’s words', () => {
    expect(readFund({ key: ' victims-fund ', name: 'Victims Fund', description: '' }).command).toEqual({
      key: 'victims-fund',
      name: 'Victims Fund',
    });
    const empty = readFund({});
    expect(empty.command).toBeNull();
    expect(empty.problems).toEqual([
      { field: 'key', message: 'Enter a short name for the fund, like victims-fund' },
      { field: 'name', message: 'Enter the fund’s name' },
    ]);
    expect(readFund({ key: 'Victims Fund', name: 'x' }).problems[0]!.message).toMatch(/lower-case letters/);
  });

  it('reads a fund year in pounds and calendar dates, its tolerance optional', () => {
    const body = {
      label: '2027/28',
      'startsOn-day': '1',
      'startsOn-month': '4',
      'startsOn-year': '2027',
      'endsOn-day': '31',
      'endsOn-month': '3',
      'endsOn-year': '2028',
      cap: '£1,000,000',
    };
    expect(readFundYear(body).command).toEqual({
      label: '2027/28',
      startsOn: '2027-04-01',
      endsOn: '2028-03-31',
      capPence: 100_000_000,
    });
    expect(readFundYear({ ...body, tolerance: '50000.50' }).command?.overAllocationTolerancePence).toBe(
      5_000_050,
    );
    const bad = readFundYear({ ...body, 'endsOn-year': '2027', cap: 'a million', tolerance: '-5' });
    expect(fieldsOf(bad.problems)).toEqual(['endsOn-day', 'cap', 'tolerance']);
    expect(bad.problems[0]!.message).toBe('The last day of the year must be after the first');
    expect(fieldsOf(readFundYear({ 'startsOn-day': '31', 'startsOn-month': '2' }).problems)).toEqual([
      'label',
      'startsOn-day',
      'endsOn-day',
      'cap',
    ]);
  });

  it('reads a source and a tolerance, refusing kinds the API does not know and amounts that are not money', () => {
    expect(readSource({ sourceName: 'Home Office grant', kind: 'grant', amount: '990000' }).command).toEqual({
      name: 'Home Office grant',
      kind: 'grant',
      amountPence: 99_000_000,
    });
    expect(fieldsOf(readSource({ kind: 'loan', amount: '12.345' }).problems)).toEqual([
      'sourceName',
      'kind',
      'amount',
    ]);
    expect(readTolerance({ toleranceAmount: '0', reason: 'No lapses expected' }).command).toEqual({
      overAllocationTolerancePence: 0,
      reason: 'No lapses expected',
    });
    expect(fieldsOf(readTolerance({ toleranceAmount: 'ten per cent' }).problems)).toEqual([
      'toleranceAmount',
      'reason',
    ]);
  });

  it('puts the API’s field errors beside their boxes, in the page’s words', () => {
    const problems = fieldProblemsOn(pageFieldIn(FUND_YEAR_FIELDS), 'label');
    expect(
      problems([
        { field: 'endsOn', message: 'must be after startsOn' },
        { field: 'startsOn', message: "overlaps the fund's year 2013/14" },
        { field: 'capPence', message: 'capPence must not be greater than 9007199254740991' },
        { field: 'constructor', message: 'is not a known field' },
      ]),
    ).toEqual([
      { field: 'endsOn-day', message: 'The end of the year must be after the start of the year' },
      { field: 'startsOn-day', message: "The start of the year overlaps the fund's year 2013/14" },
      { field: 'cap', message: 'The cap must not be greater than 9007199254740991' },
      { field: 'label', message: 'Is not a known field' },
    ]);
  });
});
