import { FieldError } from '@grants/common';

export const CONDITION_TIMINGS = ['before_payment', 'ongoing'] as const;
/** before_payment: must be met (or waived) before any money moves; ongoing: holds for the life of the grant. */
export type ConditionTiming = (typeof CONDITION_TIMINGS)[number];

export interface ConditionTerms {
  text: string;
  timing: ConditionTiming;
}

export const MAX_CONDITIONS = 30;

/**
 * The conditions every award in a round carries unless its administrator sets others: the Resources
 * section's rules (specific activities, a one-off sum, money back if unspent) and the plan's reporting.
 */
export const DEFAULT_STANDARD_CONDITIONS: readonly ConditionTerms[] = [
  { text: 'Spend the grant only on the activities described in the application.', timing: 'ongoing' },
  { text: 'Report on progress and outcomes by the monitoring dates set in the offer.', timing: 'ongoing' },
  { text: 'Return any money not spent on those activities by the end of the project.', timing: 'ongoing' },
  { text: "Acknowledge the Police and Crime Commissioner's funding in publicity.", timing: 'ongoing' },
  {
    text: 'Keep a safeguarding policy in force throughout the project where it involves children or adults at risk.',
    timing: 'ongoing',
  },
  {
    text: 'Provide bank details in the organisation’s name before the first payment.',
    timing: 'before_payment',
  },
];

export function conditionsProblems(conditions: readonly ConditionTerms[], field: string): FieldError[] {
  const errors: FieldError[] = [];
  if (conditions.length > MAX_CONDITIONS)
    errors.push({ field, message: `at most ${MAX_CONDITIONS} conditions` });
  const seen = new Set<string>();
  conditions.forEach((c, i) => {
    const key = c.text.trim().toLowerCase();
    if (key === '') errors.push({ field: `${field}[${i}].text`, message: 'must not be blank' });
    else if (seen.has(key))
      errors.push({ field: `${field}[${i}].text`, message: 'repeats another condition' });
    seen.add(key);
  });
  return errors;
}

export function sameConditions(a: readonly ConditionTerms[], b: readonly ConditionTerms[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => c.text.trim() === b[i]!.text.trim() && c.timing === b[i]!.timing)
  );
}
