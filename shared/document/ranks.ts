/**
 * Ranks: sort keys among siblings (fractional indexing over base-62 digits).
 *
 * Order is by plain string comparison of `rank`, then of `id`, so the order is total even when two people
 * insert at the same place at once and pick the same rank: nothing is duplicated or lost, and every replica
 * agrees. A rank never ends in the smallest digit, so there is always room before it.
 */

export const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ZERO = DIGITS[0];
const BASE = DIGITS.length;

/** True when `rank` is a usable rank (non-empty, only rank digits, not ending in the smallest digit). */
export function isValidRank(rank: unknown): rank is string {
  if (typeof rank !== 'string' || rank.length === 0 || rank.length > 512) return false;
  for (const ch of rank) if (!DIGITS.includes(ch)) return false;
  return !rank.endsWith(ZERO);
}

/** The rank used in place of a missing one: the middle of the key space. */
export const FALLBACK_RANK = 'V';

/**
 * A usable rank for whatever a document holds: a valid rank as is; otherwise its rank digits without
 * trailing zeros, or FALLBACK_RANK. A rank goes missing for a moment when a peer's overwrite has been
 * applied only in part (its delete before its insert), or stays broken when a faulty client wrote it;
 * either way every replica repairs it the same way.
 */
export function repairRank(rank: unknown): string {
  if (isValidRank(rank)) return rank;
  const digits = typeof rank === 'string' ? [...rank].filter((ch) => DIGITS.includes(ch)).join('').slice(0, 512) : '';
  const trimmed = digits.replace(/0+$/, '');
  return trimmed === '' ? FALLBACK_RANK : trimmed;
}

/** Compares two entries by (rank, id): the sibling order everywhere in Plenary. */
export function compareRanked(a: { rank: string; id: string }, b: { rank: string; id: string }): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function digit(ch: string | undefined): number {
  return ch === undefined ? 0 : DIGITS.indexOf(ch);
}

/** A key strictly between a ('' = start) and b (null = end); a < b, neither ends in ZERO. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    // Shared prefix (a padded with zeros): keep it and recurse on the rest.
    let n = 0;
    while (n < b.length && (a[n] ?? ZERO) === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const da = a ? digit(a[0]) : 0;
  const db = b !== null ? digit(b[0]) : BASE;
  if (db - da > 1) return DIGITS[Math.round((da + db) / 2)];
  // Adjacent first digits.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[da] + midpoint(a.slice(1), null);
}

/**
 * A rank strictly between `before` and `after` (either may be null: the start or the end of the list).
 * Appending after the last sibling steps the last digit up, and prepending steps the first sibling's last
 * digit down, so a run of appends or prepends grows keys by one digit per ~60 inserts (halving the gap
 * each time would add one every ~6 prepends).
 */
export function rankBetween(before: string | null, after: string | null): string {
  const a = before && isValidRank(before) ? before : null;
  const b = after && isValidRank(after) ? after : null;
  if (a !== null && b !== null && a >= b) {
    // Equal ranks (concurrent inserts) or out of order: place right after `a`.
    return rankBetween(a, null);
  }
  if (a !== null && b === null) {
    const last = digit(a[a.length - 1]);
    return last < BASE - 1 ? a.slice(0, -1) + DIGITS[last + 1] : a + DIGITS[1];
  }
  if (a === null && b !== null) {
    const last = digit(b[b.length - 1]);
    return last > 1 ? b.slice(0, -1) + DIGITS[last - 1] : b.slice(0, -1) + ZERO + DIGITS[BASE - 1];
  }
  return midpoint(a ?? '', b);
}

/**
 * `count` evenly spread ranks strictly between `before` and `after`, in order, all of the same short length:
 * what an import of 2,000 rows uses, instead of 2,000 appends.
 */
export function ranksBetween(before: string | null, after: string | null, count: number): string[] {
  if (count <= 0) return [];
  if (before === null && after === null) {
    // Fixed width w with BASE^w > count + 1, evenly spaced: no key ends in ZERO.
    let width = 1;
    while (BASE ** width <= count + 1) width++;
    const span = BASE ** width;
    const out: string[] = [];
    for (let i = 1; i <= count; i++) {
      let v = Math.floor((i * span) / (count + 1));
      let key = '';
      for (let k = 0; k < width; k++) {
        key = DIGITS[v % BASE] + key;
        v = Math.floor(v / BASE);
      }
      key = key.replace(/0+$/, '');
      out.push(key === '' ? DIGITS[1] : key);
    }
    // Trimming trailing zeros keeps the order; make sure the keys are strictly increasing and valid.
    for (let i = 1; i < out.length; i++) if (!(out[i] > out[i - 1])) out[i] = rankBetween(out[i - 1], null);
    return out;
  }
  // Between two given keys: bisect recursively so keys stay short.
  const out: string[] = new Array(count);
  const fill = (lo: string | null, hi: string | null, from: number, to: number): void => {
    if (from > to) return;
    const mid = (from + to) >> 1;
    const key = rankBetween(lo, hi);
    out[mid] = key;
    fill(lo, key, from, mid - 1);
    fill(key, hi, mid + 1, to);
  };
  fill(before, after, 0, count - 1);
  return out;
}
