/**
 * 360Giving identifiers. A grant's is `<publisher prefix>-<award id>`: the award id never changes, so the
 * identifier is stable forever. Organisations use org-id.guide prefixes where a register knows them.
 */

export function grantIdentifier(publisherPrefix: string, awardId: string): string {
  return `${publisherPrefix}-${awardId}`;
}

/** Per grant, not per person: one identifier shared by a person's grants would link them. */
export function individualIdentifier(publisherPrefix: string, awardId: string): string {
  return `${publisherPrefix}-ind-${awardId}`;
}

export interface IdentifiableOrganisation {
  id: string;
  charityNumber: string | null;
  companyNumber: string | null;
}

/**
 * The charity register first (it says most about a charitable company), then Companies House, else the
 * publisher's own identifier. Charity numbers are stored as parsed: `SC` + 6 digits (OSCR), `NIC1` + 5
 * (CCNI, whose org-id drops the letters), or digits with an optional `-N` linked-charity suffix (the
 * Commission's org-id is the main registration number).
 */
export function organisationIdentifier(publisherPrefix: string, org: IdentifiableOrganisation): string {
  const charity = org.charityNumber;
  if (charity) {
    if (charity.startsWith('SC')) return `GB-SC-${charity}`;
    if (charity.startsWith('NIC')) return `GB-NIC-${charity.slice(3)}`;
    return `GB-CHC-${charity.split('-')[0]}`;
  }
  if (org.companyNumber) return `GB-COH-${org.companyNumber}`;
  return `${publisherPrefix}-org-${org.id}`;
}

/** Prefixes a published organisation identifier may carry (the funder's own is GB-GOR for a PCC). */
export const RECOGNISED_ORGANISATION_PREFIXES = [
  'GB-CHC-',
  'GB-COH-',
  'GB-SC-',
  'GB-NIC-',
  'GB-GOR-',
  'GB-LAE-',
];

export function hasRecognisedOrganisationPrefix(identifier: string, publisherPrefix: string): boolean {
  return (
    RECOGNISED_ORGANISATION_PREFIXES.some((p) => identifier.startsWith(p) && identifier.length > p.length) ||
    identifier.startsWith(`${publisherPrefix}-org-`)
  );
}
