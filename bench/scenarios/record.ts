/**
 * The record (issue 17): what a week of a 2,000-Tdoc meeting costs on disk, and how long rebuilding the
 * meeting as it stood at a random moment takes. In process, through the real path: a Room on a
 * SqliteStore (FULL, its own data folder), one editor connection whose updates go through Room.handle
 * one tick at a time (as over the wire: applied, described, recorded, appended with the record in one
 * transaction, compacted every 1,000 rows), the server's clock injected to spread them over a week.
 * Then MeetingRecord.meetingAt (latest checkpoint + the records after it, applied, read as meeting JSON)
 * at random moments, and a cold load of the compacted log for comparison.
 */
import { mkdtempSync, statSync, existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import * as Y from 'yjs';
import { benchMeeting, seeded } from '../benchMeeting.js';
import { WEEK_START, writeWeek } from '../recordWeek.js';
import { fmt, type BenchOptions, type Section } from '../section.js';
import { median, quantile } from '../stats.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { exportMeeting } from '../../shared/formats/index.js';
import { openDatabase } from '../../server/persistence/openDatabase.js';
import { SqliteStore } from '../../server/persistence/SqliteStore.js';
import { MeetingRecord } from '../../server/meetings/MeetingRecord.js';
import type { MeetingService } from '../../server/meetings/MeetingService.js';

const TARGET_MS = 1000;

export async function recordScenario(opts: BenchOptions): Promise<Section> {
  const tdocs = opts.quick ? 500 : 2000;
  const edits = opts.quick ? 5_000 : 40_000;
  const dir = mkdtempSync(join(opts.workDir, 'record-'));
  const db = openDatabase(dir);
  const store = new SqliteStore(db);
  const log = pino({ level: 'silent' });
  const meeting = benchMeeting(tdocs);
  const editor = createMeetingDoc(meeting);
  const base = Y.encodeStateAsUpdate(editor);
  await store.append('week', [base], [{ at: WEEK_START, role: 'admin', tokenId: '', name: '', changes: [{ text: 'Meeting created' }], checkpoint: base }]);

  opts.log(`record: ${edits} edits over a simulated week on a ${tdocs}-Tdoc meeting`);
  const week = await writeWeek(store, 'week', edits);
  const { registry, room } = week;
  const recordMs = week.handleMs;
  const rand = seeded(29);
  const writeSeconds = week.seconds;
  const end = week.end;

  const sizes = db
    .prepare<[], { t: string; bytes: number; rows: number }>(
      `SELECT 'history' AS t, sum(length(data)) + sum(length(changes)) + sum(length(subjects)) AS bytes, count(*) AS rows FROM history
       UNION ALL SELECT 'checkpoints', sum(length(data)), count(*) FROM checkpoints
       UNION ALL SELECT 'record_segments', sum(length(data)) + sum(length(subjects_union)) + sum(length(names_union)), coalesce(sum(records), 0) FROM record_segments
       UNION ALL SELECT 'updates', sum(length(data)), count(*) FROM updates`,
    )
    .all();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const file = join(dir, 'plenary.db');
  const fileBytes = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

  // Rebuilds at random moments of the week, through the service the API uses.
  const record = new MeetingRecord(store, registry, {} as MeetingService, log);
  const rebuildMs: number[] = [];
  const rebuildCpuMs: number[] = [];
  const exportMs: number[] = [];
  for (let i = 0; i < (opts.quick ? 10 : 30); i++) {
    const at = WEEK_START + Math.floor(rand() * (end - WEEK_START));
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const past = await record.meetingAt('week', at);
    rebuildMs.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    rebuildCpuMs.push((c.user + c.system) / 1000);
    const t1 = performance.now();
    await exportMeeting(past.meeting, 'json');
    exportMs.push(performance.now() - t1);
  }
  // A cold load of the compacted log (what a meeting's first join pays), for comparison.
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const loaded = await store.load('week');
  const doc = new Y.Doc();
  doc.transact(() => loaded.forEach((u) => Y.applyUpdate(doc, u)));
  const loadMs = performance.now() - t0;
  const lc = process.cpuUsage(c0);
  const loadCpuMs = (lc.user + lc.system) / 1000;
  const same = JSON.stringify(readMeeting(doc)) === JSON.stringify(readMeeting(room.doc));
  doc.destroy();
  await registry.closeAll(1001, 'bench over');
  await store.close();
  db.close();

  const by = new Map(sizes.map((s) => [s.t, s]));
  const mb = (b: number | undefined) => fmt((b ?? 0) / 1024 / 1024, 1);
  const p50 = median(rebuildMs);
  const max = Math.max(...rebuildMs);
  const cpuMax = Math.max(...rebuildCpuMs);
  const load = loadavg()[0]!;
  return {
    title: 'The record',
    method:
      `A ${tdocs}-Tdoc meeting (bench/benchMeeting.ts) and ${edits} edits spread over a simulated week (5 days of 10 hours, the server's clock injected): 25 % status decisions, 65 % notes typed a word at a time, 7 % title edits, 3 % the room moving on. ` +
      'Each edit goes through the real path in process: Room.handle → applied, described (ChangeDescriber), recorded, appended with its record in one SQLite transaction (FULL), compaction of the load log every 1,000 rows (which also archives closed, old checkpoint intervals of the record into segments), a checkpoint every 2,000 records (or after 4 hours with at least 200), stored deflated. ' +
      `Then the meeting as it stood at ${rebuildMs.length} random moments of the week, through MeetingRecord.meetingAt (what export.FMT?at= runs): the latest checkpoint at or before the moment plus the records after it, applied in one transaction and read as meeting JSON; and a cold load of the compacted log.`,
    header: ['figure', 'value'],
    rows: [
      ['record (table history): rows, MB (update bytes + words)', `${by.get('history')?.rows ?? 0}, ${mb(by.get('history')?.bytes)}`],
      ['record archived (table record_segments, G-REC-7): records, MB (deflated)', `${by.get('record_segments')?.rows ?? 0}, ${mb(by.get('record_segments')?.bytes)}`],
      ['checkpoints: count, MB', `${by.get('checkpoints')?.rows ?? 0}, ${mb(by.get('checkpoints')?.bytes)}`],
      ['load log (table updates) after compaction: rows, MB', `${by.get('updates')?.rows ?? 0}, ${mb(by.get('updates')?.bytes)}`],
      ['database file after the week, MB', mb(fileBytes)],
      ['per recorded edit: bytes on disk (file / edits)', fmt(fileBytes / edits, 0)],
      ['Room.handle per edit (apply + describe + record), median / p99 ms', `${fmt(median(recordMs), 3)} / ${fmt(quantile(recordMs, 0.99), 3)}`],
      ['whole week written in, s', fmt(writeSeconds, 1)],
      ['rebuild at a random moment, wall: median / p99 / max ms', `${fmt(p50, 1)} / ${fmt(quantile(rebuildMs, 0.99), 1)} / ${fmt(max, 1)}`],
      ['rebuild at a random moment, CPU of this process: median / max ms', `${fmt(median(rebuildCpuMs), 1)} / ${fmt(Math.max(...rebuildCpuMs), 1)}`],
      ['then export.json of it, median ms', fmt(median(exportMs), 1)],
      ['cold load of the compacted log (for comparison): wall / CPU ms', `${fmt(loadMs, 1)} / ${fmt(loadCpuMs, 1)}`],
    ],
    checks: [
      {
        target: `past state of a week-long ${tdocs}-Tdoc meeting rebuilt ≤ ${TARGET_MS} ms`,
        figure:
          `CPU ${fmt(cpuMax, 0)} ms at most (median ${fmt(median(rebuildCpuMs), 0)}); wall ${fmt(max, 0)} ms at most (median ${fmt(p50, 0)}) ` +
          `at load average ${fmt(load, 1)} on ${cpus().length} cores; a cold load of the same meeting: CPU ${fmt(loadCpuMs, 0)} ms, wall ${fmt(loadMs, 0)} ms`,
        // Checked on the CPU the rebuild takes: on a shared machine the wall clock measures the other processes.
        met: load > cpus().length ? cpuMax <= TARGET_MS : max <= TARGET_MS,
      },
      { target: 'loading a meeting stays as fast as now (the load log is still compacted)', figure: `${fmt(loadMs, 0)} ms, ${by.get('updates')?.rows ?? 0} rows, state ${same ? 'equal to the live one' : 'DIFFERENT from the live one'}`, met: same },
    ],
    notes: [
      'The record grows with the edits, not with the meeting: every update is kept once more in `history` (the load log is compacted, the record never), plus the checkpoints (each a full state). Nothing is dropped or thinned out over time.',
    ],
  };
}
