/**
 * Registration numbers and postcodes, validated and normalised as pure functions.
 * Numbers are kept as text: leading zeros are part of them (company 01234567, OSCR SC012345).
 */
export type Parsed = { ok: true; value: string } | { ok: false; message: string };

const squash = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

/**
 * England and Wales (Charity Commission): 6 or 7 digits today (older 2xxxxx, newer 1xxxxxx), up to 8 allowed
 * for headroom; a linked or subsidiary charity adds `-N` / `-NN`. Scotland (OSCR): `SC` + 6 digits.
 * Northern Ireland (CCNI): `NIC` + 6 digits (NIC100000–NIC199999); a bare 1xxxxx is also accepted (it
 * matches the England and Wales shape, and CCNI prints it that way on some documents).
 */
export function parseCharityNumber(raw: string): Parsed {
  const v = squash(raw);
  if (/^\d{6,8}(-\d{1,2})?$/.test(v)) return { ok: true, value: v };
  if (/^SC\d{6}$/.test(v)) return { ok: true, value: v };
  if (/^NIC1\d{5}$/.test(v)) return { ok: true, value: v };
  return {
    ok: false,
    message:
      'must be a charity number: 6–8 digits for England and Wales (optionally -N for a linked charity), ' +
      'SC and 6 digits for Scotland, or NIC and 6 digits for Northern Ireland',
  };
}

/**
 * Companies House prefixes in use: SC/SO/SL/SP/SR/SZ/SA/SE/SF/SG/SI (Scotland), NI/NC/NL/NP/NR/NF/NA/NO (Northern
 * Ireland), OC (LLP), LP (limited partnership), FC/FE/BR (overseas), IP/RS/SP (societies), CE/CS (charitable
 * incorporated organisations registered as companies in the past), AC, GE, GN, GS, IC, PC, ZC, OE.
 */
const COMPANY_PREFIXES = new Set([
  'SC',
  'SO',
  'SL',
  'SP',
  'SR',
  'SZ',
  'SA',
  'SE',
  'SF',
  'SG',
  'SI',
  'NI',
  'NC',
  'NL',
  'NP',
  'NR',
  'NF',
  'NA',
  'NO',
  'NZ',
  'NV',
  'OC',
  'LP',
  'FC',
  'FE',
  'BR',
  'IP',
  'RS',
  'RC',
  'CE',
  'CS',
  'AC',
  'GE',
  'GN',
  'GS',
  'IC',
  'PC',
  'ZC',
  'OE',
]);

/**
 * Company numbers are always 8 characters at Companies House. People often drop the leading zeros
 * ("1234567" for 01234567), so pure digits are left-padded; a two-letter prefix takes 6 digits (padded);
 * pre-1922 Northern Ireland numbers are R + 7 digits (R0000123).
 */
export function parseCompanyNumber(raw: string): Parsed {
  const v = squash(raw);
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,8})$/.exec(v)) && !/^0+$/.test(m[1]!)) {
    return { ok: true, value: m[1]!.padStart(8, '0') };
  }
  if ((m = /^([A-Z]{2})(\d{1,6})$/.exec(v)) && COMPANY_PREFIXES.has(m[1]!) && !/^0+$/.test(m[2]!)) {
    return { ok: true, value: m[1]! + m[2]!.padStart(6, '0') };
  }
  if ((m = /^R(\d{1,7})$/.exec(v)) && !/^0+$/.test(m[1]!)) {
    return { ok: true, value: 'R' + m[1]!.padStart(7, '0') };
  }
  return {
    ok: false,
    message: 'must be a Companies House number: 8 digits, or a prefix such as SC, NI or OC and 6 digits',
  };
}

// The UK government's published postcode pattern (BS 7666), without the optional space.
const POSTCODE_RE =
  /^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2})$/;

/** A UK postcode, stored uppercase with one space before the inward code ("WR5 2AB"). */
export function parsePostcode(raw: string): Parsed {
  const v = squash(raw);
  if (!POSTCODE_RE.test(v)) return { ok: false, message: 'must be a UK postcode, for example WR5 2AB' };
  return { ok: true, value: `${v.slice(0, -3)} ${v.slice(-3)}` };
}
