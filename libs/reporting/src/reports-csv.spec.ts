import { describe, expect, it } from 'vitest';
import { csvDocument, csvFilename, fundYearReportCsv, poundsOf } from './reports-csv';
import { FundYearReport } from './reports';

describe('the reports’ CSV', () => {
  it('writes pence as pounds with two decimals by integer arithmetic', () => {
    expect(poundsOf(0)).toBe('0.00');
    expect(poundsOf(5)).toBe('0.05');
    expect(poundsOf(1005)).toBe('10.05');
    expect(poundsOf(123_456)).toBe('1234.56');
    expect(poundsOf(-250)).toBe('-2.50');
    expect(poundsOf(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('quotes by RFC 4180 and defuses text a spreadsheet would run, but never a number', () => {
    expect(csvDocument(['a', 'b'], [['x,y', 'say "hi"']])).toBe('a,b\r\n"x,y","say ""hi"""\r\n');
    expect(csvDocument(['a'], [['line\nbreak']])).toBe('a\r\n"line\nbreak"\r\n');
    expect(csvDocument(['f', 'g', 'h', 'i'], [['=SUM(A1)', '+1', '-1', '@x']])).toBe(
      "f,g,h,i\r\n'=SUM(A1),'+1,'-1,'@x\r\n",
    );
    expect(csvDocument(['n', 'empty'], [[-12, null]])).toBe('n,empty\r\n-12,\r\n');
  });

  it('puts a total row first, then the breakdowns in order, with money in pounds and pence', () => {
    const figures = { awards: 1, committedPence: -150, paidPence: 100, returnedPence: 0 };
    const report = {
      totals: { awards: 2, committedPence: 250_050, paidPence: 0, returnedPence: 0 },
      byArea: [{ key: 'E07000235', label: 'Malvern Hills', ...figures }],
      byPartnership: [{ key: null, label: 'No partnership', ...figures }],
      byObjective: [],
      byAim: [],
      byRound: [{ key: 'r', label: '-Late round', ...figures }],
      byLegalForm: [],
    } as unknown as FundYearReport;
    expect(fundYearReportCsv(report).split('\r\n')).toEqual([
      'breakdown,key,label,awards,committed_pounds,committed_pence,paid_pounds,paid_pence,returned_pounds,returned_pence',
      'total,,All awards,2,2500.50,250050,0.00,0,0.00,0',
      'area,E07000235,Malvern Hills,1,-1.50,-150,1.00,100,0.00,0',
      'partnership,,No partnership,1,-1.50,-150,1.00,100,0.00,0',
      "round,r,'-Late round,1,-1.50,-150,1.00,100,0.00,0",
      '',
    ]);
  });

  it('names files with letters, digits and dashes only', () => {
    expect(csvFilename('fund-year', 'Community Safety Fund', '2013/14')).toBe(
      'fund-year-community-safety-fund-2013-14.csv',
    );
    expect(csvFilename('plan-period', '"; rm -rf /')).toBe('plan-period-rm-rf.csv');
    expect(csvFilename('')).toBe('report.csv');
  });
});
