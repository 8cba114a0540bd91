import { Role } from '@grants/accounts';
import { calendarDateIn, Clock } from '@grants/common';
import { createStaffUser, registerApplicant } from './accounts';
import { ORGANISATION_BODY } from './api-world';
import { acceptOffer, awardApplication, recommendApplication } from './applications';
import { createOpenRound, seedReference } from './reference';
import type { TestApp } from './test-app';

type Person = { email: string; userId: string; token: string };

/** The people a grant's journey needs: its holder (the organisation's owner) and one member of staff per role. */
export interface GrantPeople {
  holder: Person;
  outsider: Person;
  officer: Person;
  approver: Person;
  finance: Person;
}

/**
 * A grant offered, accepted by its holder, its conditions met and `paidPence` paid, all through the API,
 * so a browser test starts where its own journey does. Returns the award's id and today's date.
 */
export async function paidGrant(
  t: TestApp,
  paidPence: number,
  emails: Partial<Record<keyof GrantPeople, string>> = {},
): Promise<{ awardId: string; applicationId: string; people: GrantPeople; today: string }> {
  const ref = await seedReference(t);
  const round = await createOpenRound(t);
  const holder = await registerApplicant(t, { email: emails.holder, displayName: 'Hana Holder' });
  const outsider = await registerApplicant(t, { email: emails.outsider, displayName: 'Otto Outsider' });
  const organisation = await t.post('/api/v1/organisations', ORGANISATION_BODY, { token: holder.token });
  const people: GrantPeople = {
    holder,
    outsider,
    officer: await createStaffUser(t, [Role.Officer], { email: emails.officer, displayName: 'Olu Officer' }),
    approver: await createStaffUser(t, [Role.Approver], {
      email: emails.approver,
      displayName: 'Ada Approver',
    }),
    finance: await createStaffUser(t, [Role.Finance], { email: emails.finance, displayName: 'Fin Finance' }),
  };
  const applicationId = await recommendApplication(t, {
    applicantToken: holder.token,
    officer: people.officer,
    organisationId: organisation.body.id as string,
    roundId: round.id,
    ref,
    objectiveIds: round.objectiveIds.slice(0, 1),
    answers: { title: 'Safer Alleys' },
  });
  const { award } = await awardApplication(t, applicationId, people.approver);
  await acceptOffer(t, award, holder);
  for (const c of award.conditions as { id: string }[]) {
    const res = await t.post(
      `/api/v1/awards/${award.id}/conditions/${c.id}/status`,
      { status: 'met', note: 'Seen on the visit' },
      { token: people.officer.token },
    );
    if (res.status !== 200) throw new Error(`condition: ${res.status} ${res.text}`);
  }
  const today = calendarDateIn(t.app.get(Clock).now(), 'Europe/London');
  const paid = await t.post(
    `/api/v1/awards/${award.id}/payments`,
    { amountPence: paidPence, on: today, reference: 'BACS 000001' },
    { token: people.finance.token },
  );
  if (paid.status !== 200) throw new Error(`payment: ${paid.status} ${paid.text}`);
  return { awardId: award.id as string, applicationId, people, today };
}
