/**
 * Durability's price: Plenary fan-out with its SQLite store (every broadcast edit already on disk) against
 * the same server with its in-memory store, alternating, at 1,000 followers (200 in quick mode).
 */
import { fileURLToPath } from 'node:url';
import { startPlenary } from '../serverProcess.js';
import { ratio, type BenchOptions, type Section } from '../section.js';
import { alternate } from './alternate.js';
import { fanoutMedians, fanoutRow, FANOUT_HEADER } from './fanout.js';
import { fanoutRun } from './fanoutRun.js';

const ENTRY = ['--import', 'tsx', fileURLToPath(new URL('../plenaryStoreServer.ts', import.meta.url))];
const plenaryWith = (store: 'sqlite' | 'memory', profileDir: string | null) => () =>
  startPlenary({ entry: ENTRY, env: { BENCH_STORE: store }, label: `plenary-${store}`, inspect: !!profileDir });

export async function durabilityScenario(opts: BenchOptions): Promise<Section> {
  const title = "Durability's price";
  const n = opts.quick ? 200 : 1000;
  const edits = opts.quick ? 40 : 200;
  opts.log(`durability: ${n} followers, SQLite vs memory store`);
  const [sqlite, memory] = await alternate(
    { label: 'sqlite', run: () => fanoutRun(plenaryWith('sqlite', opts.profileDir), { followers: n, edits, profileDir: opts.profileDir }) },
    { label: 'memory', run: () => fanoutRun(plenaryWith('memory', opts.profileDir), { followers: n, edits, profileDir: opts.profileDir }) },
    opts.reps,
    opts.log,
  );
  const s = fanoutMedians(sqlite);
  const m = fanoutMedians(memory);
  return {
    title,
    method:
      `The fan-out run above at ${n} followers, against Plenary started by bench/plenaryStoreServer.ts (the server's startServer with the settings of \`plenary serve\`) ` +
      `with its SQLite store (PLENARY_SYNCHRONOUS=FULL, the default) and with its \`memoryStore\` option (no environment variable selects it), alternating; ${opts.reps} repetitions; medians.`,
    header: FANOUT_HEADER,
    rows: [
      fanoutRow(n, 'Plenary, SQLite', s),
      fanoutRow(n, 'Plenary, memory', m),
      [String(n), 'ratio SQLite/memory', '', ratio(s.p99, m.p99), '', '', '', ratio(s.cpu, m.cpu), ratio(s.rss, m.rss), '', '', ''],
    ],
    checks: [],
    notes: [],
  };
}
