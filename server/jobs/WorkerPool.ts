/**
 * A small pool of worker threads for the work that must not run on the event loop (reading uploads,
 * writing exports): as many workers as the machine has cores less one (at least one), each with a memory
 * limit (`resourceLimits`) and each job with a time limit after which its worker is ended. Jobs beyond
 * the workers wait in a bounded queue. A worker that ran out of memory or time is replaced.
 */
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits, type Transferable } from 'node:worker_threads';

export interface WorkerPoolOptions {
  /** Workers at most; default availableParallelism() - 1, at least 1. */
  size?: number;
  /** Memory limits of each worker. */
  resourceLimits?: ResourceLimits;
  /** Jobs waiting for a worker at most; more are refused with JobRefused('queue-full'). */
  maxQueued?: number;
}

/** Why a job did not produce its result (not the job's own error, which is rethrown as it was). */
export class JobFailed extends Error {
  constructor(
    readonly why: 'timeout' | 'out-of-memory' | 'queue-full' | 'crashed' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'JobFailed';
  }
}

/** An error thrown inside a job, as the worker reported it. */
export class JobError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'JobError';
  }
}

interface Job {
  message: unknown;
  transfer: Transferable[];
  timeoutMs: number;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

const BOOT_PATH = join(dirname(fileURLToPath(String(import.meta.url))), 'workerBoot.mjs');

export const DEFAULT_WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 32, stackSizeMb: 8 };

export class WorkerPool {
  readonly size: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private closed = false;

  private readonly entry: { href: string };

  constructor(
    /** The worker module (a .ts file, run through tsx): its path. */
    entry: string,
    private readonly opts: WorkerPoolOptions = {},
  ) {
    this.size = Math.max(1, opts.size ?? availableParallelism() - 1);
    this.entry = { href: pathToFileURL(entry).href };
  }

  /** Jobs running or waiting. */
  get busy(): number {
    return [...this.slots].filter((s) => s.job).length + this.queue.length;
  }

  /** Runs one job: posts `message` to a worker and resolves with its answer. */
  run<T>(message: unknown, opts: { timeoutMs: number; transfer?: Transferable[] }): Promise<T> {
    if (this.closed) return Promise.reject(new JobFailed('closed', 'the server is stopping'));
    if (this.queue.length >= (this.opts.maxQueued ?? 64)) {
      return Promise.reject(new JobFailed('queue-full', 'the server is busy with other files; try again in a minute'));
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ message, transfer: opts.transfer ?? [], timeoutMs: opts.timeoutMs, resolve: resolve as (v: unknown) => void, reject });
      this.next();
    });
  }

  /** Ends every worker; waiting and running jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new JobFailed('closed', 'the server is stopping'));
    await Promise.all([...this.slots].map((s) => this.end(s, new JobFailed('closed', 'the server is stopping'))));
  }

  private next(): void {
    while (this.queue.length) {
      let slot = [...this.slots].find((s) => !s.job);
      if (!slot) {
        if (this.slots.size >= this.size) return;
        slot = this.spawn();
      }
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => void this.end(slot, new JobFailed('timeout', `the job took longer than ${Math.round(job.timeoutMs / 1000)} s`)), job.timeoutMs);
      slot.worker.ref();
      slot.worker.postMessage(job.message, job.transfer);
    }
  }

  private spawn(): Slot {
    // Paths, not `new URL('./x', import.meta.url)`: Vite rewrites that pattern into an http: URL when the
    // server runs in a browser-like test environment (jsdom).
    const worker = new Worker(BOOT_PATH, {
      workerData: { entry: this.entry.href },
      resourceLimits: this.opts.resourceLimits ?? DEFAULT_WORKER_LIMITS,
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker };
    this.slots.add(slot);
    worker.on('message', (answer: { ok: boolean; result?: unknown; error?: { name: string; message: string; details?: Record<string, unknown> } }) => {
      const job = slot.job;
      if (!job) return;
      this.settle(slot);
      if (answer.ok) job.resolve(answer.result);
      else job.reject(new JobError(answer.error?.name ?? 'Error', answer.error?.message ?? 'the job failed', answer.error?.details));
      this.next();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      void this.end(slot, new JobFailed(oom ? 'out-of-memory' : 'crashed', oom ? 'the job needed more memory than it may use' : `the worker failed (${err.message})`));
    });
    worker.on('exit', () => void this.end(slot, new JobFailed('crashed', 'the worker stopped')));
    worker.unref();
    return slot;
  }

  private settle(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    slot.worker.unref();
  }

  /** Ends a worker (its job, if any, fails with `why`) and lets a new one take the queue. */
  private async end(slot: Slot, why: JobFailed): Promise<void> {
    if (!this.slots.delete(slot)) return;
    const job = slot.job;
    this.settle(slot);
    job?.reject(why);
    await slot.worker.terminate().catch(() => undefined);
    if (!this.closed) this.next();
  }
}
