import { describe, expect, it } from 'vitest';
import { compareRanked, isValidRank, rankBetween, ranksBetween, repairRank, FALLBACK_RANK } from '../../shared/document/ranks.js';
import { seededRandom } from '../helpers/seededRandom.js';

const between = (a: string | null, k: string, b: string | null) => (a === null || a < k) && (b === null || k < b);

describe('rankBetween', () => {
  it('gives a valid rank strictly between its bounds, for edge bounds too', () => {
    const cases: [string | null, string | null][] = [
      [null, null],
      [null, '1'],
      [null, '01'],
      ['z', null],
      ['zzz', null],
      ['1', '2'],
      ['1', '1V'],
      ['1z', '2'],
      ['1z', '2a'],
      ['V', 'V1'],
      ['V1', 'V2'],
      ['0001', '0002'],
      ['y', null],
    ];
    for (const [a, b] of cases) {
      const k = rankBetween(a, b);
      expect(isValidRank(k), `${a}..${b} gave ${k}`).toBe(true);
      expect(between(a, k, b), `${a}..${b} gave ${k}`).toBe(true);
    }
  });

  it('places after `before` when the bounds are equal or out of order (concurrent inserts)', () => {
    expect(rankBetween('V', 'V') > 'V').toBe(true);
    expect(rankBetween('W', 'V') > 'W').toBe(true);
  });

  it('ignores invalid bounds instead of producing an invalid rank', () => {
    for (const bad of ['', 'a0', 'ä', '-'.repeat(3)]) {
      expect(isValidRank(rankBetween(bad, null))).toBe(true);
      expect(isValidRank(rankBetween(null, bad))).toBe(true);
    }
  });

  it('keeps order and validity over 5,000 random inserts, with short keys', () => {
    const rng = seededRandom(7);
    const keys: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const at = rng.int(0, keys.length);
      const k = rankBetween(keys[at - 1] ?? null, keys[at] ?? null);
      expect(isValidRank(k), `insert ${i}: ${k}`).toBe(true);
      expect(between(keys[at - 1] ?? null, k, keys[at] ?? null), `insert ${i} at ${at}: ${k}`).toBe(true);
      keys.splice(at, 0, k);
    }
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(12);
  });

  it('grows slowly under a long run of appends and of prepends', () => {
    let last: string | null = null;
    let first: string | null = null;
    for (let i = 0; i < 1000; i++) {
      last = rankBetween(last, null);
      first = rankBetween(null, first);
    }
    expect(last!.length).toBeLessThanOrEqual(20);
    expect(first!.length).toBeLessThanOrEqual(20);
    expect(isValidRank(first)).toBe(true);
  });

  it('keeps order when always inserting right after the same item (rows revised in turn)', () => {
    const keys = ['G', 'V'];
    for (let i = 0; i < 500; i++) {
      const k = rankBetween(keys[0], keys[1]);
      expect(between(keys[0], k, keys[1])).toBe(true);
      keys.splice(1, 0, k);
    }
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThan(120);
  });
});

describe('ranksBetween (bulk)', () => {
  it('spreads 2,000 keys over an empty list, all valid, increasing and 2 digits long', () => {
    const keys = ranksBetween(null, null, 2000);
    expect(keys).toHaveLength(2000);
    keys.forEach((k, i) => {
      expect(isValidRank(k)).toBe(true);
      if (i) expect(k > keys[i - 1]).toBe(true);
    });
    expect(Math.max(...keys.map((k) => k.length))).toBe(2);
  });

  it('gives increasing keys strictly between two bounds', () => {
    for (const [a, b, n] of [['G', 'H', 300], [null, '1', 50], ['z', null, 100], ['V', 'V1', 40]] as const) {
      const keys = ranksBetween(a, b, n);
      expect(keys).toHaveLength(n);
      keys.forEach((k, i) => {
        expect(isValidRank(k), k).toBe(true);
        expect(between(i ? keys[i - 1] : a, k, b), `${a}..${b} #${i}: ${k}`).toBe(true);
      });
      expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(8);
    }
  });

  it('gives nothing for a count of zero and one key for one', () => {
    expect(ranksBetween(null, null, 0)).toEqual([]);
    expect(ranksBetween(null, null, 1)).toHaveLength(1);
    for (const n of [1, 2, 60, 61, 62, 63, 3843, 3844]) expect(new Set(ranksBetween(null, null, n)).size).toBe(n);
  });
});

describe('compareRanked, isValidRank and repairRank', () => {
  it('orders by rank, then by id: a total order even when ranks are equal', () => {
    const list = [
      { rank: 'V', id: 'b' },
      { rank: 'G', id: 'z' },
      { rank: 'V', id: 'a' },
    ].sort(compareRanked);
    expect(list.map((x) => x.id)).toEqual(['z', 'a', 'b']);
  });

  it('accepts only non-empty base-62 ranks not ending in 0', () => {
    expect(['1', 'V', 'zz', 'a0b'].every(isValidRank)).toBe(true);
    expect(['', '0', 'a0', 'ä', 'a b', 5, null, 'x'.repeat(513)].some(isValidRank)).toBe(false);
  });

  it('repairs what a faulty peer wrote, the same way everywhere', () => {
    expect(repairRank('V1')).toBe('V1');
    expect(repairRank('a0')).toBe('a');
    expect(repairRank('a-b')).toBe('ab');
    expect(repairRank('')).toBe(FALLBACK_RANK);
    expect(repairRank(undefined)).toBe(FALLBACK_RANK);
    expect(repairRank('000')).toBe(FALLBACK_RANK);
  });
});
