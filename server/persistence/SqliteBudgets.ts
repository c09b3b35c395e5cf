/**
 * BudgetStore on the embedded SQLite database (one process: the tables live beside the meetings, so a
 * restart keeps the budgets). A take is one transaction; a refused one only reads (no commit to sync).
 *
 * Budgets need no fsync (a power cut that loses the last seconds of them gives someone a few requests
 * back), so they are written through a connection of their own with `synchronous=OFF`: a burst of
 * delegates' requests does not put an fsync per request in front of the editors' appends.
 */
import Database from 'better-sqlite3';
import { isFileDatabase, type Db } from './openDatabase.js';
import { FALLBACK_PAGES } from './WalCheckpointer.js';
import { decide, fullAt, levelAt, type Bucket, type BudgetStore, type TakeResult } from './BudgetStore.js';

/** Created on first use (like quarantined_updates): no schema version for tables only this module reads. */
const TABLES = `
  CREATE TABLE IF NOT EXISTS participation_budgets (
    key TEXT PRIMARY KEY,
    tokens REAL NOT NULL,
    at INTEGER NOT NULL,
    full_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS participation_marks (
    meeting_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    holder TEXT NOT NULL,
    item TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, kind, holder, item)
  );
`;

export class SqliteBudgets implements BudgetStore {
  private readonly q;
  private readonly takeAll: Database.Transaction<(buckets: readonly Bucket[], now: number) => TakeResult>;

  private readonly db: Db;

  constructor(meetingsDb: Db) {
    const db = isFileDatabase(meetingsDb) ? new Database(meetingsDb.name) : meetingsDb;
    if (db !== meetingsDb) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = OFF');
      db.pragma('busy_timeout = 5000');
      // The store's checkpoint thread copies the log back (WalCheckpointer.ts); never on this thread's commit.
      db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
    }
    this.db = db;
    db.exec(TABLES);
    this.q = {
      get: db.prepare<[string], { tokens: number; at: number }>('SELECT tokens, at FROM participation_budgets WHERE key = ?'),
      put: db.prepare<[string, number, number, number]>(
        `INSERT INTO participation_budgets (key, tokens, at, full_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, at = excluded.at, full_at = excluded.full_at`,
      ),
      mark: db.prepare<[string, string, string, string, number]>('INSERT OR IGNORE INTO participation_marks (meeting_id, kind, holder, item, at) VALUES (?, ?, ?, ?, ?)'),
      items: db.prepare<[string, string, string], { item: string }>('SELECT item FROM participation_marks WHERE meeting_id = ? AND kind = ? AND holder = ?'),
      count: db.prepare<[string, string, string], { n: number }>('SELECT count(*) AS n FROM participation_marks WHERE meeting_id = ? AND kind = ? AND holder = ?'),
      unmark: db.prepare<[string, string, string, string]>('DELETE FROM participation_marks WHERE meeting_id = ? AND kind = ? AND holder = ? AND item = ?'),
      pruneBudgets: db.prepare<[number]>('DELETE FROM participation_budgets WHERE full_at <= ?'),
      pruneMarks: db.prepare('DELETE FROM participation_marks WHERE meeting_id NOT IN (SELECT id FROM meetings)'),
    };
    this.takeAll = db.transaction((buckets: readonly Bucket[], now: number) => {
      const levels = buckets.map((b) => levelAt(b, this.q.get.get(b.key), now));
      const answer = decide(buckets, levels);
      if (answer.ok) buckets.forEach((b, i) => this.q.put.run(b.key, levels[i] - 1, now, fullAt(b, levels[i] - 1, now)));
      return answer;
    });
  }

  async take(buckets: readonly Bucket[], now: number): Promise<TakeResult> {
    // IMMEDIATE: the write lock is asked for at BEGIN, where SQLite waits (busy_timeout) for another
    // connection's writer, instead of at the first write after the reads, where it fails at once.
    return buckets.length ? this.takeAll.immediate(buckets, now) : { ok: true, retryAfterSeconds: 0 };
  }

  async mark(meetingId: string, kind: string, holder: string, item: string, now: number): Promise<void> {
    this.q.mark.run(meetingId, kind, holder, item, now);
  }

  async count(meetingId: string, kind: string, holder: string, among?: ReadonlySet<string>): Promise<number> {
    if (!among) return this.q.count.get(meetingId, kind, holder)!.n;
    const items = this.q.items.all(meetingId, kind, holder).map((r) => r.item);
    const gone = items.filter((i) => !among.has(i));
    if (gone.length) this.db.transaction(() => gone.forEach((i) => this.q.unmark.run(meetingId, kind, holder, i)))();
    return items.length - gone.length;
  }

  /** Closes the budgets' own connection (not the meetings'). */
  close(meetingsDb: Db): void {
    if (this.db !== meetingsDb && this.db.open) this.db.close();
  }

  async prune(now: number): Promise<void> {
    this.q.pruneBudgets.run(now);
    this.q.pruneMarks.run();
  }
}
