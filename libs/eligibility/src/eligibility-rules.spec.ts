import { describe, expect, it } from 'vitest';
import {
  amountRule,
  areaRule,
  budgetAddsUpRule,
  disallowedCostsRule,
  documentsRule,
  EarlierAward,
  ELIGIBILITY_RULES,
  EligibilityFacts,
  exitPlanRule,
  legalFormRule,
  objectivesRule,
  oneOffRule,
  overallOutcome,
  projectDatesRule,
  roundOpensOn,
  runEligibilityRules,
  similarActivity,
} from './eligibility-rules';

const O1 = '11111111-1111-4111-8111-111111111111';
const O2 = '22222222-2222-4222-8222-222222222222';
const O_OTHER = '33333333-3333-4333-8333-333333333333';
const FUND = 'f0000000-0000-4000-8000-000000000000';
const ORG = 'a0000000-0000-4000-8000-000000000000';

function facts(overrides: {
  application?: Partial<EligibilityFacts['application']>;
  round?: Partial<EligibilityFacts['round']>;
  organisation?: Partial<EligibilityFacts['organisation']>;
  earlierAwards?: EarlierAward[];
  documentKinds?: string[];
}): EligibilityFacts {
  return {
    application: {
      title: 'Malvern Street Pastors',
      activities: [{ description: 'Night-time street patrols by trained volunteers in Great Malvern' }],
      objectives: [{ objectiveId: O1, contribution: 'Fewer alcohol-related assaults' }],
      beneficiaryAreas: ['E07000235'],
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      amountRequestedPence: 1_200_000,
      budgetLines: [
        { description: 'Radios', category: 'equipment', amountPence: 200_000 },
        { description: 'Training', category: 'training', amountPence: 1_000_000 },
      ],
      exitPlan: 'The town council will fund it from April 2027.',
      involvesChildrenOrAdultsAtRisk: false,
      groupChecklist: {
        constitutionHasDissolutionClause: null,
        unrelatedCommitteeMembers: null,
        bankAccountInGroupName: null,
      },
      ...overrides.application,
    },
    round: {
      opensOn: '2026-03-01',
      minAwardPence: 50_000,
      maxAwardPence: 2_500_000,
      maxProjectMonths: 12,
      objectiveIds: [O1, O2],
      fundId: FUND,
      acceptedLegalForms: [
        'registered_charity',
        'constituted_community_group',
        'company_limited_by_guarantee',
      ],
      disallowedCostCategories: ['ongoing core running costs', 'management_and_overheads'],
      ...overrides.round,
    },
    funderAreaCodes: new Set(['E07000235', 'E06000019']),
    organisation: { id: ORG, legalForm: 'registered_charity', ...overrides.organisation },
    earlierAwards: overrides.earlierAwards ?? [],
    documentKinds: overrides.documentKinds ?? ['governing_document', 'accounts_or_bank_statement'],
  };
}

describe('area rule', () => {
  it('passes when every area is the funder’s', () => {
    expect(areaRule(facts({ application: { beneficiaryAreas: ['E07000235', 'E06000019'] } })).outcome).toBe(
      'pass',
    );
  });
  it('fails naming an area outside, and when none is given', () => {
    const r = areaRule(facts({ application: { beneficiaryAreas: ['E07000235', 'E09000001'] } }));
    expect(r).toMatchObject({
      rule: 'area',
      outcome: 'fail',
      evidence: { outsideFunderArea: ['E09000001'] },
    });
    expect(r.reason).toContain('E09000001');
    expect(areaRule(facts({ application: { beneficiaryAreas: [] } })).outcome).toBe('fail');
  });
});

