import { Injectable } from '@nestjs/common';
import { AuthUser, isOfficer } from '@grants/accounts';
import { DomainError } from '@grants/common';
import { OrganisationAccess } from '@grants/organisations';
import { EntityManager } from 'typeorm';
import { Award } from './award.entity';

/** Who may see or act on an award: staff, and members of the organisation it was made to; 404 to anyone else. */
@Injectable()
export class AwardAccess {
  constructor(private readonly organisations: OrganisationAccess) {}

  async readable(em: EntityManager, user: AuthUser, id: string): Promise<{ award: Award; officer: boolean }> {
    const award = await em.findOne(Award, { where: { id } });
    if (!award) throw DomainError.notFound('The award');
    if (isOfficer(user)) return { award, officer: true };
    if ((await this.organisations.membership(em, user.id, award.organisationId)) === null) {
      throw DomainError.notFound('The award');
    }
    return { award, officer: false };
  }

  /** Locked for the grant holder's signatory: the organisation's owner (403 for other members, 404 for others). */
  async forSignatory(em: EntityManager, user: AuthUser, id: string): Promise<Award> {
    const award = await em.findOne(Award, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!award) throw DomainError.notFound('The award');
    const role = await this.organisations.membership(em, user.id, award.organisationId);
    if (role === null) throw DomainError.notFound('The award');
    if (role !== 'owner') {
      throw DomainError.forbidden(
        "Only the organisation's owner, who signs for it, may accept or decline an offer",
      );
    }
    return award;
  }

  /** Locked for a staff action (routes enforce which role). */
  async forStaff(em: EntityManager, id: string): Promise<Award> {
    const award = await em.findOne(Award, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!award) throw DomainError.notFound('The award');
    return award;
  }
}
