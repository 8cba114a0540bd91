import { Injectable } from '@nestjs/common';
import { Clock, DomainError, formatPence, Pence } from '@grants/common';
import { FundYear } from '@grants/funds';
import { EntityManager } from 'typeorm';
import { LedgerEntry } from './ledger-entry.entity';
import { availablePence, headroomPence, LedgerKind, LedgerTotals } from '@grants/funds';

export interface NewLedgerEntry {
  fundYearId: string;
  awardId: string;
  kind: LedgerKind;
  amountPence: Pence;
  cause: string;
  occurredOn: string;
  reference?: string | null;
  recordedBy: string | null;
}

/**
 * The only writer of the ledger. Callers lock the fund-year row first (lockYear) and check the figures
 * under that lock; the CHECK constraints behind the trigger refuse anything that slips past, and that
 * refusal becomes a 409 here rather than a 500.
 */
@Injectable()
export class Ledger {
  constructor(private readonly clock: Clock) {}

  async lockYear(em: EntityManager, fundYearId: string): Promise<FundYear> {
    return em.findOneOrFail(FundYear, { where: { id: fundYearId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Refuses a commitment that would take the year past its cap (plus tolerance), naming what is available. */
  assertFits(year: FundYear, amountPence: Pence): void {
    const totals = totalsOf(year);
    if (amountPence > headroomPence(totals)) {
      const available = availablePence(totals);
      throw DomainError.conflict(
        `The award of ${formatPence(amountPence)} would exceed the ${year.label} cap: ${formatPence(Math.max(available, 0))} is available`,
        {
          availablePence: available,
          headroomPence: headroomPence(totals),
          capPence: year.capPence,
          requestedPence: amountPence,
        },
      );
    }
  }

  async append(em: EntityManager, entry: NewLedgerEntry): Promise<void> {
    try {
      await em.insert(LedgerEntry, {
        ...entry,
        reference: entry.reference ?? null,
        recordedAt: this.clock.now(),
      });
    } catch (error) {
      const e = error as { driverError?: { code?: string; constraint?: string }; code?: string };
      const code = e.driverError?.code ?? e.code;
      if (code === '23514') {
        throw DomainError.conflict(
          'The ledger refused the entry: it would break the fund year’s or the award’s limits',
          {
            constraint: e.driverError?.constraint ?? null,
          },
        );
      }
      throw error;
    }
  }
}

export function totalsOf(year: FundYear): LedgerTotals {
  return {
    capPence: year.capPence,
    overAllocationTolerancePence: year.overAllocationTolerancePence,
    committedPence: year.committedPence,
    releasedPence: year.releasedPence,
    paidPence: year.paidPence,
    returnedPence: year.returnedPence,
  };
}
