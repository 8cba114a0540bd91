import { encodeRegisterCursor } from '@grants/register';
import { describe, expect, it } from 'vitest';
import { apiQuery, FilterChoices, filtersQuery, parseFilters, parsePounds } from './filters-form';

const ROUND = '0b000000-0000-4000-8000-000000201300';
const CHOICES: FilterChoices = {
  fundYears: ['2014/15', '2013/14'],
  areaCodes: ['E07000235', 'E06000051'],
  objectiveNumbers: [3, 8, 13],
  roundIds: [ROUND],
};

describe('parsePounds', () => {
  it.each([
    ['500', 50_000],
    ['1250.50', 125_050],
    ['1250.5', 125_050],
    ['£1,250.05', 125_005],
    [' 1 000 ', 100_000],
    ['0', 0],
    ['0.01', 1],
    ['007', 700],
    ['1,000,000', 100_000_000],
    ['9999999999999.99', 999_999_999_999_999],
  ])('reads %j as %i pence', (input, pence) => {
    expect(parsePounds(input)).toEqual({ pence });
  });

  it.each(['abc', '12.345', '1,00', '1.', '.5', '1e3', '0x10', '£', '12,34.00', 'NaN', 'Infinity', '1/2'])(
    'refuses %j as not a number of pounds',
    (input) => {
      expect(parsePounds(input)).toEqual({ error: 'format' });
    },
  );

  it('says so when the amount is negative or too large to hold', () => {
    expect(parsePounds('-5')).toEqual({ error: 'negative' });
    expect(parsePounds('10000000000000')).toEqual({ error: 'too-large' });
    expect(parsePounds('1'.repeat(400))).toEqual({ error: 'too-large' });
  });
});

