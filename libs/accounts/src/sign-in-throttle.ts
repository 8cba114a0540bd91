export interface ThrottleVerdict {
  allowed: boolean;
  /** When refused: whole seconds until enough failures leave the window for one more try. */
  retryAfterSeconds: number;
}

/**
 * A sliding window over recent failures. With `limit` failures allowed per window, the caller is refused
 * while `limit` or more failures lie inside it, until the oldest of the last `limit` failures ages out.
 */
export function throttleVerdict(
  failureTimes: readonly Date[],
  limit: number,
  windowMs: number,
  now: Date,
): ThrottleVerdict {
  const windowStart = now.getTime() - windowMs;
  const inWindow = failureTimes
    .map((d) => d.getTime())
    .filter((t) => t > windowStart && t <= now.getTime())
    .sort((a, b) => a - b);
  if (inWindow.length < limit) return { allowed: true, retryAfterSeconds: 0 };
  const releasing = inWindow[inWindow.length - limit]!;
  const waitMs = releasing + windowMs - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** The stricter of several verdicts (per account, per address). */
export function combineVerdicts(...verdicts: ThrottleVerdict[]): ThrottleVerdict {
  const refused = verdicts.filter((v) => !v.allowed);
  if (refused.length === 0) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(...refused.map((v) => v.retryAfterSeconds)) };
}
