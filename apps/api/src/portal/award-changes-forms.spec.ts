import { describe, expect, it } from 'vitest';
import { readRevocation, readVariation } from './award-changes-forms';
import { readMoneyMovement } from './award-forms';

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('the grant change forms', () => {
  it('reads a variation: an amount, an end date or both, always with a reason', () => {
    expect(fields(readVariation({}).problems)).toEqual(['amount', 'reason']);
    expect(
      fields(
        readVariation({ amount: '0', 'endDate-day': '31', 'endDate-month': '2', 'endDate-year': '2027' })
          .problems,
      ),
    ).toEqual(['amount', 'endDate-day', 'reason']);
    expect(readVariation({ amount: '£7,000.50', reason: ' Venue withdrew ' }).command).toEqual({
      amountPence: 700_050,
      reason: 'Venue withdrew',
    });
    expect(
      readVariation({ 'endDate-day': '30', 'endDate-month': '6', 'endDate-year': '2027', reason: 'Delay' })
        .command,
    ).toEqual({ endDate: '2027-06-30', reason: 'Delay' });
  });

  it('reads a revocation: a reason, and a repayment only when one is typed', () => {
    expect(fields(readRevocation({ repayment: 'lots' }).problems)).toEqual(['reason', 'repayment']);
    expect(readRevocation({ reason: 'Breach', repayment: '' }).command).toEqual({ reason: 'Breach' });
    expect(readRevocation({ reason: 'Breach', repayment: '150' }).command).toEqual({
      reason: 'Breach',
      repaymentDuePence: 15_000,
    });
  });

  it('reads money returned in the words of a return, with finance’s note', () => {
    const empty = readMoneyMovement({}, 'returned');
    expect(empty.problems.map((p) => p.message)).toEqual([
      'Enter the amount returned in pounds, like 1500',
      'Enter the date the money was returned, like 3 5 2027',
      'Enter the bank or remittance reference',
    ]);
    expect(
      readMoneyMovement(
        {
          amount: '250.50',
          'on-day': '3',
          'on-month': '5',
          'on-year': '2027',
          reference: 'R1',
          note: 'Unspent',
        },
        'returned',
      ).command,
    ).toEqual({ amountPence: 25_050, on: '2027-05-03', reference: 'R1', note: 'Unspent' });
  });
});
