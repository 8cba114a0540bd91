import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, isOfficer, normaliseEmail } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  DomainError,
  FieldError,
  Page,
  pageOf,
  trimToNull,
} from '@grants/common';
import { applyKeyset, inTransaction } from '@grants/database';
import { Outbox, RegisterJob } from '@grants/jobs';
import { ProfileService } from '@grants/profile';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { LEGAL_FORM_LABELS, LegalForm } from './legal-form';
import { OrganisationAccess } from './organisation-access';
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
  sensitive?: boolean;
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
  sensitive: boolean;
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

/** Legal identity: only the owner may change it, because it is what grants are paid against. */
const LEGAL_FIELDS = ['name', 'legalForm', 'charityNumber', 'companyNumber'] as const;

const SUBJECT = 'organisation';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly profile: ProfileService,
    private readonly outbox: Outbox,
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
        actor: actorFrom(user),
        subjectType: SUBJECT,
        subjectId: organisation.id,
        action: 'organisation.created',
        data: { name: organisation.name, legalForm: organisation.legalForm },
      });
      return view(organisation, 'owner');
    });
  }

  /** Applicants see the organisations they belong to; officers see all of them. Oldest first. */
  async list(user: AuthUser, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<OrganisationView>> {
    const after = decodeCursor(cursor);
    const qb = this.visibleTo(user, !isOfficer(user));
    applyKeyset(qb, 'o', 'ASC', after);
    const { entities, raw } = await qb.limit(limit + 1).getRawAndEntities<{ my_role: MemberRole | null }>();
    const roles = new Map(entities.map((o, i) => [o.id, raw[i]?.my_role ?? null]));
    const page = pageOf(entities, limit);
    return { ...page, items: page.items.map((o) => view(o, roles.get(o.id) ?? null)) };
  }

  /** Only the organisations the user belongs to, whatever their roles (GET /me/organisations), by name. */
  async mine(user: AuthUser): Promise<OrganisationView[]> {
    const { entities, raw } = await this.visibleTo(user, true)
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getRawAndEntities<{ my_role: MemberRole }>();
    return entities.map((o, i) => view(o, raw[i]?.my_role ?? null));
  }

  /** Organisations with the user's role in each; only those they belong to when `onlyMine`. */
  private visibleTo(user: AuthUser, onlyMine: boolean): SelectQueryBuilder<Organisation> {
    const qb = this.dataSource.manager.createQueryBuilder(Organisation, 'o');
    const on = 'm.organisation_id = o.id AND m.user_id = :me';
    if (onlyMine) qb.innerJoin(OrganisationMember, 'm', on, { me: user.id });
    else qb.leftJoin(OrganisationMember, 'm', on, { me: user.id });
    return qb.addSelect('m.role', 'my_role');
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
        actor: actorFrom(user),
        subjectType: SUBJECT,
        subjectId: id,
        action: 'organisation.updated',
        data: { fields: changed },
      });
      await this.republishGrants(em, id);
      const updated = await em.findOneOrFail(Organisation, { where: { id } });
      return view(updated, role);
    });
  }

  /** The register names the recipient as it is now: a new name, address or sensitivity reaches its grants. */
  private async republishGrants(em: EntityManager, organisationId: string): Promise<void> {
    const awards: { id: string }[] = await em.query(
      `SELECT id FROM awards WHERE organisation_id = $1 AND status IN ('offered', 'accepted', 'completed')`,
      [organisationId],
    );
    if (awards.length === 0) return;
    const change = randomUUID();
    await this.outbox.addAll(
      em,
      awards.map((a) => ({
        name: RegisterJob.PublishGrant,
        payload: { awardId: a.id },
        key: [a.id, 'organisation', change],
      })),
    );
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
        where: { organisationId: id, status: 'pending' },
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
   * The owner removes a member (or, when there are several owners, another owner). The organisation row is
   * locked, so two removals at once cannot leave it without an owner.
   */
  async removeMember(user: AuthUser, id: string, memberUserId: string): Promise<void> {
    await inTransaction(this.dataSource, async (em) => {
      await this.access.assertOwner(em, user, id, true);
      const role = await this.access.membership(em, memberUserId, id);
      if (role === null) throw DomainError.notFound('The member');
      if (role === 'owner') {
        const owners = await em.count(OrganisationMember, { where: { organisationId: id, role: 'owner' } });
        if (owners <= 1) {
          throw DomainError.conflict(
            'The organisation must keep an owner: the last owner cannot be removed',
            { owners },
          );
        }
      }
      await em.delete(OrganisationMember, { organisationId: id, userId: memberUserId });
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: SUBJECT,
        subjectId: id,
        action: 'organisation.member_removed',
        data: { userId: memberUserId, role },
      });
    });
  }

  /** Validates and normalises the given fields; on update, rules that span fields use the merged result. */
  private async normalise(
    em: EntityManager,
    input: OrganisationInput,
    current: Organisation | null,
  ): Promise<Partial<Organisation>> {
    const errors: FieldError[] = [];
    const out: Partial<Organisation> = {};

    if (input.name !== undefined) out.name = input.name.trim();
    if (input.legalForm !== undefined) out.legalForm = input.legalForm;
    if (input.addressLine1 !== undefined) out.addressLine1 = input.addressLine1.trim();
    if (input.addressLine2 !== undefined) out.addressLine2 = trimToNull(input.addressLine2);
    if (input.town !== undefined) out.town = input.town.trim();
    if (input.contactEmail !== undefined) {
      const email = trimToNull(input.contactEmail);
      out.contactEmail = email === null ? null : normaliseEmail(email);
    }
    if (input.contactPhone !== undefined) out.contactPhone = trimToNull(input.contactPhone);
    if (input.sensitive !== undefined) out.sensitive = input.sensitive;

    const parse = (
      field: 'charityNumber' | 'companyNumber' | 'postcode',
      raw: string | null | undefined,
      parser: (s: string) => { ok: true; value: string } | { ok: false; message: string },
    ): void => {
      const v = trimToNull(raw);
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
    sensitive: o.sensitive,
    myRole,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}
