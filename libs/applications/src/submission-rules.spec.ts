import { describe, expect, it } from 'vitest';
import { ApplicationAnswers, budgetTotalPence, otherFundingTotalPence } from './application-answers';
import { submissionErrors, SubmissionContext } from './submission-rules';

const O1 = '11111111-1111-4111-8111-111111111111';
const O2 = '22222222-2222-4222-8222-222222222222';
const O_OTHER = '33333333-3333-4333-8333-333333333333';
const M1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const M2 = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

const ctx: SubmissionContext = {
  today: '2026-03-10',
  round: { minAwardPence: 100_000, maxAwardPence: 2_500_000, maxProjectMonths: 12, objectiveIds: [O1, O2] },
  measureObjectives: new Map([
    [M1, O1],
    [M2, O2],
  ]),
  knownAreaCodes: new Set(['E07000235', 'E06000019']),
};

function complete(): ApplicationAnswers {
  return {
    title: 'Malvern Street Pastors',
    summary: 'Volunteers on the streets on Friday and Saturday nights.',
    activities: [{ description: 'Night-time patrols' }],
    objectives: [{ objectiveId: O1, contribution: 'Reduces alcohol-related violence' }],
    successMeasures: [{ measureId: M1, target: 40, baseline: 25 }],
    beneficiaryAreas: ['E07000235'],
    startDate: '2026-04-01',
    endDate: '2027-03-31',
    amountRequestedPence: 1_200_000,
    budgetLines: [
      { description: 'Radios', category: 'equipment', amountPence: 200_000 },
      { description: 'Training', category: 'training', amountPence: 1_000_000 },
    ],
    otherFunding: [{ funderName: 'Town council', amountPence: 50_000, status: 'secured' }],
    exitPlan: 'The town council will fund it from 2027.',
    safeguarding: { confirmed: true, policyNotes: null, involvesChildrenOrAdultsAtRisk: false },
    groupChecklist: {
      constitutionHasDissolutionClause: null,
      unrelatedCommitteeMembers: null,
      bankAccountInGroupName: null,
    },
    declarations: {
      informationTrue: true,
      oneOffUnderstood: true,
      conditionsUnderstood: true,
      dataProtection: true,
    },
  };
}

const fields = (a: ApplicationAnswers, c: SubmissionContext = ctx): string[] =>
  submissionErrors(a, c).map((e) => e.field);

