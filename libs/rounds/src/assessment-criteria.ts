import { FieldError } from '@grants/common';

/** A weighted criterion assessors score 0–5; a round's weights need not add up to 100, they are relative. */
export interface CriterionTerms {
  title: string;
  guidance: string;
  weight: number;
}

export const MAX_CRITERIA = 20;
export const MAX_CRITERION_WEIGHT = 100;

/**
 * The criteria a round gets unless its administrator sets others: the questions any community-safety grant
 * panel asks, weighted towards fit with the plan (the legal test) and the evidence that the need is real.
 */
export const DEFAULT_CRITERIA: readonly CriterionTerms[] = [
  {
    title: "Fit with the plan's objectives",
    guidance:
      'How clearly the activity will secure or contribute to crime and disorder reduction through the ' +
      'objectives it names, and how credible the stated contribution and success measures are.',
    weight: 25,
  },
  {
    title: 'Evidence of need',
    guidance:
      'Local evidence (crime figures, surveys, partners’ views) that the problem exists where the money ' +
      'would be spent and that the people who benefit need this activity.',
    weight: 20,
  },
  {
    title: "Deliverability and the group's capacity",
    guidance:
      'A realistic plan and timetable, the people and skills to deliver it, sound governance and ' +
      'financial controls, and safeguarding in place where it is needed.',
    weight: 20,
  },
  {
    title: 'Value for money',
    guidance:
      'Costs that are reasonable, necessary and clearly linked to the outcomes; other funding secured.',
    weight: 15,
  },
  {
    title: 'Sustainability and the exit plan',
    guidance:
      'What happens when this one-off grant ends: the activity continues, is absorbed or ends safely, ' +
      'with no expectation of renewal.',
    weight: 10,
  },
  {
    title: 'Partnership working',
    guidance:
      'Work with the Community Safety Partnership, police, councils and other local groups; no duplication.',
    weight: 10,
  },
];

/** Problems with a list of criteria, each naming its index (empty when the list is acceptable). */
export function criteriaProblems(criteria: readonly CriterionTerms[], field = 'criteria'): FieldError[] {
  const errors: FieldError[] = [];
  if (criteria.length === 0)
    errors.push({ field, message: 'a round needs at least one assessment criterion' });
  if (criteria.length > MAX_CRITERIA) errors.push({ field, message: `at most ${MAX_CRITERIA} criteria` });
  const seen = new Set<string>();
  criteria.forEach((c, i) => {
    const key = c.title.trim().toLowerCase();
    if (key === '') errors.push({ field: `${field}[${i}].title`, message: 'must not be blank' });
    else if (seen.has(key))
      errors.push({ field: `${field}[${i}].title`, message: 'repeats another criterion' });
    seen.add(key);
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > MAX_CRITERION_WEIGHT) {
      errors.push({
        field: `${field}[${i}].weight`,
        message: `must be a whole number from 1 to ${MAX_CRITERION_WEIGHT}`,
      });
    }
  });
  return errors;
}

/** Criteria as stored: titles and guidance trimmed. */
export function normaliseCriteria(criteria: readonly CriterionTerms[]): CriterionTerms[] {
  return criteria.map((c) => ({ title: c.title.trim(), guidance: c.guidance.trim(), weight: c.weight }));
}

/** Whether two lists say the same thing, in the same order. */
export function sameCriteria(a: readonly CriterionTerms[], b: readonly CriterionTerms[]): boolean {
  const x = normaliseCriteria(a);
  const y = normaliseCriteria(b);
  return (
    x.length === y.length &&
    x.every((c, i) => c.title === y[i]!.title && c.guidance === y[i]!.guidance && c.weight === y[i]!.weight)
  );
}
