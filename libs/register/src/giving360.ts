import type { PublicArea, PublishingFunder, RegisterEntryContent } from './register-entry';

/** What a 360Giving grant needs beyond the entry itself. */
export interface Giving360Context {
  funder: PublishingFunder;
  forceArea: PublicArea | null;
  /** The public web page of this grant: both its dataSource and its url. */
  grantUrl: string;
}

/**
 * The standard wants a decimal number of pounds, not pence. p / 100 is the double nearest the exact
 * decimal, and JavaScript prints the shortest string that reads back as the same double, so integer pence
 * print exactly (123456 -> 1234.56) while they fit a double's 15 significant digits: below £10 trillion.
 */
export function poundsFromPence(p: number): number {
  return p / 100;
}

/** The standard has no null for most fields; an absent key is how it says "not known". */
function withoutNulls(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

function recipient(entry: RegisterEntryContent): Record<string, unknown> {
  const r = entry.recipient;
  // Per-grant identifier and a generic name only: nothing that identifies or locates the person.
  if (r.kind === 'individual') return { recipientIndividual: { id: r.identifier, name: r.name } };
  const address = r.address;
  return {
    recipientOrganization: [
      withoutNulls({
        id: r.identifier,
        name: r.name,
        charityNumber: r.charityNumber,
        companyNumber: r.companyNumber,
        streetAddress: address?.streetAddress,
        addressLocality: address?.town,
        postalCode: address?.postcode,
        addressCountry: address ? 'United Kingdom' : null,
        location: [{ geoCode: r.area.code, geoCodeType: r.area.type, name: r.area.name }],
      }),
    ],
  };
}

/** A 360Giving 1.4 grant; key order is fixed because the golden files and the CSV column order rely on it. */
export function toGiving360Grant(
  entry: RegisterEntryContent & { dateModified: string },
  ctx: Giving360Context,
): Record<string, unknown> {
  const forceArea = ctx.forceArea;
  // Every grant benefits the whole force area; an entry naming it again would list it twice.
  const areas = forceArea
    ? [forceArea, ...entry.beneficiaryAreas.filter((a) => a.code !== forceArea.code)]
    : entry.beneficiaryAreas;
  return withoutNulls({
    id: entry.id,
    title: entry.title,
    description: entry.description,
    currency: 'GBP',
    amountAppliedFor: poundsFromPence(entry.amountAppliedForPence),
    amountAwarded: poundsFromPence(entry.amountAwardedPence),
    amountDisbursed: poundsFromPence(entry.amountPaidPence),
    awardDate: entry.awardDate,
    plannedDates: [
      withoutNulls({
        startDate: entry.plannedStartDate,
        endDate: entry.plannedEndDate,
        duration: entry.plannedDurationMonths,
      }),
    ],
    ...recipient(entry),
    beneficiaryLocation: areas.map((a) => ({
      name: a.name,
      countryCode: 'GB',
      geoCode: a.code,
      geoCodeType: a.type,
    })),
    fundingOrganization: [{ id: ctx.funder.organisationIdentifier, name: ctx.funder.name }],
    grantProgramme: [{ code: entry.round.id, title: entry.round.title }],
    fromOpenCall: entry.fromOpenCall ? 'Yes' : 'No',
    classifications: entry.objectives.map((o) => ({
      vocabulary: `${ctx.funder.publisherPrefix}-plan-objectives`,
      code: `objective-${o.number}`,
      title: o.title,
    })),
    dataSource: ctx.grantUrl,
    url: ctx.grantUrl,
    dateModified: entry.dateModified,
  });
}

export interface Giving360PackageMeta {
  title: string;
  /** ISO instant. */
  issued: string;
  description?: string;
  publisher?: { name: string; identifier?: string; website?: string; logo?: string };
  /** The canonical URI of the licence, e.g. the Open Government Licence. */
  license?: string;
}

/**
 * The start of a package, up to and including the `[` of `grants`, which comes last so a server can
 * stream opening + grant + ',' + grant ... + PACKAGE_CLOSING without holding the register in memory.
 * Only properties the package schema declares. The schema wants at least one grant, so an empty register
 * makes an invalid package.
 */
export function packageOpening(meta: Giving360PackageMeta): string {
  const head = JSON.stringify({
    version: '1.4',
    title: meta.title,
    description: meta.description,
    issued: meta.issued,
    publisher: meta.publisher,
    license: meta.license,
  });
  return `${head.slice(0, -1)},"grants":[`;
}

export const PACKAGE_CLOSING = ']}';

/** Public bodies publish open data under the Open Government Licence, which 360Giving accepts. */
export const OPEN_GOVERNMENT_LICENCE =
  'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';
