import { Injectable, Logger, Optional } from '@nestjs/common';
import { AuthUser, isOfficer } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import { decodeCursor, DEFAULT_PAGE_SIZE, DomainError, FieldError, Page, pageOf } from '@grants/common';
import { inTransaction, isUniqueViolation } from '@grants/database';
import { MailService } from '@grants/notifications';
import { ProfileService } from '@grants/profile';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { invitationMessage } from './invitation-email';
import { LEGAL_FORM_LABELS, LegalForm } from './legal-form';
import { actorFor, OrganisationAccess } from './organisation-access';
import { parseCharityNumber, parseCompanyNumber, parsePostcode } from './organisation-identifiers';
import { OrganisationInvitation } from './organisation-invitation.entity';
import { MemberRole, OrganisationMember } from './organisation-member.entity';
import { legalDetailsErrors } from './organisation-rules';
import { Organisation } from './organisation.entity';

export interface OrganisationInput {
  name?: string;
  legalForm?: LegalForm;
  charityNumber?: string | null;
  companyNumber?: string | null;
  addressLine1?: string;
  addressLine2?: string | null;
  town?: string;
  postcode?: string;
  localAuthorityCode?: string;
  contactEmail?: string | null;
  contactPhone?: string | null;
}

export type NewOrganisation = OrganisationInput &
  Required<
    Pick<
      OrganisationInput,
      'name' | 'legalForm' | 'addressLine1' | 'town' | 'postcode' | 'localAuthorityCode'
    >
  >;

export interface OrganisationView {
  id: string;
  name: string;
  legalForm: LegalForm;
  legalFormLabel: string;
  charityNumber: string | null;
  companyNumber: string | null;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  localAuthorityCode: string;
  contactEmail: string | null;
  contactPhone: string | null;
  /** The caller's role in the organisation; null for an officer reading an organisation it is not part of. */
  myRole: MemberRole | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MemberView {
  userId: string;
  displayName: string;
  email: string;
  role: MemberRole;
  joinedAt: Date;
}

export interface InvitationView {
  id: string;
  email: string;
  invitedAt: Date;
}

export interface MembersView {
  members: MemberView[];
  pendingInvitations: InvitationView[];
}

export type InviteOutcome =
  | { outcome: 'member_added'; member: MemberView }
  | { outcome: 'invitation_sent'; invitation: InvitationView };

/** Legal identity: only the owner may change it, because it is what grants are paid against. */
const LEGAL_FIELDS = ['name', 'legalForm', 'charityNumber', 'companyNumber'] as const;

const SUBJECT = 'organisation';

@Injectable()
export class OrganisationsService {
  private readonly logger = new Logger(OrganisationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly profile: ProfileService,
    @Optional() private readonly mail?: MailService,
  ) {}

  async create(user: AuthUser, input: NewOrganisation): Promise<OrganisationView> {
    return inTransaction(this.dataSource, async (em) => {
      const values = await this.normalise(em, input, null);
      const organisation = await em.save(em.create(Organisation, { ...values, createdBy: user.id }));
      await em.insert(OrganisationMember, {
        organisationId: organisation.id,
        userId: user.id,
        role: 'owner',
      });
      await this.audit.record(em, {
        actor: actorFor(user, true),
        subjectType: SUBJECT,
        subjectId: organisation.id,
        action: 'organisation.created',
        data: { name: organisation.name, legalForm: organisation.legalForm },
      });
      return view(organisation, 'owner');
    });
  }

