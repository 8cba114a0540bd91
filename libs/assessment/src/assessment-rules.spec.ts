import { describe, expect, it } from 'vitest';
import {
  Criterion,
  CriterionScore,
  rank,
  RankingCandidate,
  recommendedAmount,
  scoreOutOfFive,
  scoreProblems,
  weightedPoints,
} from './assessment-rules';

const criteria: Criterion[] = [
  { id: 'fit', title: 'Fit with the plan', weight: 25 },
  { id: 'need', title: 'Evidence of need', weight: 20 },
  { id: 'money', title: 'Value for money', weight: 15 },
];

const score = (
  criterionId: string,
  s: number | null,
  comment: string | null = 'Explained.',
): CriterionScore => ({
  criterionId,
  score: s,
  comment,
});

describe('weightedPoints', () => {
  it('sums score × weight out of 5 × weight', () => {
    expect(weightedPoints(criteria, [score('fit', 4), score('need', 3), score('money', 2)])).toEqual({
      points: 4 * 25 + 3 * 20 + 2 * 15,
      maxPoints: 5 * 60,
    });
  });

  it('gives 0 points when every score is 0 and full marks when every score is 5', () => {
    expect(
      weightedPoints(
        criteria,
        criteria.map((c) => score(c.id, 0)),
      ),
    ).toEqual({ points: 0, maxPoints: 300 });
    expect(
      weightedPoints(
        criteria,
        criteria.map((c) => score(c.id, 5)),
      ),
    ).toEqual({ points: 300, maxPoints: 300 });
  });

  it('does not need the weights to sum to 100', () => {
    const odd: Criterion[] = [
      { id: 'a', title: 'A', weight: 3 },
      { id: 'b', title: 'B', weight: 7 },
      { id: 'c', title: 'C', weight: 1 },
    ];
    expect(weightedPoints(odd, [score('a', 5), score('b', 1), score('c', 2)])).toEqual({
      points: 15 + 7 + 2,
      maxPoints: 55,
    });
  });

  it('counts missing and null scores as 0 but still counts them in the maximum', () => {
    expect(weightedPoints(criteria, [score('fit', 4), score('need', null)])).toEqual({
      points: 100,
      maxPoints: 300,
    });
  });

  it('ignores scores for criteria the round does not have', () => {
    expect(weightedPoints(criteria, [score('fit', 5), score('other', 5)])).toEqual({
      points: 125,
      maxPoints: 300,
    });
  });

  it('gives 0 out of 0 with no criteria', () => {
    expect(weightedPoints([], [score('fit', 5)])).toEqual({ points: 0, maxPoints: 0 });
  });
});

describe('scoreOutOfFive', () => {
  it.each([
    [385, 500, 3.85],
    [0, 500, 0],
    [500, 500, 5],
    [2, 3, 3.33],
    [200, 300, 3.33],
    [1, 3, 1.67],
    [100, 300, 1.67],
    [1, 8, 0.63],
    [123, 300, 2.05],
    [7, 15, 2.33],
  ])('%i out of %i is %s', (points, maxPoints, expected) => {
    expect(scoreOutOfFive(points, maxPoints)).toBe(expected);
  });

  it('is 0 when there is nothing to score', () => {
    expect(scoreOutOfFive(0, 0)).toBe(0);
  });
});

