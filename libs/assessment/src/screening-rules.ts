import { FieldError } from '@grants/common';
import { EligibilityOutcome, EligibilityRule, RuleResult } from '@grants/eligibility';

export const SCREENING_OUTCOMES = ['eligible', 'ineligible'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];

/** An officer's verdict on one rule, replacing the automatic one; a person decides, so never needs_review. */
export interface RuleOverride {
  rule: EligibilityRule;
  outcome: Exclude<EligibilityOutcome, 'needs_review'>;
  reason: string;
}

/** One rule as screened: what the rules said, and what the officer said instead (if anything) and why. */
export interface ScreenedRule {
  rule: EligibilityRule;
  automaticOutcome: EligibilityOutcome;
  automaticReason: string;
  outcome: EligibilityOutcome;
  overridden: boolean;
  overrideReason: string | null;
}

/**
 * The automatic results with the officer's overrides applied, and every problem with the screening as a
 * whole. Eligible needs every rule to stand at pass: a failing rule must be overridden with a reason, and a
 * needs_review must be resolved either way, so no rule is ever passed silently. Ineligible is the officer's
 * judgement and needs reasons the applicant can read, whatever the rules said.
 */
export function screen(
  automatic: readonly RuleResult[],
  overrides: readonly RuleOverride[],
  outcome: ScreeningOutcome,
  reasons: string | null,
): { rules: ScreenedRule[]; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const byRule = new Map<EligibilityRule, RuleOverride>();
  overrides.forEach((o, i) => {
    const result = automatic.find((r) => r.rule === o.rule);
    if (!result) {
      problems.push({
        field: `overrides[${i}].rule`,
        message: `the eligibility check has no ${o.rule} rule`,
      });
    } else if (o.reason.trim() === '') {
      problems.push({
        field: `overrides[${i}].reason`,
        message: 'say why the automatic result is overridden',
      });
    } else if (byRule.has(o.rule)) {
      problems.push({ field: `overrides[${i}].rule`, message: 'overrides the same rule twice' });
    } else if (result.outcome === o.outcome) {
      problems.push({
        field: `overrides[${i}].outcome`,
        message: `the ${o.rule} rule already gives ${o.outcome}; there is nothing to override`,
      });
    } else {
      byRule.set(o.rule, o);
    }
  });
  const rules = automatic.map((r): ScreenedRule => {
    const o = byRule.get(r.rule);
    return {
      rule: r.rule,
      automaticOutcome: r.outcome,
      automaticReason: r.reason,
      outcome: o?.outcome ?? r.outcome,
      overridden: o !== undefined,
      overrideReason: o?.reason.trim() ?? null,
    };
  });
  if (outcome === 'eligible') {
    for (const r of rules) {
      if (r.outcome === 'fail') {
        problems.push({
          field: 'outcome',
          message: `the ${r.rule} rule fails (${r.automaticReason}); override it with a reason, or screen the application as ineligible`,
        });
      } else if (r.outcome === 'needs_review') {
        problems.push({
          field: 'outcome',
          message: `the ${r.rule} rule needs review (${r.automaticReason}); override it to pass or fail with a reason`,
        });
      }
    }
  } else if (reasons === null || reasons.trim() === '') {
    problems.push({
      field: 'reasons',
      message: 'say why the application is ineligible, for the applicant to read',
    });
  }
  return { rules, problems };
}

/**
 * Rules that no longer stand at pass in a later eligibility result (answers changed in reply to an
 * information request) although the screening let them pass: what was screened is not what is now asked for.
 */
export function eligibilityDrift(
  screened: readonly ScreenedRule[],
  latest: readonly RuleResult[],
): RuleResult[] {
  return latest.filter((r) => {
    if (r.outcome === 'pass') return false;
    const before = screened.find((s) => s.rule === r.rule);
    // An officer's override stands for the outcome the rule had then, not for a new problem.
    return !(before?.overridden && before.outcome === 'pass' && before.automaticOutcome === r.outcome);
  });
}
