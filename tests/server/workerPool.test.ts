/**
 * The worker pool behind imports and exports (server/jobs/WorkerPool.ts), with real worker threads
 * running a TypeScript module through tsx: answers, errors, the time limit that ends a worker, the memory
 * limit, the bounded queue, and a fresh worker after each failure.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { JobError, JobFailed, WorkerPool } from '../../server/jobs/WorkerPool.js';

const ENTRY = fileURLToPath(new URL('../fixtures/workers/testJobs.ts', import.meta.url));

function pool(opts: ConstructorParameters<typeof WorkerPool>[1] = {}): WorkerPool {
  const p = new WorkerPool(ENTRY, { size: 1, ...opts });
  onTestFinished(() => p.close());
  return p;
}

describe('the worker pool', () => {
  it('runs jobs in a worker and reports their errors', async () => {
    const p = pool();
    expect(await p.run({ kind: 'echo', value: { a: [1, 2] } }, { timeoutMs: 30_000 })).toEqual({ a: [1, 2] });
    const err = await p.run({ kind: 'throw' }, { timeoutMs: 30_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobError);
    expect((err as JobError).errorName).toBe('RangeError');
  });

  it('ends a job that runs past its time limit, and the next job gets a fresh worker', async () => {
    const p = pool();
    await p.run({ kind: 'echo', value: 1 }, { timeoutMs: 30_000 });
    const err = await p.run({ kind: 'spin' }, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobFailed);
    expect((err as JobFailed).why).toBe('timeout');
    expect(await p.run({ kind: 'echo', value: 2 }, { timeoutMs: 30_000 })).toBe(2);
  });

  it('ends a job that needs more memory than the limit, and goes on', async () => {
    const p = pool({ resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 } });
    const err = await p.run({ kind: 'hog' }, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobFailed);
    expect((err as JobFailed).why).toBe('out-of-memory');
    expect(await p.run({ kind: 'echo', value: 3 }, { timeoutMs: 30_000 })).toBe(3);
  });

  it('refuses jobs beyond its queue, and runs those it took', async () => {
    const p = pool({ maxQueued: 2 });
    const taken = [1, 2, 3].map((v) => p.run({ kind: 'echo', value: v }, { timeoutMs: 30_000 }));
    const refused = await p.run({ kind: 'echo', value: 4 }, { timeoutMs: 30_000 }).catch((e: unknown) => e);
    expect((refused as JobFailed).why).toBe('queue-full');
    expect(await Promise.all(taken)).toEqual([1, 2, 3]);
  });
});