describe('scoreProblems', () => {
  it('accepts a complete, commented set of scores', () => {
    expect(
      scoreProblems(
        criteria,
        criteria.map((c) => score(c.id, 3)),
        true,
      ),
    ).toEqual([]);
  });

  it('accepts a partial set when not complete', () => {
    expect(scoreProblems(criteria, [score('fit', null, null)], false)).toEqual([]);
    expect(scoreProblems(criteria, [], false)).toEqual([]);
  });

  it('accepts scores of 0 and 5 as scored', () => {
    expect(scoreProblems(criteria, [score('fit', 0), score('need', 5), score('money', 0)], true)).toEqual([]);
  });

  it('refuses an unknown criterion, naming its index', () => {
    const problems = scoreProblems(criteria, [score('fit', 3), score('nope', 3)], false);
    expect(problems.map((p) => p.field)).toEqual(['scores[1].criterionId']);
  });

  it('refuses a repeated criterion, naming the repeat', () => {
    const problems = scoreProblems(criteria, [score('fit', 3), score('need', 3), score('fit', 4)], false);
    expect(problems.map((p) => p.field)).toEqual(['scores[2].criterionId']);
    expect(problems[0]!.message).toContain('twice');
  });

  it('uses the field name it is given', () => {
    const problems = scoreProblems(criteria, [score('nope', 1)], false, 'moderated');
    expect(problems.map((p) => p.field)).toEqual(['moderated[0].criterionId']);
  });

  it('when complete, refuses a criterion with no score, missing or null', () => {
    const problems = scoreProblems(criteria, [score('fit', 3), score('need', null)], true);
    expect(problems.map((p) => p.field)).toEqual(['scores', 'scores']);
    expect(problems[0]!.message).toContain('Evidence of need');
    expect(problems[0]!.message).toContain('no score');
    expect(problems[1]!.message).toContain('Value for money');
  });

  it.each([
    ['null', null],
    ['empty', ''],
    ['blank', '   '],
  ])('when complete, refuses a %s comment', (_, comment) => {
    const problems = scoreProblems(
      criteria,
      [score('fit', 3), score('need', 3, comment), score('money', 3)],
      true,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('scores');
    expect(problems[0]!.message).toContain('Evidence of need');
    expect(problems[0]!.message).toContain('comment');
  });
});

describe('recommendedAmount', () => {
  const round = { minAwardPence: 100_000 };

  it('refuse recommends nothing', () => {
    expect(recommendedAmount('refuse', 500_000, undefined, round)).toEqual({ amountPence: 0, problems: [] });
    expect(recommendedAmount('refuse', 500_000, 0, round)).toEqual({ amountPence: 0, problems: [] });
  });

  it('refuse with an amount is a problem', () => {
    const r = recommendedAmount('refuse', 500_000, 200_000, round);
    expect(r.amountPence).toBe(0);
    expect(r.problems.map((p) => p.field)).toEqual(['amountPence']);
  });

  it('fund_in_full takes the amount requested', () => {
    expect(recommendedAmount('fund_in_full', 500_000, undefined, round)).toEqual({
      amountPence: 500_000,
      problems: [],
    });
    expect(recommendedAmount('fund_in_full', 500_000, 500_000, round)).toEqual({
      amountPence: 500_000,
      problems: [],
    });
  });

  it('fund_in_full with a different amount is a problem', () => {
    for (const amount of [499_999, 500_001, 0]) {
      const r = recommendedAmount('fund_in_full', 500_000, amount, round);
      expect(r.amountPence).toBe(500_000);
      expect(r.problems.map((p) => p.field)).toEqual(['amountPence']);
    }
  });

  it('fund_in_part needs an amount', () => {
    const r = recommendedAmount('fund_in_part', 500_000, undefined, round);
    expect(r.problems.map((p) => p.field)).toEqual(['amountPence']);
  });

  it('fund_in_part accepts an amount below the request and at least the minimum', () => {
    expect(recommendedAmount('fund_in_part', 500_000, 300_000, round)).toEqual({
      amountPence: 300_000,
      problems: [],
    });
    expect(recommendedAmount('fund_in_part', 500_000, 499_999, round).problems).toEqual([]);
  });

  it('fund_in_part exactly at the round minimum is fine', () => {
    expect(recommendedAmount('fund_in_part', 500_000, 100_000, round)).toEqual({
      amountPence: 100_000,
      problems: [],
    });
  });

  it('fund_in_part below the round minimum is a problem', () => {
    const r = recommendedAmount('fund_in_part', 500_000, 99_999, round);
    expect(r.problems.map((p) => p.field)).toEqual(['amountPence']);
    expect(r.problems[0]!.message).toContain('minimum');
  });

  it('fund_in_part of exactly the request, or more, is a problem', () => {
    for (const amount of [500_000, 600_000]) {
      const r = recommendedAmount('fund_in_part', 500_000, amount, round);
      expect(r.problems.map((p) => p.field)).toEqual(['amountPence']);
      expect(r.problems[0]!.message).toContain('less than');
    }
  });
});

describe('rank', () => {
  let n = 0;
  function candidate(
    overrides: Partial<RankingCandidate> & Pick<RankingCandidate, 'weightedPoints'>,
  ): RankingCandidate {
    n += 1;
    return {
      applicationId: `app-${n}`,
      maxPoints: 500,
      submittedAt: new Date('2026-03-01T10:00:00Z'),
      reference: `CSF-${String(n).padStart(4, '0')}`,
      recommendedAmountPence: 100_000,
      awaitingDecision: true,
      ...overrides,
    };
  }
  const ids = (rows: { candidate: RankingCandidate }[]): string[] =>
    rows.map((r) => r.candidate.applicationId);

  it('orders by weighted score, highest first, and numbers the ranks from 1', () => {
    const a = candidate({ applicationId: 'a', weightedPoints: 300 });
    const b = candidate({ applicationId: 'b', weightedPoints: 450 });
    const c = candidate({ applicationId: 'c', weightedPoints: 375 });
    const { rows } = rank([a, b, c], 10_000_000);
    expect(ids(rows)).toEqual(['b', 'c', 'a']);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it('compares scores as fractions of their maximum', () => {
    const a = candidate({ applicationId: 'a', weightedPoints: 300, maxPoints: 500 }); // 0.6
    const b = candidate({ applicationId: 'b', weightedPoints: 200, maxPoints: 300 }); // 0.667
    const c = candidate({ applicationId: 'c', weightedPoints: 350, maxPoints: 400 }); // 0.875
    expect(ids(rank([a, b, c], 0).rows)).toEqual(['c', 'b', 'a']);
  });

  it('treats equal fractions as a tie, broken by the earlier submission', () => {
    const later = candidate({
      applicationId: 'later',
      weightedPoints: 2,
      maxPoints: 3,
      submittedAt: new Date('2026-03-02T09:00:00Z'),
      reference: 'CSF-0001',
    });
    const earlier = candidate({
      applicationId: 'earlier',
      weightedPoints: 4,
      maxPoints: 6,
      submittedAt: new Date('2026-03-01T09:00:00Z'),
      reference: 'CSF-0002',
    });
    expect(ids(rank([later, earlier], 0).rows)).toEqual(['earlier', 'later']);
    expect(ids(rank([earlier, later], 0).rows)).toEqual(['earlier', 'later']);
  });

  it('breaks a tie at the same submission time by reference', () => {
    const at = new Date('2026-03-01T09:00:00Z');
    const b = candidate({
      applicationId: 'b',
      weightedPoints: 4,
      maxPoints: 6,
      submittedAt: at,
      reference: 'CSF-0010',
    });
    const a = candidate({
      applicationId: 'a',
      weightedPoints: 2,
      maxPoints: 3,
      submittedAt: at,
      reference: 'CSF-0009',
    });
    expect(ids(rank([b, a], 0).rows)).toEqual(['a', 'b']);
    expect(ids(rank([a, b], 0).rows)).toEqual(['a', 'b']);
  });

  it('does not reorder its input', () => {
    const a = candidate({ weightedPoints: 100 });
    const b = candidate({ weightedPoints: 200 });
    const input = [a, b];
    rank(input, 0);
    expect(input).toEqual([a, b]);
  });

  it('keeps a running total of the amounts still awaiting a decision only', () => {
    const a = candidate({ applicationId: 'a', weightedPoints: 500, recommendedAmountPence: 100_000 });
    const decided = candidate({
      applicationId: 'decided',
      weightedPoints: 400,
      recommendedAmountPence: 700_000,
      awaitingDecision: false,
    });
    const c = candidate({ applicationId: 'c', weightedPoints: 300, recommendedAmountPence: 250_000 });
    const { rows } = rank([c, decided, a], 1_000_000);
    expect(ids(rows)).toEqual(['a', 'decided', 'c']);
    expect(rows.map((r) => r.runningTotalPence)).toEqual([100_000, 100_000, 350_000]);
    expect(rows.map((r) => r.withinAvailable)).toEqual([true, null, true]);
  });

  it('marks rows within while the running total is at most the money available, exactly equal included', () => {
    const rows = rank(
      [
        candidate({ weightedPoints: 500, recommendedAmountPence: 300_000 }),
        candidate({ weightedPoints: 400, recommendedAmountPence: 200_000 }),
        candidate({ weightedPoints: 300, recommendedAmountPence: 1 }),
      ],
      500_000,
    );
    expect(rows.rows.map((r) => r.runningTotalPence)).toEqual([300_000, 500_000, 500_001]);
    expect(rows.rows.map((r) => r.withinAvailable)).toEqual([true, true, false]);
    expect(rows.lastWithinAvailableRank).toBe(2);
  });

  it('stays outside once the money has run out, even when a later, smaller amount would fit', () => {
    const { rows, lastWithinAvailableRank } = rank(
      [
        candidate({ weightedPoints: 500, recommendedAmountPence: 400_000 }),
        candidate({ weightedPoints: 450, recommendedAmountPence: 300_000 }),
        candidate({ weightedPoints: 400, recommendedAmountPence: 0 }),
        candidate({ weightedPoints: 350, awaitingDecision: false, recommendedAmountPence: 50_000 }),
        candidate({ weightedPoints: 300, recommendedAmountPence: 50_000 }),
      ],
      500_000,
    );
    expect(rows.map((r) => r.withinAvailable)).toEqual([true, false, false, null, false]);
    expect(rows.map((r) => r.runningTotalPence)).toEqual([400_000, 700_000, 700_000, 700_000, 750_000]);
    expect(lastWithinAvailableRank).toBe(1);
  });

  it('gives the rank of the last fitting row, counting decided rows in the ranks', () => {
    const { rows, lastWithinAvailableRank } = rank(
      [
        candidate({ weightedPoints: 500, awaitingDecision: false, recommendedAmountPence: 900_000 }),
        candidate({ weightedPoints: 450, recommendedAmountPence: 200_000 }),
        candidate({ weightedPoints: 400, awaitingDecision: false }),
        candidate({ weightedPoints: 350, recommendedAmountPence: 300_000 }),
        candidate({ weightedPoints: 300, recommendedAmountPence: 1 }),
      ],
      500_000,
    );
    expect(rows.map((r) => r.withinAvailable)).toEqual([null, true, null, true, false]);
    expect(lastWithinAvailableRank).toBe(4);
  });

  it('has no last fitting rank when nothing fits', () => {
    const { rows, lastWithinAvailableRank } = rank(
      [
        candidate({ weightedPoints: 500, recommendedAmountPence: 600_000 }),
        candidate({ weightedPoints: 400 }),
      ],
      500_000,
    );
    expect(rows.map((r) => r.withinAvailable)).toEqual([false, false]);
    expect(lastWithinAvailableRank).toBeNull();
  });

  it('has no last fitting rank when every application is decided, or there are none', () => {
    expect(rank([candidate({ weightedPoints: 500, awaitingDecision: false })], 500_000)).toEqual({
      rows: [expect.objectContaining({ rank: 1, runningTotalPence: 0, withinAvailable: null })],
      lastWithinAvailableRank: null,
    });
    expect(rank([], 500_000)).toEqual({ rows: [], lastWithinAvailableRank: null });
  });
});
