/**
 * Imports, exports and the other heavy work on a meeting's whole state, run in the format workers
 * (WorkerPool.ts) so the event loop, and with it every live edit, never waits for them.
 *
 * Exports: the main thread only reads the meeting's stored rows (a loaded meeting is flushed first, so
 * they hold what its document holds) and hands them over; it never encodes a document. Each export is
 * kept in a small cache keyed by the meeting's state (a loaded room's load and version, or a hash of its
 * stored rows when it is not loaded) and format, and identical requests in flight share one job.
 * Past exports (`export.FMT?at=`, issue 23) are the same jobs on the record's rows up to a moment (the
 * checkpoint stays deflated until the worker inflates it), cached by meeting, record position and format:
 * the board's Past slider asks for `export.json?at=` and so rebuilds off the event loop too. Exports of
 * either kind in flight are limited per token and per meeting: beyond, 429 with Retry-After.
 *
 * Merges (`POST /import`, its dry run) and the next meeting's carry-over are planned in a worker on the
 * stored rows; the main thread only applies the change a merge made, or stores the new meeting's row.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImportError, type ExportContext, type ExportFormat, type ExportResult, type ImportFormat } from '../../shared/formats/index.js';
import { HttpError } from '../http/httpUtil.js';
import type { RoomRegistry } from '../sync/RoomRegistry.js';
import type { ExportAnswer, FormatJob, ImportAnswer, MergeAnswer, NextAnswer, StateRows } from './formatWorker.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import type { CarrySource, NextMeeting } from '../../shared/merge/carryOver.js';
import type { RegistrationList } from '../../shared/formats/registrationList.js';
import { DEFAULT_WORKER_LIMITS, JobError, JobFailed, WorkerPool, type WorkerPoolOptions } from './WorkerPool.js';

export interface FormatJobLimits {
  /** Export jobs in flight per token (a role's link). */
  exportsPerToken: number;
  /** Export jobs in flight per meeting. */
  exportsPerMeeting: number;
  /** Exports kept (all meetings), and their bytes at most. */
  cacheEntries: number;
  cacheBytes: number;
  /** Longest an export / an import may take before its worker is ended (ms). */
  exportTimeoutMs: number;
  importTimeoutMs: number;
}

export const DEFAULT_FORMAT_JOB_LIMITS: FormatJobLimits = {
  exportsPerToken: 2,
  exportsPerMeeting: 6,
  cacheEntries: 64,
  cacheBytes: 128 * 1024 * 1024,
  exportTimeoutMs: 60_000,
  // Within G-FILE-1's 30 s for an answer.
  importTimeoutMs: 25_000,
};

/** Heap of an export worker. */
export const EXPORT_WORKER_LIMITS = { maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };

export class FormatJobs {
  /** Workers reading uploads. */
  readonly pool: WorkerPool;
  /** Workers writing exports. */
  readonly exportPool: WorkerPool;
  private readonly cache = new Map<string, ExportResult>();
  private cachedBytes = 0;
  private readonly inFlight = new Map<string, Promise<ExportResult>>();
  private readonly perToken = new Map<string, number>();
  private readonly perMeeting = new Map<string, number>();

  constructor(
    private readonly rooms: RoomRegistry,
    private readonly limits: FormatJobLimits = DEFAULT_FORMAT_JOB_LIMITS,
    pool: WorkerPoolOptions = {},
  ) {
    const entry = join(dirname(fileURLToPath(String(import.meta.url))), 'formatWorker.ts');
    // Uploads get the smaller heap (no upload may raise the server's memory by more than 512 MB);
    // exports of a 10,000-Tdoc meeting as .xlsx or .docx need more.
    this.pool = new WorkerPool(entry, { resourceLimits: DEFAULT_WORKER_LIMITS, ...pool });
    this.exportPool = new WorkerPool(entry, { resourceLimits: EXPORT_WORKER_LIMITS, ...pool });
  }

