import type { ValueTransformer } from 'typeorm';

/** Money is integer pence everywhere. */
export type Pence = number;

export function assertPence(value: number, field = 'amount'): Pence {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be a whole number of pence`);
  return value;
}

/** PostgreSQL returns bigint as a string; this refuses anything that would lose precision in a JS number. */
export const penceTransformer: ValueTransformer = {
  to: (value: Pence | null | undefined) =>
    value === null || value === undefined ? value : assertPence(value),
  from: (value: string | number | null) => {
    if (value === null || value === undefined) return value;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`stored pence ${String(value)} is not a safe integer`);
    return n;
  },
};

const poundsFormatter = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

export function formatPence(pence: Pence): string {
  return poundsFormatter.format(pence / 100);
}
