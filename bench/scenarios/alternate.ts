/**
 * Runs two contenders A and B alternately (A B A B ...), so drift on a shared machine (other processes,
 * thermal, page cache) hits both alike; the report takes the median of each figure over the repetitions.
 */
import { median } from '../stats.js';

export interface Contender<R> {
  label: string;
  run: () => Promise<R>;
}

/** Runs A then B, `reps` times; returns every run of each, in order. */
export async function alternate<R>(a: Contender<R>, b: Contender<R>, reps: number, log: (s: string) => void): Promise<[R[], R[]]> {
  const ra: R[] = [];
  const rb: R[] = [];
  for (let i = 0; i < reps; i++) {
    for (const [c, out] of [
      [a, ra],
      [b, rb],
    ] as const) {
      const t = Date.now();
      out.push(await c.run());
      log(`  ${c.label} run ${i + 1}/${reps} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  }
  return [ra, rb];
}

/** The median of one numeric field over runs. */
export function medianOf<R>(runs: R[], pick: (r: R) => number): number {
  return median(runs.map(pick));
}
