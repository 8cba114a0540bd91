import { Injectable } from '@nestjs/common';
import { Clock, DomainError, formatPence, Pence } from '@grants/common';
import { FundYear } from '@grants/funds';
import { prepared } from '@grants/database';
import { EntityManager } from 'typeorm';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerKind } from '@grants/funds';

export interface NewLedgerEntry {
  fundYearId: string;
  awardId: string;
  kind: LedgerKind;
  amountPence: Pence;
  cause: string;
  occurredOn: string;
  reference?: string | null;
  recordedBy: string | null;
  /** Default: now. */
  recordedAt?: Date;
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
    // NO KEY UPDATE, not UPDATE: inserting an award takes KEY SHARE on its fund year (the foreign key), which
    // UPDATE would conflict with, deadlocking two decisions that each inserted their award first.
    return em.findOneOrFail(FundYear, { where: { id: fundYearId }, lock: { mode: 'for_no_key_update' } });
  }

  /**
   * Locks the fund year, checks the commitment fits under the cap (plus tolerance) and writes it, in one
   * statement. Every decision in a year queues on that row lock until its transaction commits; doing the
   * lock, the check and the write in one round trip keeps the queue moving at the database's pace rather
   * than at the pace of a busy application server answering between statements.
   */
  async commitWithinCap(em: EntityManager, entry: Omit<NewLedgerEntry, 'kind'>): Promise<void> {
    const [row]: {
      label: string;
      cap_pence: string;
      available_pence: string;
      headroom_pence: string;
      inserted: number;
    }[] = await refusedByLedger(() =>
      em.query(
        prepared(
          'awards.commit-within-cap',
          `WITH y AS (
         SELECT id, label, cap_pence, cap_pence - (committed_pence - released_pence) AS available_pence,
                cap_pence + over_allocation_tolerance_pence - (committed_pence - released_pence) AS headroom_pence
         FROM fund_years WHERE id = $1 FOR NO KEY UPDATE
       ), entry AS (
         INSERT INTO ledger_entries (fund_year_id, award_id, kind, amount_pence, cause, reference, occurred_on,
           recorded_by, recorded_at)
         SELECT y.id, $2, 'commitment', $3, $4, $5, $6, $7, $8 FROM y WHERE y.headroom_pence >= $3
         RETURNING 1
       )
       SELECT y.label, y.cap_pence, y.available_pence, y.headroom_pence, (SELECT count(*)::int FROM entry) AS inserted
       FROM y`,
        ),
        [
          entry.fundYearId,
          entry.awardId,
          entry.amountPence,
          entry.cause,
          entry.reference ?? null,
          entry.occurredOn,
          entry.recordedBy,
          entry.recordedAt ?? this.clock.now(),
        ],
      ),
    );
    if (!row) throw DomainError.notFound('The fund year');
    if (row.inserted === 0) {
      throw capExceeded(row.label, entry.amountPence, {
        capPence: Number(row.cap_pence),
        availablePence: Number(row.available_pence),
        headroomPence: Number(row.headroom_pence),
      });
    }
  }

  /** Resolves to the new entry's id. */
  async append(em: EntityManager, entry: NewLedgerEntry): Promise<string> {
    const result = await refusedByLedger(() =>
      em.insert(LedgerEntry, {
        ...entry,
        reference: entry.reference ?? null,
        recordedAt: entry.recordedAt ?? this.clock.now(),
      }),
    );
    return String(result.identifiers[0]?.id);
  }
}

/** The ledger's CHECK constraints refusing an entry are a conflict with the figures, not a server error. */
async function refusedByLedger<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const e = error as { driverError?: { code?: string; constraint?: string }; code?: string };
    if ((e.driverError?.code ?? e.code) === '23514') {
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

function capExceeded(
  label: string,
  amountPence: Pence,
  figures: { capPence: Pence; availablePence: Pence; headroomPence: Pence },
): DomainError {
  return DomainError.conflict(
    `The award of ${formatPence(amountPence)} would exceed the ${label} cap: ` +
      `${formatPence(Math.max(figures.availablePence, 0))} is available`,
    { ...figures, requestedPence: amountPence },
  );
}
