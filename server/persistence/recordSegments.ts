/**
 * Archived segments of the record (issue 23): once a checkpoint interval is closed and old, its history
 * rows are moved into one segment (table `record_segments`), one blob holding every field of every
 * record, update bytes included, deflated (encodeSegment), plus a summary (seq and time range, record count, the union of its
 * subjects and of its names / roles / token ids) that lets a filtered history read skip it without
 * inflating it. The stores (SqliteSegments.ts, PgSegments.ts, MemoryRecord.ts) keep the rows and segments;
 * what a segment holds, how a record matches a query and which intervals are due are decided here, once.
 *
 * Which records are archived: those with seq <= the previous checkpoint's seq, one segment per checkpoint
 * interval (the records after checkpoint k up to and including checkpoint k+1). The newest two intervals
 * stay live rows, so an append's checkpoint (PgRecord's completeCheckpoint reads the rows since the last
 * one) never needs a segment, and a rebuild needs at most one segment (the interval after its checkpoint).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { parseChanges, subjectNeedle, type HistoryQuery, type HistoryRecord } from './historyRecords.js';

/** One record as a segment keeps it: every column of its history row. */
export interface ArchivedRecord {
  seq: number;
  at: number;
  role: string;
  tokenId: string;
  name: string;
  /** The name lowered by the store's own lower() when it was archived (what `by` compares with). */
  lname: string;
  /** The words as stored (JSON text), so a read parses exactly what it parsed before. */
  changes: string;
  subjects: string;
  data: Uint8Array;
}

/** What a segment's row says without inflating it. */
export interface SegmentSummary {
  fromSeq: number;
  toSeq: number;
  /** Smallest and largest record time in the segment (ms). */
  firstAt: number;
  lastAt: number;
  records: number;
  /** The distinct subject strings of its records, concatenated: holds every needle a record holds. */
  subjects: string;
  /** `|n:<lowered name>|r:<role>|k:<token id>|...` over its records. */
  names: string;
}

/** Format byte at the start of a segment's inflated fields. */
const FORMAT = 1;

/**
 * The segment of `rows` (seq order): its summary and its blob. The blob is one value holding two raw
 * DEFLATE streams: `varUint(length of the first)`, the records' fields (seq, time, role, token id, name,
 * lowered name, words, subjects, update length), then their update bytes one after the other; so a
 * history read inflates the fields alone, and a rebuild both.
 */
export function encodeSegment(rows: readonly ArchivedRecord[]): { summary: SegmentSummary; data: Uint8Array } {
  const enc = encoding.createEncoder();
  encoding.writeUint8(enc, FORMAT);
  encoding.writeVarUint(enc, rows.length);
  const subjects = new Set<string>();
  const names = new Set<string>();
  let firstAt = Infinity;
  let lastAt = -Infinity;
  for (const r of rows) {
    encoding.writeVarUint(enc, r.seq);
    encoding.writeFloat64(enc, r.at);
    for (const s of [r.role, r.tokenId, r.name, r.lname, r.changes, r.subjects]) encoding.writeVarString(enc, s);
    encoding.writeVarUint(enc, r.data.byteLength);
    if (r.subjects) subjects.add(r.subjects);
    names.add(`n:${r.lname}`).add(`r:${r.role}`).add(`k:${r.tokenId}`);
    firstAt = Math.min(firstAt, r.at);
    lastAt = Math.max(lastAt, r.at);
  }
  const fields = deflateRawSync(encoding.toUint8Array(enc), { level: 6 });
  const updates = deflateRawSync(Buffer.concat(rows.map((r) => r.data)), { level: 6 });
  const blob = encoding.createEncoder();
  encoding.writeVarUint(blob, fields.byteLength);
  encoding.writeUint8Array(blob, fields);
  encoding.writeUint8Array(blob, updates);
  return {
    summary: {
      fromSeq: rows[0].seq,
      toSeq: rows[rows.length - 1].seq,
      firstAt,
      lastAt,
      records: rows.length,
      subjects: [...subjects].join(''),
      names: `|${[...names].join('|')}|`,
    },
    data: encoding.toUint8Array(blob),
  };
}

/**
 * The records of a stored segment, in seq order; with `updates: false` their `data` is left empty (the
 * update bytes are not inflated). Throws on a blob it cannot read.
 */
export function decodeSegment(blob: Uint8Array, opts: { updates?: boolean } = {}): ArchivedRecord[] {
  const outer = decoding.createDecoder(blob);
  const fieldsLength = decoding.readVarUint(outer);
  const dec = decoding.createDecoder(new Uint8Array(inflateRawSync(decoding.readUint8Array(outer, fieldsLength))));
  const format = decoding.readUint8(dec);
  if (format !== FORMAT) throw new Error(`record segment format ${format} is not known`);
  const updates = opts.updates === false ? undefined : new Uint8Array(inflateRawSync(blob.subarray(outer.pos)));
  const n = decoding.readVarUint(dec);
  const out: ArchivedRecord[] = [];
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const seq = decoding.readVarUint(dec);
    const at = decoding.readFloat64(dec);
    const [role, tokenId, name, lname, changes, subjects] = [0, 0, 0, 0, 0, 0].map(() => decoding.readVarString(dec));
    const length = decoding.readVarUint(dec);
    if (updates && offset + length > updates.byteLength) throw new Error('record segment: update bytes cut short');
    // Views of one inflated buffer per segment (callers never write into them).
    const data = updates ? updates.subarray(offset, offset + length) : new Uint8Array(0);
    offset += length;
    out.push({ seq, at, role, tokenId, name, lname, changes, subjects, data });
  }
  return out;
}

