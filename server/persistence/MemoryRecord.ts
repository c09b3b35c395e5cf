/** The append-only record of MemoryStore: records, their updates and checkpoints, per meeting, in memory. */
import {
  subjectNeedle,
  subjectsOf,
  type HistoryQuery,
  type HistoryRecord,
  type PastUpdates,
  type RecordInfo,
  type UpdateRecord,
} from './historyRecords.js';

interface Row extends HistoryRecord {
  data: Uint8Array;
  subjects: string;
  checkpoint?: Uint8Array;
}

export class MemoryRecord {
  private readonly rows = new Map<string, Row[]>();

  append(name: string, updates: readonly Uint8Array[], records: readonly (UpdateRecord | undefined)[] | undefined): void {
    if (!records) return;
    const rows = this.rows.get(name) ?? [];
    updates.forEach((u, i) => {
      const r = records[i];
      if (!r) return;
      rows.push({
        seq: (rows[rows.length - 1]?.seq ?? 0) + 1,
        at: r.at,
        role: r.role,
        tokenId: r.tokenId,
        name: r.name,
        changes: r.changes.map((c) => ({ ...c })),
        data: u.slice(),
        subjects: subjectsOf(r.changes),
        checkpoint: r.checkpoint?.slice(),
      });
    });
    this.rows.set(name, rows);
  }

  history(name: string, q: HistoryQuery): HistoryRecord[] {
    const rows = this.rows.get(name) ?? [];
    const out: HistoryRecord[] = [];
    const by = q.by?.toLowerCase();
    for (let i = rows.length - 1; i >= 0 && out.length < q.limit; i--) {
      const r = rows[i];
      if (q.before !== undefined && r.seq >= q.before) continue;
      if (q.since !== undefined && r.at < q.since) continue;
      if (q.until !== undefined && r.at > q.until) continue;
      if (by !== undefined && r.name.toLowerCase() !== by && r.role !== q.by && r.tokenId !== q.by) continue;
      if (q.tdoc !== undefined && !r.subjects.includes(subjectNeedle('t', q.tdoc))) continue;
      if (q.item !== undefined && !r.subjects.includes(subjectNeedle('i', q.item))) continue;
      out.push({ seq: r.seq, at: r.at, role: r.role, tokenId: r.tokenId, name: r.name, changes: r.changes.map((c) => ({ ...c })) });
    }
    return out;
  }

  updatesAt(name: string, at: number): PastUpdates | undefined {
    const rows = this.rows.get(name) ?? [];
    let last = -1;
    while (last + 1 < rows.length && rows[last + 1].at <= at) last++;
    let cp = last;
    while (cp >= 0 && !rows[cp].checkpoint) cp--;
    if (cp < 0) return undefined;
    return { seq: rows[last].seq, at: rows[last].at, updates: [rows[cp].checkpoint!, ...rows.slice(cp + 1, last + 1).map((r) => r.data)] };
  }

  info(name: string): RecordInfo {
    const rows = this.rows.get(name) ?? [];
    let cp = rows.length - 1;
    while (cp >= 0 && !rows[cp].checkpoint) cp--;
    return {
      records: rows.length,
      firstAt: rows[0]?.at ?? 0,
      lastAt: rows[rows.length - 1]?.at ?? 0,
      lastCheckpointAt: cp >= 0 ? rows[cp].at : 0,
      recordsSinceCheckpoint: rows.length - 1 - cp,
      checkpoints: rows.filter((r) => r.checkpoint).length,
    };
  }

  remove(name: string): void {
    this.rows.delete(name);
  }
}
