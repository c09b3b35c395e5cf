/**
 * Runs contenders in turn (A B A B ..., or A B C A B C ...), so drift on a shared machine (other
 * processes, page cache, thermal) hits all alike; the report takes the median of each figure over the
 * repetitions.
 */
import { median } from '../stats.js';

export interface Contender<R> {
  label: string;
  run: () => Promise<R>;
}

/** Runs every contender once per round, `reps` rounds; returns each contender's runs, in order. */
export async function alternateAll<R>(contenders: Contender<R>[], reps: number, log: (s: string) => void): Promise<R[][]> {
  const out: R[][] = contenders.map(() => []);
  for (let i = 0; i < reps; i++) {
    for (const [k, c] of contenders.entries()) {
      const t = Date.now();
      out[k]!.push(await c.run());
      log(`  ${c.label} run ${i + 1}/${reps} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  }
  return out;
}

/** Two contenders, A B A B. */
export async function alternate<R>(a: Contender<R>, b: Contender<R>, reps: number, log: (s: string) => void): Promise<[R[], R[]]> {
  const [ra, rb] = await alternateAll([a, b], reps, log);
  return [ra!, rb!];
}

/** The median of one numeric field over runs. */
export function medianOf<R>(runs: R[], pick: (r: R) => number): number {
  return median(runs.map(pick));
}
