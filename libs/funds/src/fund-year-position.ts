import { Pence } from '@grants/common';

export const LEDGER_KINDS = ['commitment', 'release', 'payment', 'return'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface LedgerTotals {
  capPence: Pence;
  overAllocationTolerancePence: Pence;
  committedPence: Pence;
  releasedPence: Pence;
  paidPence: Pence;
  returnedPence: Pence;
}

/** Commitments net of releases: what the fund year has promised. */
export function netCommittedPence(t: LedgerTotals): Pence {
  return t.committedPence - t.releasedPence;
}

/** available = cap − (commitments − releases); negative when the year is over-allocated within its tolerance. */
export function availablePence(t: LedgerTotals): Pence {
  return t.capPence - netCommittedPence(t);
}

/** The most a new commitment may be: up to the cap plus the tolerance the administrator allowed. */
export function headroomPence(t: LedgerTotals): Pence {
  return t.capPence + t.overAllocationTolerancePence - netCommittedPence(t);
}

/** The same totals folded from the entries themselves, for checking the kept totals against the ledger. */
export function totalsOfEntries(entries: readonly { kind: LedgerKind; amountPence: Pence }[]): {
  committedPence: Pence;
  releasedPence: Pence;
  paidPence: Pence;
  returnedPence: Pence;
} {
  const sum = (kind: LedgerKind) =>
    entries.filter((e) => e.kind === kind).reduce((n, e) => n + e.amountPence, 0);
  return {
    committedPence: sum('commitment'),
    releasedPence: sum('release'),
    paidPence: sum('payment'),
    returnedPence: sum('return'),
  };
}
