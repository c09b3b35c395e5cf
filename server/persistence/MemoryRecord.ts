/**
 * The append-only record of MemoryStore: records, their updates and checkpoints, per meeting, in memory,
 * with the semantics of SqliteRecord: the words kept as JSON text, and closed, old checkpoint intervals
 * archived into segments by `archive` (recordSegments.ts) without changing any answer.
 */
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
import {
  decodeSegment,
  encodeSegment,
  fillFromSegments,
  intervalsDue,
  latestAtOrBefore,
  segmentMayMatch,
  type SegmentSummary,
} from './recordSegments.js';

interface Row {
  seq: number;
  at: number;
  role: string;
  tokenId: string;
  name: string;
  /** JSON text, as the databases keep it. */
  changes: string;
  data: Uint8Array;
  subjects: string;
}

interface Meeting {
  /** Live rows, seq order; every archived seq is below every live one. */
  rows: Row[];
  checkpoints: { seq: number; at: number; state: Uint8Array }[];
  /** Archived segments, oldest first. */
  segments: { summary: SegmentSummary; data: Uint8Array }[];
}

export class MemoryRecord {
  private readonly meetings = new Map<string, Meeting>();

  append(name: string, updates: readonly Uint8Array[], records: readonly (UpdateRecord | undefined)[] | undefined): void {
    if (!records) return;
    const m = this.meeting(name);
    updates.forEach((u, i) => {
      const r = records[i];
      if (!r) return;
      const seq = (m.rows[m.rows.length - 1]?.seq ?? m.segments[m.segments.length - 1]?.summary.toSeq ?? 0) + 1;
      const changes = JSON.stringify(r.changes);
      m.rows.push({ seq, at: r.at, role: r.role, tokenId: r.tokenId, name: r.name, changes, data: u.slice(), subjects: subjectsOf(r.changes) });
      if (r.checkpoint) m.checkpoints.push({ seq, at: r.at, state: r.checkpoint.slice() });
    });
  }

  history(name: string, q: HistoryQuery): HistoryRecord[] {
    const m = this.meetings.get(name);
    if (!m) return [];
    const out: HistoryRecord[] = [];
    const by = q.by?.toLowerCase();
    for (let i = m.rows.length - 1; i >= 0 && out.length < q.limit; i--) {
      const r = m.rows[i];
      if (q.before !== undefined && r.seq >= q.before) continue;
      if (q.since !== undefined && r.at < q.since) continue;
      if (q.until !== undefined && r.at > q.until) continue;
      if (by !== undefined && r.name.toLowerCase() !== by && r.role !== q.by && r.tokenId !== q.by) continue;
      if (q.tdoc !== undefined && !r.subjects.includes(subjectNeedle('t', q.tdoc))) continue;
      if (q.item !== undefined && !r.subjects.includes(subjectNeedle('i', q.item))) continue;
      out.push({ seq: r.seq, at: r.at, role: r.role, tokenId: r.tokenId, name: r.name, changes: parseChanges(r.changes) });
    }
    const due = [...m.segments].reverse().filter((s) => segmentMayMatch(s.summary, q, by));
    return fillFromSegments(out, due.map((s) => () => decodeSegment(s.data, { updates: false })), q, by);
  }

  updatesAt(name: string, at: number): PastUpdates | undefined {
    const m = this.meetings.get(name);
    if (!m) return undefined;
    let last: { seq: number; at: number } | undefined = latestAtOrBefore(m.rows, at, undefined);
    const floor = Math.max(last?.at ?? -Infinity, ...m.segments.filter((s) => s.summary.lastAt <= at).map((s) => s.summary.lastAt));
    for (const s of m.segments) {
      if (s.summary.firstAt <= at && s.summary.lastAt >= floor) last = latestAtOrBefore(decodeSegment(s.data, { updates: false }), at, last);
    }
    if (!last) return undefined;
    const upTo = last.seq;
    const cp = m.checkpoints.filter((c) => c.seq <= upTo).pop();
    if (!cp) return undefined;
    const archived = m.segments
      .filter((s) => s.summary.toSeq > cp.seq && s.summary.fromSeq <= upTo)
      .flatMap((s) => decodeSegment(s.data))
      .filter((r) => r.seq > cp.seq && r.seq <= upTo);
    const live = m.rows.filter((r) => r.seq > cp.seq && r.seq <= upTo);
    return { seq: last.seq, at: last.at, updates: [cp.state, ...archived.map((r) => r.data.slice()), ...live.map((r) => r.data)] };
  }

  info(name: string): RecordInfo {
    const m = this.meetings.get(name) ?? { rows: [], checkpoints: [], segments: [] };
    const sums = m.segments.map((s) => s.summary);
    const i = combineInfo(
      { records: m.rows.length, firstAt: m.rows[0]?.at ?? null, lastAt: m.rows[m.rows.length - 1]?.at ?? null, lastSeq: m.rows[m.rows.length - 1]?.seq ?? null },
      {
        records: sums.reduce((n, s) => n + s.records, 0),
        firstAt: sums.length ? Math.min(...sums.map((s) => s.firstAt)) : null,
        lastAt: sums.length ? Math.max(...sums.map((s) => s.lastAt)) : null,
        lastSeq: sums[sums.length - 1]?.toSeq ?? null,
      },
    );
    const cp = m.checkpoints[m.checkpoints.length - 1];
    return {
      records: i.records,
      firstAt: i.firstAt ?? 0,
      lastAt: i.lastAt ?? 0,
      lastCheckpointAt: cp?.at ?? 0,
      recordsSinceCheckpoint: (i.lastSeq ?? 0) - (cp?.seq ?? 0),
      checkpoints: m.checkpoints.length,
    };
  }

  /** Archives the intervals due (recordSegments.ts); returns the records moved. */
  archive(name: string): number {
    const m = this.meetings.get(name);
    if (!m) return 0;
    let moved = 0;
    const archivedTo = m.segments[m.segments.length - 1]?.summary.toSeq ?? 0;
    for (const { from, to } of intervalsDue(m.checkpoints.map((c) => c.seq), archivedTo)) {
      const rows = m.rows.filter((r) => r.seq >= from && r.seq <= to);
      if (!rows.length) continue;
      m.segments.push(encodeSegment(rows.map((r) => ({ ...r, lname: r.name.toLowerCase() }))));
      m.rows = m.rows.filter((r) => r.seq > to);
      moved += rows.length;
    }
    return moved;
  }

  remove(name: string): void {
    this.meetings.delete(name);
  }

  private meeting(name: string): Meeting {
    let m = this.meetings.get(name);
    if (!m) this.meetings.set(name, (m = { rows: [], checkpoints: [], segments: [] }));
    return m;
  }
}
