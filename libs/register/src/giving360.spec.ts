import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRow } from './grants-csv';
import { packageOpening, PACKAGE_CLOSING, poundsFromPence, toGiving360Grant } from './giving360';
import { buildRegisterEntry } from './register-entry-builder';
import { fixtureContext, registerFixture, variedRegister, WEST_MERCIA_FUNDER } from './register-fixtures';
import type { PublicationFacts } from './register-entry-builder';

const DATE_MODIFIED = '2017-04-03T09:30:00.000Z';

function grantOf(facts: PublicationFacts, ctx = fixtureContext(buildRegisterEntry(facts).id)) {
  return toGiving360Grant({ ...buildRegisterEntry(facts), dateModified: DATE_MODIFIED }, ctx);
}

const GOLDEN_META = {
  title: 'Police and Crime Commissioner for West Mercia: Community Safety Fund grants',
  issued: '2017-04-03T10:00:00.000Z',
  publisher: {
    name: WEST_MERCIA_FUNDER.name,
    identifier: WEST_MERCIA_FUNDER.organisationIdentifier,
    website: 'https://www.westmercia-pcc.example',
  },
  license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
};

/** Opt in to rewriting with UPDATE_GOLDEN=1; otherwise the committed file is the spec. */
function expectGolden(file: string, actual: string): void {
  const path = join(__dirname, '__golden__', file);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(join(__dirname, '__golden__'), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${file} is missing; write it with UPDATE_GOLDEN=1`).toBe(true);
  const golden = readFileSync(path, 'utf8');
  // The structural comparison gives a readable diff of a one-line document; the string one catches key order.
  expect(JSON.parse(actual)).toEqual(JSON.parse(golden));
  expect(actual).toBe(golden);
}

describe('poundsFromPence', () => {
  it('prints integer pence as exact decimal pounds', () => {
    expect(JSON.stringify(poundsFromPence(123456))).toBe('1234.56');
    expect(JSON.stringify(poundsFromPence(1))).toBe('0.01');
    expect(JSON.stringify(poundsFromPence(10))).toBe('0.1');
    expect(JSON.stringify(poundsFromPence(100_000_00))).toBe('100000');
    expect(String(poundsFromPence(999_999_999_999_999))).toBe('9999999999999.99');
    const inexact: number[] = [];
    for (let p = 0; p < 1_000_000; p += 7) {
      const exact = `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`.replace(/\.?0+$/, '') || '0';
      if (String(poundsFromPence(p)) !== exact) inexact.push(p);
    }
    expect(inexact).toEqual([]);
  });
});

describe('toGiving360Grant', () => {
  it('maps an organisation grant in the standard key order', () => {
    const g = grantOf(registerFixture(1));
    expect(Object.keys(g)).toEqual([
      'id',
      'title',
      'description',
      'currency',
      'amountAppliedFor',
      'amountAwarded',
      'amountDisbursed',
      'awardDate',
      'plannedDates',
      'recipientOrganization',
      'beneficiaryLocation',
      'fundingOrganization',
      'grantProgramme',
      'fromOpenCall',
      'classifications',
      'dataSource',
      'url',
      'dateModified',
    ]);
    expect(g.recipientOrganization).toEqual([
      {
        id: 'GB-CHC-1234567',
        name: 'Ludlow Street Pastors CIO',
        charityNumber: '1234567-1',
        streetAddress: 'St Laurence Parish Hall, Second Floor',
        addressLocality: 'Ludlow',
        postalCode: 'SY8 1AN',
        addressCountry: 'United Kingdom',
        location: [{ geoCode: 'E06000051', geoCodeType: 'UA', name: 'Shropshire' }],
      },
    ]);
    expect(g.fundingOrganization).toEqual([{ id: 'GB-GOR-PC000060', name: WEST_MERCIA_FUNDER.name }]);
    expect(g.currency).toBe('GBP');
    expect(g.fromOpenCall).toBe('Yes');
  });

  it('gives an individual only a per-grant identifier and a generic name', () => {
    const g = grantOf(registerFixture(8));
    expect(g.recipientIndividual).toEqual({
      id: '360G-wmpcc-ind-a0000000-0000-4000-8000-000000000008',
      name: 'Individual recipient',
    });
    expect(g).not.toHaveProperty('recipientOrganization');
    expect(Object.keys(g).indexOf('recipientIndividual')).toBe(9);
  });

  it('gives a sensitive organisation its area and no address', () => {
    const [org] = grantOf(registerFixture(9)).recipientOrganization as Record<string, unknown>[];
    expect(Object.keys(org!)).toEqual(['id', 'name', 'charityNumber', 'companyNumber', 'location']);
  });

  it('never publishes the name or address of an individual, nor the address of a sensitive organisation', () => {
    const hidden = variedRegister(400).filter(
      (f) => f.organisation.legalForm === 'individual' || f.organisation.sensitive,
    );
    expect(hidden.length).toBe(80);
    for (const facts of hidden) {
      const o = facts.organisation;
      const secrets = [o.addressLine1, o.addressLine2, o.town, o.postcode].filter((s): s is string => !!s);
      if (o.legalForm === 'individual') secrets.push(o.name, ...o.name.split(' '));
      const grant = grantOf(facts);
      const published = JSON.stringify(grant) + csvRow(grant);
      for (const s of secrets) expect(published, `${facts.award.id} shows ${s}`).not.toContain(s);
    }
  });

  it('omits unknown values rather than publishing null', () => {
    const g = grantOf(registerFixture(3));
    expect(Object.keys((g.plannedDates as object[])[0]!)).toEqual(['endDate']);
    for (const facts of variedRegister(40)) expect(JSON.stringify(grantOf(facts))).not.toContain('null');
  });

  it('gives the dates and duration when the start is known', () => {
    expect(grantOf(registerFixture(0)).plannedDates).toEqual([
      { startDate: '2013-05-01', endDate: '2014-04-30', duration: 12 },
    ]);
  });

  it('puts the force area first among beneficiary locations, once', () => {
    const facts = registerFixture(3);
    expect(facts.beneficiaryAreas.map((a) => a.code)).toEqual(['E07000237', 'E07000238', 'E07000239']);
    const withForce = {
      ...facts,
      beneficiaryAreas: [fixtureContext('x').forceArea!, ...facts.beneficiaryAreas],
    };
    for (const f of [facts, withForce]) {
      expect((grantOf(f).beneficiaryLocation as { geoCode: string }[]).map((l) => l.geoCode)).toEqual([
        'E23000016',
        'E07000237',
        'E07000238',
        'E07000239',
      ]);
    }
    expect((grantOf(facts).beneficiaryLocation as unknown[])[0]).toEqual({
      name: 'West Mercia',
      countryCode: 'GB',
      geoCode: 'E23000016',
      geoCodeType: 'PFA',
    });
  });

  it('lists only the entry areas when there is no force area', () => {
    const facts = registerFixture(3);
    const ctx = { ...fixtureContext('x'), forceArea: null };
    expect((grantOf(facts, ctx).beneficiaryLocation as unknown[]).length).toBe(3);
  });

  it('classifies by plan objective under the publisher vocabulary', () => {
    expect(grantOf(registerFixture(2)).classifications).toEqual([
      {
        vocabulary: '360G-wmpcc-plan-objectives',
        code: 'objective-5',
        title: 'To reduce the volume of anti social behaviour incidents',
      },
      {
        vocabulary: '360G-wmpcc-plan-objectives',
        code: 'objective-10',
        title: 'To deliver a supportive and effective response to victims and witnesses',
      },
      {
        vocabulary: '360G-wmpcc-plan-objectives',
        code: 'objective-4',
        title:
          'To reduce the harm caused by drugs with a focus on treatment, and targeting those that cause the most harm',
      },
    ]);
  });

  it('says No for a grant not from an open call', () => {
    const entry = {
      ...buildRegisterEntry(registerFixture(0)),
      fromOpenCall: false,
      dateModified: DATE_MODIFIED,
    };
    expect(toGiving360Grant(entry, fixtureContext(entry.id)).fromOpenCall).toBe('No');
  });

  it('links the grant page as both data source and url', () => {
    const g = grantOf(registerFixture(0));
    expect(g.url).toBe(
      'https://www.westmercia-pcc.example/grants/register/360G-wmpcc-a0000000-0000-4000-8000-000000000000',
    );
    expect(g.dataSource).toBe(g.url);
  });
});

describe('packageOpening', () => {
  it('opens a package with only declared properties and grants last', () => {
    const opening = packageOpening(GOLDEN_META);
    expect(opening.startsWith('{"version":"1.4","title":')).toBe(true);
    expect(opening.endsWith(',"grants":[')).toBe(true);
    const pkg = JSON.parse(opening + PACKAGE_CLOSING) as Record<string, unknown>;
    expect(Object.keys(pkg)).toEqual(['version', 'title', 'issued', 'publisher', 'license', 'grants']);
    const schema = JSON.parse(
      readFileSync(
        join(__dirname, '../../../standards/360giving-1.4.3/360-giving-package-schema.json'),
        'utf8',
      ),
    ) as { properties: Record<string, unknown> };
    for (const key of Object.keys(pkg)) expect(schema.properties).toHaveProperty(key);
  });

  it('leaves out what is not given', () => {
    expect(packageOpening({ title: 'T', issued: '2017-04-03' })).toBe(
      '{"version":"1.4","title":"T","issued":"2017-04-03","grants":[',
    );
  });

  it('streams to the committed golden package', () => {
    const grants = variedRegister(10).map((f) => JSON.stringify(grantOf(f)));
    const streamed = packageOpening(GOLDEN_META) + grants.join(',') + PACKAGE_CLOSING;
    expect((JSON.parse(streamed) as { grants: unknown[] }).grants).toHaveLength(10);
    expectGolden('register-package.json', streamed);
  });
});
