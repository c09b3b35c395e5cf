/**
 * DocStore on the embedded SQLite database (better-sqlite3, synchronous). Each append call is one
 * transaction; the room batches a tick's updates into one call, so a commit (and its fsync) is paid once
 * per tick. Rows are read and compacted in id order, and compaction swaps rows for the snapshot in one
 * transaction, so the base row is never lost.
 */
import type { Logger } from 'pino';
import type { Db } from './openDatabase.js';
import type { CompactResult, DocStore } from './DocStore.js';
import { compactUpdates } from './compactUpdates.js';
import { SqliteRecord } from './SqliteRecord.js';
import { WalCheckpointer } from './WalCheckpointer.js';
import type { HistoryQuery, HistoryRecord, PastUpdates, RecordInfo, UpdateRecord } from './historyRecords.js';

export class SqliteStore implements DocStore {
  private readonly selectRows;
  private readonly insertRow;
  private readonly insertRowWithId;
  private readonly deleteUpTo;
  private readonly deleteAll;
  private readonly selectStats;
  private readonly appendMany;
  private readonly record: SqliteRecord;
  private readonly moveToQuarantine;
  private readonly selectQuarantined;
  private closed = false;
  /** Checkpoints the write-ahead log in a thread of its own, once the store is in use (WalCheckpointer.ts). */
  readonly checkpointer: WalCheckpointer;

  constructor(
    private readonly db: Db,
    private readonly opts: { closeDatabase?: boolean; log?: Pick<Logger, 'warn' | 'debug'> } = {},
  ) {
    this.selectRows = db.prepare<[string], { id: number; data: Buffer }>(
      'SELECT id, data FROM updates WHERE meeting_id = ? ORDER BY id',
    );
    this.insertRow = db.prepare<[string, Uint8Array]>('INSERT INTO updates (meeting_id, data) VALUES (?, ?)');
    this.insertRowWithId = db.prepare<[number, string, Uint8Array]>('INSERT INTO updates (id, meeting_id, data) VALUES (?, ?, ?)');
    this.deleteUpTo = db.prepare<[string, number]>('DELETE FROM updates WHERE meeting_id = ? AND id <= ?');
    this.deleteAll = db.prepare<[string]>('DELETE FROM updates WHERE meeting_id = ?');
    this.selectStats = db.prepare<[string], { rows: number; bytes: number | null }>(
      'SELECT count(*) AS rows, sum(length(data)) AS bytes FROM updates WHERE meeting_id = ?',
    );
    this.record = new SqliteRecord(db);
    this.checkpointer = new WalCheckpointer(db, opts.log);
    this.appendMany = db.transaction((name: string, updates: readonly Uint8Array[], records?: readonly (UpdateRecord | undefined)[]) => {
      for (const u of updates) this.insertRow.run(name, u);
      this.record.append(name, updates, records);
    });
    // Created here rather than by a schema migration: older databases get it on first use, and nothing
    // else reads it.
    db.exec(`CREATE TABLE IF NOT EXISTS quarantined_updates (
      id INTEGER PRIMARY KEY,
      meeting_id TEXT NOT NULL,
      update_id INTEGER NOT NULL,
      data BLOB NOT NULL,
      reason TEXT NOT NULL,
      quarantined_at TEXT NOT NULL
    )`);
    const insertQuarantined = db.prepare<[string, number, Uint8Array, string, string]>(
      'INSERT INTO quarantined_updates (meeting_id, update_id, data, reason, quarantined_at) VALUES (?, ?, ?, ?, ?)',
    );
    const deleteRow = db.prepare<[string, number]>('DELETE FROM updates WHERE meeting_id = ? AND id = ?');
    this.moveToQuarantine = db.transaction((name: string, positions: readonly number[], reason: string) => {
      const rows = this.selectRows.all(name);
      const at = new Date().toISOString();
      let moved = 0;
      for (const p of new Set(positions)) {
        const row = rows[p];
        if (!row) continue;
        insertQuarantined.run(name, row.id, row.data, reason, at);
        deleteRow.run(name, row.id);
        moved++;
      }
      return moved;
    });
    this.selectQuarantined = db.prepare<[string], { data: Buffer; reason: string }>(
      'SELECT data, reason FROM quarantined_updates WHERE meeting_id = ? ORDER BY id',
    );
  }

  async load(name: string): Promise<Uint8Array[]> {
    this.check();
    return this.selectRows.all(name).map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
  }

  async read(name: string): Promise<Uint8Array[]> {
    return this.load(name);
  }

  async append(name: string, updates: readonly Uint8Array[], records?: readonly (UpdateRecord | undefined)[]): Promise<void> {
    this.check();
    if (!updates.length) return;
    this.appendMany(name, updates, records);
    this.checkpointer.committed();
  }

  async history(name: string, query: HistoryQuery): Promise<HistoryRecord[]> {
    this.check();
    return this.record.history(name, query);
  }

  async updatesAt(name: string, at: number, opts: { deflated?: boolean } = {}): Promise<PastUpdates | undefined> {
    this.check();
    return this.record.updatesAt(name, at, opts.deflated);
  }

  async recordInfo(name: string): Promise<RecordInfo> {
    this.check();
    return this.record.info(name);
  }

  async compact(name: string): Promise<CompactResult> {
    this.check();
    const result = this.compactLog(name);
    return { ...result, recordsArchived: await this.archive(name) };
  }

  /** Read, merge and swap in one synchronous stretch: no append can interleave. */
  private compactLog(name: string): CompactResult {
    const rows = this.selectRows.all(name);
    const bytesBefore = rows.reduce((n, r) => n + r.data.byteLength, 0);
    if (rows.length <= 1) return { rowsBefore: rows.length, bytesBefore, bytesAfter: bytesBefore };
    const snapshot = compactUpdates(rows.map((r) => r.data));
    const lastId = rows[rows.length - 1].id;
    this.db.transaction(() => {
      this.deleteUpTo.run(name, lastId);
      this.insertRowWithId.run(lastId, name, snapshot);
    })();
    return { rowsBefore: rows.length, bytesBefore, bytesAfter: snapshot.byteLength };
  }

  /**
   * Archives the record's closed, old checkpoint intervals, one transaction per interval, yielding to
   * the event loop between them (a meeting's first archiving may have many intervals due).
   */
  private async archive(name: string): Promise<number> {
    let moved = 0;
    for (const interval of this.record.segments.due(name)) {
      if (this.closed) break;
      moved += this.record.segments.archive(name, interval);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return moved;
  }

  async stats(name: string): Promise<{ rows: number; bytes: number }> {
    this.check();
    const r = this.selectStats.get(name)!;
    return { rows: r.rows, bytes: r.bytes ?? 0 };
  }

  async quarantine(name: string, positions: readonly number[], reason: string): Promise<number> {
    this.check();
    return this.moveToQuarantine(name, positions, reason) as number;
  }

  async quarantined(name: string): Promise<{ data: Uint8Array; reason: string }[]> {
    this.check();
    return this.selectQuarantined.all(name).map((r) => ({ data: new Uint8Array(r.data), reason: r.reason }));
  }

  async remove(name: string): Promise<void> {
    this.check();
    this.db.transaction(() => {
      this.deleteAll.run(name);
      this.record.remove(name);
      this.db.prepare('DELETE FROM quarantined_updates WHERE meeting_id = ?').run(name);
    })();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.checkpointer.stop();
    if (this.opts.closeDatabase) this.db.close();
  }

  private check(): void {
    if (this.closed) throw new Error('the store is closed');
  }
}
