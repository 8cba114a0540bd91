import { describe, expect, it } from 'vitest';
import { actorFrom } from './actor';
import { Role } from './role';

describe('actorFrom', () => {
  const id = '3f2b8c1e-9a4d-4e7b-8c6a-1d2e3f4a5b6c';

  it('acts as applicant for applicants', () => {
    expect(actorFrom({ id, roles: [Role.Applicant] })).toEqual({ userId: id, role: 'applicant' });
  });

  it('acts in the most powerful staff role unless the route names one the user holds', () => {
    expect(actorFrom({ id, roles: [Role.Officer, Role.Admin] })).toEqual({ userId: id, role: 'admin' });
    expect(actorFrom({ id, roles: [Role.Officer, Role.Approver] }, Role.Officer)).toEqual({
      userId: id,
      role: 'officer',
    });
    expect(actorFrom({ id, roles: [Role.Officer] }, Role.Admin)).toEqual({ userId: id, role: 'officer' });
  });
});
