/**
 * BudgetStore on PostgreSQL (DATABASE_URL): one budget for every process. A take locks its buckets' rows
 * in one transaction (a missing row is created full first), so two processes spending the same address's
 * budget at the same moment take one token each, never the same one; a refused take changes nothing.
 */
import { decide, fullAt, levelAt, type Bucket, type BudgetStore, type TakeResult } from './BudgetStore.js';
import { ensurePgTables, inTransaction, type PgPool } from './pgDatabase.js';

const TABLES = `
  CREATE TABLE IF NOT EXISTS participation_budgets (
    key TEXT PRIMARY KEY,
    tokens DOUBLE PRECISION NOT NULL,
    at BIGINT NOT NULL,
    full_at BIGINT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS participation_marks (
    meeting_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    holder TEXT NOT NULL,
    item TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, kind, holder, item)
  );
`;

export class PgBudgets implements BudgetStore {
  private ready: Promise<void> | undefined;

  constructor(private readonly pool: PgPool) {}

  async take(buckets: readonly Bucket[], now: number): Promise<TakeResult> {
    if (!buckets.length) return { ok: true, retryAfterSeconds: 0 };
    await this.tables();
    const keys = buckets.map((b) => b.key);
    return inTransaction(this.pool, async (c) => {
      await c.query(
        `INSERT INTO participation_budgets (key, tokens, at, full_at) SELECT k, c, $3, $3 FROM unnest($1::text[], $2::float8[]) AS u(k, c) ON CONFLICT (key) DO NOTHING`,
        [keys, buckets.map((b) => b.capacity), now],
      );
      const r = await c.query<{ key: string; tokens: number; at: string }>('SELECT key, tokens, at FROM participation_budgets WHERE key = ANY($1) ORDER BY key FOR UPDATE', [keys]);
      const rows = new Map(r.rows.map((row) => [row.key, { tokens: Number(row.tokens), at: Number(row.at) }]));
      const levels = buckets.map((b) => levelAt(b, rows.get(b.key), now));
      const answer = decide(buckets, levels);
      if (answer.ok) {
        await c.query(
          `UPDATE participation_budgets b SET tokens = u.t, at = $3, full_at = u.f FROM unnest($1::text[], $2::float8[], $4::bigint[]) AS u(k, t, f) WHERE b.key = u.k`,
          [keys, levels.map((l) => l - 1), now, buckets.map((b, i) => fullAt(b, levels[i] - 1, now))],
        );
      }
      return answer;
    });
  }

  async mark(meetingId: string, kind: string, holder: string, item: string, now: number): Promise<void> {
    await this.tables();
    await this.pool.query('INSERT INTO participation_marks (meeting_id, kind, holder, item, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [meetingId, kind, holder, item, now]);
  }

  async count(meetingId: string, kind: string, holder: string, among?: ReadonlySet<string>): Promise<number> {
    await this.tables();
    if (!among) {
      const r = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM participation_marks WHERE meeting_id = $1 AND kind = $2 AND holder = $3', [meetingId, kind, holder]);
      return Number(r.rows[0].n);
    }
    const r = await this.pool.query<{ item: string }>('SELECT item FROM participation_marks WHERE meeting_id = $1 AND kind = $2 AND holder = $3', [meetingId, kind, holder]);
    const gone = r.rows.map((row) => row.item).filter((i) => !among.has(i));
    if (gone.length) {
      await this.pool.query('DELETE FROM participation_marks WHERE meeting_id = $1 AND kind = $2 AND holder = $3 AND item = ANY($4)', [meetingId, kind, holder, gone]);
    }
    return r.rows.length - gone.length;
  }

  async prune(now: number): Promise<void> {
    await this.tables();
    await this.pool.query('DELETE FROM participation_budgets WHERE full_at <= $1', [now]);
    await this.pool.query('DELETE FROM participation_marks m WHERE NOT EXISTS (SELECT 1 FROM meetings WHERE id = m.meeting_id)');
  }

  private tables(): Promise<void> {
    this.ready ??= ensurePgTables(this.pool, TABLES).catch((e) => {
      this.ready = undefined;
      throw e;
    });
    return this.ready;
  }
}
