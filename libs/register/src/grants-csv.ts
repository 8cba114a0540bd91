/**
 * The register as 360Giving's spreadsheet layout: column titles are the schema's `title`s joined with `:`
 * (the flatten-tool convention), read from a toGiving360Grant object.
 *
 * Arrays that hold several values here (beneficiary locations, classifications) go in one cell joined with
 * `; `, so every grant is one row under one fixed header and the file streams. The flatten convention
 * would instead number the columns (`Beneficiary Location:0:Name`, `...:1:Name`), whose count depends on
 * the widest grant; a consumer that unflattens this file reads a joined cell as one value.
 */

const MULTI_VALUE_SEPARATOR = '; ';

/** [column title, grant key, key within each element when the grant's value is an array]. */
const COLUMNS: readonly (readonly [title: string, key: string, element?: string])[] = [
  ['Identifier', 'id'],
  ['Title', 'title'],
  ['Description', 'description'],
  ['Currency', 'currency'],
  ['Amount Applied For', 'amountAppliedFor'],
  ['Amount Awarded', 'amountAwarded'],
  ['Amount Disbursed', 'amountDisbursed'],
  ['Award Date', 'awardDate'],
  ['Planned Dates:Start Date', 'plannedDates', 'startDate'],
  ['Planned Dates:End Date', 'plannedDates', 'endDate'],
  ['Planned Dates:Duration (months)', 'plannedDates', 'duration'],
  ['Recipient Org:Identifier', 'recipientOrganization', 'id'],
  ['Recipient Org:Name', 'recipientOrganization', 'name'],
  ['Recipient Org:Charity Number', 'recipientOrganization', 'charityNumber'],
  ['Recipient Org:Company Number', 'recipientOrganization', 'companyNumber'],
  ['Recipient Org:Street Address', 'recipientOrganization', 'streetAddress'],
  ['Recipient Org:City', 'recipientOrganization', 'addressLocality'],
  ['Recipient Org:Postal Code', 'recipientOrganization', 'postalCode'],
  ['Recipient Org:Country', 'recipientOrganization', 'addressCountry'],
  ['Recipient Ind:Identifier', 'recipientIndividual', 'id'],
  ['Recipient Ind:Name', 'recipientIndividual', 'name'],
  ['Beneficiary Location:Name', 'beneficiaryLocation', 'name'],
  ['Beneficiary Location:Country Code', 'beneficiaryLocation', 'countryCode'],
  ['Beneficiary Location:Geographic Code', 'beneficiaryLocation', 'geoCode'],
  ['Beneficiary Location:Geographic Code Type', 'beneficiaryLocation', 'geoCodeType'],
  ['Funding Org:Identifier', 'fundingOrganization', 'id'],
  ['Funding Org:Name', 'fundingOrganization', 'name'],
  ['Grant Programme:Code', 'grantProgramme', 'code'],
  ['Grant Programme:Title', 'grantProgramme', 'title'],
  ['From An Open Call?', 'fromOpenCall'],
  ['Classifications:Vocabulary', 'classifications', 'vocabulary'],
  ['Classifications:Code', 'classifications', 'code'],
  ['Classifications:Title', 'classifications', 'title'],
  ['Data Source', 'dataSource'],
  ['Last Modified', 'dateModified'],
];

export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([title]) => title);

/**
 * A spreadsheet runs a cell that begins with one of these as a formula (OWASP, CSV injection), so the
 * cell gets a leading apostrophe. Our amounts are never negative, so no number is changed.
 */
export function neutraliseCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** RFC 4180: quote a field holding a quote, comma or line break, and double the quotes inside. */
function quoted(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function line(cells: readonly string[]): string {
  return `${cells.map(quoted).join(',')}\r\n`;
}

function cellValues(grant: Record<string, unknown>, key: string, element: string | undefined): unknown[] {
  const value = grant[key];
  if (element === undefined) return [value];
  // recipientIndividual is a single object, not an array of them.
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => (item as Record<string, unknown> | undefined)?.[element]);
}

export function csvHeader(): string {
  return line(CSV_COLUMNS);
}

export function csvRow(grant: Record<string, unknown>): string {
  return line(
    COLUMNS.map(([, key, element]) =>
      neutraliseCell(
        cellValues(grant, key, element)
          .filter((v) => v !== undefined && v !== null)
          .map(String)
          .join(MULTI_VALUE_SEPARATOR),
      ),
    ),
  );
}
