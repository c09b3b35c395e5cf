/**
 * The deadlines of e-mail approval rounds that are still to be evaluated (issue 26), kept beside the
 * meetings so that the server's clock finds them after a restart and without loading every meeting, and
 * so that with several processes exactly one evaluates each: a process claims a due row with a
 * conditional update (the row still has that deadline and no live claim), evaluates the round in the
 * meeting's document, then deletes the row. A claim lapses after its lease, so a process that died
 * holding one does not keep the round from being evaluated by another.
 *
 * The rows mirror the documents (ApprovalClock.sync): a round whose deadline moved gets its new deadline
 * and loses any claim; a round closed, decided or deleted loses its row.
 *
 * Tables are made on first use (CREATE TABLE IF NOT EXISTS; on PostgreSQL under an advisory lock), not by
 * a numbered migration: no other part of the server reads them.
 */
import type { Db } from './openDatabase.js';
import { inTransaction, type PgPool } from './pgDatabase.js';

/** One round's deadline to evaluate. */
export interface PendingDeadline {
  meetingId: string;
  roundId: string;
  /** ms since the epoch. */
  deadline: number;
}

export interface DeadlineStore {
  /** Makes the meeting's rows exactly `rounds` (deadline changes drop the claim). */
  sync(meetingId: string, rounds: readonly { roundId: string; deadline: number }[]): Promise<void>;
  /** The earliest deadline not claimed by a live lease at `nowMs`, or undefined. */
  next(nowMs: number): Promise<number | undefined>;
  /** Rows due at `nowMs` that nobody holds a live claim on, earliest first. */
  due(nowMs: number, limit: number): Promise<PendingDeadline[]>;
  /** Claims a row for `owner` until `untilMs`; true for the one caller that got it. */
  claim(d: PendingDeadline, owner: string, nowMs: number, untilMs: number): Promise<boolean>;
  /** Removes a row once evaluated (only while it still has that deadline). */
  done(d: PendingDeadline): Promise<void>;
  /** Removes every row of a meeting (deleted). */
  removeMeeting(meetingId: string): Promise<void>;
}

const TABLE = `CREATE TABLE IF NOT EXISTS approval_deadlines (
  meeting_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  deadline BIGINT NOT NULL,
  claimed_by TEXT,
  claimed_until BIGINT,
  PRIMARY KEY (meeting_id, round_id)
)`;

/** DeadlineStore on the embedded SQLite database (one process). */
export class SqliteDeadlines implements DeadlineStore {
  private readonly syncTx;
  private readonly q;

  constructor(db: Db) {
    db.exec(TABLE);
    this.q = {
      of: db.prepare<[string], { round_id: string; deadline: number }>('SELECT round_id, deadline FROM approval_deadlines WHERE meeting_id = ?'),
      del: db.prepare<[string, string]>('DELETE FROM approval_deadlines WHERE meeting_id = ? AND round_id = ?'),
      put: db.prepare<[string, string, number]>(
        'INSERT INTO approval_deadlines (meeting_id, round_id, deadline) VALUES (?, ?, ?) ON CONFLICT (meeting_id, round_id) DO UPDATE SET deadline = excluded.deadline, claimed_by = NULL, claimed_until = NULL',
      ),
      next: db.prepare<[number], { d: number | null }>('SELECT min(deadline) AS d FROM approval_deadlines WHERE claimed_until IS NULL OR claimed_until < ?'),
      due: db.prepare<[number, number, number], { meeting_id: string; round_id: string; deadline: number }>(
        'SELECT meeting_id, round_id, deadline FROM approval_deadlines WHERE deadline <= ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY deadline LIMIT ?',
      ),
      claim: db.prepare<[string, number, string, string, number, number]>(
        'UPDATE approval_deadlines SET claimed_by = ?, claimed_until = ? WHERE meeting_id = ? AND round_id = ? AND deadline = ? AND (claimed_until IS NULL OR claimed_until < ?)',
      ),
      done: db.prepare<[string, string, number]>('DELETE FROM approval_deadlines WHERE meeting_id = ? AND round_id = ? AND deadline = ?'),
      remove: db.prepare<[string]>('DELETE FROM approval_deadlines WHERE meeting_id = ?'),
    };
    this.syncTx = db.transaction((meetingId: string, rounds: readonly { roundId: string; deadline: number }[]) => {
      const want = new Map(rounds.map((r) => [r.roundId, r.deadline]));
      for (const row of this.q.of.all(meetingId)) {
        if (!want.has(row.round_id)) this.q.del.run(meetingId, row.round_id);
        else if (Number(row.deadline) === want.get(row.round_id)) want.delete(row.round_id);
      }
      for (const [roundId, deadline] of want) this.q.put.run(meetingId, roundId, deadline);
    });
  }

