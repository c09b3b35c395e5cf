/**
 * Token buckets by key (an address, a browser): `capacity` requests at once, refilled at `perSecond`.
 * At most `maxKeys` keys are tracked; beyond that the least recently used are forgotten (a forgotten key
 * starts full again, so the bound costs an attacker nothing it could not get from a fresh address).
 */

export interface BudgetOptions {
  capacity: number;
  perSecond: number;
  maxKeys: number;
}

export class KeyedBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: BudgetOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`; false when its bucket is empty. */
  take(key: string): boolean {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.options.capacity, at: now };
    b.tokens = Math.min(this.options.capacity, b.tokens + ((now - b.at) / 1000) * this.options.perSecond);
    b.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, b);
    while (this.buckets.size > this.options.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Seconds until `key` has a token again (at least 1). */
  retryAfterSeconds(key: string): number {
    const b = this.buckets.get(key);
    if (!b || b.tokens >= 1) return 1;
    return Math.max(1, Math.ceil((1 - b.tokens) / this.options.perSecond));
  }
}
