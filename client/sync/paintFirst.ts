/**
 * "Paint the live item first": a page-wide gate the heavy work of loading a meeting (applying the local copy
 * or the HTTP state: seconds of a slow phone's CPU for thousands of Tdocs) waits on, so that a quick first
 * paint (preview.ts) is not queued behind it. Network requests do not wait; only the CPU work does. The
 * gate is bounded: whoever holds it gives up after `maxMs`.
 */
let gate: Promise<void> = Promise.resolve();

/** Holds the heavy work until `p` settles, or `maxMs` passed. */
export function holdHeavyWork(p: Promise<unknown>, maxMs: number): void {
  const bounded = Promise.race([p.then(() => undefined, () => undefined), new Promise<void>((r) => setTimeout(r, maxMs))]);
  const before = gate;
  gate = Promise.all([before, bounded]).then(() => undefined);
}

/** Resolves when the heavy work may start. */
export function heavyWorkGate(): Promise<void> {
  return gate;
}
