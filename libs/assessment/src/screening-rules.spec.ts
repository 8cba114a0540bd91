import { EligibilityOutcome, EligibilityRule, RuleResult } from '@grants/eligibility';
import { describe, expect, it } from 'vitest';
import { eligibilityDrift, RuleOverride, screen } from './screening-rules';

function result(rule: EligibilityRule, outcome: EligibilityOutcome = 'pass'): RuleResult {
  return { rule, outcome, reason: `the ${rule} rule gives ${outcome}`, evidence: { rule } };
}

function automatic(...changes: [EligibilityRule, EligibilityOutcome][]): RuleResult[] {
  const byRule = new Map(changes);
  return (['area', 'amount', 'one_off', 'documents'] as const).map((rule) =>
    result(rule, byRule.get(rule) ?? 'pass'),
  );
}

describe('screen', () => {
  it('accepts eligible when every rule passes automatically and nothing is overridden', () => {
    const results = automatic();
    const { rules, problems } = screen(results, [], 'eligible', null);
    expect(problems).toEqual([]);
    expect(rules).toEqual(
      results.map((r) => ({
        rule: r.rule,
        automaticOutcome: r.outcome,
        automaticReason: r.reason,
        outcome: r.outcome,
        overridden: false,
        overrideReason: null,
      })),
    );
  });

  it('keeps the automatic results in their order', () => {
    const { rules } = screen(automatic(['documents', 'fail']), [], 'ineligible', 'No accounts');
    expect(rules.map((r) => r.rule)).toEqual(['area', 'amount', 'one_off', 'documents']);
  });

  it('refuses eligible with a failing rule that is not overridden, naming the rule', () => {
    const { rules, problems } = screen(automatic(['area', 'fail']), [], 'eligible', null);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('outcome');
    expect(problems[0]!.message).toContain('area');
    expect(rules.find((r) => r.rule === 'area')).toMatchObject({ outcome: 'fail', overridden: false });
  });

  it('reports every failing rule under eligible', () => {
    const { problems } = screen(automatic(['area', 'fail'], ['amount', 'fail']), [], 'eligible', null);
    expect(problems.map((p) => p.field)).toEqual(['outcome', 'outcome']);
    expect(problems[0]!.message).toContain('area');
    expect(problems[1]!.message).toContain('amount');
  });

  it('accepts eligible when a failing rule is overridden to pass with a reason', () => {
    const overrides: RuleOverride[] = [
      { rule: 'area', outcome: 'pass', reason: '  The village is inside the county boundary.  ' },
    ];
    const { rules, problems } = screen(automatic(['area', 'fail']), overrides, 'eligible', null);
    expect(problems).toEqual([]);
    expect(rules.find((r) => r.rule === 'area')).toEqual({
      rule: 'area',
      automaticOutcome: 'fail',
      automaticReason: 'the area rule gives fail',
      outcome: 'pass',
      overridden: true,
      overrideReason: 'The village is inside the county boundary.',
    });
    expect(rules.filter((r) => r.rule !== 'area').every((r) => !r.overridden)).toBe(true);
  });

  it('refuses eligible while a needs_review rule is unresolved', () => {
    const { problems } = screen(automatic(['one_off', 'needs_review']), [], 'eligible', null);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('outcome');
    expect(problems[0]!.message).toContain('one_off');
    expect(problems[0]!.message).toContain('review');
  });

  it('accepts eligible once a needs_review rule is overridden to pass', () => {
    const overrides: RuleOverride[] = [
      { rule: 'one_off', outcome: 'pass', reason: 'The earlier award was for a different scheme.' },
    ];
    const { rules, problems } = screen(automatic(['one_off', 'needs_review']), overrides, 'eligible', null);
    expect(problems).toEqual([]);
    expect(rules.find((r) => r.rule === 'one_off')).toMatchObject({
      automaticOutcome: 'needs_review',
      outcome: 'pass',
      overridden: true,
    });
  });

  it('refuses eligible when a needs_review rule is overridden to fail', () => {
    const overrides: RuleOverride[] = [
      { rule: 'one_off', outcome: 'fail', reason: 'This renews the earlier award.' },
    ];
    const { rules, problems } = screen(automatic(['one_off', 'needs_review']), overrides, 'eligible', null);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('outcome');
    expect(problems[0]!.message).toContain('one_off');
    expect(problems[0]!.message).toContain('fails');
    expect(rules.find((r) => r.rule === 'one_off')).toMatchObject({ outcome: 'fail', overridden: true });
  });

  it('refuses eligible when a passing rule is overridden to fail', () => {
    const overrides: RuleOverride[] = [
      { rule: 'documents', outcome: 'fail', reason: 'The accounts are forged.' },
    ];
    const { problems } = screen(automatic(), overrides, 'eligible', null);
    expect(problems.map((p) => p.field)).toEqual(['outcome']);
    expect(problems[0]!.message).toContain('documents');
  });

  it.each([
    ['null', null],
    ['empty', ''],
    ['blank', '   \n\t '],
  ])('refuses ineligible with %s reasons', (_, reasons) => {
    const { problems } = screen(automatic(['area', 'fail']), [], 'ineligible', reasons);
    expect(problems.map((p) => p.field)).toEqual(['reasons']);
  });

  it('accepts ineligible with reasons even when every rule passes', () => {
    const { rules, problems } = screen(
      automatic(),
      [],
      'ineligible',
      'The activity is already funded by the council.',
    );
    expect(problems).toEqual([]);
    expect(rules.every((r) => r.outcome === 'pass' && !r.overridden)).toBe(true);
  });

  it('accepts ineligible with failing and unresolved rules when reasons are given', () => {
    const { problems } = screen(
      automatic(['area', 'fail'], ['one_off', 'needs_review']),
      [],
      'ineligible',
      'The project benefits people outside the fund’s area.',
    );
    expect(problems).toEqual([]);
  });

  it('refuses an override whose reason is only spaces, so no rule is passed without a reason', () => {
    const { rules, problems } = screen(
      automatic(['area', 'fail']),
      [{ rule: 'area', outcome: 'pass', reason: '   ' }],
      'eligible',
      null,
    );
    expect(problems.map((p) => p.field)).toEqual(['overrides[0].reason', 'outcome']);
    expect(rules.find((r) => r.rule === 'area')).toMatchObject({ outcome: 'fail', overridden: false });
  });

  it('refuses an override of a rule the eligibility check did not run', () => {
    const overrides: RuleOverride[] = [
      { rule: 'area', outcome: 'pass', reason: 'Inside the boundary.' },
      { rule: 'exit_plan', outcome: 'pass', reason: 'The plan is in the summary.' },
    ];
    const { rules, problems } = screen(automatic(['area', 'fail']), overrides, 'eligible', null);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('overrides[1].rule');
    expect(problems[0]!.message).toContain('exit_plan');
    expect(rules.map((r) => r.rule)).not.toContain('exit_plan');
  });

  it('refuses overriding the same rule twice, keeping the first override', () => {
    const overrides: RuleOverride[] = [
      { rule: 'area', outcome: 'pass', reason: 'Inside the boundary.' },
      { rule: 'area', outcome: 'pass', reason: 'Said again.' },
    ];
    const { rules, problems } = screen(automatic(['area', 'fail']), overrides, 'eligible', null);
    expect(problems.map((p) => p.field)).toEqual(['overrides[1].rule']);
    expect(rules.find((r) => r.rule === 'area')).toMatchObject({
      outcome: 'pass',
      overrideReason: 'Inside the boundary.',
    });
  });

  it('refuses an override to the outcome the rule already gives, and applies nothing', () => {
    const overrides: RuleOverride[] = [{ rule: 'amount', outcome: 'pass', reason: 'It is within limits.' }];
    const { rules, problems } = screen(automatic(), overrides, 'eligible', null);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('overrides[0].outcome');
    expect(problems[0]!.message).toContain('amount');
    expect(rules.find((r) => r.rule === 'amount')).toMatchObject({
      outcome: 'pass',
      overridden: false,
      overrideReason: null,
    });
  });

  it('checks overrides under ineligible too', () => {
    const overrides: RuleOverride[] = [{ rule: 'area', outcome: 'fail', reason: 'Already fails.' }];
    const { problems } = screen(automatic(['area', 'fail']), overrides, 'ineligible', 'Outside the area.');
    expect(problems.map((p) => p.field)).toEqual(['overrides[0].outcome']);
  });

  it('reports override problems and outcome problems together', () => {
    const overrides: RuleOverride[] = [{ rule: 'legal_form', outcome: 'pass', reason: 'A charity.' }];
    const { problems } = screen(automatic(['documents', 'fail']), overrides, 'eligible', null);
    expect(problems.map((p) => p.field).sort()).toEqual(['outcome', 'overrides[0].rule']);
  });
});

describe('eligibilityDrift', () => {
  const screened = (rule: EligibilityRule, automaticOutcome: EligibilityOutcome, overridden = false) => ({
    rule,
    automaticOutcome,
    automaticReason: 'then',
    outcome: overridden ? ('pass' as const) : automaticOutcome,
    overridden,
    overrideReason: overridden ? 'seen' : null,
  });

  it('finds a rule that passed at screening and no longer does', () => {
    const drift = eligibilityDrift([screened('area', 'pass')], [result('area', 'fail')]);
    expect(drift.map((r) => r.rule)).toEqual(['area']);
  });

  it('lets an override stand for the outcome it overrode, not for a different problem', () => {
    expect(eligibilityDrift([screened('documents', 'fail', true)], [result('documents', 'fail')])).toEqual(
      [],
    );
    expect(
      eligibilityDrift([screened('one_off', 'needs_review', true)], [result('one_off', 'fail')]),
    ).toHaveLength(1);
  });

  it('ignores rules that pass now', () => {
    expect(eligibilityDrift([screened('area', 'fail', true)], [result('area', 'pass')])).toEqual([]);
  });
});
