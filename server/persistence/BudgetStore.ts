/**
 * Budgets that must hold for a person, not for one process (issue 23): token buckets (so many requests,
 * then so many a second) and marks (which address holds which waiting entry or ballot), kept in the
 * database beside the meetings, so every `plenary serve` process on one PostgreSQL spends the same
 * budget, and a restart does not refill it. SQLite (SqliteBudgets.ts) and PostgreSQL (PgBudgets.ts) keep
 * the same tables; keys are opaque (the policy, server/access/participationLimits.ts, hashes addresses and
 * browser ids before they get here, so the database holds neither).
 *
 * A refused take writes nothing: a flood of refused requests costs reads, never a commit.
 */

/** One token bucket: `capacity` at once, refilled at `perSecond`. */
export interface Bucket {
  key: string;
  capacity: number;
  perSecond: number;
}

export interface TakeResult {
  ok: boolean;
  /** When refused: whole seconds until every bucket asked for has a token again (at least 1). */
  retryAfterSeconds: number;
}

export interface BudgetStore {
  /** Takes one token from every bucket, or none when one of them is empty (all or nothing). */
  take(buckets: readonly Bucket[], now: number): Promise<TakeResult>;
  /** Records that `holder` holds `item` (a waiting entry, a ballot) of `kind` in a meeting. */
  mark(meetingId: string, kind: string, holder: string, item: string, now: number): Promise<void>;
  /**
   * How many items of `kind` `holder` holds in a meeting; with `among`, only those still in it (the
   * entries still waiting): the others are forgotten on the way.
   */
  count(meetingId: string, kind: string, holder: string, among?: ReadonlySet<string>): Promise<number>;
  /** Drops buckets that are full again and marks of meetings that no longer exist. */
  prune(now: number): Promise<void>;
}

/** A bucket's tokens at `now`, from its stored level (undefined: never used, full). */
export function levelAt(b: Bucket, stored: { tokens: number; at: number } | undefined, now: number): number {
  if (!stored) return b.capacity;
  return Math.min(b.capacity, stored.tokens + (Math.max(0, now - stored.at) / 1000) * b.perSecond);
}

/** When a bucket left at `tokens` is full again (ms). */
export function fullAt(b: Bucket, tokens: number, now: number): number {
  return now + Math.ceil((Math.max(0, b.capacity - tokens) / b.perSecond) * 1000);
}

/** The answer for buckets at these levels: refused with the longest wait when one lacks a token. */
export function decide(buckets: readonly Bucket[], levels: readonly number[]): TakeResult {
  let wait = 0;
  buckets.forEach((b, i) => {
    if (levels[i] < 1) wait = Math.max(wait, (1 - levels[i]) / b.perSecond);
  });
  return wait > 0 ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) } : { ok: true, retryAfterSeconds: 0 };
}
