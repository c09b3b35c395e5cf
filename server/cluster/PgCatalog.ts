/**
 * The meeting catalog when the database is PostgreSQL. MeetingCatalog's interface is synchronous (token
 * checks run on every socket upgrade), so this keeps a mirror of the PostgreSQL tables in an in-memory
 * SQLite database and answers from it; every change is written through to PostgreSQL in order, on one
 * queue, and announced on channel `plenary_catalog` in the same transaction. The other processes reload
 * that meeting's rows when they hear of it (ClusterSync), and reload everything after their listening
 * connection comes back, so a missed notification is healed.
 *
 * Every change is numbered in its transaction (CatalogLease.ts), and `settled()` waits until every live
 * process has applied it: a rotation or a deletion is in force everywhere once its request is answered.
 * While this process's lease has run out (it could not read the changes lately), `check` answers
 * 'unavailable' (try again) instead of trusting a copy that may be stale.
 *
 * Limits, said plainly: two processes rotating the same role of the same meeting at the same instant
 * each write their token, and the last commit wins everywhere after the reload.
 */
import type { Logger } from 'pino';
import { MeetingCatalog, type MeetingSummary, type RoleTokens } from '../meetings/MeetingCatalog.js';
import { openDatabase, type Db } from '../persistence/openDatabase.js';
import { inTransaction, type PgPool } from '../persistence/pgDatabase.js';
import { ROLES, type Role } from '../access/roles.js';
import { ensureLeaseTables, numberChange, type CatalogLease } from './CatalogLease.js';
import type { TokenCheck } from '../meetings/MeetingCatalog.js';

/** The NOTIFY channel of catalog changes. */
export const CATALOG_CHANNEL = 'plenary_catalog';

/** What a catalog notification says: meeting, origin process, and what happened. */
export interface CatalogEvent {
  m: string;
  o: string;
  ev: 'change' | 'rotate' | 'remove' | 'people';
  roles?: Role[];
  /** `people` (issue 24, PgPeople.ts): the people whose links were replaced or who were removed. */
  persons?: string[];
  /** The change's number (CatalogLease.ts). */
  v?: number;
}

const MEETING_COLUMNS = ['id', 'title', 'start_date', 'end_date', 'created_at', 'body', 'venue', 'tdoc_count', 'updated_at', 'archived'] as const;

type Row = Record<string, unknown>;

export class PgCatalog extends MeetingCatalog {
  private queue: Promise<void> = Promise.resolve();
  /** The outcome of the last write (rejected when it failed), reported once by settled(). */
  private lastWrite: Promise<void> | undefined;
  /** The newest change this process wrote that the others have not been waited for yet. */
  private unconfirmed = 0;
  /** Set by the cluster once it beats (ClusterSync): the catalog's trust and the wait for the others. */
  lease: CatalogLease | undefined;

  private constructor(
    private readonly mirror: Db,
    sealingKey: Uint8Array,
    private readonly pool: PgPool,
    private readonly log: Logger,
    /** This process's id in notifications (its own are not reloaded). */
    readonly origin: string,
  ) {
    super(mirror, sealingKey);
  }

  /** The in-memory mirror (PgPeople keeps the registered people in it too). */
  get mirrorDb(): Db {
    return this.mirror;
  }

  /** Opens the catalog on a migrated database, its mirror filled. */
  static async open(pool: PgPool, sealingKey: Uint8Array, log: Logger, origin: string): Promise<PgCatalog> {
    await ensureLeaseTables(pool);
    const c = new PgCatalog(openDatabase(':memory:'), sealingKey, pool, log, origin);
    await c.reloadAll();
    return c;
  }

  override create(...args: Parameters<MeetingCatalog['create']>): RoleTokens {
    const tokens = super.create(...args);
    this.write(args[0].id, 'change');
    return tokens;
  }

  override setArchived(id: string, archived: boolean): boolean {
    const ok = super.setArchived(id, archived);
    if (ok) this.write(id, 'change');
    return ok;
  }

