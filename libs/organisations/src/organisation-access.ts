import { Injectable } from '@nestjs/common';
import { AuthUser, isOfficer, Role } from '@grants/accounts';
import { Actor, AuditService } from '@grants/audit';
import { Clock, DomainError } from '@grants/common';
import { EntityManager, IsNull } from 'typeorm';
import { OrganisationInvitation } from './organisation-invitation.entity';
import { MemberRole, OrganisationMember } from './organisation-member.entity';
import { Organisation } from './organisation.entity';

/** The role a user acts in for the audit log: an organisation's member acts as its applicant. */
export function actorFor(user: AuthUser, asMember: boolean): Actor {
  if (asMember || !isOfficer(user)) return { userId: user.id, role: Role.Applicant };
  const officerRole = user.roles.find((r) => r !== Role.Applicant) ?? Role.Officer;
  return { userId: user.id, role: officerRole };
}

/**
 * The one place that answers "may this user see or act for this organisation?". Applicants only ever
 * learn about organisations they belong to: anything else is 404, exactly as if it did not exist.
 * Officers read everything but act for an organisation only if they are also its members.
 */
@Injectable()
export class OrganisationAccess {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

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
    const role = await this.memberRole(em, user, organisationId);
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
    const role = await this.memberRole(em, user, organisationId);
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

  /** Ids of the organisations a user belongs to (after accepting any invitations waiting for them). */
  async organisationIdsOf(em: EntityManager, user: AuthUser): Promise<string[]> {
    await this.acceptPendingInvitations(em, user);
    const rows = await em.find(OrganisationMember, { where: { userId: user.id } });
    return rows.map((r) => r.organisationId);
  }

  /** Invitations sent to the user's address before they had an account turn into memberships on first use. */
  async acceptPendingInvitations(
    em: EntityManager,
    user: AuthUser,
    organisationId?: string,
  ): Promise<number> {
    const pending = await em.find(OrganisationInvitation, {
      where: {
        email: user.email.toLowerCase(),
        acceptedAt: IsNull(),
        ...(organisationId ? { organisationId } : {}),
      },
    });
    for (const invitation of pending) {
      await em
        .createQueryBuilder()
        .insert()
        .into(OrganisationMember)
        .values({ organisationId: invitation.organisationId, userId: user.id, role: 'member' })
        .orIgnore()
        .execute();
      await em.update(
        OrganisationInvitation,
        { id: invitation.id, acceptedAt: IsNull() },
        { acceptedAt: this.clock.now(), acceptedBy: user.id },
      );
      await this.audit.record(em, {
        actor: { userId: user.id, role: Role.Applicant },
        subjectType: 'organisation',
        subjectId: invitation.organisationId,
        action: 'organisation.invitation_accepted',
        data: { invitationId: invitation.id, userId: user.id },
      });
    }
    return pending.length;
  }

  /** The user's role, accepting a waiting invitation to this organisation first; null if not a member. */
  async memberRole(em: EntityManager, user: AuthUser, organisationId: string): Promise<MemberRole | null> {
    const role = await this.membership(em, user.id, organisationId);
    if (role !== null) return role;
    if ((await this.acceptPendingInvitations(em, user, organisationId)) > 0) return 'member';
    return null;
  }
}
