import { Injectable } from '@nestjs/common';
import { calendarDateIn } from '@grants/common';
import { LEGAL_FORM_LABELS, LegalForm } from '@grants/organisations';
import { PublishOn } from '@grants/profile';
import { EntityManager } from 'typeorm';
import { PublicationFacts } from './register-entry-builder';
import { PublicArea, PublishingFunder } from './register-entry';

/** The award's state as far as publication cares, beside the facts the entry is built from. */
export interface PublicationState {
  funder: PublishingFunder & { publishOn: PublishOn; timeZone: string };
  forceArea: PublicArea | null;
  awardStatus: string;
  revokedAt: Date | null;
  declinedAt: Date | null;
  lapsedAt: Date | null;
  approved: boolean;
  withdrawal: { reason: string; at: Date } | null;
  /** Built from the approved text, or for a preview from the application's own wording (approved false). */
  facts: PublicationFacts | null;
}

interface AwardRow {
  id: string;
  status: string;
  amount_pence: string;
  paid_pence: string;
  returned_pence: string;
  end_date: string;
  revoked_at: Date | null;
  declined_at: Date | null;
  lapsed_at: Date | null;
  decided_at: Date;
  decision_reasons: string;
  recommendation_summary: string;
  title: string | null;
  description: string | null;
  withdrawal_reason: string | null;
  withdrawn_at: Date | null;
  organisation: {
    id: string;
    name: string;
    legal_form: string;
    charity_number: string | null;
    company_number: string | null;
    address_line1: string;
    address_line2: string | null;
    town: string;
    postcode: string;
    sensitive: boolean;
    area_code: string;
    area_name: string;
    area_type: string;
  };
  amount_requested_pence: string | null;
  start_date: string | null;
  fund_key: string;
  fund_name: string;
  fund_year: string;
  round_id: string;
  round_title: string;
  application_id: string;
}

/**
 * Reads, under a lock on the award, everything the register entry is built from. The register is a copy
 * for the public: this is the one place the publication job looks into the internal tables.
 */
@Injectable()
export class PublicationFactsReader {
  async funder(em: EntityManager): Promise<PublicationState['funder']> {
    const [f] = await em.query(
      `SELECT name, organisation_identifier, publisher_prefix, publish_on, time_zone
         FROM funders ORDER BY created_at LIMIT 1`,
    );
    if (!f) throw new Error('The funder is missing (run the seed)');
    return {
      name: f.name,
      organisationIdentifier: f.organisation_identifier,
      publisherPrefix: f.publisher_prefix,
      publishOn: f.publish_on,
      timeZone: f.time_zone,
    };
  }

  async forceArea(em: EntityManager): Promise<PublicArea | null> {
    const [a] = await em.query(`SELECT code, name, type FROM areas WHERE type = 'PFA' ORDER BY code LIMIT 1`);
    return a ?? null;
  }

  /**
   * Null when there is no such award. Locks the award row so two publication jobs take turns. A preview
   * passes `draft` so an officer sees the entry before approving its text; the job never does.
   */
  async read(
    em: EntityManager,
    awardId: string,
    draft?: { title: string; description: string },
  ): Promise<PublicationState | null> {
    const [row]: AwardRow[] = await em.query(
      `SELECT a.id, a.status, a.amount_pence, a.paid_pence, a.returned_pence, a.end_date::text AS end_date,
              a.revoked_at, a.declined_at, a.lapsed_at,
              d.decided_at, d.reasons AS decision_reasons, r.summary AS recommendation_summary,
              p.title, p.description, p.withdrawal_reason, p.withdrawn_at,
              json_build_object('id', o.id, 'name', o.name, 'legal_form', o.legal_form,
                'charity_number', o.charity_number, 'company_number', o.company_number,
                'address_line1', o.address_line1, 'address_line2', o.address_line2, 'town', o.town,
                'postcode', o.postcode, 'sensitive', o.sensitive, 'area_code', ar.code,
                'area_name', ar.name, 'area_type', ar.type) AS organisation,
              ap.amount_requested_pence, ap.start_date::text AS start_date, ap.id AS application_id,
              f.key AS fund_key, f.name AS fund_name, fy.label AS fund_year,
              rd.id AS round_id, rd.title AS round_title
         FROM awards a
         JOIN decisions d ON d.id = a.decision_id
         JOIN recommendations r ON r.id = d.recommendation_id
         JOIN organisations o ON o.id = a.organisation_id
         JOIN areas ar ON ar.code = o.local_authority_code
         JOIN applications ap ON ap.id = a.application_id
         JOIN rounds rd ON rd.id = a.round_id
         JOIN fund_years fy ON fy.id = a.fund_year_id
         JOIN funds f ON f.id = fy.fund_id
         LEFT JOIN award_publications p ON p.award_id = a.id
        WHERE a.id = $1
          FOR UPDATE OF a`,
      [awardId],
    );
    if (!row) return null;
    const funder = await this.funder(em);
    const forceArea = await this.forceArea(em);
    const approved = row.title !== null && row.description !== null;
    const state: PublicationState = {
      funder,
      forceArea,
      awardStatus: row.status,
      revokedAt: row.revoked_at,
      declinedAt: row.declined_at,
      lapsedAt: row.lapsed_at,
      approved,
      withdrawal:
        row.withdrawn_at && row.withdrawal_reason
          ? { reason: row.withdrawal_reason, at: row.withdrawn_at }
          : null,
      facts: null,
    };
    const text = approved ? { title: row.title!, description: row.description! } : draft;
    if (text) state.facts = await this.facts(em, row, funder, text);
    return state;
  }

