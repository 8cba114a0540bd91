import { addDays, Pence } from '@grants/common';
import { grantIdentifier, individualIdentifier, organisationIdentifier } from './grant-identifiers';
import { PublicArea, PublicRecipient, RegisterEntryContent } from './register-entry';

/** What the publication job reads from the internal tables about one award. */
export interface PublicationFacts {
  publisherPrefix: string;
  award: {
    id: string;
    amountPence: Pence;
    paidPence: Pence;
    returnedPence: Pence;
    endDate: string;
  };
  awardDate: string;
  approvedText: { title: string; description: string };
  organisation: {
    id: string;
    name: string;
    legalForm: string;
    legalFormLabel: string;
    charityNumber: string | null;
    companyNumber: string | null;
    addressLine1: string;
    addressLine2: string | null;
    town: string;
    postcode: string;
    sensitive: boolean;
    area: PublicArea;
  };
  application: { amountRequestedPence: Pence; startDate: string | null };
  fund: { key: string; name: string };
  fundYear: string;
  round: { id: string; title: string };
  aims: { code: string; title: string }[];
  objectives: { number: number; title: string; aimCode: string }[];
  conditions: string[];
  recommendationSummary: string;
  decisionReasons: string;
  beneficiaryAreas: PublicArea[];
  coFunders: { name: string; amountPence: Pence }[];
}

/**
 * Whole months from the start to the day after the end (1 April to 31 March is 12; 15 April to 14 May
 * is 1), as 360Giving's duration wants; a project shorter than a month still counts as one.
 */
export function durationMonths(start: string, end: string): number {
  if (end < start) return 0;
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [ny, nm, nd] = addDays(end, 1).split('-').map(Number) as [number, number, number];
  const months = (ny - sy) * 12 + (nm - sm) - (nd < sd ? 1 : 0);
  return Math.max(months, 1);
}

function recipientOf(facts: PublicationFacts): PublicRecipient {
  const org = facts.organisation;
  if (org.legalForm === 'individual') {
    return {
      kind: 'individual',
      identifier: individualIdentifier(facts.publisherPrefix, facts.award.id),
      name: 'Individual recipient',
      legalForm: null,
      legalFormLabel: null,
      charityNumber: null,
      companyNumber: null,
      address: null,
      area: org.area,
    };
  }
  return {
    kind: 'organisation',
    identifier: organisationIdentifier(facts.publisherPrefix, org),
    name: org.name,
    legalForm: org.legalForm,
    legalFormLabel: org.legalFormLabel,
    charityNumber: org.charityNumber,
    companyNumber: org.companyNumber,
    address: org.sensitive
      ? null
      : {
          streetAddress: [org.addressLine1, org.addressLine2].filter(Boolean).join(', '),
          town: org.town,
          postcode: org.postcode,
        },
    area: org.area,
  };
}

/**
 * The public entry for an award. Pure: the same facts always give the same entry, which is what makes
 * publishing idempotent (an unchanged entry is not republished). Free text comes only from what an
 * officer approved (title, description) or wrote as the record (reasons, conditions).
 */
export function buildRegisterEntry(facts: PublicationFacts): RegisterEntryContent {
  const start = facts.application.startDate;
  return {
    id: grantIdentifier(facts.publisherPrefix, facts.award.id),
    title: facts.approvedText.title.trim(),
    description: facts.approvedText.description.trim(),
    recipient: recipientOf(facts),
    amountAwardedPence: facts.award.amountPence,
    amountAppliedForPence: facts.application.amountRequestedPence,
    amountPaidPence: facts.award.paidPence,
    amountReturnedPence: facts.award.returnedPence,
    awardDate: facts.awardDate,
    plannedStartDate: start,
    plannedEndDate: facts.award.endDate,
    plannedDurationMonths: start ? durationMonths(start, facts.award.endDate) : null,
    fund: facts.fund,
    fundYear: facts.fundYear,
    round: facts.round,
    fromOpenCall: true,
    aims: facts.aims,
    objectives: facts.objectives,
    conditions: facts.conditions,
    reasons: { recommendation: facts.recommendationSummary, decision: facts.decisionReasons },
    beneficiaryAreas: facts.beneficiaryAreas,
    coFunders: facts.coFunders,
  };
}