describe('objectives rule', () => {
  it('passes with one funded objective and its contribution', () => {
    expect(objectivesRule(facts({})).outcome).toBe('pass');
  });
  it('fails with no objective, an unfunded one, or one without a contribution', () => {
    expect(objectivesRule(facts({ application: { objectives: [] } })).outcome).toBe('fail');
    expect(
      objectivesRule(facts({ application: { objectives: [{ objectiveId: O_OTHER, contribution: 'x' }] } }))
        .outcome,
    ).toBe('fail');
    const r = objectivesRule(
      facts({
        application: {
          objectives: [
            { objectiveId: O1, contribution: 'x' },
            { objectiveId: O2, contribution: '   ' },
          ],
        },
      }),
    );
    expect(r).toMatchObject({ outcome: 'fail', evidence: { withoutContribution: [O2] } });
  });
});

describe('amount rule', () => {
  it.each([
    [50_000, 'pass'],
    [2_500_000, 'pass'],
    [49_999, 'fail'],
    [2_500_001, 'fail'],
  ] as const)('%i pence → %s (limits £500 to £25,000, exactly at a limit passes)', (amount, outcome) => {
    expect(amountRule(facts({ application: { amountRequestedPence: amount } })).outcome).toBe(outcome);
  });
  it('fails when no amount is given, saying so', () => {
    const r = amountRule(facts({ application: { amountRequestedPence: null } }));
    expect(r.outcome).toBe('fail');
    expect(r.reason).toMatch(/how much/);
  });
  it('names the limits in pounds', () => {
    expect(amountRule(facts({ application: { amountRequestedPence: 10 } })).reason).toContain('£500.00');
  });
});

describe('budget adds up rule', () => {
  it('passes when the lines equal the request', () => {
    expect(budgetAddsUpRule(facts({})).outcome).toBe('pass');
  });
  it('fails by a penny either way, with no lines, or with no amount', () => {
    expect(budgetAddsUpRule(facts({ application: { amountRequestedPence: 1_200_001 } })).outcome).toBe(
      'fail',
    );
    expect(budgetAddsUpRule(facts({ application: { amountRequestedPence: 1_199_999 } })).outcome).toBe(
      'fail',
    );
    expect(budgetAddsUpRule(facts({ application: { budgetLines: [] } })).outcome).toBe('fail');
    expect(budgetAddsUpRule(facts({ application: { amountRequestedPence: null } })).outcome).toBe('fail');
  });
});

describe('disallowed costs rule', () => {
  it('passes when no line is in a disallowed category', () => {
    expect(disallowedCostsRule(facts({})).outcome).toBe('pass');
  });
  it('fails naming the line, comparing trimmed and case-insensitively', () => {
    const r = disallowedCostsRule(
      facts({
        application: {
          budgetLines: [{ description: 'Office rent', category: 'management_and_overheads', amountPence: 1 }],
        },
        round: { disallowedCostCategories: ['  Management_And_Overheads '] },
      }),
    );
    expect(r.outcome).toBe('fail');
    expect(r.reason).toContain('Office rent');
    expect(r.evidence.offendingLines).toEqual([
      { index: 0, description: 'Office rent', category: 'management_and_overheads' },
    ]);
  });
  it('passes when the round disallows nothing', () => {
    expect(disallowedCostsRule(facts({ round: { disallowedCostCategories: [] } })).outcome).toBe('pass');
  });
});

