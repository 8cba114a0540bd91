import { Injectable } from '@nestjs/common';
import { AuthUser, isOfficer } from '@grants/accounts';
import { DomainError } from '@grants/common';
import { EntityManager } from 'typeorm';
import { MemberRole, OrganisationMember } from './organisation-member.entity';
import { Organisation } from './organisation.entity';

/**
 * The one place that answers "may this user see or act for this organisation?". Applicants only ever
 * learn about organisations they belong to: anything else is 404, exactly as if it did not exist.
 * Officers read everything but never act for an organisation (staff accounts cannot be members).
 * Reads here never change anything: membership comes only from an invitation the invitee accepted.
 */
@Injectable()
export class OrganisationAccess {
  async membership(em: EntityManager, userId: string, organisationId: string): Promise<MemberRole | null> {
    const row = await em.findOne(OrganisationMember, { where: { organisationId, userId } });
    return row?.role ?? null;
  }

  /** The organisation, if the user may read it (member, or any officer); 404 otherwise. */
  async assertCanRead(
    em: EntityManager,
    user: AuthUser,
    organisationId: string,
  ): Promise<{ organisation: Organisation; role: MemberRole | null }> {
    const organisation = await em.findOne(Organisation, { where: { id: organisationId } });
    if (!organisation) throw DomainError.notFound('The organisation');
    const role = await this.membership(em, user.id, organisationId);
    if (role === null && !isOfficer(user)) throw DomainError.notFound('The organisation');
    return { organisation, role };
  }

  /**
   * The user's membership, which acting for the organisation requires. Officers who can read the organisation
   * but are not members get 403 (they already know it exists); everyone else gets 404.
   */
  async assertMember(
    em: EntityManager,
    user: AuthUser,
    organisationId: string,
    lock = false,
  ): Promise<{ organisation: Organisation; role: MemberRole }> {
    const organisation = await em.findOne(Organisation, {
      where: { id: organisationId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!organisation) throw DomainError.notFound('The organisation');
    const role = await this.membership(em, user.id, organisationId);
    if (role === null) {
      if (isOfficer(user)) {
        throw DomainError.forbidden('Only members of the organisation may act for it');
      }
      throw DomainError.notFound('The organisation');
    }
    return { organisation, role };
  }

  async assertOwner(
    em: EntityManager,
    user: AuthUser,
    organisationId: string,
    lock = false,
  ): Promise<Organisation> {
    const { organisation, role } = await this.assertMember(em, user, organisationId, lock);
    if (role !== 'owner') throw DomainError.forbidden('Only the owner of the organisation may do this');
    return organisation;
  }

  /** Ids of the organisations the user belongs to. */
  async organisationIdsOf(em: EntityManager, userId: string): Promise<string[]> {
    const rows = await em.find(OrganisationMember, { where: { userId } });
    return rows.map((r) => r.organisationId);
  }
}
