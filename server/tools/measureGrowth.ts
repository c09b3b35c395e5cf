/**
 * What one client address can make a meeting's storage grow by, sending delegates' requests as fast as
 * its budgets allow (issue 23): `npx tsx server/tools/measureGrowth.ts [HOURS=1] [TDOCS=2000]`.
 *
 * A server in this process on a temp SQLite folder, its clock simulated (the budgets and the record use
 * the server's clock), a meeting of TDOCS Tdocs with one open poll. The "attacker" sends one request per
 * 200 ms of simulated time (the per-address request rate) in turn: join or leave the queue with one
 * browser, a first ballot from a new browser id, and a changed ballot from one browser. Answers other than
 * 200 store nothing. No compaction runs during the run (so the record is measured before any archiving);
 * at the end: requests admitted, records, checkpoints, the bytes of each table in use (SQLite's dbstat,
 * after a WAL checkpoint) and the record's bytes per record leaving out the first record (the meeting's
 * creation: its update holds the whole meeting); then one compaction (the load log compacted, the
 * record's closed, old checkpoint intervals archived into segments) and the same figures again, per
 * simulated hour and per day.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { configFromEnv, startServer } from '../main.js';
import { openPoll } from '../../shared/participation/showOfHands.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';

const hours = Number(process.argv[2] ?? 1);
const tdocs = Number(process.argv[3] ?? 2000);
const STEP_MS = 200;

function meeting(rows: number) {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'Growth', startDate: '2026-03-02', endDate: '2026-03-06' });
  const item = addAgendaItem(doc, { label: '1', title: 'Opening' });
  for (let i = 1; i <= rows; i++) addContribution(doc, { number: `S2-26${String(i).padStart(5, '0')}`, title: `Row ${i} with a title of some words`, agendaItemId: item });
  const json = readMeeting(doc);
  doc.destroy();
  return json;
}

/** Bytes of the pages each table and index uses (freed pages, reused by later writes, not counted). */
function tableBytes(dir: string): Record<string, number> {
  const db = new Database(join(dir, 'plenary.db'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  const rows = db.prepare<[], { name: string; b: number }>('SELECT name, sum(pgsize) AS b FROM dbstat GROUP BY name').all();
  db.close();
  return Object.fromEntries(rows.map((r) => [r.name, r.b]));
}

/** The record's tables and their indexes (by dbstat name). */
const RECORD_TABLE = /^(sqlite_autoindex_)?(history|checkpoints|record_segments)(_|$)/;
const LOG_TABLE = /^(sqlite_autoindex_)?updates(_|$)/;

/** What the record and the log use, and what the record holds, for meeting `id`. */
function measure(dir: string, id: string) {
  const t = tableBytes(dir);
  const sum = (re: RegExp) => Object.entries(t).reduce((n, [k, b]) => n + (re.test(k) ? b : 0), 0);
  const db = new Database(join(dir, 'plenary.db'), { readonly: true });
  const live = db.prepare('SELECT count(*) AS n, coalesce(sum(length(data)), 0) AS b FROM history WHERE meeting_id = ? AND seq > 1').get(id) as { n: number; b: number };
  const seg = db.prepare('SELECT count(*) AS segments, coalesce(sum(records), 0) AS n, coalesce(sum(length(data)), 0) AS b FROM record_segments WHERE meeting_id = ?').get(id) as { segments: number; n: number; b: number };
  const cps = db.prepare('SELECT count(*) AS n, coalesce(sum(length(data)), 0) AS b FROM checkpoints WHERE meeting_id = ?').get(id) as { n: number; b: number };
  const first = db.prepare('SELECT length(data) AS b FROM history WHERE meeting_id = ? AND seq = 1').get(id) as { b: number } | undefined;
  // The bytes of the records themselves (every column's length), the creation (seq 1) left out: as rows,
  // and archived (segments after the first; the first interval is the creation alone, its checkpoint on it).
  const rowBytes = (db.prepare(
    'SELECT coalesce(sum(length(data) + length(changes) + length(subjects) + length(name) + length(role) + length(token_id)), 0) AS b FROM history WHERE meeting_id = ? AND seq > 1',
  ).get(id) as { b: number }).b;
  const archived = db.prepare(
    'SELECT coalesce(sum(length(data) + length(subjects_union) + length(names_union)), 0) AS b, coalesce(sum(records), 0) AS n FROM record_segments WHERE meeting_id = ? AND from_seq > 1',
  ).get(id) as { b: number; n: number };
  db.close();
  return {
    recordsLive: live.n + (first ? 1 : 0),
    recordsArchived: seg.n,
    segments: seg.segments,
    segmentBytes: seg.b,
    checkpoints: cps.n,
    checkpointBytes: cps.b,
    firstRecordUpdateBytes: first?.b ?? null,
    /** Update bytes per live record, the creation left out. */
    updateBytesPerLiveRecord: live.n ? Math.round(live.b / live.n) : null,
    /** Records after the creation: their bytes as rows and as segments, and how many are archived. */
    rowBytes,
    archivedBytes: archived.b,
    archivedRecordsAfterCreation: archived.n,
    recordTablesBytes: sum(RECORD_TABLE),
    logBytes: sum(LOG_TABLE),
    allTablesBytes: Object.values(t).reduce((a, b) => a + b, 0),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-growth-'));
  let now = Date.parse('2026-03-02T08:00:00Z');
  const config = configFromEnv({});
  // No compaction during the run (nor the unload's, the meeting stays loaded): the record is measured
  // before archiving, then compacted once at the end.
  const room = { ...config.room, compactAfterRows: Number.MAX_SAFE_INTEGER, compactAfterBytes: Number.MAX_SAFE_INTEGER, unloadAfterMs: 2_000_000_000 };
  const server = await startServer({ ...config, room, port: 0, dataDir: dir, adminToken: 'growth-admin', logLevel: 'silent', demo: false, processMetrics: false, clock: () => now });
  try {
    const create = await fetch(`${server.url}/api/meetings`, {
      method: 'POST',
      headers: { authorization: 'Bearer growth-admin', 'content-type': 'application/json' },
      body: JSON.stringify(meeting(tdocs)),
    });
    const m = (await create.json()) as { id: string; tokens: Record<string, string> };
    if (create.status !== 201) throw new Error(`creating the meeting: ${create.status} ${JSON.stringify(m)}`);
    let pollId = '';
    await server.rooms.edit(m.id, (doc) => (pollId = openPoll(doc, { question: 'Adopt?', options: ['Yes', 'No'], at: new Date(now).toISOString() })));
    await server.rooms.get(m.id)!.compact();
    const start = measure(dir, m.id);
    const post = async (path: string, body: object): Promise<number> => {
      const res = await fetch(`${server.url}/api/meetings/${m.id}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${m.tokens.delegate}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const queuer = randomBytes(16).toString('hex');
    const changer = randomBytes(16).toString('hex');
    let queued = false;
    let yes = true;
    let admitted = 0;
    const steps = Math.round((hours * 3_600_000) / STEP_MS);
    for (let i = 0; i < steps; i++) {
      now += STEP_MS;
      let status: number;
      if (i % 3 === 0) {
        status = await post('/queue', queued ? { participant: queuer, action: 'withdraw' } : { participant: queuer, action: 'add', kind: 'point-of-order', name: `Mallory ${i}` });
        if (status === 200) queued = !queued;
      } else if (i % 3 === 1) status = await post(`/polls/${pollId}/answer`, { participant: randomBytes(16).toString('hex'), option: 'Yes' });
      else {
        status = await post(`/polls/${pollId}/answer`, { participant: changer, option: yes ? 'Yes' : 'No' });
        if (status === 200) yes = !yes;
      }
      if (status === 200) admitted++;
    }
    await server.rooms.get(m.id)!.flush();
    const before = measure(dir, m.id);
    await server.rooms.get(m.id)!.compact();
    const after = measure(dir, m.id);
    const perDay = (x: number) => Math.round((x * 24) / hours);
    const records = after.recordsLive + after.recordsArchived - (start.recordsLive + start.recordsArchived);
    // What the run's records take, the creation left out: their own bytes (rows, or segments once
    // archived) and the checkpoints taken during the run.
    const own = (x: ReturnType<typeof measure>) => x.rowBytes + x.archivedBytes - start.rowBytes;
    const checkpoints = (x: ReturnType<typeof measure>) => x.checkpointBytes - start.checkpointBytes;
    const mbPerDay = (x: number) => +(perDay(x) / 1e6).toFixed(2);
    console.log(
      JSON.stringify(
        {
          hours,
          tdocs,
          requests: steps,
          admitted,
          records,
          start,
          beforeArchiving: before,
          afterArchiving: after,
          bytesPerRecord: {
            beforeArchiving: Math.round(own(before) / records),
            afterArchiving: Math.round(own(after) / records),
            withCheckpoints: Math.round((own(before) + checkpoints(before)) / records),
            archivedOnly: after.archivedRecordsAfterCreation ? Math.round(after.archivedBytes / after.archivedRecordsAfterCreation) : null,
          },
          perDay: {
            admitted: perDay(admitted),
            records: perDay(records),
            recordMbBeforeArchiving: mbPerDay(own(before) + checkpoints(before)),
            recordMbAfterArchiving: mbPerDay(own(after) + checkpoints(after)),
            checkpointMb: mbPerDay(checkpoints(after)),
            // The database's pages in use (tables and indexes), the creation's archiving included.
            pagesMbBeforeArchiving: mbPerDay(before.allTablesBytes - start.allTablesBytes),
            pagesMbAfterArchiving: mbPerDay(after.allTablesBytes - start.allTablesBytes),
          },
          creationRecordUpdateBytes: start.firstRecordUpdateBytes,
        },
        null,
        2,
      ),
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