  /**
   * A meeting in a format; `client` names who asks (a hash of the token), for the limit per token; `ctx`
   * what the server adds (the reports' attendance, issue 24), part of the cache key.
   */
  async export(id: string, format: ExportFormat, client: string, ctx?: ExportContext): Promise<ExportResult> {
    const { key, rows } = await this.stateOf(id);
    const extra = ctx ? createHash('sha256').update(JSON.stringify(ctx)).digest('base64url') : '';
    return this.cachedExport(`${id}\u0000${format}\u0000${key}\u0000${extra}`, id, client, async () => ({ kind: 'export', format, ctx, updates: await rows() }));
  }

  /**
   * A meeting in a format as it stood at record position `seq` (the rows: the record's checkpoint at or
   * before it, deflated, and the records after it up to it), cached by meeting, position and format and
   * limited like `export`. `rows` is read only when no cached or running export answers.
   */
  async exportPast(id: string, seq: number, format: ExportFormat, client: string, rows: () => Promise<StateRows>): Promise<ExportResult> {
    return this.cachedExport(`${id}\u0000${format}\u0000seq:${seq}`, id, client, async () => ({ kind: 'export', format, ...(await rows()) }));
  }

  /**
   * Plans merging `meeting` into the meeting's stored state, in a worker: the summary, and unless
   * `dryRun` the change the merge made (a Yjs update against that state), for the caller to apply.
   */
  async planMerge(rows: StateRows, meeting: MeetingJson, opts: { dryRun: boolean; by: string; against?: Uint8Array }): Promise<MergeAnswer> {
    return this.job<MergeAnswer>({ kind: 'merge', ...rows, meeting, dryRun: opts.dryRun, by: opts.by, ...(opts.against ? { against: opts.against } : {}) }, this.limits.importTimeoutMs);
  }

  /** The next meeting carried over from the meeting's stored state, in a worker (its base row and JSON). */
  async carryOver(rows: StateRows, source: CarrySource, input: NextMeeting, at: string): Promise<NextAnswer> {
    return this.job<NextAnswer>({ kind: 'next', ...rows, source, input, at }, this.limits.exportTimeoutMs);
  }

  /** The stored rows of a meeting now (flushed first when it is loaded), for a job on its whole state. */
  async rowsOf(id: string): Promise<StateRows> {
    return { updates: await (await this.stateOf(id)).rows() };
  }

  /** A job on the export pool that is not an export (no cache, no per-token limit); failures as 503. */
  private async job<T>(job: FormatJob, timeoutMs: number): Promise<T> {
    try {
      return await this.exportPool.run<T>(job, { timeoutMs });
    } catch (e) {
      if (e instanceof JobError && e.errorName === 'MeetingOpError') throw new HttpError(409, e.message);
      if (e instanceof JobFailed) throw new HttpError(503, `the server could not do this now (${e.message}); try again later`, { 'retry-after': '30' });
      throw e;
    }
  }