  override touch(id: string, at: string): void {
    super.touch(id, at);
    this.lastWrite = this.run(() => this.pool.query('UPDATE meetings SET updated_at = $1 WHERE id = $2 AND (updated_at IS NULL OR updated_at < $1)', [at, id]).then(() => {})).raw;
  }

  override updateMeta(id: string, meta: MeetingSummary): void {
    super.updateMeta(id, meta);
    this.lastWrite = this.run(() =>
      this.pool
        .query('UPDATE meetings SET title = $1, start_date = $2, end_date = $3, body = $4, venue = $5, tdoc_count = $6 WHERE id = $7', [
          meta.title,
          meta.startDate,
          meta.endDate,
          meta.body,
          meta.venue,
          meta.tdocCount,
          id,
        ])
        .then(() => {}),
    ).raw;
  }

  override rotate(meetingId: string, roles: readonly Role[] = ROLES): RoleTokens {
    const tokens = super.rotate(meetingId, roles);
    this.write(meetingId, 'rotate', [...roles]);
    return tokens;
  }

  override remove(id: string): boolean {
    const ok = super.remove(id);
    if (ok) this.write(id, 'remove');
    return ok;
  }

  /**
   * Resolves once every change made so far is committed in PostgreSQL and applied by every live process
   * (CatalogLease.othersApplied); rejects if one of them failed.
   */
  override async settled(): Promise<void> {
    await this.queue;
    const last = this.lastWrite;
    this.lastWrite = undefined;
    try {
      await last;
    } catch (e) {
      throw new Error(`the meeting catalog could not be stored in PostgreSQL (${(e as Error)?.message ?? e})`);
    }
    const v = this.unconfirmed;
    this.unconfirmed = 0;
    if (v && this.lease) await this.lease.othersApplied(v);
  }

  /** As MeetingCatalog's, but 'unavailable' while this process's lease has run out (its copy may be stale). */
  override check(meetingId: string, token: string | null | undefined): TokenCheck {
    if (this.lease && !this.lease.trusted()) return { ok: false, why: 'unavailable' };
    return super.check(meetingId, token);
  }

  /** Replaces the mirror's rows of one meeting with PostgreSQL's (after another process changed it). */
  reloadMeeting(id: string): Promise<void> {
    return this.run(async () => {
      const [m, t, r] = await Promise.all([
        this.pool.query('SELECT * FROM meetings WHERE id = $1', [id]),
        this.pool.query('SELECT * FROM tokens WHERE meeting_id = $1', [id]),
        this.pool.query('SELECT * FROM retired_tokens WHERE meeting_id = $1', [id]),
      ]);
      this.mirror.transaction(() => {
        this.forgetInMirror(id);
        this.fillMirror(m.rows, t.rows, r.rows);
      })();
    }).next;
  }

  /** Replaces the whole mirror with PostgreSQL's rows (on start, and after the listener reconnects). */
  reloadAll(): Promise<void> {
    return this.run(async () => {
      const [m, t, r] = await Promise.all([
        this.pool.query('SELECT * FROM meetings'),
        this.pool.query('SELECT * FROM tokens'),
        this.pool.query('SELECT * FROM retired_tokens'),
      ]);
      this.mirror.transaction(() => {
        this.mirror.exec('DELETE FROM tokens; DELETE FROM retired_tokens; DELETE FROM meetings;');
        this.fillMirror(m.rows, t.rows, r.rows);
      })();
    }).next;
  }

  /** Closes the mirror once the queued writes are done. */
  async closeMirror(): Promise<void> {
    await this.queue;
    this.mirror.close();
  }

  private forgetInMirror(id: string): void {
    this.mirror.prepare('DELETE FROM tokens WHERE meeting_id = ?').run(id);
    this.mirror.prepare('DELETE FROM retired_tokens WHERE meeting_id = ?').run(id);
    this.mirror.prepare('DELETE FROM meetings WHERE id = ?').run(id);
  }