  /** Applicants see the organisations they belong to; officers see all of them. */
  async list(user: AuthUser, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<OrganisationView>> {
    const after = decodeCursor(cursor);
    return inTransaction(this.dataSource, async (em) => {
      const mine = await this.access.organisationIdsOf(em, user);
      const officer = isOfficer(user);
      if (!officer && mine.length === 0) return { items: [], nextCursor: null };
      const qb = em
        .createQueryBuilder(Organisation, 'o')
        .orderBy('o.created_at', 'ASC')
        .addOrderBy('o.id', 'ASC');
      if (!officer) qb.andWhere('o.id IN (:...mine)', { mine });
      if (after) qb.andWhere('(o.created_at, o.id) > (:at, :id)', { at: after.createdAt, id: after.id });
      const rows = await qb.take(limit + 1).getMany();
      const roles = await this.rolesOf(
        em,
        user.id,
        rows.map((r) => r.id),
      );
      const page = pageOf(rows, limit);
      return { ...page, items: page.items.map((o) => view(o, roles.get(o.id) ?? null)) };
    });
  }

  /** Only the organisations the user belongs to, whatever their roles (for GET /me/organisations). */
  async mine(user: AuthUser): Promise<OrganisationView[]> {
    return inTransaction(this.dataSource, async (em) => {
      const ids = await this.access.organisationIdsOf(em, user);
      if (ids.length === 0) return [];
      const rows = await em.find(Organisation, { where: { id: In(ids) }, order: { name: 'ASC' } });
      const roles = await this.rolesOf(em, user.id, ids);
      return rows.map((o) => view(o, roles.get(o.id) ?? null));
    });
  }

  async get(user: AuthUser, id: string): Promise<OrganisationView> {
    return inTransaction(this.dataSource, async (em) => {
      const { organisation, role } = await this.access.assertCanRead(em, user, id);
      return view(organisation, role);
    });
  }

  async update(user: AuthUser, id: string, input: OrganisationInput): Promise<OrganisationView> {
    return inTransaction(this.dataSource, async (em) => {
      const { organisation, role } = await this.access.assertMember(em, user, id, true);
      const touchesLegal = LEGAL_FIELDS.filter((f) => input[f] !== undefined);
      if (touchesLegal.length && role !== 'owner') {
        throw DomainError.forbidden(
          `Only the organisation's owner may change its legal details (${touchesLegal.join(', ')})`,
        );
      }
      const values = await this.normalise(em, input, organisation);
      const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
        (k) => values[k] !== organisation[k],
      );
      if (changed.length === 0) return view(organisation, role);
      await em.update(Organisation, { id }, values);
      await this.audit.record(em, {
        actor: actorFor(user, true),
        subjectType: SUBJECT,
        subjectId: id,
        action: 'organisation.updated',
        data: { fields: changed },
      });
      const updated = await em.findOneOrFail(Organisation, { where: { id } });
      return view(updated, role);
    });
  }

  async members(user: AuthUser, id: string): Promise<MembersView> {
    return inTransaction(this.dataSource, async (em) => {
      await this.access.assertCanRead(em, user, id);
      const rows: {
        user_id: string;
        display_name: string;
        email: string;
        role: MemberRole;
        joined_at: Date;
      }[] = await em.query(
        `SELECT m.user_id, u.display_name, u.email, m.role, m.joined_at
             FROM organisation_members m JOIN users u ON u.id = m.user_id
            WHERE m.organisation_id = $1
            ORDER BY (m.role = 'owner') DESC, m.joined_at, u.display_name`,
        [id],
      );
      const pending = await em.find(OrganisationInvitation, {
        where: { organisationId: id, acceptedAt: IsNull() },
        order: { createdAt: 'ASC' },
      });
      return {
        members: rows.map((r) => ({
          userId: r.user_id,
          displayName: r.display_name,
          email: r.email,
          role: r.role,
          joinedAt: r.joined_at,
        })),
        pendingInvitations: pending.map((i) => ({ id: i.id, email: i.email, invitedAt: i.createdAt })),
      };
    });
  }

  /**
   * The owner invites by email. A registered user becomes a member at once; anyone else gets an invitation
   * email and becomes a member the first time they use the service signed in with that address.
   */
  async invite(user: AuthUser, id: string, rawEmail: string): Promise<InviteOutcome> {
    const email = rawEmail.trim().toLowerCase();
    const result = await inTransaction(this.dataSource, async (em) => {
      const organisation = await this.access.assertOwner(em, user, id, true);
      const [existing]: { id: string; display_name: string; email: string }[] = await em.query(
        `SELECT id, display_name, email FROM users WHERE lower(email) = $1`,
        [email],
      );
      if (existing) {
        const already = await this.access.membership(em, existing.id, id);
        if (already) throw DomainError.conflict(`${email} is already a member of this organisation`);
        const member = await em.save(
          em.create(OrganisationMember, { organisationId: id, userId: existing.id, role: 'member' }),
        );
        await this.audit.record(em, {
          actor: actorFor(user, true),
          subjectType: SUBJECT,
          subjectId: id,
          action: 'organisation.member_added',
          data: { userId: existing.id, role: 'member' },
        });
        return {
          outcome: 'member_added' as const,
          member: {
            userId: existing.id,
            displayName: existing.display_name,
            email: existing.email,
            role: member.role,
            joinedAt: member.joinedAt,
          },
          organisation,
        };
      }
      let invitation: OrganisationInvitation;
      try {
        invitation = await em.save(
          em.create(OrganisationInvitation, { organisationId: id, email, invitedBy: user.id }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'organisation_invitations_pending_uq')) {
          throw DomainError.conflict(`${email} has already been invited to this organisation`);
        }
        throw error;
      }
      await this.audit.record(em, {
        actor: actorFor(user, true),
        subjectType: SUBJECT,
        subjectId: id,
        action: 'organisation.invitation_created',
        data: { invitationId: invitation.id },
      });
      return {
        outcome: 'invitation_sent' as const,
        invitation: { id: invitation.id, email, invitedAt: invitation.createdAt },
        organisation,
      };
    });
    if (result.outcome === 'invitation_sent') {
      // After commit, so nobody is invited to something that rolled back.
      this.sendInvitation(result.invitation.email, result.organisation, user);
      return { outcome: result.outcome, invitation: result.invitation };
    }
    return { outcome: result.outcome, member: result.member };
  }

