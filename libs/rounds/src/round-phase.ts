export type RoundPhase = 'draft' | 'upcoming' | 'open' | 'closed';

export const ROUND_PHASES: readonly RoundPhase[] = ['draft', 'upcoming', 'open', 'closed'];

export interface RoundTiming {
  publishedAt: Date | null;
  opensAt: Date;
  closesAt: Date;
}

/** Where a round stands at an instant; a round is open from opensAt (inclusive) to closesAt (exclusive). */
export function roundPhase(round: RoundTiming, now: Date): RoundPhase {
  if (!round.publishedAt) return 'draft';
  const t = now.getTime();
  if (t < round.opensAt.getTime()) return 'upcoming';
  if (t < round.closesAt.getTime()) return 'open';
  return 'closed';
}

/** Opened rounds have promised applicants their terms: limits, start and objectives no longer move. */
export function hasOpened(round: RoundTiming, now: Date): boolean {
  return round.publishedAt !== null && round.opensAt.getTime() <= now.getTime();
}
