/**
 * The append-only record of SqliteStore (tables `history` and `checkpoints`, migration 2): each recorded
 * update with its server time, role, token id, claimed name and words, plus full-state checkpoints.
 * Compaction archives the history rows of closed, old checkpoint intervals into segments (SqliteSegments.ts)
 * without changing any answer. Checkpoints are stored deflated. `append` runs inside the store's append
 * transaction, so an update and its record are stored together or not at all.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Db } from './openDatabase.js';
import { SqliteSegments } from './SqliteSegments.js';
import {
  combineInfo,
  parseChanges,
  subjectNeedle,
  subjectsOf,
  type HistoryQuery,
  type HistoryRecord,
  type PastUpdates,
  type RecordInfo,
  type UpdateRecord,
} from './historyRecords.js';

interface HistoryRow {
  seq: number;
  at: number;
  role: string;
  token_id: string;
  name: string;
  changes: string;
}

const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export class SqliteRecord {
  private readonly q;
  /** Closed, old checkpoint intervals archived as segments (SqliteSegments.ts). */
  readonly segments: SqliteSegments;

  constructor(private readonly db: Db) {
    this.segments = new SqliteSegments(db);
    this.q = {
      // The newest record is always a row (archiving stops at the second newest checkpoint); the segments
      // answer only if a meeting's rows were all archived.
      lastSeq: db.prepare<[string, string], { seq: number | null }>(
        'SELECT coalesce((SELECT max(seq) FROM history WHERE meeting_id = ?), (SELECT max(to_seq) FROM record_segments WHERE meeting_id = ?)) AS seq',
      ),
      insert: db.prepare<[string, number, number, string, string, string, string, string, Uint8Array]>(
        'INSERT INTO history (meeting_id, seq, at, role, token_id, name, changes, subjects, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertCheckpoint: db.prepare<[string, number, number, Uint8Array]>('INSERT INTO checkpoints (meeting_id, seq, at, data) VALUES (?, ?, ?, ?)'),
      lastAt: db.prepare<[string, number], { seq: number; at: number }>(
        'SELECT seq, at FROM history WHERE meeting_id = ? AND at <= ? ORDER BY at DESC, seq DESC LIMIT 1',
      ),
      checkpointUpTo: db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM checkpoints WHERE meeting_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
      ),
      updatesBetween: db.prepare<[string, number, number], { data: Buffer }>(
        'SELECT data FROM history WHERE meeting_id = ? AND seq > ? AND seq <= ? ORDER BY seq',
      ),
      info: db.prepare<[string], { records: number; firstAt: number | null; lastAt: number | null; lastSeq: number | null }>(
        'SELECT count(*) AS records, min(at) AS firstAt, max(at) AS lastAt, max(seq) AS lastSeq FROM history WHERE meeting_id = ?',
      ),
      lastCheckpoint: db.prepare<[string], { seq: number; at: number; n: number }>(
        'SELECT seq, at, (SELECT count(*) FROM checkpoints WHERE meeting_id = c.meeting_id) AS n FROM checkpoints c WHERE meeting_id = ? ORDER BY seq DESC LIMIT 1',
      ),
      removeHistory: db.prepare<[string]>('DELETE FROM history WHERE meeting_id = ?'),
      removeCheckpoints: db.prepare<[string]>('DELETE FROM checkpoints WHERE meeting_id = ?'),
    };
  }

  /** Inside the caller's transaction. */
  append(name: string, updates: readonly Uint8Array[], records: readonly (UpdateRecord | undefined)[] | undefined): void {
    if (!records?.some(Boolean)) return;
    let seq = this.q.lastSeq.get(name, name)?.seq ?? 0;
    updates.forEach((u, i) => {
      const r = records[i];
      if (!r) return;
      seq++;
      this.q.insert.run(name, seq, r.at, r.role, r.tokenId, r.name, JSON.stringify(r.changes), subjectsOf(r.changes), u);
      // Deflated: a Yjs state shrinks ~6× (FACTS.md), and checkpoints are most of the record's bytes.
      if (r.checkpoint) this.q.insertCheckpoint.run(name, seq, r.at, deflateRawSync(r.checkpoint, { level: 6 }));
    });
  }

  history(name: string, q: HistoryQuery): HistoryRecord[] {
    const where = ['meeting_id = ?'];
    const args: (string | number)[] = [name];
    if (q.before !== undefined) where.push('seq < ?'), args.push(q.before);
    if (q.since !== undefined) where.push('at >= ?'), args.push(q.since);
    if (q.until !== undefined) where.push('at <= ?'), args.push(q.until);
    if (q.by !== undefined) where.push('(lower(name) = lower(?) OR role = ? OR token_id = ?)'), args.push(q.by, q.by, q.by);
    if (q.tdoc !== undefined) where.push('instr(subjects, ?) > 0'), args.push(subjectNeedle('t', q.tdoc));
    if (q.item !== undefined) where.push('instr(subjects, ?) > 0'), args.push(subjectNeedle('i', q.item));
    args.push(q.limit);
    const rows = this.db
      .prepare<(string | number)[], HistoryRow>(
        `SELECT seq, at, role, token_id, name, changes FROM history WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`,
      )
      .all(...args);
    const live = rows.map((r) => ({ seq: r.seq, at: r.at, role: r.role, tokenId: r.token_id, name: r.name, changes: parseChanges(r.changes) }));
    return this.segments.fillHistory(name, live, q);
  }

  updatesAt(name: string, at: number, deflated = false): PastUpdates | undefined {
    const last = this.segments.latestAt(name, at, this.q.lastAt.get(name, at));
    if (!last) return undefined;
    const cp = this.q.checkpointUpTo.get(name, last.seq);
    if (!cp) return undefined;
    const archived = this.segments.updatesBetween(name, cp.seq, last.seq);
    const rest = [...archived, ...this.q.updatesBetween.all(name, cp.seq, last.seq).map((r) => bytes(r.data))];
    const base = deflated ? bytes(cp.data) : new Uint8Array(inflateRawSync(cp.data));
    return { seq: last.seq, at: last.at, updates: [base, ...rest], ...(deflated ? { deflated } : {}) };
  }

  info(name: string): RecordInfo {
    const i = combineInfo(this.q.info.get(name)!, this.segments.info(name));
    const cp = this.q.lastCheckpoint.get(name);
    return {
      records: i.records,
      firstAt: i.firstAt ?? 0,
      lastAt: i.lastAt ?? 0,
      lastCheckpointAt: cp?.at ?? 0,
      recordsSinceCheckpoint: (i.lastSeq ?? 0) - (cp?.seq ?? 0),
      checkpoints: cp?.n ?? 0,
    };
  }

  /** Inside the caller's transaction. */
  remove(name: string): void {
    this.q.removeHistory.run(name);
    this.q.removeCheckpoints.run(name);
    this.segments.remove(name);
  }
}