  private sendInvitation(email: string, organisation: Organisation, inviter: AuthUser): void {
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
      registerLink: this.mail.link('register', { email }),
    });
    this.mail.dispatch({ ...message, to: email, related: { type: SUBJECT, id: organisation.id } });
  }

  private async rolesOf(em: EntityManager, userId: string, ids: string[]): Promise<Map<string, MemberRole>> {
    if (ids.length === 0) return new Map();
    const rows = await em.find(OrganisationMember, { where: { userId, organisationId: In(ids) } });
    return new Map(rows.map((r) => [r.organisationId, r.role]));
  }

  /** Validates and normalises the given fields; on update, rules that span fields use the merged result. */
  private async normalise(
    em: EntityManager,
    input: OrganisationInput,
    current: Organisation | null,
  ): Promise<Partial<Organisation>> {
    const errors: FieldError[] = [];
    const out: Partial<Organisation> = {};
    const text = (v: string | null | undefined): string | null | undefined =>
      v === undefined ? undefined : v === null ? null : v.trim() === '' ? null : v.trim();

    if (input.name !== undefined) out.name = input.name.trim();
    if (input.legalForm !== undefined) out.legalForm = input.legalForm;
    if (input.addressLine1 !== undefined) out.addressLine1 = input.addressLine1.trim();
    if (input.addressLine2 !== undefined) out.addressLine2 = text(input.addressLine2) ?? null;
    if (input.town !== undefined) out.town = input.town.trim();
    if (input.contactEmail !== undefined) out.contactEmail = text(input.contactEmail)?.toLowerCase() ?? null;
    if (input.contactPhone !== undefined) out.contactPhone = text(input.contactPhone) ?? null;

    const parse = (
      field: 'charityNumber' | 'companyNumber' | 'postcode',
      raw: string | null | undefined,
      parser: (s: string) => { ok: true; value: string } | { ok: false; message: string },
    ): void => {
      const v = text(raw);
      if (v === undefined) return;
      if (v === null) {
        if (field === 'postcode') errors.push({ field, message: 'postcode is required' });
        else out[field] = null;
        return;
      }
      const parsed = parser(v);
      if (parsed.ok) out[field] = parsed.value;
      else errors.push({ field, message: `${field} ${parsed.message}` });
    };
    parse('charityNumber', input.charityNumber, parseCharityNumber);
    parse('companyNumber', input.companyNumber, parseCompanyNumber);
    parse('postcode', input.postcode, parsePostcode);

    if (input.localAuthorityCode !== undefined) {
      const [area] = await this.profile.areasByCodes([input.localAuthorityCode], em);
      if (!area) {
        errors.push({ field: 'localAuthorityCode', message: 'must be the code of an area (see GET /areas)' });
      } else {
        out.localAuthorityCode = area.code;
      }
    }
    if (errors.length) throw DomainError.invalid(errors);

    const merged = {
      legalForm: out.legalForm ?? current?.legalForm,
      charityNumber: out.charityNumber !== undefined ? out.charityNumber : (current?.charityNumber ?? null),
      companyNumber: out.companyNumber !== undefined ? out.companyNumber : (current?.companyNumber ?? null),
    };
    if (merged.legalForm) {
      const legal = legalDetailsErrors({
        legalForm: merged.legalForm,
        charityNumber: merged.charityNumber,
        companyNumber: merged.companyNumber,
      });
      if (legal.length) {
        throw DomainError.rule('The registration numbers do not fit the legal form', legal);
      }
    }
    return out;
  }
}

function view(o: Organisation, myRole: MemberRole | null): OrganisationView {
  return {
    id: o.id,
    name: o.name,
    legalForm: o.legalForm,
    legalFormLabel: LEGAL_FORM_LABELS[o.legalForm],
    charityNumber: o.charityNumber,
    companyNumber: o.companyNumber,
    addressLine1: o.addressLine1,
    addressLine2: o.addressLine2,
    town: o.town,
    postcode: o.postcode,
    localAuthorityCode: o.localAuthorityCode,
    contactEmail: o.contactEmail,
    contactPhone: o.contactPhone,
    myRole,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}
