import { FieldError } from '@grants/common';

/**
 * The answers an officer can reopen by name: the top-level fields of a draft's answers, and its supporting
 * documents. Names are the API's own field names, so the form can highlight exactly what was asked about.
 */
export const REQUESTABLE_ANSWERS = [
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
  'otherFunding',
  'exitPlan',
  'safeguarding',
  'groupChecklist',
  'declarations',
  'documents',
] as const;
export type RequestableAnswer = (typeof REQUESTABLE_ANSWERS)[number];

/**
 * Answers checked together: changing one can break a rule reported on the other (the budget must add up to
 * the amount; the end must follow the start; measures must belong to chosen objectives).
 */
const CHECKED_TOGETHER: Partial<Record<RequestableAnswer, RequestableAnswer[]>> = {
  amountRequestedPence: ['budgetLines'],
  budgetLines: ['amountRequestedPence'],
  startDate: ['endDate'],
  endDate: ['startDate'],
  objectives: ['successMeasures'],
  successMeasures: ['objectives'],
};

/** The answers whose problems a response to a request reopening `reopened` must clear. */
export function answersToRecheck(reopened: readonly RequestableAnswer[]): Set<string> {
  return new Set(reopened.flatMap((a) => [a, ...(CHECKED_TOGETHER[a] ?? [])]));
}

/** The top-level answer a field path belongs to: `budgetLines[2].amountPence` → `budgetLines`. */
export function answerOfField(field: string): string {
  return field.split(/[.[]/, 1)[0]!;
}

/** One error for each sent field the open request does not reopen. */
export function unrequestedFields(sent: readonly string[], reopened: readonly string[]): FieldError[] {
  return sent
    .filter((field) => !reopened.includes(answerOfField(field)))
    .map((field) => ({
      field,
      message: `the information request reopens only ${reopened.join(', ')}; this answer cannot change now`,
    }));
}
