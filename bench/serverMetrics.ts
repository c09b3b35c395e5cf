/**
 * Reads Plenary's /metrics (Prometheus text) for the one histogram the benchmark explains itself with:
 * plenary_append_seconds, the time each batch of updates took to become durable.
 */

export interface AppendHistogram {
  count: number;
  sumSeconds: number;
  /** Cumulative counts by upper bound (seconds), ascending. */
  buckets: [number, number][];
}

/** The append histogram now; null when the server has no such metric. */
export async function readAppendHistogram(metricsUrl: string): Promise<AppendHistogram | null> {
  const res = await fetch(metricsUrl);
  if (!res.ok) return null;
  const text = await res.text();
  const buckets: [number, number][] = [];
  let count = NaN;
  let sum = NaN;
  for (const line of text.split('\n')) {
    let m = /^plenary_append_seconds_bucket\{le="([^"]+)"\} (\S+)/.exec(line);
    if (m) buckets.push([m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2])]);
    else if ((m = /^plenary_append_seconds_count (\S+)/.exec(line))) count = Number(m[1]);
    else if ((m = /^plenary_append_seconds_sum (\S+)/.exec(line))) sum = Number(m[1]);
  }
  if (!Number.isFinite(count)) return null;
  return { count, sumSeconds: sum, buckets: buckets.sort((a, b) => a[0] - b[0]) };
}

/** Appends between two readings: how many, mean ms, and the bucket bound holding the 99th percentile (ms). */
export function appendDelta(before: AppendHistogram, after: AppendHistogram): { batches: number; meanMs: number; p99Ms: number } {
  const batches = after.count - before.count;
  const meanMs = batches > 0 ? ((after.sumSeconds - before.sumSeconds) * 1000) / batches : NaN;
  let p99Ms = NaN;
  for (let i = 0; i < after.buckets.length; i++) {
    const [le, c] = after.buckets[i]!;
    const d = c - (before.buckets[i]?.[1] ?? 0);
    if (batches > 0 && d >= 0.99 * batches) {
      p99Ms = le * 1000;
      break;
    }
  }
  return { batches, meanMs, p99Ms };
}
