import { Injectable } from '@nestjs/common';
import { AuthUser } from '@grants/accounts';
import { Pence } from '@grants/common';
import { inTransaction } from '@grants/database';
import { availablePence, FundYear, netCommittedPence } from '@grants/funds';
import { RoundsService } from '@grants/rounds';
import { DomainError } from '@grants/common';
import { DataSource } from 'typeorm';
import { rank, RankingCandidate, RecommendationOutcome, scoreOutOfFive } from './assessment-rules';

export interface RankingItem {
  rank: number;
  applicationId: string;
  reference: string;
  title: string | null;
  organisationName: string;
  status: string;
  /** Null where the caller declared a conflict of interest: they see the money, not the judgement. */
  moderatedScore: number | null;
  weightedPoints: number | null;
  maxPoints: number | null;
  outcome: RecommendationOutcome;
  amountRequestedPence: Pence;
  recommendedAmountPence: Pence;
  runningTotalPence: Pence;
  withinAvailable: boolean | null;
}

export interface RankingView {
  round: { id: string; title: string };
  fundYear: { id: string; label: string; capPence: Pence; committedPence: Pence; availablePence: Pence };
  items: RankingItem[];
  /** The last rank whose running total still fits in the available money; null if none does. */
  lastWithinAvailableRank: number | null;
  /** What the recommendations still awaiting a decision add up to. */
  totalRecommendedPence: Pence;
  /** How far that total goes past the available money (0 when it fits). */
  shortfallPence: Pence;
}

interface Row {
  application_id: string;
  reference: string;
  title: string | null;
  organisation_name: string;
  status: string;
  submitted_at: Date;
  amount_requested_pence: string | null;
  outcome: RecommendationOutcome;
  amount_pence: string;
  weighted_points: number;
  max_points: number;
}

/**
 * The round's assessed applications in order of moderated score, with a running total of the recommended
 * amounts still awaiting a decision against the fund year's available money (cap minus commitments).
 * Decided applications stay in the list, in their place, but add nothing: an award is already a commitment.
 */
@Injectable()
export class RankingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
  ) {}

  async ranking(user: AuthUser, roundId: string): Promise<RankingView> {
    return inTransaction(this.dataSource, async (em) => {
      const round = await this.rounds.findById(roundId, em);
      if (!round) throw DomainError.notFound('The round');
      const year = await em.findOneOrFail(FundYear, { where: { id: round.fundYearId } });
      const committed = netCommittedPence(year);
      const available = Math.max(0, availablePence(year));
      const rows: Row[] = await em.query(
        `SELECT a.id AS application_id, a.reference, a.title, o.name AS organisation_name, a.status,
                a.submitted_at, a.amount_requested_pence,
                r.outcome, r.amount_pence, r.weighted_points, r.max_points
         FROM recommendations r
         JOIN applications a ON a.id = r.application_id
         JOIN organisations o ON o.id = a.organisation_id
         WHERE a.round_id = $1 AND a.status <> 'withdrawn'`,
        [roundId],
      );
      const candidates = rows.map((r): RankingCandidate & { row: Row } => ({
        applicationId: r.application_id,
        weightedPoints: r.weighted_points,
        maxPoints: r.max_points,
        submittedAt: r.submitted_at,
        reference: r.reference,
        recommendedAmountPence: Number(r.amount_pence),
        awaitingDecision: r.status === 'recommended',
        row: r,
      }));
      const { rows: ranked, lastWithinAvailableRank } = rank(candidates, available);
      const conflicted: { application_id: string }[] = await em.query(
        `SELECT application_id FROM conflict_declarations WHERE user_id = $1 AND has_conflict`,
        [user.id],
      );
      const hidden = new Set(conflicted.map((c) => c.application_id));
      const total = ranked.length ? ranked.at(-1)!.runningTotalPence : 0;
      return {
        round: { id: round.id, title: round.title },
        fundYear: {
          id: year.id,
          label: year.label,
          capPence: year.capPence,
          committedPence: committed,
          availablePence: available,
        },
        items: ranked.map(({ rank: position, candidate, runningTotalPence, withinAvailable }) => {
          const shown = !hidden.has(candidate.applicationId);
          return {
            rank: position,
            applicationId: candidate.applicationId,
            reference: candidate.reference,
            title: candidate.row.title,
            organisationName: candidate.row.organisation_name,
            status: candidate.row.status,
            moderatedScore: shown ? scoreOutOfFive(candidate.weightedPoints, candidate.maxPoints) : null,
            weightedPoints: shown ? candidate.weightedPoints : null,
            maxPoints: shown ? candidate.maxPoints : null,
            outcome: candidate.row.outcome,
            amountRequestedPence: Number(candidate.row.amount_requested_pence ?? 0),
            recommendedAmountPence: candidate.recommendedAmountPence,
            runningTotalPence,
            withinAvailable,
          };
        }),
        lastWithinAvailableRank,
        totalRecommendedPence: total,
        shortfallPence: Math.max(0, total - available),
      };
    });
  }
}
