/**
 * WAL checkpoints off the event loop (issue 27). SQLite in WAL mode appends every commit to the
 * write-ahead log and, by default, the commit that takes the log past 1,000 pages also copies the log
 * back into the database file and syncs it (an automatic checkpoint): tens of milliseconds on the thread
 * that committed, which here is the event loop, in front of that edit's broadcast. So the meetings'
 * connections only checkpoint as a fallback (past FALLBACK_PAGES), and a thread of its own
 * (walCheckpointWorker.mjs) with its own connection runs a PASSIVE checkpoint once 1,000 frames wait or
 * 2 s after the last commit (it reads the log's length from the wal-index, see the worker): it copies
 * what it can without waiting for, or blocking, a reader or a writer (SQLite's WAL lets a checkpoint run
 * beside commits). Only PASSIVE: the other modes take the log's write lock, and a server transaction
 * that reads before it writes would then fail at once with "database is locked". Started after the
 * first START_AFTER_COMMITS appends; nothing for an in-memory database.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { isFileDatabase, type Db } from './openDatabase.js';

const WORKER_PATH = join(dirname(fileURLToPath(String(import.meta.url))), 'walCheckpointWorker.mjs');

/**
 * A connection's own automatic checkpoint, kept as a fallback (~40 MB of log): should the thread stop, or
 * commits come so fast that its checkpoints never catch up with the log's end (the log starts over only
 * when a commit finds all of it copied back), the connection's own checkpoint after a commit does, as SQLite
 * does by default at 1,000 pages.
 */
export const FALLBACK_PAGES = 10_000;
/** SQLite's default, put back when the thread cannot run. */
const SQLITE_DEFAULT_PAGES = 1_000;
/** Commits before the thread starts: a server that only creates a meeting or two never needs it. */
export const START_AFTER_COMMITS = 50;
/** When the thread checkpoints: once this many frames wait (SQLite's own default), or after commits stopped this long. */
export const CHECKPOINT_PAGES = 1_000;
export const CHECKPOINT_IDLE_MS = 2_000;
/** How often it looks at the log's length. */
const POLL_MS = 200;

export class WalCheckpointer {
  private worker: Worker | undefined;
  private stopped = false;
  private commits = 0;
  /** Pages copied back and checkpoints that copied any (for tests and the log). */
  pages = 0;
  checkpoints = 0;

  constructor(
    private readonly db: Db,
    private readonly log?: Pick<Logger, 'warn' | 'debug'>,
    private readonly when: { pages: number; idleMs: number; pollMs: number } = { pages: CHECKPOINT_PAGES, idleMs: CHECKPOINT_IDLE_MS, pollMs: POLL_MS },
  ) {}

  /** True for a database in a file (an in-memory one has no log to checkpoint). */
  get applies(): boolean {
    return isFileDatabase(this.db);
  }

  /** Counts a commit; the START_AFTER_COMMITS-th starts the thread. */
  committed(): void {
    if (++this.commits === START_AFTER_COMMITS) this.start();
  }

  /** Starts the thread (once); until then the connection checkpoints as SQLite does by default. */
  start(): void {
    if (this.worker || this.stopped || !this.applies) return;
    try {
      this.worker = new Worker(WORKER_PATH, { workerData: { file: this.db.name, ...this.when }, stdout: false, stderr: false });
    } catch (e) {
      this.log?.warn({ err: (e as Error).message }, 'the WAL checkpoint thread could not start; the connection checkpoints itself');
      return;
    }
    this.worker.unref();
    this.db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
    this.worker.on('message', (m: { type: string; pages?: number; ms?: number; message?: string }) => {
      if (m.type === 'checkpointed') {
        this.pages += m.pages ?? 0;
        this.checkpoints++;
      } else if (m.type === 'error') this.log?.debug({ err: m.message }, 'WAL checkpoint failed; retried at the next');
    });
    this.worker.on('error', (e) => this.fallBack(e));
    this.worker.on('exit', () => {
      if (!this.stopped) this.fallBack(new Error('the WAL checkpoint thread stopped'));
    });
  }

  /** Stops the thread (before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    const w = this.worker;
    this.worker = undefined;
    if (!w) return;
    const gone = new Promise<void>((ok) => w.once('exit', () => ok()));
    w.postMessage('stop');
    const timer = setTimeout(() => void w.terminate(), 2_000);
    await gone;
    clearTimeout(timer);
  }

  private fallBack(e: Error): void {
    this.worker = undefined;
    this.log?.warn({ err: e.message }, 'the WAL checkpoint thread stopped; the connection checkpoints itself');
    try {
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    } catch {
      // closing
    }
  }
}
