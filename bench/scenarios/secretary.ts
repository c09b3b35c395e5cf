/**
 * The secretary's heavy steps (issue 27), each timed against a Plenary server process as a secretary's
 * browser meets them, on a ~1,000-Tdoc portal list: creating the meeting from the list (upload to 201, the
 * first upload of a fresh server), the first .docx and .xlsx export after a change (a chair's status change,
 * seen by a follower, then the export), a merge dry run of a newer list, and on a 40,000-edit week: the
 * history's first page and the Past slider's first rebuild (export.json?at= of a moment, nothing cached).
 * With BENCH_OLD_BUILD=DIR (another checkout with its own node_modules), the same steps run against that
 * build's server too, alternated with this one, on the same files and the same week.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import ExcelJS from 'exceljs';
import { tdocListXlsx } from '../tdocListXlsx.js';
import { benchMeeting, seeded } from '../benchMeeting.js';
import { connectFullClient, type FullClient } from '../fullFollower.js';
import { startPlenary, httpBase, type ServerUnderTest } from '../serverProcess.js';
import { median } from '../stats.js';
import { cpuMs } from '../procStats.js';
import { fmt, type BenchOptions, type Section, type TargetCheck } from '../section.js';
import { writeWeek } from '../recordWeek.js';
import { openDatabase } from '../../server/persistence/openDatabase.js';
import { SqliteStore } from '../../server/persistence/SqliteStore.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';
import { entryMap, readAllFields } from '../../shared/document/entityStore.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const REAL_LIST = 'TDoc_List_Meeting_RAN-110.xlsx';
const TARGETS = { uploadMs: 2000, exportMs: 1000, dryRunMs: 1500, historyMs: 300, rebuildMs: 1000 };

interface Steps {
  upload: number[];
  /** The meeting's first export of each format (the export worker's first job: nothing kept yet). */
  coldDocx: number[];
  coldXlsx: number[];
  docx: number[];
  xlsx: number[];
  dryRun: number[];
  history: number[];
  rebuild: number[];
}

interface Tokens {
  id: string;
  tokens: Record<string, string>;
}

/** The server process whose CPU the steps are charged with (all its threads: the format workers too). */
let serverPid = 0;
/** Server CPU (ms) of each timed step, in the order they were timed, per series (see `Steps`). */
const cpuOf = new Map<number[], number[]>();

/** Wall time of `f`; with `series`, the sample goes there and the server's CPU over it beside it. */
async function timed<T>(f: () => Promise<T>, series?: number[]): Promise<[number, T]> {
  const c0 = serverPid ? cpuMs(serverPid) : 0;
  const t0 = performance.now();
  const v = await f();
  const ms = performance.now() - t0;
  if (series) {
    series.push(ms);
    const cpu = cpuOf.get(series) ?? [];
    cpu.push(serverPid ? cpuMs(serverPid) - c0 : NaN);
    cpuOf.set(series, cpu);
  }
  return [ms, v];
}

