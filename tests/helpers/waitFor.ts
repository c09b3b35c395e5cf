/** Waiting on conditions and events instead of sleeping; generous timeouts for a loaded 2-core machine. */

/** Resolves once `check()` (sync or async) is truthy, checking at most every `intervalMs`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? 'a condition'}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 10));
  }
}

/** Resolves with the arguments of the next `event` emitted by an `on`/`off` emitter. */
export function nextEvent<A extends unknown[]>(
  emitter: { on(name: string, f: (...args: A) => void): unknown; off(name: string, f: (...args: A) => void): unknown },
  event: string,
  timeoutMs = 20_000,
): Promise<A> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, handler);
      reject(new Error(`timed out waiting for "${event}"`));
    }, timeoutMs);
    const handler = (...args: A) => {
      clearTimeout(timer);
      emitter.off(event, handler);
      resolve(args);
    };
    emitter.on(event, handler);
  });
}
