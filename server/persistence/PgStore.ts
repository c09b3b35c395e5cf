/**
 * DocStore on PostgreSQL, shared by several server processes. Every append and compaction of a meeting
 * takes the meeting's transaction-scoped advisory lock, so a meeting's rows commit in id order: a
 * process that has applied every row up to id N can catch up with "rows after N" and never skip one
 * committed late. Each append notifies channel `plenary_updates` with {m: meeting, p: last id}; the
 * notification is delivered on commit, so no process hears of an update before it is stored.
 * The record (history and checkpoints, PgRecord.ts) is written in the same transaction as its updates.
 */
import type { CompactResult, DocStore } from './DocStore.js';
import { compactUpdates } from './compactUpdates.js';
import { inTransaction, type PgPool } from './pgDatabase.js';
import { appendRecords, history, recordInfo, removeRecords, updatesAt } from './PgRecord.js';
import { archiveInterval, nextIntervalDue } from './PgSegments.js';
import type { HistoryQuery, HistoryRecord, PastUpdates, RecordInfo, UpdateRecord } from './historyRecords.js';

/** The NOTIFY channel of stored updates. */
export const UPDATES_CHANNEL = 'plenary_updates';

export interface StoredRow {
  /** Position in the meeting's log (a global sequence, increasing per meeting in commit order). */
  id: number;
  data: Uint8Array;
}

export class PgStore implements DocStore {
  private closed = false;
  /** Per meeting: the last position this process has applied (set by load, advanced by catch-up). */
  readonly positions = new Map<string, number>();
  /** Per meeting: the row ids and sizes of this process's last load, in load order (what `quarantine` positions name). */
  private readonly loadedIds = new Map<string, { id: number; bytes: number }[]>();

  constructor(
    private readonly pool: PgPool,
    private readonly opts: { closePool?: boolean } = {},
  ) {}

  async load(name: string): Promise<Uint8Array[]> {
    this.check();
    const rows = await this.rowsAfter(name, 0);
    this.positions.set(name, rows.length ? rows[rows.length - 1].id : 0);
    this.loadedIds.set(name, rows.map((r) => ({ id: r.id, bytes: r.data.byteLength })));
    return rows.map((r) => r.data);
  }

  async read(name: string): Promise<Uint8Array[]> {
    return (await this.rowsAfter(name, 0)).map((r) => r.data);
  }

