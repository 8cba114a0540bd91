import { describe, expect, it } from 'vitest';
import { timelineLines } from './award-timeline';

const at = new Date('2026-05-03T13:05:00Z');
const entry = (action: string, more: object = {}) => ({
  at,
  action,
  actor: { userId: null, displayName: null, role: 'approver' },
  fromStatus: null,
  toStatus: null,
  reason: null,
  ...more,
});

describe('the grant timeline', () => {
  it('says what happened, by whom, with the details officers were given', () => {
    const [varied, email, paid, other] = timelineLines([
      entry('award.varied', {
        actor: { userId: 'u', displayName: 'Ada', role: 'approver' },
        reason: 'Venue withdrew',
        data: {
          fromAmountPence: 800_000,
          toAmountPence: 700_000,
          fromEndDate: '2027-03-31',
          toEndDate: '2027-03-31',
        },
      }),
      entry('email.sent', {
        actor: { userId: null, displayName: null, role: 'system' },
        data: { emailId: 'e1', subject: 'Your offer', recipient: 'a@example.org' },
      }),
      entry('award.payment_recorded', { actor: { userId: null, displayName: null, role: 'finance' } }),
      entry('application.something_new'),
    ]);
    expect(varied).toMatchObject({
      what: 'Grant varied: amount £8,000.00 to £7,000.00',
      who: 'Ada (grants approver)',
      reason: 'Venue withdrew',
      emailId: null,
    });
    expect(email).toMatchObject({
      what: 'Email sent to a@example.org: Your offer',
      who: 'The grants service',
      emailId: 'e1',
    });
    // A grant holder is given no details: the step and the role only.
    expect(paid).toMatchObject({ what: 'Payment made', who: 'Finance officer' });
    expect(other!.what).toBe('Something new');
  });
});
