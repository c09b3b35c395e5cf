/**
 * Throttles failed token checks per client address, so a stranger cannot try tokens or meeting ids at
 * network speed. After `maxFailures` failures within `windowMs` from one address, every further attempt
 * from it is refused without checking until the window has passed (sync: close 4429; HTTP: 429).
 *
 * Limits: the address is the socket's peer; behind a reverse proxy every client shares the proxy's
 * address (X-Forwarded-For is not trusted), so the threshold must then cover the whole room. At most
 * `maxAddresses` addresses are tracked; beyond that the oldest are forgotten.
 */

/** Settings; defaults in DEFAULT_AUTH_THROTTLE. */
export interface AuthThrottleOptions {
  /** Failed checks allowed per address within the window. */
  maxFailures: number;
  windowMs: number;
  maxAddresses: number;
}

export const DEFAULT_AUTH_THROTTLE: AuthThrottleOptions = { maxFailures: 30, windowMs: 60_000, maxAddresses: 10_000 };

export class AuthThrottle {
  /** Address → times of its failures within the window (oldest first). */
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: AuthThrottleOptions = DEFAULT_AUTH_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when attempts from `address` are refused without checking. */
  isBlocked(address: string): boolean {
    return this.recent(address).length >= this.options.maxFailures;
  }

  /** Records a failed check; returns true when this failure is the one that starts the block. */
  fail(address: string): boolean {
    const list = this.recent(address);
    list.push(this.now());
    this.failures.delete(address);
    this.failures.set(address, list);
    while (this.failures.size > this.options.maxAddresses) {
      this.failures.delete(this.failures.keys().next().value as string);
    }
    return list.length === this.options.maxFailures;
  }

  /** Seconds until `address` may try again (at least 1). */
  retryAfterSeconds(address: string): number {
    const list = this.recent(address);
    const oldest = list[list.length - this.options.maxFailures] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.options.windowMs - this.now()) / 1000));
  }

  private recent(address: string): number[] {
    const list = this.failures.get(address) ?? [];
    const since = this.now() - this.options.windowMs;
    let drop = 0;
    while (drop < list.length && list[drop] <= since) drop++;
    if (drop) list.splice(0, drop);
    if (list.length === 0) this.failures.delete(address);
    return list;
  }
}
