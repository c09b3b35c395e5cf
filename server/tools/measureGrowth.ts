/**
 * What one client address can make a meeting's storage grow by, sending delegates' requests as fast as
 * its budgets allow (issue 23): `npx tsx server/tools/measureGrowth.ts [HOURS=1] [TDOCS=2000]`.
 *
 * A server in this process on a temp SQLite folder, its clock simulated (the budgets and the record use
 * the server's clock), a meeting of TDOCS Tdocs with one open poll. The "attacker" sends one request per
 * 200 ms of simulated time (the per-address request rate) in turn: join or leave the queue with one
 * browser, a first ballot from a new browser id, and a changed ballot from one browser. Answers other than
 * 200 store nothing. At the end: requests admitted, records, checkpoints and the database's bytes
 * (after a WAL checkpoint), per simulated hour and per day.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
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

function bytesOf(dir: string): number {
  const db = new Database(join(dir, 'plenary.db'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  let n = 0;
  for (const f of ['plenary.db', 'plenary.db-wal']) {
    try {
      n += statSync(join(dir, f)).size;
    } catch {
      // absent
    }
  }
  return n;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-growth-'));
  let now = Date.parse('2026-03-02T08:00:00Z');
  const server = await startServer({ ...configFromEnv({}), port: 0, dataDir: dir, adminToken: 'growth-admin', logLevel: 'silent', demo: false, processMetrics: false, clock: () => now });
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
    const start = bytesOf(dir);
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
    const db = new Database(join(dir, 'plenary.db'), { readonly: true });
    const rec = db.prepare('SELECT count(*) AS n, sum(length(data)) AS b FROM history WHERE meeting_id = ?').get(m.id) as { n: number; b: number };
    const cps = db.prepare('SELECT count(*) AS n, sum(length(data)) AS b FROM checkpoints WHERE meeting_id = ?').get(m.id) as { n: number; b: number };
    db.close();
    const grown = bytesOf(dir) - start;
    const perDay = (x: number) => Math.round((x * 24) / hours);
    console.log(
      JSON.stringify(
        { hours, tdocs, requests: steps, admitted, records: rec.n, recordBytes: rec.b, checkpoints: cps.n, checkpointBytes: cps.b, grownBytes: grown, perDay: { admitted: perDay(admitted), records: perDay(rec.n), mb: +(perDay(grown) / 1e6).toFixed(1) } },
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
