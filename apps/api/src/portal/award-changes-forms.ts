import { Variation } from '@grants/awards';
import { FormProblem } from './account-forms';
import { parseDateInput, parsePounds } from './application-form';
import { CaseForm } from './case-forms';
import { field, FormBody } from './form-body';

const text = (body: FormBody | undefined, name: string): string => field(body, name).trim();
const done = <T>(command: T, problems: FormProblem[]): CaseForm<T> =>
  problems.length ? { command: null, problems } : { command, problems };

/**
 * A variation: a new amount, a new end date, or both, and always why. Whether the amount may change (only
 * down, never below what is paid) is the service's rule, shown in its words.
 */
export function readVariation(body: FormBody | undefined): CaseForm<Variation> {
  const problems: FormProblem[] = [];
  const amountText = text(body, 'amount');
  const amount = amountText ? parsePounds(amountText) : null;
  if (amountText && (amount === null || amount === 0))
    problems.push({ field: 'amount', message: 'Enter the new amount in pounds, like 7000' });
  const endDate = parseDateInput(body, 'endDate');
  if (!endDate.ok)
    problems.push({ field: 'endDate-day', message: 'Enter the new end date as a real date, like 30 6 2027' });
  if (!amountText && endDate.ok && endDate.value === null)
    problems.push({ field: 'amount', message: 'Enter a new amount, a new end date, or both' });
  const reason = text(body, 'reason');
  if (!reason) problems.push({ field: 'reason', message: 'Say why the grant is being varied' });
  return done(
    {
      ...(amount !== null ? { amountPence: amount } : {}),
      ...(endDate.value !== null ? { endDate: endDate.value } : {}),
      reason,
    },
    problems,
  );
}

/** A revocation: why (it goes on the grant's record and to the register), and any repayment due. */
export function readRevocation(
  body: FormBody | undefined,
): CaseForm<{ reason: string; repaymentDuePence?: number }> {
  const problems: FormProblem[] = [];
  const reason = text(body, 'reason');
  if (!reason) problems.push({ field: 'reason', message: 'Say which condition was breached, and how' });
  const repaymentText = text(body, 'repayment');
  const repayment = repaymentText ? parsePounds(repaymentText) : null;
  if (repaymentText && repayment === null)
    problems.push({
      field: 'repayment',
      message: 'Enter the repayment due in pounds, like 1500, or leave it empty',
    });
  return done({ reason, ...(repayment !== null ? { repaymentDuePence: repayment } : {}) }, problems);
}