async function upload(base: string, admin: string, bytes: Uint8Array): Promise<Tokens> {
  const res = await fetch(`${base}/api/meetings`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': XLSX }, body: bytes as unknown as BodyInit });
  const body = (await res.json()) as Tokens & { error?: string };
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${body.error ?? ''}`);
  return body;
}

async function get(url: string, token: string): Promise<Uint8Array> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`GET ${url.replace(/\?.*/, '')}: ${res.status} ${Buffer.from(body).toString().slice(0, 200)}`);
  return body;
}

/** The list a week later: statuses decided, titles corrected, 20 late Tdocs. */
async function newerList(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const ws = wb.getWorksheet('TDoc_List')!;
  const header = (ws.getRow(1).values as unknown[]).map(String);
  const col = (name: string) => header.indexOf(name);
  const rand = seeded(5);
  ws.eachRow((row, n) => {
    if (n === 1) return;
    if (rand() < 0.1) row.getCell(col('TDoc Status')).value = 'agreed';
    if (rand() < 0.05) row.getCell(col('Title')).value = `${String(row.getCell(col('Title')).value)} (corrected)`;
  });
  const last = ws.getRow(ws.rowCount).values as unknown[];
  for (let i = 0; i < 20; i++) {
    const cells = last.slice(1).map((v) => (v && typeof v === 'object' ? String((v as { text?: string }).text ?? '') : v));
    cells[col('TDoc') - 1] = `RP-29${String(i).padStart(5, '0')}`;
    cells[col('Title') - 1] = `Late contribution ${i}`;
    ws.addRow(cells);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The list steps on one server: upload, exports after changes, a dry run. */
async function listSteps(server: ServerUnderTest, admin: string, list: Uint8Array, newer: Uint8Array, changes: number, out: Steps): Promise<void> {
  const base = httpBase(server);
  serverPid = server.pid;
  const [, m] = await timed(() => upload(base, admin, list), out.upload);
  const target = { label: server.label, serverUrl: `ws://127.0.0.1:${server.port}/sync`, room: m.id, editorParams: {}, followerParams: {}, seedFromEditor: false };
  const chair = connectFullClient(target, { token: m.tokens.chair! });
  const follower: FullClient = connectFullClient(target, { token: m.tokens.delegate! });
  try {
    await Promise.all([chair.synced, follower.synced]);
    const ids = readAllFields(chair.doc, 'contributions', ['status']).map((c) => c.id);
    await timed(() => get(`${base}/api/meetings/${m.id}/export.docx`, m.tokens.secretary!), out.coldDocx);
    await timed(() => get(`${base}/api/meetings/${m.id}/export.xlsx`, m.tokens.secretary!), out.coldXlsx);
    for (let i = 0; i < changes; i++) {
      const id = ids[Math.floor((i + 0.5) * (ids.length / changes))]!;
      const status = i % 2 ? 'noted' : 'agreed';
      setContributionStatus(chair.doc, id, status, { by: 'Chair' });
      // Stored and sent: the follower has it.
      for (const t0 = Date.now(); entryMap(follower.doc, 'contributions', id)?.get('status') !== status; ) {
        if (Date.now() - t0 > 10_000) throw new Error('the change never reached the follower');
        await new Promise((r) => setTimeout(r, 2));
      }
      await timed(() => get(`${base}/api/meetings/${m.id}/export.docx`, m.tokens.secretary!), out.docx);
      await timed(() => get(`${base}/api/meetings/${m.id}/export.xlsx`, m.tokens.secretary!), out.xlsx);
    }
    await timed(async () => {
      const res = await fetch(`${base}/api/meetings/${m.id}/import?dryRun=1`, { method: 'POST', headers: { authorization: `Bearer ${m.tokens.secretary}`, 'content-type': XLSX }, body: newer as unknown as BodyInit });
      const body = (await res.json()) as { added?: unknown; error?: string };
      if (res.status !== 200 || body.added === undefined) throw new Error(`dry run: ${res.status} ${body.error ?? ''}`);
    }, out.dryRun);
  } finally {
    chair.destroy();
    follower.destroy();
  }
}

/** The week's meeting in a data folder: created by a server of this build, then 40,000 edits in process. */
async function weekFolder(opts: BenchOptions, edits: number, tdocs: number): Promise<{ dir: string; id: string; tokens: Record<string, string>; admin: string; start: number; end: number; seconds: number }> {
  const dir = mkdtempSync(join(opts.workDir, 'week-'));
  const admin = 'bench-week-admin';
  const server = await startPlenary({ dataDir: dir, adminToken: admin });
  let m: Tokens;
  try {
    const res = await fetch(`${httpBase(server)}/api/meetings`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(benchMeeting(tdocs)) });
    m = (await res.json()) as Tokens;
    if (res.status !== 201) throw new Error(`week meeting: ${res.status}`);
  } finally {
    await server.stop();
  }
  // Written without an fsync per edit (the file is the same, only the writing is faster).
  const db = openDatabase(dir, { synchronous: 'NORMAL' });
  const store = new SqliteStore(db);
  opts.log(`secretary: writing a ${edits}-edit week on a ${tdocs}-Tdoc meeting`);
  // The week starts the day after the meeting was created (its first record), at 08:00 UTC.
  const start = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 8 * 3_600_000;
  const week = await writeWeek(
    store,
    m.id,
    edits,
    (i) => {
      if (i % 10_000 === 9_999) opts.log(`secretary: ${i + 1} edits written`);
    },
    start,
  );
  await week.registry.closeAll(1001, 'bench over');
  await store.close();
  db.close();
  return { dir, id: m.id, tokens: m.tokens, admin, start: week.start, end: week.end, seconds: week.seconds };
}

