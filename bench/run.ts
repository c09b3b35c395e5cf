/**
 * `npm run bench`: runs the scenarios of issue 6 against Plenary and the reference y-websocket server and
 * writes docs/BENCHMARKS.md. Every wait is bounded and every process it starts is stopped; a global
 * deadline (--max-minutes) ends the run whatever happens.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { summarizeProfiles } from './cpuProfileSummary.js';
import { BENCH_USAGE, parseBenchArgs, type ScenarioName } from './benchArgs.js';
import { describeMachine } from './machine.js';
import { renderReport } from './report.js';
import { notMeasured, type BenchOptions, type Section } from './section.js';
import { fanoutScenario } from './scenarios/fanout.js';
import { joinScenario } from './scenarios/join.js';
import { durabilityScenario } from './scenarios/durability.js';
import { importScenario } from './scenarios/importScenario.js';
import { browserScenario } from './scenarios/browser.js';
import { recordScenario } from './scenarios/record.js';
import { phoneScenario } from './scenarios/phone.js';
import { clusterScenario } from './scenarios/cluster.js';
import { appendCostScenario } from './scenarios/appendCost.js';
import { capacityScenario } from './scenarios/capacity.js';
import { diskScenario } from './scenarios/disk.js';
import { peopleScenario } from './scenarios/people.js';
import { mailScenario } from './scenarios/mail.js';
import { secretaryScenario } from './scenarios/secretary.js';
import { memoryScenario } from './scenarios/memory.js';

const RUNNERS: Record<ScenarioName, { title: string; targets: string[]; run: (o: BenchOptions) => Promise<Section> }> = {
  fanout: { title: 'Fan-out', targets: ['1,000 followers: p99 ≤ 15 ms, ≤ 0.6 × reference, nothing missing; ≤ 20 KB per follower'], run: fanoutScenario },
  join: { title: 'Join', targets: ['late joiner: 2,000 Tdocs ≤ 100 ms; 10,000 ≤ 300 ms'], run: joinScenario },
  durability: { title: "Durability's price", targets: [], run: durabilityScenario },
  import: { title: 'Import', targets: ['largest real Tdoc list imported ≤ 1 s'], run: importScenario },
  record: { title: 'The record', targets: ['past state of a week-long 2,000-Tdoc meeting rebuilt ≤ 1000 ms'], run: recordScenario },
  browser: { title: 'Browser', targets: ['first paint ≤ 1 s at 2,000 Tdocs; remote change painted ≤ 50 ms; filter keystroke ≤ 50 ms'], run: browserScenario },
  cluster: { title: 'Several processes on PostgreSQL', targets: [], run: clusterScenario },
  append: { title: 'The append: PostgreSQL against SQLite', targets: [], run: appendCostScenario },
  capacity: { title: 'Meetings per process', targets: [], run: capacityScenario },
  disk: { title: 'Durability on a busy disk', targets: [], run: diskScenario },
  people: { title: 'Registered delegates: 600 own links', targets: ['600-person list imported ≤ 2 s; 600 own links at once hold the fan-out targets (p99 ≤ 15 ms, nothing missing, ≤ 20 KB per follower)'], run: peopleScenario },
  mail: { title: "The reflector's mail", targets: ['5,000 reflector messages imported ≤ 5 s; fan-out delayed ≤ 50 ms meanwhile'], run: mailScenario },
  secretary: {
    title: "The secretary's heavy steps",
    targets: ['~1,000-Tdoc list: upload ≤ 2 s; first .docx/.xlsx after a change ≤ 1 s; merge dry run ≤ 1.5 s; 40,000-edit week: history first page ≤ 300 ms, Past rebuild ≤ 1 s'],
    run: secretaryScenario,
  },
  memory: { title: 'What the memory holds', targets: [], run: memoryScenario },
  phone: { title: 'Phone', targets: ["phone on venue Wi-Fi: live item's first Tdoc ≤ 2 s and ≤ 250 KB (first visit), ≤ 0.8 s and ≤ 30 KB (second visit), ≤ 5 s at 10,000 Tdocs; chair's board ≤ 2.5 s"], run: phoneScenario },
};

/** The profiled servers' self time by place and by function, one section per server. */
function profileSections(dir: string): Section[] {
  const out: Section[] = [];
  for (const [prefix, name] of [
    ['plenary', 'Plenary'],
    ['reference', 'the reference server'],
  ] as const) {
    const p = summarizeProfiles(dir, 20, prefix);
    if (p.files === 0) continue;
    out.push({
      title: `Where ${name}'s time goes (CPU profile)`,
      method:
        `Self time over the edit phases of ${p.files} profiled fan-out runs (V8 profiler through the server's inspector, 200 µs sampling), in percent of the busy (non-idle) samples. ` +
        'A native function is charged while the thread waits inside it (a blocking fsync shows as better-sqlite3\'s `run`). The profiler slows the server: these runs are not the figures above.',
      header: ['place', '% self', 'function', '% self'],
      rows: Array.from({ length: Math.max(p.places.length, p.functions.length) }, (_, i) => [
        p.places[i]?.name ?? '',
        p.places[i] ? p.places[i]!.percent.toFixed(1) : '',
        p.functions[i]?.name ?? '',
        p.functions[i] ? p.functions[i]!.percent.toFixed(1) : '',
      ]),
      checks: [],
      notes: [],
    });
  }
  return out;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n${BENCH_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(BENCH_USAGE + '\n');
    return 0;
  }
  const deadline = setTimeout(() => {
    process.stderr.write(`error: the benchmark ran past --max-minutes ${args.maxMinutes}; stopping\n`);
    process.exit(1);
  }, args.maxMinutes * 60_000);
  deadline.unref();

  const startedAt = new Date();
  const machine = describeMachine();
  const log = (line: string) => process.stderr.write(`[bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  if (args.profileDir) mkdirSync(args.profileDir, { recursive: true });
  const profileDir = args.profileDir ? resolve(args.profileDir) : null;
  const workDir = mkdtempSync(join(tmpdir(), 'plenary-bench-'));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  process.once('exit', removeWorkDir);
  // Ctrl-C: leave through 'exit', whose handlers kill the servers and load generators and remove workDir.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
  const opts: BenchOptions = { quick: args.quick, reps: args.reps, followers: args.followers, profileDir, workDir, log };
  const sections: Section[] = [];
  for (const name of args.scenarios) {
    const r = RUNNERS[name];
    log(`scenario ${name}`);
    try {
      sections.push(await r.run(opts));
    } catch (e) {
      const why = (e as Error).message.split('\n')[0]!;
      log(`scenario ${name} failed: ${why}`);
      sections.push(notMeasured(r.title, why, r.targets));
    }
  }
  if (profileDir) sections.push(...profileSections(profileDir));
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const md = renderReport({ machine, command, startedAt, seconds: (Date.now() - startedAt.getTime()) / 1000, sections, quick: args.quick, loadAtEnd: loadavg().map((x) => x.toFixed(2)).join(' ') });
  if (args.out) {
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, md + '\n');
    log(`wrote ${args.out}`);
  }
  process.stdout.write(md + '\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
