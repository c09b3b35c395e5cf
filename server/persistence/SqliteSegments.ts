/**
 * The archived segments of SqliteRecord (table `record_segments`, migration 5; recordSegments.ts says
 * what a segment is and which intervals are due). Archiving one interval is one transaction: the segment
 * is inserted and its history rows deleted together, or neither. Reads see segments and live rows as one
 * record: every archived seq is below every live one.
 */
import type { Db } from './openDatabase.js';
import type { HistoryQuery, HistoryRecord } from './historyRecords.js';
import {
  decodeSegment,
  encodeSegment,
  fillFromSegments,
  intervalsDue,
  latestAtOrBefore,
  segmentFilterSql,
  type ArchivedRecord,
} from './recordSegments.js';

const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export class SqliteSegments {
  private readonly q;

  constructor(private readonly db: Db) {
    this.q = {
      archivedTo: db.prepare<[string], { seq: number | null }>('SELECT max(to_seq) AS seq FROM record_segments WHERE meeting_id = ?'),
      data: db.prepare<[string, number], { data: Buffer }>('SELECT data FROM record_segments WHERE meeting_id = ? AND from_seq = ?'),
      lower: db.prepare<[string], { v: string }>('SELECT lower(?) AS v'),
      floorAt: db.prepare<[string, number], { at: number | null }>('SELECT max(last_at) AS at FROM record_segments WHERE meeting_id = ? AND last_at <= ?'),
      around: db.prepare<[string, number, number], { data: Buffer }>(
        'SELECT data FROM record_segments WHERE meeting_id = ? AND first_at <= ? AND last_at >= ? ORDER BY from_seq DESC',
      ),
      overlapping: db.prepare<[string, number, number], { data: Buffer }>(
        'SELECT data FROM record_segments WHERE meeting_id = ? AND to_seq > ? AND from_seq <= ? ORDER BY from_seq',
      ),
      info: db.prepare<[string], { records: number; firstAt: number | null; lastAt: number | null; lastSeq: number | null }>(
        'SELECT coalesce(sum(records), 0) AS records, min(first_at) AS firstAt, max(last_at) AS lastAt, max(to_seq) AS lastSeq FROM record_segments WHERE meeting_id = ?',
      ),
      checkpointSeqs: db.prepare<[string], { seq: number }>('SELECT seq FROM checkpoints WHERE meeting_id = ? ORDER BY seq'),
      rows: db.prepare<[string, number, number], Omit<ArchivedRecord, 'data' | 'tokenId'> & { token_id: string; data: Buffer }>(
        'SELECT seq, at, role, token_id, name, lower(name) AS lname, changes, subjects, data FROM history WHERE meeting_id = ? AND seq >= ? AND seq <= ? ORDER BY seq',
      ),
      insert: db.prepare<[string, number, number, number, number, number, string, string, Uint8Array]>(
        'INSERT INTO record_segments (meeting_id, from_seq, to_seq, first_at, last_at, records, subjects_union, names_union, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteRows: db.prepare<[string, number, number]>('DELETE FROM history WHERE meeting_id = ? AND seq >= ? AND seq <= ?'),
      remove: db.prepare<[string]>('DELETE FROM record_segments WHERE meeting_id = ?'),
    };
  }

  /** Completes `out` (the live rows matching `q`, newest first) with archived records. */
  fillHistory(name: string, out: HistoryRecord[], q: HistoryQuery): HistoryRecord[] {
    if (out.length >= q.limit) return out;
    const lowerBy = q.by === undefined ? undefined : this.q.lower.get(q.by)!.v;
    // The summaries skip a segment no record of which can match, without reading its blob.
    const f = segmentFilterSql(q, lowerBy, (column) => `instr(${column}, ?) > 0`, () => '?');
    const due = this.db
      .prepare<(string | number)[], { from_seq: number }>(
        `SELECT from_seq FROM record_segments WHERE ${['meeting_id = ?', ...f.where].join(' AND ')} ORDER BY from_seq DESC`,
      )
      .all(name, ...f.args);
    return fillFromSegments(out, due.map((s) => () => decodeSegment(bytes(this.q.data.get(name, s.from_seq)!.data), { updates: false })), q, lowerBy);
  }

  /** The latest record at or before `at`, archived or `live` (the latest live one), by time then seq. */
  latestAt(name: string, at: number, live: { seq: number; at: number } | undefined): { seq: number; at: number } | undefined {
    const floor = this.q.floorAt.get(name, at)?.at ?? -Infinity;
    // Only a segment reaching the best time known so far can hold a later record.
    const from = Math.max(floor, live?.at ?? -Infinity);
    let best = live;
    for (const s of this.q.around.all(name, at, Number.isFinite(from) ? from : Number.MIN_SAFE_INTEGER)) {
      best = latestAtOrBefore(decodeSegment(bytes(s.data), { updates: false }), at, best);
    }
    return best;
  }

  /** The archived updates with seq in (after, upTo], in seq order. */
  updatesBetween(name: string, after: number, upTo: number): Uint8Array[] {
    return this.q.overlapping
      .all(name, after, upTo)
      .flatMap((s) => decodeSegment(bytes(s.data)))
      .filter((r) => r.seq > after && r.seq <= upTo)
      .map((r) => r.data.slice());
  }

  info(name: string): { records: number; firstAt: number | null; lastAt: number | null; lastSeq: number | null } {
    return this.q.info.get(name)!;
  }

  /** The intervals due now (see recordSegments.ts). */
  due(name: string): { from: number; to: number }[] {
    const archivedTo = this.q.archivedTo.get(name)?.seq ?? 0;
    return intervalsDue(this.q.checkpointSeqs.all(name).map((r) => r.seq), archivedTo);
  }

  /** Archives one interval in one transaction; resolves with the records moved. */
  archive(name: string, interval: { from: number; to: number }): number {
    return this.db.transaction(() => {
      const rows = this.q.rows.all(name, interval.from, interval.to);
      if (!rows.length) return 0;
      const { summary: s, data } = encodeSegment(rows.map((r) => ({ ...r, tokenId: r.token_id, data: bytes(r.data) })));
      this.q.insert.run(name, s.fromSeq, s.toSeq, s.firstAt, s.lastAt, s.records, s.subjects, s.names, data);
      this.q.deleteRows.run(name, interval.from, interval.to);
      return rows.length;
    })();
  }

  /** Inside the caller's transaction. */
  remove(name: string): void {
    this.q.remove.run(name);
  }
}