describe('project dates rule', () => {
  const dates = (
    startDate: string | null,
    endDate: string | null,
    round: Partial<EligibilityFacts['round']> = {},
  ) => projectDatesRule(facts({ application: { startDate, endDate }, round }));

  it('passes starting on the day the round opens (the window’s first edge)', () => {
    expect(dates('2026-03-01', '2026-06-30').outcome).toBe('pass');
  });
  it('fails starting the day before the round opens', () => {
    expect(dates('2026-02-28', '2026-06-30').outcome).toBe('fail');
  });
  it('passes a 12-month project from 1 April ending on 31 March, at the financial year boundary', () => {
    const r = dates('2026-04-01', '2027-03-31');
    expect(r.outcome).toBe('pass');
    expect(r.evidence.mustEndBefore).toBe('2027-04-01');
  });
  it('fails a 12-month-maximum project from 1 April ending on 1 April the next year (a day too long)', () => {
    expect(dates('2026-04-01', '2027-04-01').outcome).toBe('fail');
  });
  it('passes exactly the maximum length and fails a day more (6 months)', () => {
    expect(dates('2026-03-15', '2026-09-14', { maxProjectMonths: 6 }).outcome).toBe('pass');
    expect(dates('2026-03-15', '2026-09-15', { maxProjectMonths: 6 }).outcome).toBe('fail');
  });
  it('handles a start at the month’s end (31 August + 6 months must end by 27 February in a common year)', () => {
    expect(dates('2026-08-31', '2027-02-27', { maxProjectMonths: 6 }).outcome).toBe('pass');
    expect(dates('2026-08-31', '2027-02-28', { maxProjectMonths: 6 }).outcome).toBe('fail');
  });
  it('takes the window’s first day in Europe/London: a round opening 00:30 BST on 1 April opens on 1 April', () => {
    const opensOn = roundOpensOn(new Date('2026-03-31T23:30:00Z'), 'Europe/London');
    expect(opensOn).toBe('2026-04-01');
    expect(dates('2026-03-31', '2026-06-30', { opensOn }).outcome).toBe('fail');
    expect(dates('2026-04-01', '2027-03-31', { opensOn }).outcome).toBe('pass');
    // In winter (GMT) the London date and the UTC date agree.
    expect(roundOpensOn(new Date('2026-01-31T23:30:00Z'), 'Europe/London')).toBe('2026-01-31');
  });
  it('passes a one-day project, fails one ending before it starts, and fails missing dates', () => {
    expect(dates('2026-04-01', '2026-04-01').outcome).toBe('pass');
    expect(dates('2026-04-02', '2026-04-01').outcome).toBe('fail');
    expect(dates(null, '2026-04-01').outcome).toBe('fail');
    expect(dates('2026-04-01', null).outcome).toBe('fail');
  });
});

describe('legal form rule', () => {
  it('passes an accepted form and fails another', () => {
    expect(legalFormRule(facts({})).outcome).toBe('pass');
    const r = legalFormRule(facts({ organisation: { legalForm: 'school' } }));
    expect(r).toMatchObject({ outcome: 'fail', evidence: { legalForm: 'school' } });
  });
});

describe('exit plan rule', () => {
  it('passes with a plan, fails with none or blank', () => {
    expect(exitPlanRule(facts({})).outcome).toBe('pass');
    expect(exitPlanRule(facts({ application: { exitPlan: null } })).outcome).toBe('fail');
    expect(exitPlanRule(facts({ application: { exitPlan: '  ' } })).outcome).toBe('fail');
  });
});

describe('one-off rule', () => {
  const award = (overrides: Partial<EarlierAward> = {}): EarlierAward => ({
    id: 'e0000000-0000-4000-8000-000000000000',
    reference: 'CSF-2025-000042',
    fundId: FUND,
    organisationId: ORG,
    title: 'Street Pastors in Malvern',
    activities: ['Street patrols on weekend nights by trained volunteers'],
    ...overrides,
  });

  it('passes with no earlier awards (today: awards do not exist yet)', () => {
    expect(oneOffRule(facts({})).outcome).toBe('pass');
  });
  it('needs review, naming the earlier award, for a similar activity from the same fund to the same organisation', () => {
    const r = oneOffRule(facts({ earlierAwards: [award()] }));
    expect(r.outcome).toBe('needs_review');
    expect(r.reason).toContain('CSF-2025-000042');
    expect(r.evidence.similarEarlierAwards).toEqual([
      { id: award().id, reference: 'CSF-2025-000042', title: 'Street Pastors in Malvern' },
    ]);
  });
  it('passes an earlier award from another fund, to another organisation, or for something different', () => {
    expect(oneOffRule(facts({ earlierAwards: [award({ fundId: 'other' })] })).outcome).toBe('pass');
    expect(oneOffRule(facts({ earlierAwards: [award({ organisationId: 'other' })] })).outcome).toBe('pass');
    expect(
      oneOffRule(
        facts({
          earlierAwards: [
            award({ title: 'Youth boxing club', activities: ['Boxing coaching for teenagers'] }),
          ],
        }),
      ).outcome,
    ).toBe('pass');
  });
  it('compares activities by shared meaningful words', () => {
    expect(similarActivity(['CCTV cameras for the park'], ['New CCTV cameras in the park'])).toBe(true);
    expect(similarActivity(['CCTV cameras for the park'], ['Cookery classes'])).toBe(false);
  });
});

