import { Injectable, Logger, Optional } from '@nestjs/common';
import { actorFrom, AuthUser, isOfficer, normaliseEmail, Role } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import { Clock, DomainError } from '@grants/common';
import { inTransaction, isUniqueViolation } from '@grants/database';
import { MailService } from '@grants/notifications';
import { DataSource, EntityManager } from 'typeorm';
import { invitationMessage } from './invitation-email';
import { OrganisationAccess } from './organisation-access';
import { InvitationStatus, OrganisationInvitation } from './organisation-invitation.entity';
import { OrganisationMember } from './organisation-member.entity';
import { Organisation } from './organisation.entity';

const SUBJECT = 'organisation';

/**
 * The owner's answer to an invitation. It is the same whether or not anyone has an account with the
 * address, so inviting cannot be used to find out who is registered.
 */
export interface InviteOutcome {
  outcome: 'invited';
  invitationId: string;
  email: string;
  invitedAt: Date;
}

/** An invitation as its invitee sees it (GET /me/invitations). */
export interface MyInvitationView {
  id: string;
  organisationId: string;
  organisationName: string;
  invitedBy: string;
  invitedAt: Date;
  status: InvitationStatus;
}

export const STAFF_CANNOT_JOIN =
  'Staff accounts (officer, approver, finance, admin) cannot be members of an applicant organisation, ' +
  'so they cannot accept invitations; an applicant account with another email address is needed';

interface InvitationRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  invited_by: string;
  created_at: Date;
  status: InvitationStatus;
  ended_by: string | null;
}

