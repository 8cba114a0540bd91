import { describe, expect, it } from 'vitest';
import { median, ratio, Sample, summarise } from './stats';

const sample = (reqPerSec: number, p99Ms: number, failures = 0): Sample => ({
  reqPerSec,
  p50Ms: p99Ms / 4,
  p99Ms,
  requests: reqPerSec * 10,
  errors: failures,
  timeouts: 0,
  non2xx: 0,
});

describe('median', () => {
  it('takes the middle of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses an empty list rather than inventing a figure', () => {
    expect(() => median([])).toThrow(/no values/);
  });
});

describe('summarise', () => {
  it('reports median and spread per figure and totals the failures', () => {
    const s = summarise([sample(1000, 40), sample(1200, 30, 2), sample(900, 50)]);
    expect(s.runs).toBe(3);
    expect(s.reqPerSec).toEqual({ median: 1000, min: 900, max: 1200 });
    expect(s.p99Ms).toEqual({ median: 40, min: 30, max: 50 });
    expect(s.p50Ms.median).toBe(10);
    expect(s.requests).toBe(31_000);
    expect(s.failures).toBe(2);
  });
});

describe('ratio', () => {
  it('divides the subject by the baseline', () => {
    expect(ratio(750, 1000)).toBe(0.75);
    expect(ratio(1100, 1000)).toBeCloseTo(1.1);
  });

  it('refuses a zero or missing baseline', () => {
    expect(() => ratio(10, 0)).toThrow(/positive/);
    expect(() => ratio(10, Number.NaN)).toThrow(/positive/);
  });
});