  private fillMirror(meetings: Row[], tokens: Row[], retired: Row[]): void {
    const im = this.mirror.prepare(`INSERT INTO meetings (${MEETING_COLUMNS.join(', ')}) VALUES (${MEETING_COLUMNS.map(() => '?').join(', ')})`);
    const it = this.mirror.prepare('INSERT INTO tokens (meeting_id, role, hash, sealed, created_at) VALUES (?, ?, ?, ?, ?)');
    const ir = this.mirror.prepare('INSERT OR IGNORE INTO retired_tokens (hash, meeting_id, retired_at) VALUES (?, ?, ?)');
    for (const m of meetings) im.run(...MEETING_COLUMNS.map((c) => m[c] as string | number | null));
    for (const t of tokens) it.run(t.meeting_id, t.role, t.hash, t.sealed, t.created_at);
    for (const r of retired) ir.run(r.hash, r.meeting_id, r.retired_at);
  }

  /** Writes the mirror's rows of a meeting (record, tokens, retired tokens) to PostgreSQL and announces it. */
  private write(id: string, ev: CatalogEvent['ev'], roles?: Role[]): void {
    const meeting = this.mirror.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as Row | undefined;
    const tokens = this.mirror.prepare('SELECT * FROM tokens WHERE meeting_id = ?').all(id) as Row[];
    const retired = this.mirror.prepare('SELECT * FROM retired_tokens WHERE meeting_id = ?').all(id) as Row[];
    const base: CatalogEvent = { m: id, o: this.origin, ev, ...(roles ? { roles } : {}) };
    const { raw } = this.run(() =>
      inTransaction(this.pool, async (c) => {
        const v = await numberChange(c, id);
        const event = { ...base, v };
        if (!meeting) {
          await c.query('DELETE FROM tokens WHERE meeting_id = $1', [id]);
          await c.query('DELETE FROM retired_tokens WHERE meeting_id = $1', [id]);
          await c.query('DELETE FROM meetings WHERE id = $1', [id]);
        } else {
          const cols = MEETING_COLUMNS.filter((col) => col !== 'id');
          await c.query(
            `INSERT INTO meetings (${MEETING_COLUMNS.join(', ')}) VALUES (${MEETING_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
             ON CONFLICT (id) DO UPDATE SET ${cols.map((col) => `${col} = excluded.${col}`).join(', ')}`,
            MEETING_COLUMNS.map((col) => meeting[col]),
          );
          for (const r of retired) {
            await c.query('INSERT INTO retired_tokens (hash, meeting_id, retired_at) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING', [r.hash, r.meeting_id, r.retired_at]);
          }
          await c.query('DELETE FROM tokens WHERE meeting_id = $1', [id]);
          for (const t of tokens) {
            await c.query('INSERT INTO tokens (meeting_id, role, hash, sealed, created_at) VALUES ($1, $2, $3, $4, $5)', [t.meeting_id, t.role, t.hash, t.sealed, t.created_at]);
          }
        }
        await c.query('SELECT pg_notify($1, $2)', [CATALOG_CHANNEL, JSON.stringify(event)]);
        return v;
      }).then((v) => {
        this.unconfirmed = Math.max(this.unconfirmed, v);
      }),
    );
    this.lastWrite = raw;
    // Refused: the mirror goes back to what PostgreSQL holds, so this process does not serve a change
    // that no other process will ever see.
    raw.catch(() => this.reloadMeeting(id));
  }

  /** Runs `f` after everything queued before it; a failure is logged, the queue goes on (`raw` keeps it). */
  private run(f: () => Promise<void>): { raw: Promise<void>; next: Promise<void> } {
    const raw = this.queue.then(f);
    const next = raw.catch((err) => this.log.error({ err }, 'catalog: a PostgreSQL write or reload failed'));
    this.queue = next;
    return { raw, next };
  }
}
