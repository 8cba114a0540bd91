/** One measured autocannon run against one server. */
export interface Sample {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export interface Summary {
  runs: number;
  reqPerSec: { median: number; min: number; max: number };
  p50Ms: { median: number; min: number; max: number };
  p99Ms: { median: number; min: number; max: number };
  requests: number;
  /** Errors, timeouts and non-2xx answers over every run; anything but 0 makes the figures meaningless. */
  failures: number;
}

/** The middle value (mean of the two middle values for an even count); the median resists one noisy run. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function spread(values: readonly number[]): { median: number; min: number; max: number } {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

export function summarise(samples: readonly Sample[]): Summary {
  return {
    runs: samples.length,
    reqPerSec: spread(samples.map((s) => s.reqPerSec)),
    p50Ms: spread(samples.map((s) => s.p50Ms)),
    p99Ms: spread(samples.map((s) => s.p99Ms)),
    requests: samples.reduce((n, s) => n + s.requests, 0),
    failures: samples.reduce((n, s) => n + s.errors + s.timeouts + s.non2xx, 0),
  };
}

/** How much of the baseline's throughput the subject reaches (1 = as fast, 0.75 = a quarter slower). */
export function ratio(subject: number, baseline: number): number {
  if (!(baseline > 0)) throw new Error(`baseline throughput must be positive (got ${baseline})`);
  return subject / baseline;
}
