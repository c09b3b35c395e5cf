/** Order statistics for latency samples and run-to-run medians. NaN samples (missing) are ignored. */

/** The q-quantile (0..1) of the finite values, nearest-rank; NaN for an empty set. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const xs = finiteSorted(values);
  if (xs.length === 0) return NaN;
  const rank = Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1));
  return xs[rank]!;
}

/** p50, p99 and max of the finite values in one sort. */
export function latencySummary(values: ArrayLike<number>): { p50: number; p99: number; max: number; count: number } {
  const xs = finiteSorted(values);
  const at = (q: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))]! : NaN);
  return { p50: at(0.5), p99: at(0.99), max: xs.length ? xs[xs.length - 1]! : NaN, count: xs.length };
}

/** Median of the finite values (mean of the two middle ones for an even count); NaN when none. */
export function median(values: ArrayLike<number>): number {
  const xs = finiteSorted(values);
  if (xs.length === 0) return NaN;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

function finiteSorted(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) out[n++] = v;
  }
  return out.subarray(0, n).sort();
}
