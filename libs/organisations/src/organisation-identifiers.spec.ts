import { describe, expect, it } from 'vitest';
import { parseCharityNumber, parseCompanyNumber, parsePostcode } from './organisation-identifiers';

const ok = (value: string) => ({ ok: true, value });

describe('charity numbers', () => {
  it.each([
    ['1123456', '1123456'],
    ['202918', '202918'],
    [' 1123456 ', '1123456'],
    ['1123456-1', '1123456-1'],
    ['1123456-12', '1123456-12'],
    ['SC012345', 'SC012345'],
    ['sc 012345', 'SC012345'],
    ['NIC100002', 'NIC100002'],
    ['nic 101234', 'NIC101234'],
    ['012345', '012345'],
  ])('accepts %j as %j', (raw, value) => {
    expect(parseCharityNumber(raw)).toEqual(ok(value));
  });

  it.each([
    '',
    '12345',
    '123456789',
    'SC12345',
    'SC0123456',
    'NIC200000',
    'NIC10000',
    '1123456-123',
    'ABC123',
    '1123456-',
    'CH1234567',
  ])('rejects %j', (raw) => {
    expect(parseCharityNumber(raw).ok).toBe(false);
  });
});

describe('company numbers', () => {
  it.each([
    ['01234567', '01234567'],
    ['1234567', '01234567'],
    ['123', '00000123'],
    ['sc123456', 'SC123456'],
    ['SC 12345', 'SC012345'],
    ['NI012345', 'NI012345'],
    ['OC301234', 'OC301234'],
    ['SO300123', 'SO300123'],
    ['NC000123', 'NC000123'],
    ['R0000123', 'R0000123'],
    ['r123', 'R0000123'],
    ['12 34 56 78', '12345678'],
  ])('accepts %j as %j', (raw, value) => {
    expect(parseCompanyNumber(raw)).toEqual(ok(value));
  });

  it.each([
    '',
    '00000000',
    '123456789',
    'XX123456',
    'SC1234567',
    'SC000000',
    'S1234567',
    '1234-567',
    'R12345678',
  ])('rejects %j', (raw) => {
    expect(parseCompanyNumber(raw).ok).toBe(false);
  });
});

describe('postcodes', () => {
  it.each([
    ['WR5 2AB', 'WR5 2AB'],
    ['wr52ab', 'WR5 2AB'],
    ['  hr1  2ab ', 'HR1 2AB'],
    ['SY1 1AA', 'SY1 1AA'],
    ['TF3 4NT', 'TF3 4NT'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['W1A 0AX', 'W1A 0AX'],
    ['B33 8TH', 'B33 8TH'],
    ['M1 1AE', 'M1 1AE'],
    ['GIR 0AA', 'GIR 0AA'],
  ])('accepts %j as %j', (raw, value) => {
    expect(parsePostcode(raw)).toEqual(ok(value));
  });

  it.each(['', 'WR5', '12345', 'WR5 2A', 'QR5 2AB', 'WR5 2CI', 'WR55 2ABC', 'not a postcode'])(
    'rejects %j',
    (raw) => {
      expect(parsePostcode(raw).ok).toBe(false);
    },
  );
});