  /** An export by cache key: cached, or joined to the same one running, or a new job within the limits. */
  private cachedExport(cacheKey: string, id: string, client: string, job: () => Promise<FormatJob>): Promise<ExportResult> {
    const cached = this.cache.get(cacheKey);
    if (cached) {
      // Most recently used last.
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, cached);
      return Promise.resolve(cached);
    }
    const running = this.inFlight.get(cacheKey);
    if (running) return running;
    if ((this.perToken.get(client) ?? 0) >= this.limits.exportsPerToken || (this.perMeeting.get(id) ?? 0) >= this.limits.exportsPerMeeting) {
      return Promise.reject(new HttpError(429, 'too many exports of this meeting at once; try again in a few seconds', { 'retry-after': '5' }));
    }
    bump(this.perToken, client, 1);
    bump(this.perMeeting, id, 1);
    const p = job()
      .then((j) => this.exportPool.run<ExportAnswer>(j, { timeoutMs: this.limits.exportTimeoutMs }))
      .then(
        (answer) => {
          const out: ExportResult = { data: answer.data, contentType: answer.contentType };
          this.remember(cacheKey, out);
          return out;
        },
        (e: unknown) => {
          if (e instanceof JobFailed && e.why !== 'crashed') {
            throw new HttpError(503, `the export could not be made now (${e.message}); try again later`, { 'retry-after': '30' });
          }
          throw e;
        },
      )
      .finally(() => {
        this.inFlight.delete(cacheKey);
        bump(this.perToken, client, -1);
        bump(this.perMeeting, id, -1);
      });
    this.inFlight.set(cacheKey, p);
    return p;
  }

  /**
   * Reads an upload in a worker: the new meeting's base row, its title and dates, and the warnings.
   * Throws ImportError for a file that cannot be read (also one that needs too much time or memory),
   * RangeError for one nested too deeply, HttpError 503 when the workers are all taken.
   */
  async import(data: Uint8Array, opts: { format: ImportFormat | 'auto'; fileName?: string }): Promise<ImportAnswer> {
    const job: FormatJob = { kind: 'import', data, format: opts.format, fileName: opts.fileName };
    try {
      return await this.pool.run<ImportAnswer>(job, { timeoutMs: this.limits.importTimeoutMs });
    } catch (e) {
      throw this.importFailure(e);
    }
  }

  /** What a failed upload job is told as: ImportError, RangeError, or HttpError 503. */
  private importFailure(e: unknown): Error {
    {
      if (e instanceof JobError) {
        if (e.errorName === 'ImportError') return new ImportError(e.message, e.details as { line?: number; row?: number });
        if (e.errorName === 'RangeError') return new RangeError(e.message);
        return new Error(`reading the upload failed: ${e.message}`);
      }
      if (e instanceof JobFailed) {
        if (e.why === 'timeout') return new ImportError(`the file took longer than ${Math.round(this.limits.importTimeoutMs / 1000)} s to read; refused`);
        if (e.why === 'out-of-memory') return new ImportError('the file needs more memory to read than an upload may use; refused');
        return new HttpError(503, 'the server is busy reading other files; try again in a minute', { 'retry-after': '30' });
      }
      return e instanceof Error ? e : new Error(String(e));
    }
  }

  /**
   * Reads a registration list in a worker (issue 24): ImportError for a list that cannot be read or names
   * no one, HttpError 503 when the workers are all taken.
   */
  async readPeople(data: Uint8Array, opts: { fileName?: string; contentType?: string }): Promise<RegistrationList> {
    try {
      return await this.pool.run<RegistrationList>({ kind: 'people', data, ...opts } satisfies FormatJob, { timeoutMs: this.limits.importTimeoutMs });
    } catch (e) {
      throw this.importFailure(e);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.close(), this.exportPool.close()]);
  }

  /**
   * The meeting's state key (for the cache) and how to read its rows. A loaded meeting is flushed first,
   * so its stored rows hold what its document holds, and keyed by its load and version; a meeting nobody
   * has open by a hash of its stored rows, which are checked (bad ones quarantined) only when no cached
   * export answers. Either way the main thread reads bytes and never encodes a document.
   */
  private async stateOf(id: string): Promise<{ key: string; rows: () => Promise<Uint8Array[]> }> {
    const room = this.rooms.get(id);
    if (room) {
      await room.flush();
      return { key: `room:${room.instance}:${room.version}`, rows: () => this.rooms.readRows(id) };
    }
    const rows = await this.rooms.storedRows(id);
    const h = createHash('sha256');
    for (const r of rows) h.update(r);
    return { key: 'rows:' + h.digest('base64url'), rows: () => this.rooms.checkedRows(id, rows) };
  }

  private remember(key: string, out: ExportResult): void {
    const bytes = typeof out.data === 'string' ? out.data.length : out.data.byteLength;
    if (bytes > this.limits.cacheBytes / 4) return;
    this.cache.set(key, out);
    this.cachedBytes += bytes;
    for (const [k, v] of this.cache) {
      if (this.cache.size <= this.limits.cacheEntries && this.cachedBytes <= this.limits.cacheBytes) break;
      this.cache.delete(k);
      this.cachedBytes -= typeof v.data === 'string' ? v.data.length : v.data.byteLength;
    }
  }
}

function bump(m: Map<string, number>, k: string, by: number): void {
  const n = (m.get(k) ?? 0) + by;
  if (n <= 0) m.delete(k);
  else m.set(k, n);
}