describe('documents rule', () => {
  it('passes with a governing document and accounts or a bank statement', () => {
    expect(documentsRule(facts({})).outcome).toBe('pass');
    expect(
      documentsRule(facts({ documentKinds: ['constitution', 'accounts_or_bank_statement'] })).outcome,
    ).toBe('pass');
  });
  it('fails naming what is missing', () => {
    const r = documentsRule(facts({ documentKinds: [] }));
    expect(r.outcome).toBe('fail');
    expect(r.reason).toContain('governing document');
    expect(r.reason).toContain('latest accounts or a bank statement');
  });
  it('asks for a safeguarding policy only where children or adults at risk are involved', () => {
    const risky = { application: { involvesChildrenOrAdultsAtRisk: true } };
    expect(documentsRule(facts(risky)).outcome).toBe('fail');
    expect(documentsRule(facts(risky)).reason).toContain('safeguarding policy');
    expect(
      documentsRule(
        facts({
          ...risky,
          documentKinds: ['governing_document', 'accounts_or_bank_statement', 'safeguarding_policy'],
        }),
      ).outcome,
    ).toBe('pass');
  });
  it('needs review when the application has not said whether children or adults at risk are involved', () => {
    expect(documentsRule(facts({ application: { involvesChildrenOrAdultsAtRisk: null } })).outcome).toBe(
      'needs_review',
    );
  });
  describe('the proportionate checklist for a constituted community group', () => {
    const group = (checklist: Partial<EligibilityFacts['application']['groupChecklist']>) =>
      documentsRule(
        facts({
          organisation: { legalForm: 'constituted_community_group' },
          application: {
            groupChecklist: {
              constitutionHasDissolutionClause: true,
              unrelatedCommitteeMembers: 3,
              bankAccountInGroupName: true,
              ...checklist,
            },
          },
        }),
      );
    it('passes with a dissolution clause, exactly three unrelated members and a bank account', () => {
      expect(group({}).outcome).toBe('pass');
    });
    it('fails with two members, no dissolution clause or no account in the group’s name', () => {
      expect(group({ unrelatedCommitteeMembers: 2 }).outcome).toBe('fail');
      expect(group({ unrelatedCommitteeMembers: 2 }).reason).toContain('fewer than 3');
      expect(group({ constitutionHasDissolutionClause: false }).outcome).toBe('fail');
      expect(group({ bankAccountInGroupName: false }).outcome).toBe('fail');
    });
    it('needs review while the checklist is unanswered', () => {
      expect(group({ bankAccountInGroupName: null }).outcome).toBe('needs_review');
    });
    it('is not asked of a registered charity', () => {
      expect(documentsRule(facts({})).evidence.smallGroupChecklist).toBeNull();
    });
  });
});

describe('the overall outcome', () => {
  it('is fail if any fails, else needs_review if any, else pass', () => {
    expect(overallOutcome([{ outcome: 'pass' }, { outcome: 'needs_review' }, { outcome: 'fail' }])).toBe(
      'fail',
    );
    expect(overallOutcome([{ outcome: 'pass' }, { outcome: 'needs_review' }])).toBe('needs_review');
    expect(overallOutcome([{ outcome: 'pass' }])).toBe('pass');
  });
  it('runs every rule kind in order', () => {
    const report = runEligibilityRules(facts({}));
    expect(report.results.map((r) => r.rule)).toEqual([...ELIGIBILITY_RULES]);
    expect(report.outcome).toBe('pass');
    for (const r of report.results) expect(r.reason).toMatch(/^[A-Z].*\.$/);
  });
});
