import { Injectable } from '@nestjs/common';
import { Pence } from '@grants/common';
import { EntityManager } from 'typeorm';
import { AwardCondition, ConditionStatus } from './award-condition.entity';
import { AwardStatus } from './award-status';
import { Award } from './award.entity';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerKind } from '@grants/funds';

export interface AwardConditionView {
  id: string;
  position: number;
  kind: 'standard' | 'special';
  timing: string;
  text: string;
  status: ConditionStatus;
  statusNote: string | null;
  statusChangedAt: Date | null;
}

export interface AwardView {
  id: string;
  reference: string;
  applicationId: string;
  organisationId: string;
  roundId: string;
  fundYearId: string;
  status: AwardStatus;
  offeredAmountPence: Pence;
  amountPence: Pence;
  paidPence: Pence;
  returnedPence: Pence;
  /** Paid less returned: what the grant has cost so far. */
  netSpendPence: Pence;
  /** Amount less paid, while money can still move. */
  remainingPence: Pence;
  repaymentDuePence: Pence;
  acceptanceDeadline: string;
  endDate: string;
  offeredAt: Date;
  acceptedAt: Date | null;
  signatoryName: string | null;
  signatoryPosition: string | null;
  declinedAt: Date | null;
  declineReason: string | null;
  lapsedAt: Date | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  completedAt: Date | null;
  /** Declared in the accepted final report; due back with repaymentDuePence. */
  unspentPence: Pence | null;
  conditions: AwardConditionView[];
  /** Officers only: every movement of money on the award. */
  ledger?: {
    kind: LedgerKind;
    amountPence: Pence;
    cause: string;
    reference: string | null;
    occurredOn: string;
    recordedAt: Date;
  }[];
}

/** One way to show an award, for every use case that answers with one. */
@Injectable()
export class AwardViews {
  async view(em: EntityManager, awardId: string, officer: boolean): Promise<AwardView> {
    const award = await em.findOneOrFail(Award, { where: { id: awardId } });
    const conditions = await em.find(AwardCondition, { where: { awardId }, order: { position: 'ASC' } });
    const entries = officer
      ? await em.find(LedgerEntry, { where: { awardId }, order: { recordedAt: 'ASC', id: 'ASC' } })
      : undefined;
    return awardViewOf(award, conditions, entries);
  }
}

type AwardFields = Omit<Award, 'decisionId' | 'acceptedBy' | 'createdAt'>;
type ConditionFields = Pick<AwardCondition, 'id' | 'position' | 'kind' | 'timing' | 'text' | 'status'> &
  Partial<Pick<AwardCondition, 'statusNote' | 'statusChangedAt'>>;
type EntryFields = Pick<
  LedgerEntry,
  'kind' | 'amountPence' | 'cause' | 'reference' | 'occurredOn' | 'recordedAt'
>;

/** The view from rows in hand; `entries` only for officers (undefined leaves the ledger out). */
export function awardViewOf(
  a: AwardFields,
  conditions: ConditionFields[],
  entries?: EntryFields[],
): AwardView {
  return {
    id: a.id,
    reference: a.reference,
    applicationId: a.applicationId,
    organisationId: a.organisationId,
    roundId: a.roundId,
    fundYearId: a.fundYearId,
    status: a.status,
    offeredAmountPence: a.offeredAmountPence,
    amountPence: a.amountPence,
    paidPence: a.paidPence,
    returnedPence: a.returnedPence,
    netSpendPence: a.paidPence - a.returnedPence,
    remainingPence: a.status === 'offered' || a.status === 'accepted' ? a.amountPence - a.paidPence : 0,
    repaymentDuePence: a.repaymentDuePence,
    acceptanceDeadline: a.acceptanceDeadline,
    endDate: a.endDate,
    offeredAt: a.offeredAt,
    acceptedAt: a.acceptedAt,
    signatoryName: a.signatoryName,
    signatoryPosition: a.signatoryPosition,
    declinedAt: a.declinedAt,
    declineReason: a.declineReason,
    lapsedAt: a.lapsedAt,
    revokedAt: a.revokedAt,
    revocationReason: a.revocationReason,
    completedAt: a.completedAt,
    unspentPence: a.unspentPence,
    conditions: conditions.map((c) => ({
      id: c.id,
      position: c.position,
      kind: c.kind,
      timing: c.timing,
      text: c.text,
      status: c.status,
      statusNote: c.statusNote ?? null,
      statusChangedAt: c.statusChangedAt ?? null,
    })),
    ...(entries
      ? {
          ledger: entries.map((e) => ({
            kind: e.kind,
            amountPence: e.amountPence,
            cause: e.cause,
            reference: e.reference,
            occurredOn: e.occurredOn,
            recordedAt: e.recordedAt,
          })),
        }
      : {}),
  };
}