  /** The rows of a meeting after position `after`, oldest first (a compacted base included when newer). */
  async rowsAfter(name: string, after: number): Promise<StoredRow[]> {
    this.check();
    const r = await this.pool.query<{ id: string; data: Buffer }>('SELECT id, data FROM updates WHERE meeting_id = $1 AND id > $2 ORDER BY id', [name, after]);
    return r.rows.map((row) => ({ id: Number(row.id), data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) }));
  }

  async append(name: string, updates: readonly Uint8Array[], records?: readonly (UpdateRecord | undefined)[]): Promise<void> {
    this.check();
    if (!updates.length) return;
    await inTransaction(this.pool, async (c) => {
      await lockMeeting(c, name);
      const r = await c.query<{ id: string }>(
        'INSERT INTO updates (meeting_id, data) SELECT $1, d FROM unnest($2::bytea[]) WITH ORDINALITY AS u(d, n) ORDER BY n RETURNING id',
        [name, updates.map((u) => Buffer.from(u))],
      );
      const last = r.rows.reduce((m, row) => Math.max(m, Number(row.id)), 0);
      // The record in the same transaction: an update and its record commit together or not at all.
      await appendRecords(c, name, updates, records);
      await c.query('SELECT pg_notify($1, $2)', [UPDATES_CHANNEL, JSON.stringify({ m: name, p: last })]);
    });
  }

  async history(name: string, query: HistoryQuery): Promise<HistoryRecord[]> {
    this.check();
    // One snapshot: the live rows and the archived segments, read consistently while another process archives.
    return inTransaction(this.pool, async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return history(c, name, query);
    });
  }

  async updatesAt(name: string, at: number, opts: { deflated?: boolean } = {}): Promise<PastUpdates | undefined> {
    this.check();
    // One snapshot: a checkpoint and the records after it, read consistently while others append.
    return inTransaction(this.pool, async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return updatesAt(c, name, at, opts.deflated);
    });
  }

  async recordInfo(name: string): Promise<RecordInfo> {
    this.check();
    return inTransaction(this.pool, async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return recordInfo(c, name);
    });
  }

  async compact(name: string): Promise<CompactResult> {
    this.check();
    const result = await this.compactLog(name);
    return { ...result, recordsArchived: await this.archive(name) };
  }

  private async compactLog(name: string): Promise<CompactResult> {
    return inTransaction(this.pool, async (c) => {
      await lockMeeting(c, name);
      const r = await c.query<{ id: string; data: Buffer }>('SELECT id, data FROM updates WHERE meeting_id = $1 ORDER BY id', [name]);
      const bytesBefore = r.rows.reduce((n, row) => n + row.data.byteLength, 0);
      if (r.rows.length <= 1) return { rowsBefore: r.rows.length, bytesBefore, bytesAfter: bytesBefore };
      // Throws on a malformed row: the transaction rolls back and every row stays.
      const snapshot = compactUpdates(r.rows.map((row) => row.data));
      const lastId = r.rows[r.rows.length - 1].id;
      await c.query('DELETE FROM updates WHERE meeting_id = $1 AND id <= $2', [name, lastId]);
      await c.query('INSERT INTO updates (id, meeting_id, data) VALUES ($1, $2, $3)', [lastId, name, Buffer.from(snapshot)]);
      return { rowsBefore: r.rows.length, bytesBefore, bytesAfter: snapshot.byteLength };
    });
  }

  /** Archives the record's closed, old checkpoint intervals, one transaction (under the meeting's lock) each. */
  private async archive(name: string): Promise<number> {
    let moved = 0;
    while (!this.closed) {
      const n = await inTransaction(this.pool, async (c) => {
        await lockMeeting(c, name);
        const interval = await nextIntervalDue(c, name);
        return interval ? archiveInterval(c, name, interval) : 0;
      });
      if (!n) break;
      moved += n;
    }
    return moved;
  }

  async stats(name: string): Promise<{ rows: number; bytes: number }> {
    this.check();
    const r = await this.pool.query<{ rows: string; bytes: string | null }>(
      'SELECT count(*) AS rows, sum(length(data)) AS bytes FROM updates WHERE meeting_id = $1',
      [name],
    );
    return { rows: Number(r.rows[0].rows), bytes: Number(r.rows[0].bytes ?? 0) };
  }

  /**
   * Positions are those of this process's last `load` of the meeting (its row ids), not of the rows at
   * the time of the call: another process may have quarantined the same row meanwhile, which would
   * shift positions. A row already moved is not moved again, nor a row whose id now holds other bytes.
   */
  async quarantine(name: string, positions: readonly number[], reason: string): Promise<number> {
    this.check();
    return inTransaction(this.pool, async (c) => {
      await lockMeeting(c, name);
      let ids = this.loadedIds.get(name);
      if (!ids) {
        const r = await c.query<{ id: string; bytes: number }>('SELECT id, length(data) AS bytes FROM updates WHERE meeting_id = $1 ORDER BY id', [name]);
        ids = r.rows.map((row) => ({ id: Number(row.id), bytes: row.bytes }));
      }
      const at = new Date().toISOString();
      let moved = 0;
      for (const p of new Set(positions)) {
        const row = ids[p];
        if (!row) continue;
        // The size check: a compaction since the load gave a snapshot the last row's id; never move it.
        const r = await c.query(
          `WITH moved AS (DELETE FROM updates WHERE meeting_id = $1 AND id = $2 AND length(data) = $5 RETURNING id, data)
           INSERT INTO quarantined_updates (meeting_id, update_id, data, reason, quarantined_at) SELECT $1, id, data, $3, $4 FROM moved`,
          [name, row.id, reason, at, row.bytes],
        );
        moved += r.rowCount ?? 0;
      }
      return moved;
    });
  }

  async quarantined(name: string): Promise<{ data: Uint8Array; reason: string }[]> {
    this.check();
    const r = await this.pool.query<{ data: Buffer; reason: string }>('SELECT data, reason FROM quarantined_updates WHERE meeting_id = $1 ORDER BY id', [name]);
    return r.rows.map((row) => ({ data: new Uint8Array(row.data), reason: row.reason }));
  }

  async remove(name: string): Promise<void> {
    this.check();
    await inTransaction(this.pool, async (c) => {
      await lockMeeting(c, name);
      await c.query('DELETE FROM updates WHERE meeting_id = $1', [name]);
      await removeRecords(c, name);
      await c.query('DELETE FROM quarantined_updates WHERE meeting_id = $1', [name]);
    });
    this.positions.delete(name);
    this.loadedIds.delete(name);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.opts.closePool) await this.pool.end();
  }

  private check(): void {
    if (this.closed) throw new Error('the store is closed');
  }
}

async function lockMeeting(c: { query: PgPool['query'] }, name: string): Promise<void> {
  await c.query("SELECT pg_advisory_xact_lock(hashtext('plenary:' || $1))", [name]);
}
