import { describe, expect, it } from 'vitest';
import { buildRegisterEntry, durationMonths } from './register-entry-builder';
import { registerFixture, variedRegister } from './register-fixtures';

describe('durationMonths', () => {
  it('counts a financial year, 1 April to 31 March, as 12 months', () => {
    expect(durationMonths('2025-04-01', '2026-03-31')).toBe(12);
  });

  it('counts whole calendar months from the 1st', () => {
    expect(durationMonths('2025-04-01', '2025-04-30')).toBe(1);
    expect(durationMonths('2025-04-01', '2025-09-30')).toBe(6);
    expect(durationMonths('2025-04-01', '2027-03-31')).toBe(24);
    expect(durationMonths('2024-02-01', '2024-02-29')).toBe(1);
  });

  it('is never negative', () => {
    expect(durationMonths('2025-05-01', '2025-03-01')).toBe(0);
  });

  it('counts a year from mid-month, 15 April to 14 April, as 12 months', () => {
    expect(durationMonths('2025-04-15', '2026-04-14')).toBe(12);
    expect(durationMonths('2025-04-15', '2025-05-14')).toBe(1);
  });

  it('counts a project shorter than a month as one', () => {
    expect(durationMonths('2025-04-01', '2025-04-15')).toBe(1);
    expect(durationMonths('2025-04-15', '2025-06-01')).toBe(1);
  });
});

describe('buildRegisterEntry', () => {
  const entry = (i: number) => buildRegisterEntry(registerFixture(i));

  it('makes the grant identifier from the publisher prefix and the award id', () => {
    expect(entry(0).id).toBe('360G-wmpcc-a0000000-0000-4000-8000-000000000000');
  });

  it.each([
    [0, 'GB-CHC-1123456', 'a registered charity'],
    [1, 'GB-CHC-1234567', 'a linked charity (1234567-1), by its main registration number'],
    [2, 'GB-COH-01234567', 'a company, keeping the leading zero'],
    [3, 'GB-COH-12345678', 'a community interest company'],
    [4, 'GB-SC-SC012345', 'a Scottish charity, keeping SC'],
    [5, 'GB-NIC-100002', 'a Northern Ireland charity (NIC100002), without NIC'],
    [6, '360G-wmpcc-org-0a000000-0000-4000-8000-000000000006', 'an unregistered group'],
    [7, '360G-wmpcc-org-0a000000-0000-4000-8000-000000000007', 'a parish council'],
    [9, 'GB-CHC-1098765', 'a charitable company, by its charity number'],
  ])('fixture %i is identified as %s: %s', (i, identifier) => {
    expect(entry(i).recipient.identifier).toBe(identifier);
  });

  it('never names, numbers or locates an individual beyond their area', () => {
    const facts = registerFixture(8);
    const e = buildRegisterEntry(facts);
    expect(e.recipient).toEqual({
      kind: 'individual',
      identifier: '360G-wmpcc-ind-a0000000-0000-4000-8000-000000000008',
      name: 'Individual recipient',
      legalForm: null,
      legalFormLabel: null,
      charityNumber: null,
      companyNumber: null,
      address: null,
      area: facts.organisation.area,
    });
    const published = JSON.stringify(e);
    for (const s of [facts.organisation.name, facts.organisation.addressLine1, facts.organisation.postcode]) {
      expect(published).not.toContain(s);
    }
  });

  it('gives an individual a different identifier for each grant, so grants cannot be linked', () => {
    expect(entry(8).recipient.identifier).not.toBe(entry(18).recipient.identifier);
  });

  it('shows a sensitive organisation by name and area, never its address', () => {
    const facts = registerFixture(9);
    const e = buildRegisterEntry(facts);
    expect(e.recipient.name).toBe('Sanctuary Housing for Women');
    expect(e.recipient.address).toBeNull();
    expect(e.recipient.area).toEqual(facts.organisation.area);
    expect(JSON.stringify(e)).not.toContain(facts.organisation.postcode);
  });

  it('joins address lines for an organisation that is not sensitive', () => {
    expect(entry(1).recipient.address).toEqual({
      streetAddress: 'St Laurence Parish Hall, Second Floor',
      town: 'Ludlow',
      postcode: 'SY8 1AN',
    });
    expect(entry(0).recipient.address?.streetAddress).toBe('4 Foregate Street');
  });

  it('has no duration when the start date is unknown', () => {
    const e = entry(3);
    expect(e.plannedStartDate).toBeNull();
    expect(e.plannedDurationMonths).toBeNull();
    expect(e.plannedEndDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('derives each fixture duration from its start and end dates', () => {
    const durations = variedRegister(10).map((f) => buildRegisterEntry(f).plannedDurationMonths);
    expect(durations).toEqual([12, 6, 18, null, 24, 12, 6, 18, 3, null]);
  });

  it('is pure: the same facts give the same entry', () => {
    expect(buildRegisterEntry(registerFixture(42))).toEqual(buildRegisterEntry(registerFixture(42)));
  });
});
