import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageOpening, PACKAGE_CLOSING, toGiving360Grant } from './giving360';
import { Giving360Problem, validateGrant, validatePackage } from './giving360-validator';
import { buildRegisterEntry } from './register-entry-builder';
import { fixtureContext, registerFixture, variedRegister, WMPCC_PREFIX } from './register-fixtures';

type Grant = Record<string, any>;

function grant(i: number): Grant {
  const entry = { ...buildRegisterEntry(registerFixture(i)), dateModified: '2017-04-03T09:30:00.000Z' };
  return toGiving360Grant(entry, fixtureContext(entry.id));
}

const packageOf = (grants: unknown[]) => ({ version: '1.4', title: 'West Mercia grants', grants });

/** The problems for one grant, changed by `change`, in a package with an unchanged grant first. */
function problemsWith(change: (g: Grant) => void): Giving360Problem[] {
  const changed = grant(1);
  change(changed);
  return validatePackage(packageOf([grant(0), changed]), WMPCC_PREFIX);
}

describe('validatePackage', () => {
  it('accepts a register of 400 varied grants, streamed as a server would', () => {
    const grants = variedRegister(400).map((f) => {
      const entry = { ...buildRegisterEntry(f), dateModified: '2017-04-03T09:30:00.000Z' };
      return JSON.stringify(toGiving360Grant(entry, fixtureContext(entry.id)));
    });
    const streamed = packageOpening({ title: 'West Mercia grants', issued: '2017-04-03T10:00:00.000Z' });
    expect(validatePackage(JSON.parse(streamed + grants.join(',') + PACKAGE_CLOSING), WMPCC_PREFIX)).toEqual(
      [],
    );
  });

  it('accepts the committed golden package', () => {
    const golden = readFileSync(join(__dirname, '__golden__', 'register-package.json'), 'utf8');
    expect(validatePackage(JSON.parse(golden), WMPCC_PREFIX)).toEqual([]);
  });

  it('reports a missing title at the title', () => {
    const problems = problemsWith((g) => delete g.title);
    expect(problems).toContainEqual({
      path: '/grants/1/title',
      message: "must have required property 'title'",
    });
    expect(problems.filter((p) => p.path === '/grants/1/title')).toHaveLength(1);
  });

  it('refuses a currency other than GBP, even one the schema allows', () => {
    expect(problemsWith((g) => (g.currency = 'EUR'))).toEqual([
      { path: '/grants/1/currency', message: 'must be GBP' },
    ]);
    expect(problemsWith((g) => (g.currency = 'XYZ'))).toEqual([
      { path: '/grants/1/currency', message: 'must be equal to one of the allowed values' },
      { path: '/grants/1/currency', message: 'must be GBP' },
    ]);
  });

  it('refuses a duplicate id, which uniqueItems misses when the grants differ', () => {
    expect(problemsWith((g) => (g.id = grant(0).id))).toEqual([
      { path: '/grants/1/id', message: "duplicates an earlier grant's id" },
    ]);
  });

  it('refuses two identical grants under the schema too', () => {
    const problems = validatePackage(packageOf([grant(0), grant(0)]), WMPCC_PREFIX);
    expect(problems.map((p) => p.path)).toEqual(['/grants', '/grants/1/id']);
  });

  it('refuses a grant id without the publisher prefix', () => {
    expect(problemsWith((g) => (g.id = '360G-other-1'))).toEqual([
      { path: '/grants/1/id', message: 'must start with 360G-wmpcc-' },
    ]);
  });

  it('refuses organisation ids without a recognised prefix', () => {
    const problems = problemsWith((g) => {
      g.recipientOrganization[0].id = 'XX-FOO-1';
      g.fundingOrganization[0].id = 'GB-CHC-';
    });
    expect(problems).toEqual([
      { path: '/grants/1/recipientOrganization/0/id', message: 'must use a recognised organisation prefix' },
      { path: '/grants/1/fundingOrganization/0/id', message: 'must use a recognised organisation prefix' },
    ]);
  });

  it('refuses an amount given as a string', () => {
    expect(problemsWith((g) => (g.amountAwarded = '1547.29'))).toEqual([
      { path: '/grants/1/amountAwarded', message: 'must be number' },
    ]);
  });

  it('refuses a grant to both an organisation and an individual', () => {
    const problems = problemsWith((g) => (g.recipientIndividual = grant(8).recipientIndividual));
    expect(problems).toEqual([{ path: '/grants/1', message: 'must match exactly one schema in oneOf' }]);
  });

  it('checks formats: a date-time, a URI and a date', () => {
    const problems = problemsWith((g) => {
      g.dateModified = '2017-04-03';
      g.url = 'not a uri';
      g.awardDate = '03/04/2017';
    });
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['/grants/1/dateModified', '/grants/1/url', '/grants/1/awardDate']),
    );
  });

  it('refuses an empty package, which the schema requires to hold a grant', () => {
    expect(validatePackage(packageOf([]), WMPCC_PREFIX)).toEqual([
      { path: '/grants', message: 'must NOT have fewer than 1 items' },
    ]);
    expect(validatePackage({}, WMPCC_PREFIX)).toEqual([
      { path: '/grants', message: "must have required property 'grants'" },
    ]);
  });

  // The schema only describes geoCodeType; it names a codelist in prose but constrains nothing.
  it('accepts any geoCodeType, as the schema does', () => {
    expect(problemsWith((g) => (g.beneficiaryLocation[0].geoCodeType = 'NOT-A-TYPE'))).toEqual([]);
  });
});

describe('validateGrant', () => {
  it('accepts every kind of fixture grant', () => {
    for (let i = 0; i < 10; i++) expect(validateGrant(grant(i)), `fixture ${i}`).toEqual([]);
  });

  it('reports problems against the grant schema alone', () => {
    const g = grant(0);
    g.fromOpenCall = true;
    delete g.fundingOrganization;
    expect(validateGrant(g)).toEqual(
      expect.arrayContaining([
        { path: '/fundingOrganization', message: "must have required property 'fundingOrganization'" },
        { path: '/fromOpenCall', message: 'must be string' },
      ]),
    );
  });
});
