/**
 * Durability's price when the disk is busy: the fan-out at 1,000 followers (200 in quick mode) while
 * another process writes 200 MB files with an fsync each in a loop (bench/diskHog.ts) on the same disk,
 * for SQLite FULL and NORMAL, PostgreSQL with synchronous_commit on and off, and the reference server
 * (no storage); SQLite FULL on a quiet disk beside them. In turn, medians.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlenary, startReference } from '../serverProcess.js';
import { fmt, ratio, type BenchOptions, type Section } from '../section.js';
import { withSessionSetting } from '../pgBench.js';
import { median } from '../stats.js';
import { alternateAll } from './alternate.js';
import { clusterOnScratch } from './cluster.js';
import { fanoutMedians, fanoutRow, FANOUT_HEADER } from './fanout.js';
import { fanoutRun } from './fanoutRun.js';

const HOG = fileURLToPath(new URL('../diskHog.ts', import.meta.url));
const HOG_FILE_MB = 200;

/** Starts the disk hog in a folder of `workDir`; the returned function kills it and gives each file's write + fsync time. */
async function startHog(workDir: string, files: number[]): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(workDir, 'hog-'));
  const child = spawn(process.execPath, ['--import', 'tsx', HOG, dir], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DISK_HOG_FILE_MB: String(HOG_FILE_MB) } });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i; (i = buf.indexOf('\n')) >= 0; buf = buf.slice(i + 1)) {
      const m = /^file (\d+)/.exec(buf.slice(0, i));
      if (m) files.push(Number(m[1]));
    }
  });
  // Let it fill the page cache and reach its first fsyncs before the edits start.
  await new Promise((r) => setTimeout(r, 2000));
  return async () => {
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await gone;
    process.off('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
  };
}

export async function diskScenario(opts: BenchOptions): Promise<Section> {
  const n = opts.quick ? 200 : 1000;
  const edits = opts.quick ? 40 : 160;
  opts.log(`disk: ${n} followers while another process writes ${HOG_FILE_MB} MB files with fsync`);
  const run = { followers: n, edits, workDir: opts.workDir };
  const hogFiles: number[][] = [];
  const busy = (k: number) => ({ ...run, during: () => startHog(opts.workDir, (hogFiles[k] ??= [])) });
  const pgOff = (u: string) => withSessionSetting(u, 'synchronous_commit', 'off');
  const variants = [
    { label: 'SQLite FULL, quiet disk', run: () => fanoutRun(() => startPlenary({ label: 'SQLite FULL quiet', env: { PLENARY_SYNCHRONOUS: 'FULL' } }), run) },
    { label: 'SQLite FULL (default), busy disk', run: () => fanoutRun(() => startPlenary({ label: 'SQLite FULL busy', env: { PLENARY_SYNCHRONOUS: 'FULL' } }), busy(1)) },
    { label: 'SQLite NORMAL, busy disk', run: () => fanoutRun(() => startPlenary({ label: 'SQLite NORMAL busy', env: { PLENARY_SYNCHRONOUS: 'NORMAL' } }), busy(2)) },
    { label: 'PostgreSQL, synchronous_commit=on, busy disk', run: () => fanoutRun(() => clusterOnScratch(1, 'PostgreSQL on, busy'), busy(3)) },
    { label: 'PostgreSQL, synchronous_commit=off, busy disk', run: () => fanoutRun(() => clusterOnScratch(1, 'PostgreSQL off, busy', {}, pgOff), busy(4)) },
    { label: 'reference (no storage), busy disk', run: () => fanoutRun(() => startReference(), busy(5)) },
  ];
  const runs = await alternateAll(variants, opts.reps, opts.log);
  const m = runs.map(fanoutMedians);
  const reference = m[m.length - 1]!;
  const hogNote = hogFiles
    .map((f, k) => (f?.length ? `${variants[k]!.label}: ${f.length} files written, median ${fmt(median(f) / 1000, 1)} s each (${fmt(HOG_FILE_MB / (median(f) / 1000), 0)} MB/s)` : ''))
    .filter(Boolean);
  return {
    title: 'Durability on a busy disk',
    method:
      `The fan-out run at ${n} followers (${edits} edits at 20 a second) while another process (bench/diskHog.ts) writes ${HOG_FILE_MB} MB files, each ended with an fsync, in a loop ` +
      'into the same file system (started 2 s before the edits, killed after them): Plenary (`plenary serve`) with SQLite at PLENARY_SYNCHRONOUS=FULL and NORMAL, ' +
      'with `DATABASE_URL` (one process; PostgreSQL 15 on this machine, its WAL on the same disk) at `synchronous_commit=on` and `off` (set for its sessions through the URL, `options=-c synchronous_commit=off`), ' +
      `and the reference server (in memory: what the disk does to a server that stores nothing); SQLite FULL on a quiet disk beside them. ${opts.reps} repetitions in turn; medians.`,
    header: FANOUT_HEADER,
    rows: [
      ...variants.map((v, i) => fanoutRow(n, v.label, m[i]!)),
      ...variants.slice(0, -1).map((v, i) => [String(n), `ratio ${v.label} / reference busy`, ratio(m[i]!.p50, reference.p50), ratio(m[i]!.p99, reference.p99), '', '', '', '', '', '', '', '', '', '', '']),
    ],
    checks: [],
    notes: [
      ...variants
        .slice(0, -1)
        .map((v, i) => `${v.label}: ${fmt(m[i]!.appendBatches, 0)} appends for ${edits} edits (plenary_append_seconds), mean ${fmt(m[i]!.appendMean, 2)} ms, p99 ≤ ${fmt(m[i]!.appendP99, 2)} ms.`),
      ...(hogNote.length ? [`The neighbour's pace: ${hogNote.join('; ')}.`] : []),
    ],
  };
}
