/**
 * Issue 18's fan-out across processes: 2,000 followers (200 in quick mode) on one Plenary process with
 * SQLite, on one process with PostgreSQL, and spread over two processes on one PostgreSQL with the editor
 * on the first (so half the followers get each edit through the database's notification and a read of
 * the stored log); in turn, medians.
 */
import { startPlenary, startPlenaryCluster, type ServerUnderTest } from '../serverProcess.js';
import { fmt, ratio, type BenchOptions, type Section } from '../section.js';
import { scratchDatabase } from '../pgBench.js';
import { alternateAll } from './alternate.js';
import { fanoutMedians, fanoutRow, FANOUT_HEADER } from './fanout.js';
import { fanoutRun } from './fanoutRun.js';

/** A cluster on a scratch database dropped when the cluster stops. */
export async function clusterOnScratch(processes: number, label: string, env: Record<string, string> = {}, urlOf: (url: string) => string = (u) => u): Promise<ServerUnderTest> {
  const db = await scratchDatabase();
  try {
    const c = await startPlenaryCluster({ processes, databaseUrl: urlOf(db.url), env, label });
    return {
      ...c,
      stop: async () => {
        await c.stop();
        await db.drop();
      },
    };
  } catch (e) {
    await db.drop();
    throw e;
  }
}

export async function clusterScenario(opts: BenchOptions): Promise<Section> {
  const n = opts.quick ? 200 : 2000;
  const edits = opts.quick ? 40 : 160;
  opts.log(`cluster: ${n} followers on one process (SQLite, PostgreSQL) and over two processes (PostgreSQL)`);
  const run = { followers: n, edits, workDir: opts.workDir };
  const variants = [
    { label: 'one process, SQLite FULL', run: () => fanoutRun(() => startPlenary({ label: 'one process, SQLite FULL' }), run) },
    { label: 'one process, PostgreSQL', run: () => fanoutRun(() => clusterOnScratch(1, 'one process, PostgreSQL'), run) },
    {
      label: 'two processes, PostgreSQL (followers split, editor on the first)',
      run: () => fanoutRun(() => clusterOnScratch(2, 'two processes, PostgreSQL'), { ...run, spreadFollowers: true }),
    },
  ];
  const runs = await alternateAll(variants, opts.reps, opts.log);
  const m = runs.map(fanoutMedians);
  const one = m[1]!;
  const two = m[2]!;
  return {
    title: 'Several processes on PostgreSQL',
    method:
      `The fan-out run (same meeting, editor, ${edits} edits at 20 a second, light and full followers, load generator) at ${n} followers against: one Plenary process with its SQLite file (FULL); ` +
      'one process with `DATABASE_URL` (PostgreSQL 15 on this machine through its Unix socket, `synchronous_commit=on`, a scratch database per run); and two processes on one database, ' +
      `the editor on the first, the followers alternately on the first and the second (${n / 2} each), so every edit reaches half of them through PostgreSQL: ` +
      "stored by the first process, announced by NOTIFY on commit, read from the log by the second and sent to its followers. Server CPU and RSS are summed over the processes; " +
      `the append figures are the first process's. Kept memory after GC is not measured here (no inspector). ${opts.reps} repetitions in turn; medians.`,
    header: FANOUT_HEADER,
    rows: [
      ...variants.map((v, i) => fanoutRow(n, v.label, m[i]!)),
      [String(n), 'ratio two processes / one process (PostgreSQL)', ratio(two.p50, one.p50), ratio(two.p99, one.p99), '', '', '', ratio(two.cpu, one.cpu), '', '', ratio(two.rss, one.rss), '', '', '', ''],
      [String(n), 'ratio one process PostgreSQL / SQLite', ratio(one.p50, m[0]!.p50), ratio(one.p99, m[0]!.p99), '', '', '', ratio(one.cpu, m[0]!.cpu), '', '', ratio(one.rss, m[0]!.rss), '', '', '', ''],
    ],
    checks: [],
    notes: variants.map(
      (v, i) => `${v.label}: ${fmt(m[i]!.appendBatches, 0)} appends for ${edits} edits on the editor's process (plenary_append_seconds), mean ${fmt(m[i]!.appendMean, 3)} ms, p99 ≤ ${fmt(m[i]!.appendP99, 2)} ms.`,
    ),
  };
}