  private async facts(
    em: EntityManager,
    row: AwardRow,
    funder: PublicationState['funder'],
    text: { title: string; description: string },
  ): Promise<PublicationFacts> {
    const objectives: { number: number; title: string; aim_code: string; aim_title: string }[] =
      await em.query(
        `SELECT o.number, o.title, a.code AS aim_code, a.title AS aim_title
         FROM application_objectives ao
         JOIN objectives o ON o.id = ao.objective_id
         JOIN aims a ON a.id = o.aim_id
        WHERE ao.application_id = $1
        ORDER BY o.number`,
        [row.application_id],
      );
    const areas: PublicArea[] = await em.query(
      `SELECT ar.code, ar.name, ar.type FROM application_areas aa JOIN areas ar ON ar.code = aa.area_code
        WHERE aa.application_id = $1 ORDER BY aa.position`,
      [row.application_id],
    );
    const coFunders: { name: string; amount_pence: string }[] = await em.query(
      `SELECT funder_name AS name, amount_pence FROM application_other_funding
        WHERE application_id = $1 AND status = 'secured' ORDER BY position`,
      [row.application_id],
    );
    const conditions: { text: string }[] = await em.query(
      `SELECT text FROM award_conditions WHERE award_id = $1 ORDER BY position`,
      [row.id],
    );
    const aims = new Map<string, string>();
    for (const o of objectives) aims.set(o.aim_code, o.aim_title);
    const org = row.organisation;
    return {
      publisherPrefix: funder.publisherPrefix,
      award: {
        id: row.id,
        amountPence: Number(row.amount_pence),
        paidPence: Number(row.paid_pence),
        returnedPence: Number(row.returned_pence),
        endDate: row.end_date,
      },
      awardDate: calendarDateIn(new Date(row.decided_at), funder.timeZone),
      approvedText: text,
      organisation: {
        id: org.id,
        name: org.name,
        legalForm: org.legal_form,
        legalFormLabel: LEGAL_FORM_LABELS[org.legal_form as LegalForm] ?? org.legal_form,
        charityNumber: org.charity_number,
        companyNumber: org.company_number,
        addressLine1: org.address_line1,
        addressLine2: org.address_line2,
        town: org.town,
        postcode: org.postcode,
        sensitive: org.sensitive,
        area: { code: org.area_code, name: org.area_name, type: org.area_type },
      },
      application: {
        amountRequestedPence: Number(row.amount_requested_pence ?? 0),
        startDate: row.start_date,
      },
      fund: { key: row.fund_key, name: row.fund_name },
      fundYear: row.fund_year,
      round: { id: row.round_id, title: row.round_title },
      aims: [...aims].sort(([a], [b]) => a.localeCompare(b)).map(([code, title]) => ({ code, title })),
      objectives: objectives.map((o) => ({ number: o.number, title: o.title, aimCode: o.aim_code })),
      conditions: conditions.map((c) => c.text),
      recommendationSummary: row.recommendation_summary,
      decisionReasons: row.decision_reasons,
      beneficiaryAreas: areas,
      coFunders: coFunders.map((c) => ({ name: c.name, amountPence: Number(c.amount_pence) })),
    };
  }
}
