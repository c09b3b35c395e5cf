/**
 * Durability's price: Plenary fan-out with its SQLite store (every broadcast edit already on disk) against
 * the same server with its in-memory store, and SQLite with synchronous=NORMAL (WAL: durable against a
 * killed process, not a power cut) in between; in turn, at 1,000 followers (200 in quick mode).
 */
import { fileURLToPath } from 'node:url';
import { startPlenary } from '../serverProcess.js';
import { fmt, ratio, type BenchOptions, type Section } from '../section.js';
import { alternateAll } from './alternate.js';
import { fanoutMedians, fanoutRow, FANOUT_HEADER } from './fanout.js';
import { fanoutRun } from './fanoutRun.js';

const ENTRY = ['--import', 'tsx', fileURLToPath(new URL('../plenaryBenchServer.ts', import.meta.url))];

interface Variant {
  label: string;
  env: Record<string, string>;
}

const VARIANTS: Variant[] = [
  { label: 'Plenary, SQLite FULL (default)', env: { BENCH_STORE: 'sqlite', PLENARY_SYNCHRONOUS: 'FULL' } },
  { label: 'Plenary, SQLite NORMAL', env: { BENCH_STORE: 'sqlite', PLENARY_SYNCHRONOUS: 'NORMAL' } },
  { label: 'Plenary, memory store', env: { BENCH_STORE: 'memory' } },
];

export async function durabilityScenario(opts: BenchOptions): Promise<Section> {
  const n = opts.quick ? 200 : 1000;
  const edits = opts.quick ? 40 : 160;
  opts.log(`durability: ${n} followers, SQLite FULL / NORMAL / memory store`);
  const runs = await alternateAll(
    VARIANTS.map((v) => ({
      label: v.label,
      run: () =>
        fanoutRun(() => startPlenary({ entry: ENTRY, env: v.env, label: v.label, inspect: true }), {
          followers: n,
          edits,
          profileDir: opts.profileDir,
          workDir: opts.workDir,
        }),
    })),
    opts.reps,
    opts.log,
  );
  const m = runs.map(fanoutMedians);
  const memory = m[m.length - 1]!;
  return {
    title: "Durability's price",
    method:
      `The fan-out run above at ${n} followers (${edits} edits), against Plenary started by bench/plenaryBenchServer.ts (the server's startServer with the settings of \`plenary serve\`) ` +
      'with its SQLite store at PLENARY_SYNCHRONOUS=FULL (the default: an fsync per committed batch), at NORMAL (WAL without the fsync per commit: ' +
      "survives a killed process, not a power cut), and with its `memoryStore` option (no environment variable selects it); " +
      `in turn, ${opts.reps} repetitions; medians.`,
    header: FANOUT_HEADER,
    rows: [
      ...VARIANTS.map((v, i) => fanoutRow(n, v.label, m[i]!)),
      ...VARIANTS.slice(0, -1).map((v, i) => [String(n), `ratio ${v.label.replace('Plenary, ', '')} / memory`, '', ratio(m[i]!.p99, memory.p99), '', '', '', ratio(m[i]!.cpu, memory.cpu), '', '', ratio(m[i]!.rss, memory.rss), '', '', '', '']),
    ],
    checks: [],
    notes: VARIANTS.map(
      (v, i) =>
        `${v.label}: ${fmt(m[i]!.appendBatches, 0)} durable appends for ${edits} edits (server's plenary_append_seconds), mean ${fmt(m[i]!.appendMean, 3)} ms, p99 ≤ ${fmt(m[i]!.appendP99, 2)} ms.`,
    ),
  };
}
