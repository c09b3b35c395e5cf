/**
 * Rotation and deletion in force on every process before the request that made them is answered (issue
 * 23). With several processes each answers token checks from its own copy of the catalog (PgCatalog's
 * mirror: checks are synchronous), refreshed when PostgreSQL notifies it; so without more, another
 * process kept accepting a rotated token for as long as the notification took (~150 ms measured).
 *
 * How it holds:
 * - every catalog change is numbered in PostgreSQL (`plenary_catalog_changes.v`, written in the change's
 *   own transaction);
 * - every process beats every `beatMs` (and at once when notified): it reads the changes numbered after
 *   the last it applied, applies them (reload the meeting's rows; close the connections whose token is no
 *   longer valid, or all of a deleted meeting), then records in `plenary_processes` the number it has
 *   applied and PostgreSQL's time;
 * - a process trusts its copy only for `leaseMs` after the start of its last successful beat: past that
 *   (it cannot reach the database, or its event loop stalled), every token check answers "try again"
 *   (HTTP 503, sync close 1013, which the page retries) until a beat succeeds;
 * - the process that made a change waits, before answering, until every process seen within `leaseMs`
 *   has applied it. A process not seen for that long has stopped trusting its copy by then (same
 *   reasoning on both sides, on PostgreSQL's clock and the same `leaseMs`), so it cannot accept the old
 *   token either.
 * So once `POST .../tokens/rotate` (or `DELETE`) answers, no process accepts the old token. The wait is
 * usually one notification and one beat (milliseconds); at most `leaseMs` and a beat.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { ensurePgTables, type PgPool } from '../persistence/pgDatabase.js';

const TABLES = `
  CREATE TABLE IF NOT EXISTS plenary_catalog_changes (
    v BIGSERIAL PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS plenary_processes (
    id TEXT PRIMARY KEY,
    applied BIGINT NOT NULL,
    seen_at TIMESTAMPTZ NOT NULL
  );
`;

export interface LeaseOptions {
  /** Beat this often (ms). */
  beatMs: number;
  /** Trust the catalog copy this long after the start of the last successful beat (ms). */
  leaseMs: number;
}

export const DEFAULT_LEASE: LeaseOptions = { beatMs: 500, leaseMs: 3000 };

/** Creates the lease's tables (before the catalog writes its first change). */
export function ensureLeaseTables(pool: PgPool): Promise<void> {
  return ensurePgTables(pool, TABLES);
}

/** Numbers a catalog change inside its transaction; answers its number. */
export async function numberChange(c: Pick<pg.PoolClient, 'query'>, meetingId: string): Promise<number> {
  const r = await c.query<{ v: string }>('INSERT INTO plenary_catalog_changes (meeting_id) VALUES ($1) RETURNING v', [meetingId]);
  return Number(r.rows[0].v);
}

export class CatalogLease {
  /** The last change number this process applied. */
  private applied = 0;
  /** Local time (ms) the last successful beat started; 0 before the first. */
  private trustedSince = 0;
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly pool: PgPool,
    /** This process's id. */
    private readonly origin: string,
    private readonly log: Logger,
    /** Applies the change of one meeting here (reload it; close what it no longer allows). */
    private readonly apply: (meetingId: string) => Promise<void>,
    readonly opts: LeaseOptions = DEFAULT_LEASE,
  ) {}

  /** Starts at the newest change (the catalog was just read whole) and beats. */
  async start(): Promise<void> {
    const r = await this.pool.query<{ v: string | null }>('SELECT max(v) AS v FROM plenary_catalog_changes');
    this.applied = Number(r.rows[0].v ?? 0);
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.opts.beatMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.beating?.catch(() => undefined);
    await this.pool.query('DELETE FROM plenary_processes WHERE id = $1', [this.origin]).catch(() => undefined);
  }

  /** True while this process's copy of the catalog may be trusted (see the module comment). */
  trusted(): boolean {
    return this.trustedSince > 0 && Date.now() - this.trustedSince <= this.opts.leaseMs;
  }

  /** A beat now (after a notification), or right after the running one. */
  beat(): Promise<void> {
    if (this.beating) {
      this.again = true;
      return this.beating;
    }
    this.beating = this.beatOnce()
      .catch((err) => this.log.warn({ err }, 'cluster: the catalog beat failed; retrying'))
      .finally(() => {
        this.beating = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.beat();
        }
      });
    return this.beating;
  }

  /**
   * Resolves once every other process seen within the lease has applied change `v` (or the wait passed
   * the lease and a beat: then none of those that have not can still trust its copy).
   */
  async othersApplied(v: number): Promise<void> {
    const deadline = Date.now() + this.opts.leaseMs + this.opts.beatMs;
    for (let wait = 5; ; wait = Math.min(50, wait * 2)) {
      const r = await this.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM plenary_processes WHERE id <> $1 AND applied < $2 AND seen_at > now() - make_interval(secs => $3)`,
        [this.origin, v, this.opts.leaseMs / 1000],
      );
      if (Number(r.rows[0].n) === 0) return;
      if (Date.now() > deadline) {
        this.log.warn({ change: v }, 'cluster: a process did not apply a catalog change within the lease');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async beatOnce(): Promise<void> {
    if (this.stopped) return;
    const started = Date.now();
    const r = await this.pool.query<{ v: string; meeting_id: string }>('SELECT v, meeting_id FROM plenary_catalog_changes WHERE v > $1 ORDER BY v', [this.applied]);
    let last = this.applied;
    const done = new Set<string>();
    for (const row of r.rows) {
      if (!done.has(row.meeting_id)) {
        done.add(row.meeting_id);
        await this.apply(row.meeting_id);
      }
      last = Math.max(last, Number(row.v));
    }
    await this.pool.query(
      `INSERT INTO plenary_processes (id, applied, seen_at) VALUES ($1, $2, now()) ON CONFLICT (id) DO UPDATE SET applied = excluded.applied, seen_at = excluded.seen_at`,
      [this.origin, last],
    );
    this.applied = last;
    this.trustedSince = started;
    // Changes and stale processes older than a day are of no use to anyone (about one in 1,000 beats).
    if (Math.random() < 0.001) {
      await this.pool.query(`DELETE FROM plenary_catalog_changes WHERE at < now() - interval '1 day'`);
      await this.pool.query(`DELETE FROM plenary_processes WHERE seen_at < now() - interval '1 day'`);
    }
  }
}