  async sync(meetingId: string, rounds: readonly { roundId: string; deadline: number }[]): Promise<void> {
    this.syncTx(meetingId, rounds);
  }

  async next(nowMs: number): Promise<number | undefined> {
    const d = this.q.next.get(nowMs)?.d;
    return d === null || d === undefined ? undefined : Number(d);
  }

  async due(nowMs: number, limit: number): Promise<PendingDeadline[]> {
    return this.q.due.all(nowMs, nowMs, limit).map((r) => ({ meetingId: r.meeting_id, roundId: r.round_id, deadline: Number(r.deadline) }));
  }

  async claim(d: PendingDeadline, owner: string, nowMs: number, untilMs: number): Promise<boolean> {
    return this.q.claim.run(owner, untilMs, d.meetingId, d.roundId, d.deadline, nowMs).changes === 1;
  }

  async done(d: PendingDeadline): Promise<void> {
    this.q.done.run(d.meetingId, d.roundId, d.deadline);
  }

  async removeMeeting(meetingId: string): Promise<void> {
    this.q.remove.run(meetingId);
  }
}

/** Advisory lock key while making the side tables ('pos' + 1). */
const SIDE_TABLES_LOCK = 0x706f7301;

/** Runs CREATE TABLE IF NOT EXISTS statements on PostgreSQL under one advisory lock (processes starting together). */
export async function ensurePgTables(pool: PgPool, statements: readonly string[]): Promise<void> {
  await inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [SIDE_TABLES_LOCK]);
    for (const s of statements) await c.query(s);
  });
}

/** DeadlineStore on PostgreSQL, shared by several processes: the claim is the conditional update. */
export class PgDeadlines implements DeadlineStore {
  private ready: Promise<void>;

  constructor(private readonly pool: PgPool) {
    this.ready = ensurePgTables(pool, [TABLE]);
  }

  async sync(meetingId: string, rounds: readonly { roundId: string; deadline: number }[]): Promise<void> {
    await this.ready;
    await inTransaction(this.pool, async (c) => {
      const ids = rounds.map((r) => r.roundId);
      await c.query('DELETE FROM approval_deadlines WHERE meeting_id = $1 AND NOT (round_id = ANY($2::text[]))', [meetingId, ids]);
      for (const r of rounds) {
        await c.query(
          `INSERT INTO approval_deadlines (meeting_id, round_id, deadline) VALUES ($1, $2, $3)
           ON CONFLICT (meeting_id, round_id) DO UPDATE SET deadline = excluded.deadline, claimed_by = NULL, claimed_until = NULL
           WHERE approval_deadlines.deadline <> excluded.deadline`,
          [meetingId, r.roundId, r.deadline],
        );
      }
    });
  }

  async next(nowMs: number): Promise<number | undefined> {
    await this.ready;
    const r = await this.pool.query<{ d: string | null }>('SELECT min(deadline) AS d FROM approval_deadlines WHERE claimed_until IS NULL OR claimed_until < $1', [nowMs]);
    const d = r.rows[0]?.d;
    return d === null || d === undefined ? undefined : Number(d);
  }

  async due(nowMs: number, limit: number): Promise<PendingDeadline[]> {
    await this.ready;
    const r = await this.pool.query<{ meeting_id: string; round_id: string; deadline: string }>(
      'SELECT meeting_id, round_id, deadline FROM approval_deadlines WHERE deadline <= $1 AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY deadline LIMIT $2',
      [nowMs, limit],
    );
    return r.rows.map((x) => ({ meetingId: x.meeting_id, roundId: x.round_id, deadline: Number(x.deadline) }));
  }

  async claim(d: PendingDeadline, owner: string, nowMs: number, untilMs: number): Promise<boolean> {
    await this.ready;
    const r = await this.pool.query(
      'UPDATE approval_deadlines SET claimed_by = $1, claimed_until = $2 WHERE meeting_id = $3 AND round_id = $4 AND deadline = $5 AND (claimed_until IS NULL OR claimed_until < $6)',
      [owner, untilMs, d.meetingId, d.roundId, d.deadline, nowMs],
    );
    return r.rowCount === 1;
  }

  async done(d: PendingDeadline): Promise<void> {
    await this.ready;
    await this.pool.query('DELETE FROM approval_deadlines WHERE meeting_id = $1 AND round_id = $2 AND deadline = $3', [d.meetingId, d.roundId, d.deadline]);
  }

  async removeMeeting(meetingId: string): Promise<void> {
    await this.ready;
    await this.pool.query('DELETE FROM approval_deadlines WHERE meeting_id = $1', [meetingId]);
  }
}