/** History and rebuild on a fresh copy of the week's folder: nothing loaded, nothing cached. */
async function weekSteps(build: Build, week: Awaited<ReturnType<typeof weekFolder>>, opts: BenchOptions, moments: number[], out: Steps): Promise<void> {
  const dir = mkdtempSync(join(opts.workDir, 'weekcopy-'));
  cpSync(week.dir, dir, { recursive: true });
  const server = await startPlenary({ dataDir: dir, adminToken: week.admin, label: build.label, entry: build.entry });
  try {
    const base = httpBase(server);
    serverPid = server.pid;
    const [, body] = await timed(() => get(`${base}/api/meetings/${week.id}/history`, week.tokens.secretary!), out.history);
    if (!(JSON.parse(Buffer.from(body).toString()) as { entries: unknown[] }).entries.length) throw new Error('empty history');
    for (const at of moments) await timed(() => get(`${base}/api/meetings/${week.id}/export.json?at=${new Date(at).toISOString()}`, week.tokens.secretary!), out.rebuild);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Build {
  label: string;
  entry?: string[];
}

export async function secretaryScenario(opts: BenchOptions): Promise<Section> {
  const realDir = process.env.PLENARY_REAL_DATA ? join(process.env.PLENARY_REAL_DATA, '3gpp-tdoc-lists') : '';
  const real = realDir && readdirSync(realDir).includes(REAL_LIST) ? join(realDir, REAL_LIST) : '';
  const rows = opts.quick ? 300 : 1000;
  const list = real ? new Uint8Array(readFileSync(real)) : new Uint8Array(await tdocListXlsx(rows));
  const listName = real ? `${REAL_LIST} (real, 910 Tdocs)` : `a generated ${rows}-row portal list (bench/tdocListXlsx.ts)`;
  const newer = await newerList(list);
  const edits = opts.quick ? 4_000 : 40_000;
  const builds: Build[] = [{ label: 'this build' }];
  const old = process.env.BENCH_OLD_BUILD;
  if (old) builds.push({ label: `old build (${old})`, entry: [join(old, 'bin/plenary.js'), 'serve'] });
  const week = await weekFolder(opts, edits, opts.quick ? 300 : 1000);
  const rand = seeded(23);
  const steps = new Map(builds.map((b) => [b.label, { upload: [], coldDocx: [], coldXlsx: [], docx: [], xlsx: [], dryRun: [], history: [], rebuild: [] } as Steps]));
  try {
    for (let rep = 0; rep < opts.reps; rep++) {
      const moments = Array.from({ length: 3 }, () => week.start + Math.floor(rand() * (week.end - week.start)));
      for (const b of rep % 2 ? [...builds].reverse() : builds) {
        opts.log(`secretary: ${b.label}, run ${rep + 1}/${opts.reps}`);
        const server = await startPlenary({ label: b.label, entry: b.entry, adminToken: 'bench-secretary-admin' });
        try {
          await listSteps(server, 'bench-secretary-admin', list, newer, opts.quick ? 2 : 4, steps.get(b.label)!);
        } finally {
          await server.stop();
        }
        await weekSteps(b, week, opts, moments, steps.get(b.label)!);
      }
    }
  } finally {
    rmSync(week.dir, { recursive: true, force: true });
  }
  const rowsOut: string[][] = [];
  // Wall median (slowest), and the server's CPU over the step (median): the CPU holds on a loaded machine.
  const stat = (xs: number[]) => `${fmt(median(xs), 0)} (max ${fmt(Math.max(...xs), 0)}; CPU ${fmt(median(cpuOf.get(xs) ?? []), 0)})`;
  for (const b of builds) {
    const s = steps.get(b.label)!;
    rowsOut.push([b.label, stat(s.upload), `${stat(s.coldDocx)} / ${stat(s.coldXlsx)}`, stat(s.docx), stat(s.xlsx), stat(s.dryRun), stat(s.history), stat(s.rebuild)]);
  }
  const mine = steps.get('this build')!;
  const check = (target: string, xs: number[], limit: number): TargetCheck => ({ target, figure: `${fmt(median(xs), 0)} ms median, ${fmt(Math.max(...xs), 0)} ms at most`, met: Math.max(...xs) <= limit });
  return {
    title: "The secretary's heavy steps",
    method:
      `Against a Plenary server process (\`plenary serve\`, SQLite FULL), on ${listName}; each run a fresh server. ` +
      'Upload: POST /api/meetings with the .xlsx, to its 201 (the first upload of the server: its format worker starts too). ' +
      'Then the meeting\'s first export of each format (GET export.docx, export.xlsx with the secretary\'s token: the export worker\'s first job, nothing kept yet), and the export after a change: a chair (WebsocketProvider) sets a Tdoc\'s status, a delegate\'s provider receives it, then export.docx and export.xlsx, each the first after that change; several changes a run, over different agenda items. ' +
      'Merge dry run: POST /api/meetings/:id/import?dryRun=1 with the same list a week later (10 % statuses decided, 5 % titles corrected, 20 new Tdocs). ' +
      `The week: a ${opts.quick ? 300 : 1000}-Tdoc meeting created by this build's server, then ${edits.toLocaleString('en')} edits written through the room's own path in process (bench/recordWeek.ts: Room.handle, described, recorded, checkpoints by the room's policy; the server's clock injected over 5 days of 10 hours). ` +
      'On a fresh copy of that folder and a fresh server: GET /history (its first page, nothing loaded), then export.json?at= three random moments of the week (each the first rebuild of its moment). ' +
      'Each cell: the median wall time, the slowest, and the median CPU the server process spent over the step (all its threads, format workers included; /proc, 10 ms ticks), which a loaded machine inflates far less than the wall time. ' +
      `${opts.reps} repetitions${builds.length > 1 ? ', the builds alternated' : ''}; medians, with the slowest beside them. Load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}.`,
    header: ['build', 'upload to 201 ms', "meeting's first .docx / .xlsx ms", 'first .docx after a change ms', 'first .xlsx after a change ms', 'merge dry run ms', 'history first page ms', 'Past rebuild (first) ms'],
    rows: rowsOut,
    checks: [
      check(`creating the meeting from a ~1,000-Tdoc list ≤ ${TARGETS.uploadMs} ms`, mine.upload, TARGETS.uploadMs),
      check(`first .docx export after a change ≤ ${TARGETS.exportMs} ms`, mine.docx, TARGETS.exportMs),
      check(`first .xlsx export after a change ≤ ${TARGETS.exportMs} ms`, mine.xlsx, TARGETS.exportMs),
      check(`merge dry run ≤ ${TARGETS.dryRunMs} ms`, mine.dryRun, TARGETS.dryRunMs),
      check(`history's first page ≤ ${TARGETS.historyMs} ms (${edits.toLocaleString('en')}-edit week)`, mine.history, TARGETS.historyMs),
      check(`Past slider's first rebuild ≤ ${TARGETS.rebuildMs} ms (${edits.toLocaleString('en')}-edit week)`, mine.rebuild, TARGETS.rebuildMs),
    ],
    notes: [`The week was written in ${fmt(week.seconds, 0)} s (in process, without an fsync per edit).`],
  };
}
