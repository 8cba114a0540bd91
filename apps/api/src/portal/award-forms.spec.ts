import { MonitoringReportView } from '@grants/monitoring';
import { describe, expect, it } from 'vitest';
import { readAcceptance, readConditionStatus, readPayment, readReport } from './award-forms';

const REPORT = {
  kind: 'final',
  budget: [
    { position: 0, description: 'Radios', category: 'equipment', budgetPence: 200_000, spentPence: null },
  ],
  measures: [
    {
      measureId: 'm',
      code: '3.1',
      description: 'Violent crime',
      unit: 'count',
      target: 40,
      value: null,
      note: null,
    },
  ],
} as unknown as MonitoringReportView;

describe('the grant forms', () => {
  it('accepts only with every condition ticked, a name and a role, against the amount shown', () => {
    const offer = { amountPence: 1_000, conditionIds: ['a', 'b'] };
    expect(readAcceptance({ conditions: 'a' }, offer).problems.map((p) => p.field)).toEqual([
      'signatoryName',
      'signatoryPosition',
      'conditions',
    ]);
    expect(
      readAcceptance(
        { conditions: ['b', 'a', 'x'], signatoryName: 'Lil', signatoryPosition: 'Chair', amountPence: '900' },
        offer,
      ).command,
    ).toEqual({
      amountPence: 900,
      signatoryName: 'Lil',
      signatoryPosition: 'Chair',
      acceptedConditionIds: ['a', 'b'],
    });
  });

  it('needs a status and evidence for a condition, and a real date and reference for a payment', () => {
    expect(readConditionStatus({ status: 'done' }, 'c').problems.map((p) => p.field)).toEqual([
      'condition-c-status',
      'condition-c-note',
    ]);
    expect(readConditionStatus({ status: 'met', note: 'Seen' }, 'c').command).toEqual({
      status: 'met',
      note: 'Seen',
    });
    expect(
      readPayment({ amount: '0', 'on-day': '31', 'on-month': '2', 'on-year': '2027' }).problems.map(
        (p) => p.field,
      ),
    ).toEqual(['amount', 'on-day', 'reference']);
    expect(
      readPayment({
        amount: '£1,000.50',
        'on-day': '3',
        'on-month': '5',
        'on-year': '2027',
        reference: 'BACS 1',
      }).command,
    ).toEqual({
      amountPence: 100_050,
      on: '2027-05-03',
      reference: 'BACS 1',
    });
  });

  it('reads a report’s spend, figures and case studies, and keeps a consented story without its public version back', () => {
    const body = {
      'spend-0': '80',
      'figure-m': '12',
      'figure-m-note': 'Since April',
      progress: 'Going well',
      caseStudyRows: '2',
      'case-0-title': 'Walking home',
      'case-0-story': 'Mrs A walks again',
      'case-0-consent': 'yes',
      unspent: '20',
    };
    expect(readReport(body, REPORT).problems.map((p) => p.field)).toEqual(['case-0-anonymised']);
    expect(
      readReport({ ...body, 'case-0-anonymised': 'An older resident walks again' }, REPORT).command,
    ).toEqual({
      spend: [{ budgetLinePosition: 0, amountPence: 8_000 }],
      figures: [{ measureId: 'm', value: 12, note: 'Since April' }],
      progress: 'Going well',
      problems: null,
      caseStudies: [
        {
          title: 'Walking home',
          story: 'Mrs A walks again',
          consentToPublish: true,
          anonymisedStory: 'An older resident walks again',
        },
      ],
      unspentPence: 2_000,
    });
    expect(
      readReport({ 'spend-0': 'eighty', 'spend-9': '5', 'figure-x': '1' }, REPORT).problems.map(
        (p) => p.field,
      ),
    ).toEqual(['spend-0']);
  });
});