/** The needles a segment's `names` must hold one of for a `by` filter (`lowerBy`: by the store's lower()). */
export function byNeedles(by: string, lowerBy: string): string[] {
  return [`|n:${lowerBy}|`, `|r:${by}|`, `|k:${by}|`];
}

/**
 * The SQL condition on `record_segments` columns that `segmentMayMatch` tests, with its arguments in
 * order; `contains(column)` is the dialect's substring test with one placeholder (SQLite's
 * `instr(column, ?) > 0`), `param()` the next placeholder.
 */
export function segmentFilterSql(q: HistoryQuery, lowerBy: string | undefined, contains: (column: string) => string, param: () => string): { where: string[]; args: (string | number)[] } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: () => string, ...values: (string | number)[]) => {
    args.push(...values);
    where.push(sql());
  };
  if (q.before !== undefined) add(() => `from_seq < ${param()}`, q.before);
  if (q.since !== undefined) add(() => `last_at >= ${param()}`, q.since);
  if (q.until !== undefined) add(() => `first_at <= ${param()}`, q.until);
  if (q.by !== undefined) {
    const needles = byNeedles(q.by, lowerBy!);
    add(() => `(${needles.map(() => contains('names_union')).join(' OR ')})`, ...needles);
  }
  if (q.tdoc !== undefined) add(() => contains('subjects_union'), subjectNeedle('t', q.tdoc));
  if (q.item !== undefined) add(() => contains('subjects_union'), subjectNeedle('i', q.item));
  return { where, args };
}

/** False when no record of the segment can match `q` (a conservative test: true may still match none). */
export function segmentMayMatch(s: SegmentSummary, q: HistoryQuery, lowerBy: string | undefined): boolean {
  if (q.before !== undefined && s.fromSeq >= q.before) return false;
  if (q.since !== undefined && s.lastAt < q.since) return false;
  if (q.until !== undefined && s.firstAt > q.until) return false;
  if (q.by !== undefined && !byNeedles(q.by, lowerBy!).some((n) => s.names.includes(n))) return false;
  if (q.tdoc !== undefined && !s.subjects.includes(subjectNeedle('t', q.tdoc))) return false;
  if (q.item !== undefined && !s.subjects.includes(subjectNeedle('i', q.item))) return false;
  return true;
}

/** Whether an archived record matches `q`, as the stores' row queries decide for live rows. */
export function recordMatches(r: ArchivedRecord, q: HistoryQuery, lowerBy: string | undefined): boolean {
  if (q.before !== undefined && r.seq >= q.before) return false;
  if (q.since !== undefined && r.at < q.since) return false;
  if (q.until !== undefined && r.at > q.until) return false;
  if (q.by !== undefined && r.lname !== lowerBy && r.role !== q.by && r.tokenId !== q.by) return false;
  if (q.tdoc !== undefined && !r.subjects.includes(subjectNeedle('t', q.tdoc))) return false;
  if (q.item !== undefined && !r.subjects.includes(subjectNeedle('i', q.item))) return false;
  return true;
}

/** The history entry of an archived record. */
export function historyOf(r: ArchivedRecord): HistoryRecord {
  return { seq: r.seq, at: r.at, role: r.role, tokenId: r.tokenId, name: r.name, changes: parseChanges(r.changes) };
}

/**
 * Adds to `out` (newest first) the matching records of `segments` (newest first, each read when reached)
 * until `q.limit` entries are there. Live rows come first: every archived seq is below every live one.
 */
export function fillFromSegments(
  out: HistoryRecord[],
  segments: Iterable<() => ArchivedRecord[]>,
  q: HistoryQuery,
  lowerBy: string | undefined,
): HistoryRecord[] {
  for (const read of segments) {
    if (out.length >= q.limit) break;
    const records = read();
    for (let i = records.length - 1; i >= 0 && out.length < q.limit; i--) {
      if (recordMatches(records[i], q, lowerBy)) out.push(historyOf(records[i]));
    }
  }
  return out;
}

/** The latest record at or before `at` among `records` and `best` (by time, then seq), as the row query orders them. */
export function latestAtOrBefore<T extends { seq: number; at: number }>(records: Iterable<T>, at: number, best: T | undefined): T | undefined {
  for (const r of records) {
    if (r.at > at) continue;
    if (!best || r.at > best.at || (r.at === best.at && r.seq > best.seq)) best = r;
  }
  return best;
}

/**
 * The seq ranges due for archiving: one per checkpoint interval up to the previous (second newest)
 * checkpoint, after what is already archived (`archivedTo`, the highest archived seq, 0 when none).
 */
export function intervalsDue(checkpointSeqs: readonly number[], archivedTo: number): { from: number; to: number }[] {
  const sorted = [...checkpointSeqs].sort((a, b) => a - b);
  const out: { from: number; to: number }[] = [];
  let from = archivedTo + 1;
  for (const to of sorted.slice(0, -1)) {
    if (to < from) continue;
    out.push({ from, to });
    from = to + 1;
  }
  return out;
}
