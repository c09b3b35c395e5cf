/**
 * Durability's price: Plenary fan-out with its SQLite store (every broadcast edit already on disk) against
 * the same server with the in-memory store, alternating, at 1,000 followers (200 in quick mode).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startPlenary } from '../serverProcess.js';
import { notMeasured, ratio, type BenchOptions, type Section } from '../section.js';
import { alternate } from './alternate.js';
import { fanoutMedians, fanoutRow, FANOUT_HEADER } from './fanout.js';
import { fanoutRun } from './fanoutRun.js';

/** The server setting that selects the store. */
export const STORE_ENV = 'PLENARY_STORE';

function serverSources(dir = 'server'): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...serverSources(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Whether the server reads STORE_ENV and knows a 'memory' value (read from its sources, not guessed). */
function serverHasMemoryStoreSwitch(): boolean {
  return serverSources().some((p) => {
    const s = readFileSync(p, 'utf8');
    return s.includes(STORE_ENV) && s.includes("'memory'");
  });
}

export async function durabilityScenario(opts: BenchOptions): Promise<Section> {
  const title = "Durability's price";
  if (!serverHasMemoryStoreSwitch()) {
    return notMeasured(title, `the server has no switch to an in-memory store (no ${STORE_ENV}=memory in server/)`, ['SQLite store against memory store (no target; for the record)']);
  }
  const n = opts.quick ? 200 : 1000;
  const edits = opts.quick ? 40 : 200;
  opts.log(`durability: ${n} followers, SQLite vs memory store`);
  const [sqlite, memory] = await alternate(
    { label: 'sqlite', run: () => fanoutRun(() => startPlenary({ env: { [STORE_ENV]: 'sqlite' }, label: 'plenary-sqlite' }), { followers: n, edits }) },
    { label: 'memory', run: () => fanoutRun(() => startPlenary({ env: { [STORE_ENV]: 'memory' }, label: 'plenary-memory' }), { followers: n, edits }) },
    opts.reps,
    opts.log,
  );
  const s = fanoutMedians(sqlite);
  const m = fanoutMedians(memory);
  return {
    title,
    method: `The fan-out run above at ${n} followers, against Plenary with ${STORE_ENV}=sqlite (the default) and ${STORE_ENV}=memory, alternating; ${opts.reps} repetitions; medians.`,
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
