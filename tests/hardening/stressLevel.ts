/**
 * How hard the hardening suite pushes: quick in `npm test`, full under `npm run test:stress`
 * (PLENARY_STRESS=full). Every count in the suite goes through `scale` so one switch sets them all.
 */

/** True under `npm run test:stress`. */
export const FULL = process.env.PLENARY_STRESS === 'full';

/** The fast count in `npm test`, the full one under test:stress. */
export function scale(fast: number, full: number): number {
  return FULL ? full : fast;
}

/** A seed from FUZZ_SEED when replaying one run, else the given base. */
export function seedBase(fallback: number): number {
  const s = Number(process.env.FUZZ_SEED);
  return Number.isInteger(s) ? s : fallback;
}
