/**
 * A small seeded pseudo-random source for fuzz and property tests (mulberry32), so that a failing run can be
 * replayed from its seed alone. Not for anything security related.
 */

/** A seeded random source with the few helpers the tests need. */
export interface SeededRandom {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One element, or undefined for an empty array. */
  maybePick<T>(items: readonly T[]): T | undefined;
  /** A short random word of lowercase letters. */
  word(minLength?: number, maxLength?: number): string;
  /** A new array with the elements in random order. */
  shuffle<T>(items: readonly T[]): T[];
}

/** Creates a mulberry32 random source from a 32-bit seed. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const rng: SeededRandom = {
    seed,
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty array');
      return items[int(0, items.length - 1)];
    },
    maybePick: (items) => (items.length === 0 ? undefined : items[int(0, items.length - 1)]),
    word: (minLength = 1, maxLength = 8) => {
      let out = '';
      for (let i = int(minLength, maxLength); i > 0; i--) out += String.fromCharCode(97 + int(0, 25));
      return out;
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
  return rng;
}