/**
 * Invitations: the owner invites an email address; the person with that verified address accepts or
 * declines it explicitly; the owner may cancel it while it is pending. Membership comes from nothing else.
 */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger(InvitationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Optional() private readonly mail?: MailService,
  ) {}

  /** Always stores a pending invitation and always answers alike; the email differs only for the invitee. */
  async invite(user: AuthUser, organisationId: string, rawEmail: string): Promise<InviteOutcome> {
    const email = normaliseEmail(rawEmail);
    const result = await inTransaction(this.dataSource, async (em) => {
      const organisation = await this.access.assertOwner(em, user, organisationId, true);
      const [invitee]: { id: string; roles: Role[] }[] = await em.query(
        `SELECT id, roles FROM users WHERE lower(email) = $1`,
        [email],
      );
      // The owner can already see the members' addresses, so saying so reveals nothing new.
      if (invitee && (await this.access.membership(em, invitee.id, organisationId))) {
        throw DomainError.conflict(`${email} is already a member of this organisation`);
      }
      let invitation: OrganisationInvitation;
      try {
        invitation = await em.save(
          em.create(OrganisationInvitation, { organisationId, email, invitedBy: user.id, status: 'pending' }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'organisation_invitations_pending_uq')) {
          throw DomainError.conflict(`${email} has already been invited to this organisation`);
        }
        throw error;
      }
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: SUBJECT,
        subjectId: organisationId,
        action: 'organisation.invitation_created',
        data: { invitationId: invitation.id },
      });
      const recipient = !invitee
        ? 'newcomer'
        : invitee.roles.some((r) => r !== Role.Applicant)
          ? 'staff'
          : 'applicant';
      return { invitation, organisation, recipient } as const;
    });
    // After commit, so nobody is invited to something that rolled back.
    if (result.recipient !== 'staff') {
      this.send(email, result.organisation, user, result.recipient === 'applicant');
    }
    return {
      outcome: 'invited',
      invitationId: result.invitation.id,
      email,
      invitedAt: result.invitation.createdAt,
    };
  }

  /** Pending invitations to the caller's verified address; none for staff accounts, which cannot join. */
  async mine(user: AuthUser): Promise<MyInvitationView[]> {
    if (isOfficer(user)) return [];
    const rows: InvitationRow[] = await this.dataSource.query(
      `${INVITATIONS_SQL}
        WHERE i.status = 'pending'
        ORDER BY i.created_at, i.id`,
      [user.id],
    );
    return rows.map(invitationView);
  }

  async accept(user: AuthUser, invitationId: string): Promise<MyInvitationView> {
    return this.answer(user, invitationId, 'accepted');
  }

  async decline(user: AuthUser, invitationId: string): Promise<MyInvitationView> {
    return this.answer(user, invitationId, 'declined');
  }

  /** The owner withdraws a pending invitation. Cancelling one already cancelled changes nothing. */
  async cancel(user: AuthUser, organisationId: string, invitationId: string): Promise<void> {
    await inTransaction(this.dataSource, async (em) => {
      await this.access.assertOwner(em, user, organisationId, true);
      const invitation = await em.findOne(OrganisationInvitation, {
        where: { id: invitationId, organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) throw DomainError.notFound('The invitation');
      if (invitation.status === 'cancelled') return;
      if (invitation.status !== 'pending') {
        throw DomainError.conflict(
          invitation.status === 'accepted'
            ? 'The invitation has already been accepted; remove the member instead'
            : 'The invitation has already been declined',
          { currentStatus: invitation.status, allowedStatuses: [] },
        );
      }
      await this.end(em, invitation.id, 'cancelled', user.id);
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: SUBJECT,
        subjectId: organisationId,
        action: 'organisation.invitation_cancelled',
        fromStatus: 'pending',
        toStatus: 'cancelled',
        data: { invitationId },
      });
    });
  }

  /**
   * Accepting or declining, once, under a row lock: two concurrent accepts queue on the invitation, the
   * second finds it already accepted by the same person and answers alike without a second audit entry.
   */
  private async answer(
    user: AuthUser,
    invitationId: string,
    to: 'accepted' | 'declined',
  ): Promise<MyInvitationView> {
    if (isOfficer(user)) throw DomainError.forbidden(STAFF_CANNOT_JOIN);
    return inTransaction(this.dataSource, async (em) => {
      const [me]: { email_verified_at: Date | null; roles: Role[] }[] = await em.query(
        `SELECT email_verified_at, roles FROM users WHERE id = $1`,
        [user.id],
      );
      if (!me || me.roles.some((r) => r !== Role.Applicant)) throw DomainError.forbidden(STAFF_CANNOT_JOIN);
      if (!me.email_verified_at) {
        throw DomainError.forbidden('Verify your email address before answering invitations');
      }
      const [row]: InvitationRow[] = await em.query(`${INVITATIONS_SQL} WHERE i.id = $2 FOR UPDATE OF i`, [
        user.id,
        invitationId,
      ]);
      // Someone else's invitation looks exactly like one that does not exist.
      if (!row) throw DomainError.notFound('The invitation');
      if (row.status === to && row.ended_by === user.id) return invitationView(row);
      if (row.status !== 'pending') {
        throw DomainError.conflict(`The invitation is ${row.status}; it can no longer be ${to}`, {
          currentStatus: row.status,
          allowedStatuses: [],
        });
      }
      if (to === 'accepted') {
        await em
          .createQueryBuilder()
          .insert()
          .into(OrganisationMember)
          .values({ organisationId: row.organisation_id, userId: user.id, role: 'member' })
          .orIgnore()
          .execute();
      }
      await this.end(em, row.id, to, user.id);
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: SUBJECT,
        subjectId: row.organisation_id,
        action: to === 'accepted' ? 'organisation.invitation_accepted' : 'organisation.invitation_declined',
        fromStatus: 'pending',
        toStatus: to,
        data: { invitationId: row.id, userId: user.id },
      });
      return invitationView({ ...row, status: to, ended_by: user.id });
    });
  }

  private async end(em: EntityManager, id: string, to: InvitationStatus, by: string): Promise<void> {
    const result = await em
      .createQueryBuilder()
      .update(OrganisationInvitation)
      .set({ status: to, endedAt: this.clock.now(), endedBy: by })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    if (result.affected !== 1) {
      throw new Error(`invariant: invitation ${id} was locked as pending but could not be ended`);
    }
  }

  private send(email: string, organisation: Organisation, inviter: AuthUser, hasAccount: boolean): void {
    if (!this.mail) {
      this.logger.warn(
        { organisationId: organisation.id },
        'no mail service: invitation stored but not emailed',
      );
      return;
    }
    const message = invitationMessage({
      organisationName: organisation.name,
      inviterName: inviter.displayName,
      hasAccount,
      link: hasAccount ? this.mail.link('sign-in', { email }) : this.mail.link('create-account', { email }),
    });
    this.mail.dispatch({ ...message, to: email, related: { type: SUBJECT, id: organisation.id } });
  }
}

/** Invitations addressed to user $1's verified email address. */
const INVITATIONS_SQL = `
  SELECT i.id, i.organisation_id, o.name AS organisation_name, inviter.display_name AS invited_by,
         i.created_at, i.status, i.ended_by
    FROM organisation_invitations i
    JOIN organisations o ON o.id = i.organisation_id
    JOIN users inviter ON inviter.id = i.invited_by
    JOIN users me ON me.id = $1 AND me.email_verified_at IS NOT NULL AND lower(me.email) = i.email`;

function invitationView(row: InvitationRow): MyInvitationView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    invitedBy: row.invited_by,
    invitedAt: row.created_at,
    status: row.status,
  };
}
