/** The command line of `npm run bench`. */

export const SCENARIOS = ['fanout', 'join', 'durability', 'import', 'browser', 'record', 'phone', 'cluster', 'append', 'capacity', 'disk', 'people', 'mail', 'secretary', 'memory'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchArgs {
  quick: boolean;
  scenarios: ScenarioName[];
  followers: number[];
  reps: number;
  /** Where the report goes; null: stdout only. */
  out: string | null;
  maxMinutes: number;
  /** Profile the Plenary fan-out edit phases into this folder and add where the time goes to the report. */
  profileDir: string | null;
  help: boolean;
}

export const BENCH_USAGE = `usage: npm run bench -- [options]
  --quick                 small sizes, few edits, one repetition (development; ~1 minute)
  --scenario NAME[,NAME]  run only these: ${SCENARIOS.join(', ')} (repeatable)
  --followers N[,N]       fan-out sizes (default 200,1000,2000; quick: 50)
  --reps N                A/B repetitions (default 2; quick: 1); the phone scenario's loads per
                          visit (at least 3)
  --out FILE              write the report here (default docs/BENCHMARKS.md for a full run of every
                          scenario; otherwise the report is only printed)
  --max-minutes N         stop everything after N minutes (default 45)
  --profile DIR           CPU-profile the edit phase of every fan-out run (both servers) into DIR and
                          report where each server's time goes (slows them: for diagnosis, not figures)
environment: BENCH_OLD_BUILD=DIR adds another checkout's server (its own node_modules) to the fan-out
  and secretary scenarios, alternated with this build's in the same rounds (old build against new)`;

/** Parses argv (after `--`); throws an Error with a one-line message on a bad option. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const a: BenchArgs = { quick: false, scenarios: [], followers: [], reps: 0, out: null, maxMinutes: 45, profileDir: null, help: false };
  let outGiven = false;
  const value = (i: number, name: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const positiveInts = (s: string, name: string) =>
    s.split(',').map((x) => {
      const n = Number(x);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}: "${x}" is not a positive whole number`);
      return n;
    });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    switch (arg) {
      case '--quick':
        a.quick = true;
        break;
      case '--help':
      case '-h':
        a.help = true;
        break;
      case '--scenario':
        for (const s of value(i++, arg).split(',')) {
          if (!(SCENARIOS as readonly string[]).includes(s)) throw new Error(`unknown scenario "${s}" (one of ${SCENARIOS.join(', ')})`);
          a.scenarios.push(s as ScenarioName);
        }
        break;
      case '--followers':
        a.followers = positiveInts(value(i++, arg), arg);
        break;
      case '--reps':
        a.reps = positiveInts(value(i++, arg), arg)[0]!;
        break;
      case '--max-minutes':
        a.maxMinutes = positiveInts(value(i++, arg), arg)[0]!;
        break;
      case '--profile':
        a.profileDir = value(i++, arg);
        break;
      case '--out':
        a.out = value(i++, arg);
        outGiven = true;
        break;
      default:
        throw new Error(`unknown option "${arg}"`);
    }
  }
  const full = a.scenarios.length === 0;
  if (full) a.scenarios = [...SCENARIOS];
  if (a.followers.length === 0) a.followers = a.quick ? [50] : [200, 1000, 2000];
  if (a.reps === 0) a.reps = a.quick ? 1 : 2;
  if (!outGiven && full && !a.quick && !a.profileDir) a.out = 'docs/BENCHMARKS.md';
  return a;
}