describe('submission completeness', () => {
  it('accepts a complete, consistent application', () => {
    expect(submissionErrors(complete(), ctx)).toEqual([]);
  });

  it('names every missing answer of an empty draft at once', () => {
    const empty: ApplicationAnswers = {
      title: null,
      summary: '  ',
      activities: [],
      objectives: [],
      successMeasures: [],
      beneficiaryAreas: [],
      startDate: null,
      endDate: null,
      amountRequestedPence: null,
      budgetLines: [],
      otherFunding: [],
      exitPlan: null,
      safeguarding: { confirmed: false, policyNotes: null, involvesChildrenOrAdultsAtRisk: null },
      groupChecklist: {
        constitutionHasDissolutionClause: null,
        unrelatedCommitteeMembers: null,
        bankAccountInGroupName: null,
      },
      declarations: {
        informationTrue: false,
        oneOffUnderstood: false,
        conditionsUnderstood: false,
        dataProtection: false,
      },
    };
    expect(fields(empty)).toEqual([
      'title',
      'summary',
      'activities',
      'objectives',
      'successMeasures',
      'beneficiaryAreas',
      'startDate',
      'endDate',
      'amountRequestedPence',
      'budgetLines',
      'exitPlan',
      'safeguarding.confirmed',
      'declarations.informationTrue',
      'declarations.oneOffUnderstood',
      'declarations.conditionsUnderstood',
      'declarations.dataProtection',
    ]);
  });

  it('requires blank entries inside lists to be filled', () => {
    const a = complete();
    a.activities.push({ description: ' ' });
    a.objectives[0]!.contribution = '';
    a.budgetLines[0]!.description = '';
    a.otherFunding[0]!.funderName = '';
    expect(fields(a)).toEqual([
      'activities[1].description',
      'objectives[0].contribution',
      'budgetLines[0].description',
      'otherFunding[0].funderName',
    ]);
  });

  it('only accepts objectives the round funds', () => {
    const a = complete();
    a.objectives.push({ objectiveId: O_OTHER, contribution: 'x' });
    expect(fields(a)).toEqual(['objectives[1].objectiveId']);
  });

  it('only accepts measures of chosen objectives', () => {
    const a = complete();
    a.successMeasures.push({ measureId: M2, target: 3, baseline: null });
    expect(fields(a)).toEqual(['successMeasures[1].measureId']);
    a.objectives.push({ objectiveId: O2, contribution: 'Also this' });
    expect(fields(a)).toEqual([]);
    a.successMeasures.push({ measureId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', target: 1, baseline: null });
    expect(fields(a)).toEqual(['successMeasures[2].measureId']);
  });

  it('only accepts known areas', () => {
    const a = complete();
    a.beneficiaryAreas.push('E09000001');
    expect(fields(a)).toEqual(['beneficiaryAreas[1]']);
  });

  describe('the budget', () => {
    it('must add up to the amount requested exactly', () => {
      const a = complete();
      a.amountRequestedPence = 1_200_001;
      const errors = submissionErrors(a, ctx);
      expect(errors.map((e) => e.field)).toEqual(['budgetLines']);
      expect(errors[0]!.message).toContain('£12,000.00');
      expect(errors[0]!.message).toContain('£12,000.01');
    });

    it('sums integer pence without floating-point drift', () => {
      const lines = Array.from({ length: 10 }, () => ({ amountPence: 10 }));
      expect(budgetTotalPence(lines)).toBe(100);
      expect(budgetTotalPence([])).toBe(0);
      expect(budgetTotalPence([{ amountPence: Number.MAX_SAFE_INTEGER - 1 }, { amountPence: 1 }])).toBe(
        Number.MAX_SAFE_INTEGER,
      );
    });

    it('totals other funding, optionally by status', () => {
      const lines = [
        { amountPence: 500, status: 'secured' as const },
        { amountPence: 300, status: 'applied' as const },
        { amountPence: 200, status: 'secured' as const },
      ];
      expect(otherFundingTotalPence(lines)).toBe(1000);
      expect(otherFundingTotalPence(lines, 'secured')).toBe(700);
      expect(otherFundingTotalPence(lines, 'applied')).toBe(300);
    });

    it('keeps the amount within the round’s limits, inclusive', () => {
      const at = (amount: number): string[] => {
        const a = complete();
        a.amountRequestedPence = amount;
        a.budgetLines = [{ description: 'All', category: 'other', amountPence: amount }];
        return fields(a);
      };
      expect(at(100_000)).toEqual([]);
      expect(at(2_500_000)).toEqual([]);
      expect(at(99_999)).toEqual(['amountRequestedPence']);
      expect(at(2_500_001)).toEqual(['amountRequestedPence']);
    });
  });

  describe('dates', () => {
    const withDates = (startDate: string | null, endDate: string | null): string[] =>
      fields({ ...complete(), startDate, endDate });

    it('accepts a project of exactly the maximum length', () => {
      expect(withDates('2026-04-01', '2027-03-31')).toEqual([]);
      expect(withDates('2026-03-10', '2026-03-10')).toEqual([]);
    });

    it('refuses a project longer than the round allows', () => {
      expect(withDates('2026-04-01', '2027-04-01')).toEqual(['endDate']);
    });

    it('refuses an end before the start', () => {
      expect(withDates('2026-05-01', '2026-04-30')).toEqual(['endDate']);
    });

    it('refuses a start in the past or too far ahead', () => {
      expect(withDates('2026-03-09', '2026-06-01')).toEqual(['startDate']);
      expect(withDates('2027-03-12', '2027-06-01')).toEqual(['startDate']);
      expect(withDates('2027-03-11', '2027-06-01')).toEqual([]);
    });

    it('refuses impossible dates', () => {
      expect(withDates('2026-02-30', '2026-06-01')).toEqual(['startDate']);
      expect(withDates('2026-04-01', null)).toEqual(['endDate']);
    });
  });

  it('requires every declaration and the safeguarding confirmation', () => {
    const a = complete();
    a.declarations.dataProtection = false;
    a.safeguarding.confirmed = false;
    expect(fields(a)).toEqual(['safeguarding.confirmed', 'declarations.dataProtection']);
  });
});
