import { Pence } from '@grants/common';

/** A geography the public can read, with its ONS code and 360Giving geoCodeType (PFA, UA, NMD, ...). */
export interface PublicArea {
  code: string;
  name: string;
  type: string;
}

/**
 * Who received the grant, as the public may see it. An individual is never named or identified; a
 * sensitive organisation (a refuge, say) shows its area and never its address.
 */
export interface PublicRecipient {
  kind: 'organisation' | 'individual';
  identifier: string;
  name: string;
  legalForm: string | null;
  legalFormLabel: string | null;
  charityNumber: string | null;
  companyNumber: string | null;
  address: { streetAddress: string; town: string; postcode: string } | null;
  area: PublicArea;
}

/** Everything published about one grant: the statutory fields (recipient, conditions, purpose, reasons) and more. */
export interface RegisterEntryContent {
  id: string;
  title: string;
  description: string;
  recipient: PublicRecipient;
  amountAwardedPence: Pence;
  amountAppliedForPence: Pence;
  amountPaidPence: Pence;
  amountReturnedPence: Pence;
  awardDate: string;
  plannedStartDate: string | null;
  plannedEndDate: string;
  plannedDurationMonths: number | null;
  fund: { key: string; name: string };
  fundYear: string;
  round: { id: string; title: string };
  fromOpenCall: boolean;
  aims: { code: string; title: string }[];
  objectives: { number: number; title: string; aimCode: string }[];
  conditions: string[];
  reasons: { recommendation: string; decision: string };
  beneficiaryAreas: PublicArea[];
  coFunders: { name: string; amountPence: Pence }[];
}

export type RegisterEntryStatus = 'published' | 'withdrawn';

export interface RegisterEntryVersionSummary {
  version: number;
  change: 'published' | 'corrected' | 'withdrawn';
  reason: string | null;
  recordedAt: string;
}

/** An entry as the register API returns it. A withdrawn entry keeps its identifier and says why. */
export interface RegisterEntry extends RegisterEntryContent {
  status: RegisterEntryStatus;
  version: number;
  firstPublishedAt: string;
  dateModified: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

/** A published decision: award or refusal, with no applicant's personal data. */
export interface RegisterDecision {
  id: string;
  outcome: 'award' | 'refuse';
  decidedOn: string;
  decisionMakerRole: string;
  amountRequestedPence: Pence;
  amountAwardedPence: Pence | null;
  reasons: string;
  round: { id: string; title: string };
  fundYear: string;
  grantId: string | null;
}

/** The funder as the open data names it. */
export interface PublishingFunder {
  name: string;
  organisationIdentifier: string;
  publisherPrefix: string;
}

/** What stays public of a withdrawn entry: its identifier, its dates and why it was withdrawn. */
export interface RegisterTombstone {
  id: string;
  status: 'withdrawn';
  version: number;
  firstPublishedAt: string;
  dateModified: string;
  withdrawnAt: string;
  withdrawalReason: string;
}