describe('parseFilters', () => {
  it('takes no filters as the whole register', () => {
    const parsed = parseFilters({}, CHOICES);
    expect(parsed).toMatchObject({ filters: {}, errors: [], filtered: false, cursor: null });
    expect(parseFilters(null, CHOICES).errors).toEqual([]);
    expect(parseFilters('junk', CHOICES).errors).toEqual([]);
  });

  it('turns every field into the query filters, amounts into pence', () => {
    const parsed = parseFilters(
      {
        q: '  farm watch ',
        fundYear: '2014/15',
        area: 'E07000235',
        objective: '8',
        round: ROUND.toUpperCase(),
        recipient: 'GB-CHC-1123456',
        minAmount: '500',
        maxAmount: '£1,250.50',
      },
      CHOICES,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.filtered).toBe(true);
    expect(parsed.filters).toEqual({
      q: 'farm watch',
      fundYear: '2014/15',
      area: 'E07000235',
      objective: 8,
      round: ROUND,
      recipient: 'GB-CHC-1123456',
      minAmountPence: 50_000,
      maxAmountPence: 125_050,
    });
    // What was typed goes back in the form as typed (trimmed), not as the parser read it.
    expect(parsed.values.maxAmount).toBe('£1,250.50');
  });

  it('ignores empty fields, as an unchanged form submits them', () => {
    const parsed = parseFilters({ q: '', fundYear: '', area: ' ', minAmount: '', cursor: '' }, CHOICES);
    expect(parsed).toMatchObject({ filters: {}, errors: [], filtered: false });
  });

  it('gives GOV.UK-style messages, in the order of the form, each pointing at its field', () => {
    const parsed = parseFilters(
      {
        maxAmount: '-3',
        minAmount: 'abc',
        objective: 'abc',
        area: 'E99999999',
        fundYear: '1999/00',
        round: 'x',
      },
      CHOICES,
    );
    expect(parsed.errors).toEqual([
      { field: 'fundYear', href: '#fundYear', text: 'Select a fund year from the list' },
      { field: 'area', href: '#area', text: 'Select an area from the list' },
      { field: 'objective', href: '#objective', text: 'Select a plan objective from the list' },
      { field: 'round', href: '#round', text: 'Select a funding round from the list' },
      {
        field: 'minAmount',
        href: '#minAmount',
        text: 'Minimum amount must be a number of pounds, like 500 or 1250.50',
      },
      { field: 'maxAmount', href: '#maxAmount', text: 'Maximum amount must be £0 or more' },
    ]);
    expect(parsed.filters).toEqual({});
  });

  it('refuses a minimum above the maximum', () => {
    const parsed = parseFilters({ minAmount: '2000', maxAmount: '1000' }, CHOICES);
    expect(parsed.errors).toEqual([
      {
        field: 'maxAmount',
        href: '#maxAmount',
        text: 'Maximum amount must be the same as or more than the minimum amount',
      },
    ]);
    expect(parseFilters({ minAmount: '1000', maxAmount: '1000.00' }, CHOICES).errors).toEqual([]);
  });

  it('refuses objectives not in the plan and values the selects do not offer', () => {
    for (const objective of ['4', '0', '-1', '3.5', '1e1', '99999']) {
      expect(parseFilters({ objective }, CHOICES).errors.map((e) => e.field)).toEqual(['objective']);
    }
    expect(parseFilters({ area: 'e07000235' }, CHOICES).errors.map((e) => e.field)).toEqual(['area']);
  });

  it('limits the text fields and refuses NUL, which PostgreSQL text cannot hold', () => {
    expect(parseFilters({ q: 'x'.repeat(201) }, CHOICES).errors).toEqual([
      { field: 'q', href: '#q', text: 'Words must be 200 characters or fewer' },
    ]);
    const nul = parseFilters({ recipient: 'GB\u0000X', minAmount: '\u0000' }, CHOICES);
    expect(nul.errors.map((e) => e.text)).toEqual([
      'Recipient identifier must not contain the NUL character',
      'Minimum amount must not contain the NUL character',
    ]);
    expect(nul.values.recipient).toBe('GBX');
  });

  it('reads a repeated parameter as its first value and anything not a string as absent', () => {
    expect(parseFilters({ q: ['one', 'two'] }, CHOICES).filters).toEqual({ q: 'one' });
    expect(parseFilters({ q: { nested: 'x' }, objective: 3 }, CHOICES).filters).toEqual({});
  });

  it('keeps a cursor the register gave out and refuses any other', () => {
    const cursor = encodeRegisterCursor('2014-05-01', '360G-wmpcc-a0000000-0000-4000-8000-000000000001');
    expect(parseFilters({ cursor }, CHOICES)).toMatchObject({ cursor, filters: { cursor }, errors: [] });
    for (const bad of ['zzz', 'x'.repeat(300), Buffer.from('["2014-05-01","x"]').toString('base64url')]) {
      const parsed = parseFilters({ cursor: bad, q: 'x' }, CHOICES);
      expect(parsed.cursor).toBeNull();
      expect(parsed.errors).toEqual([
        {
          field: 'cursor',
          text: 'The link to this page of results is not valid: start again from the first page',
        },
      ]);
    }
  });
});

describe('links from the filters', () => {
  it('carries only the fields in use, and the cursor for the Next link', () => {
    const { values } = parseFilters({ q: 'a&b', objective: '8' }, CHOICES);
    expect(filtersQuery(values)).toBe('?q=a%26b&objective=8');
    expect(filtersQuery(values, { cursor: 'abc' })).toBe('?q=a%26b&objective=8&cursor=abc');
    expect(filtersQuery(parseFilters({}, CHOICES).values)).toBe('');
  });

  it("speaks the JSON API's language: pence, no cursor", () => {
    const { filters } = parseFilters({ minAmount: '5', q: 'watch' }, CHOICES);
    expect(apiQuery({ ...filters, cursor: 'c', limit: 50 })).toBe('?q=watch&minAmountPence=500');
    expect(apiQuery({})).toBe('');
  });
});
