/**
 * The archived segments of PgRecord (table `record_segments`, schema 6 of pgDatabase.ts), as SqliteSegments
 * does it for SQLite: recordSegments.ts says what a segment is and which intervals are due. Archiving one
 * interval runs in the caller's transaction with the meeting's advisory lock held (PgStore.compact), so
 * the segment is inserted and its rows deleted together, and no append of that meeting interleaves.
 */
import type pg from 'pg';
import type { HistoryQuery, HistoryRecord, RecordCounts } from './historyRecords.js';
import { decodeSegment, encodeSegment, fillFromSegments, intervalsDue, latestAtOrBefore, segmentFilterSql } from './recordSegments.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** Completes `out` (the live rows matching `q`, newest first) with archived records. */
export async function fillHistory(c: Queryable, name: string, out: HistoryRecord[], q: HistoryQuery): Promise<HistoryRecord[]> {
  if (out.length >= q.limit) return out;
  const lowerBy = q.by === undefined ? undefined : (await c.query<{ v: string }>('SELECT lower($1) AS v', [q.by])).rows[0].v;
  // The summaries skip a segment no record of which can match, without reading its blob.
  let n = 1;
  const f = segmentFilterSql(q, lowerBy, (column) => `strpos(${column}, $${++n}) > 0`, () => `$${++n}`);
  const due = (
    await c.query<{ from_seq: number }>(`SELECT from_seq FROM record_segments WHERE ${['meeting_id = $1', ...f.where].join(' AND ')} ORDER BY from_seq DESC`, [name, ...f.args])
  ).rows.map((s) => ({ fromSeq: s.from_seq }));
  // Read one segment at a time, newest first, only while the page is not full.
  for (const s of due) {
    if (out.length >= q.limit) break;
    const d = await c.query<{ data: Buffer }>('SELECT data FROM record_segments WHERE meeting_id = $1 AND from_seq = $2', [name, s.fromSeq]);
    if (d.rows[0]) fillFromSegments(out, [() => decodeSegment(bytes(d.rows[0].data), { updates: false })], q, lowerBy);
  }
  return out;
}

/** The latest record at or before `at`, archived or `live` (the latest live one), by time then seq. */
export async function latestAt(c: Queryable, name: string, at: number, live: { seq: number; at: number } | undefined): Promise<{ seq: number; at: number } | undefined> {
  const floor = await c.query<{ at: string | null }>('SELECT max(last_at) AS at FROM record_segments WHERE meeting_id = $1 AND last_at <= $2', [name, at]);
  // Only a segment reaching the best time known so far can hold a later record.
  const from = Math.max(Number(floor.rows[0]?.at ?? Number.MIN_SAFE_INTEGER), live?.at ?? Number.MIN_SAFE_INTEGER);
  const around = await c.query<{ data: Buffer }>(
    'SELECT data FROM record_segments WHERE meeting_id = $1 AND first_at <= $2 AND last_at >= $3 ORDER BY from_seq DESC',
    [name, at, from],
  );
  let best = live;
  for (const s of around.rows) best = latestAtOrBefore(decodeSegment(bytes(s.data), { updates: false }), at, best);
  return best;
}

/** The archived updates with seq in (after, upTo], in seq order. */
export async function archivedUpdatesBetween(c: Queryable, name: string, after: number, upTo: number): Promise<Uint8Array[]> {
  const r = await c.query<{ data: Buffer }>(
    'SELECT data FROM record_segments WHERE meeting_id = $1 AND to_seq > $2 AND from_seq <= $3 ORDER BY from_seq',
    [name, after, upTo],
  );
  return r.rows
    .flatMap((s) => decodeSegment(bytes(s.data)))
    .filter((x) => x.seq > after && x.seq <= upTo)
    .map((x) => x.data.slice());
}

export async function archivedInfo(c: Queryable, name: string): Promise<RecordCounts> {
  const r = await c.query<{ records: string; first_at: string | null; last_at: string | null; last_seq: number | null }>(
    'SELECT coalesce(sum(records), 0) AS records, min(first_at) AS first_at, max(last_at) AS last_at, max(to_seq) AS last_seq FROM record_segments WHERE meeting_id = $1',
    [name],
  );
  const row = r.rows[0];
  const num = (v: string | null) => (v === null ? null : Number(v));
  return { records: Number(row.records), firstAt: num(row.first_at), lastAt: num(row.last_at), lastSeq: row.last_seq };
}

/** The next interval due (recordSegments.ts), or undefined. */
export async function nextIntervalDue(c: Queryable, name: string): Promise<{ from: number; to: number } | undefined> {
  const to = await c.query<{ seq: number | null }>('SELECT max(to_seq) AS seq FROM record_segments WHERE meeting_id = $1', [name]);
  const cps = await c.query<{ seq: number }>('SELECT seq FROM checkpoints WHERE meeting_id = $1 ORDER BY seq', [name]);
  return intervalsDue(cps.rows.map((r) => r.seq), to.rows[0]?.seq ?? 0)[0];
}

/** Archives one interval, in the caller's transaction with the meeting's lock held; returns the records moved. */
export async function archiveInterval(c: Queryable, name: string, interval: { from: number; to: number }): Promise<number> {
  const r = await c.query<{ seq: number; at: string; role: string; token_id: string; name: string; lname: string; changes: string; subjects: string; data: Buffer }>(
    'SELECT seq, at, role, token_id, name, lower(name) AS lname, changes, subjects, data FROM history WHERE meeting_id = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq',
    [name, interval.from, interval.to],
  );
  if (!r.rows.length) return 0;
  const { summary: s, data } = encodeSegment(
    r.rows.map((x) => ({ seq: x.seq, at: Number(x.at), role: x.role, tokenId: x.token_id, name: x.name, lname: x.lname, changes: x.changes, subjects: x.subjects, data: bytes(x.data) })),
  );
  await c.query(
    'INSERT INTO record_segments (meeting_id, from_seq, to_seq, first_at, last_at, records, subjects_union, names_union, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [name, s.fromSeq, s.toSeq, s.firstAt, s.lastAt, s.records, s.subjects, s.names, Buffer.from(data)],
  );
  await c.query('DELETE FROM history WHERE meeting_id = $1 AND seq >= $2 AND seq <= $3', [name, interval.from, interval.to]);
  return r.rows.length;
}
