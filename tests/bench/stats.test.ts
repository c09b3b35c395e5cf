import { describe, expect, it } from 'vitest';
import { latencySummary, median, quantile } from '../../bench/stats.js';

describe('benchmark statistics', () => {
  it('takes nearest-rank quantiles and skips missing (NaN) samples', () => {
    const xs = [5, NaN, 1, 4, 2, 3, NaN];
    expect(quantile(xs, 0.5)).toBe(3);
    expect(quantile(xs, 0.99)).toBe(5);
    expect(quantile(xs, 0)).toBe(1);
    expect(latencySummary(xs)).toEqual({ p50: 3, p99: 5, max: 5, count: 5 });
  });

  it('gives the p99 of 1,000 samples as the 990th smallest', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(quantile(xs, 0.99)).toBe(990);
  });

  it('averages the middle pair for an even count, and is NaN when nothing was measured', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN])).toBeNaN();
    expect(latencySummary([]).p99).toBeNaN();
  });
});
