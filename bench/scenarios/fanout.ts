/**
 * Fan-out: one editor, 20 status changes a second, N followers; Plenary (SQLite store, tokens checked)
 * against the reference server and the floor (a bare relay: what any server can reach here), in turn,
 * at each follower count.
 */
import { join } from 'node:path';
import { startFloor, startPlenary, startReference } from '../serverProcess.js';
import { fmt, ratio, type BenchOptions, type Section, type TargetCheck } from '../section.js';
import { alternateAll, medianOf } from './alternate.js';
import { fanoutRun, FANOUT_BOARD_TDOCS, FULL_FOLLOWERS, type FanoutRun } from './fanoutRun.js';

export const FANOUT_TARGETS = {
  p99Ms: 15,
  p99RatioToReference: 0.6,
  kbPerFollower: 20,
  targetFollowers: 1000,
};

/** The figures of one server at one size: medians over the repetitions; missing is the total. */
export function fanoutMedians(runs: FanoutRun[]) {
  return {
    p50: medianOf(runs, (r) => r.p50),
    p99: medianOf(runs, (r) => r.p99),
    max: medianOf(runs, (r) => r.max),
    missing: runs.reduce((s, r) => s + r.missing, 0),
    expected: runs.reduce((s, r) => s + r.expected, 0),
    failed: runs.reduce((s, r) => s + r.failedConnections, 0),
    contentOk: `${runs.reduce((s, r) => s + r.fullContentOk, 0)}/${runs.reduce((s, r) => s + r.fullFollowers, 0)}`,
    cpu: medianOf(runs, (r) => r.cpuPerEditMs),
    rss: medianOf(runs, (r) => r.rssMb),
    perFollower: medianOf(runs, (r) => r.rssPerFollowerKb),
    retained: medianOf(runs, (r) => r.retainedPerFollowerKb),
    connect: medianOf(runs, (r) => r.connectMs),
    lag: medianOf(runs, (r) => r.editorLagP99),
    first: medianOf(runs, (r) => r.firstArrivalMs),
    last: medianOf(runs, (r) => r.lastArrivalMs),
    loadgenCpu: medianOf(runs, (r) => r.loadgenCpuPerEditMs),
    appendBatches: medianOf(runs, (r) => r.appendBatches),
    appendMean: medianOf(runs, (r) => r.appendMeanMs),
    appendP99: medianOf(runs, (r) => r.appendP99Ms),
  };
}

/** The bare relay's name in the table. */
const FLOOR_LABEL = 'floor (bare relay)';

export const FANOUT_HEADER = [
  'followers', 'server', 'p50 ms', 'p99 ms', 'max ms', 'missing', 'full clients content ok', 'server CPU ms/edit',
  'one edit: first / last arrival ms', 'load generator CPU ms/edit', 'server RSS MB', 'RSS KB/follower', 'kept KB/follower (after GC)', 'connect all s', 'editor timer lag p99 ms',
];

export function fanoutRow(n: number, label: string, m: ReturnType<typeof fanoutMedians>): string[] {
  return [
    String(n), label, fmt(m.p50, 2), fmt(m.p99, 2), fmt(m.max, 1), `${m.missing} of ${m.expected}${m.failed ? ` (${m.failed} sockets failed)` : ''}`,
    m.contentOk, fmt(m.cpu, 2), `${fmt(m.first, 1)} / ${fmt(m.last, 1)}`, fmt(m.loadgenCpu, 1), fmt(m.rss, 0), fmt(m.perFollower, 1), fmt(m.retained, 1), fmt(m.connect / 1000, 1), fmt(m.lag, 1),
  ];
}

export async function fanoutScenario(opts: BenchOptions): Promise<Section> {
  const edits = opts.quick ? 40 : 160;
  const rows: string[][] = [];
  const checks: TargetCheck[] = [];
  const notes: string[] = [];
  for (const n of opts.followers) {
    opts.log(`fan-out: ${n} followers, ${edits} edits`);
    const run = { followers: n, edits, profileDir: opts.profileDir, workDir: opts.workDir };
    // BENCH_OLD_BUILD=DIR (a checkout with its own node_modules): that build's server in the same rounds.
    const old = process.env.BENCH_OLD_BUILD;
    const [plenary, reference, floor, before] = await alternateAll(
      [
        { label: 'plenary', run: () => fanoutRun(() => startPlenary({ inspect: true }), run) },
        { label: 'reference', run: () => fanoutRun(() => startReference({ inspect: true }), run) },
        { label: FLOOR_LABEL, run: () => fanoutRun(() => startFloor({ inspect: true }), run) },
        ...(old ? [{ label: 'plenary (old build)', run: () => fanoutRun(() => startPlenary({ inspect: true, entry: [join(old, 'bin/plenary.js'), 'serve'] }), run) }] : []),
      ],
      opts.reps,
      opts.log,
    );
    const p = fanoutMedians(plenary!);
    const r = fanoutMedians(reference!);
    const f = fanoutMedians(floor!);
    const ratioRow = (label: string, a: typeof p, b: typeof p) => [String(n), label, ratio(a.p50, b.p50), ratio(a.p99, b.p99), '', '', '', ratio(a.cpu, b.cpu), '', '', ratio(a.rss, b.rss), ratio(a.perFollower, b.perFollower), ratio(a.retained, b.retained), '', ''];
    rows.push(fanoutRow(n, 'Plenary', p), fanoutRow(n, 'reference', r), fanoutRow(n, FLOOR_LABEL, f), ratioRow('ratio P/R', p, r), ratioRow('ratio P/floor', p, f));
    if (before) {
      const o = fanoutMedians(before);
      rows.push(fanoutRow(n, 'Plenary, old build', o), ratioRow('ratio old build/R', o, r), ratioRow('ratio P/old build', p, o));
    }
    notes.push(
      `${n} followers: Plenary made ${fmt(p.appendBatches, 0)} durable appends for ${edits} edits (its plenary_append_seconds), mean ${fmt(p.appendMean, 2)} ms, p99 ≤ ${fmt(p.appendP99, 2)} ms.`,
    );
    if (n === FANOUT_TARGETS.targetFollowers) {
      notes.push(
        `${n} followers: the floor's p99 is ${fmt(f.p99, 2)} ms (max ${fmt(f.max, 1)} ms, ${f.missing} missing), ` +
          (f.p99 <= FANOUT_TARGETS.p99Ms
            ? `within the ${FANOUT_TARGETS.p99Ms} ms target: the target is reachable on this machine with this load generator.`
            : `above the ${FANOUT_TARGETS.p99Ms} ms target: no server can meet that target on this machine with this load generator (informational; the checks above are unchanged).`),
      );
    }
    if (n === FANOUT_TARGETS.targetFollowers) {
      checks.push(
        { target: `${n} followers: p99 edit-to-arrival ≤ ${FANOUT_TARGETS.p99Ms} ms`, figure: `${fmt(p.p99, 2)} ms`, met: p.p99 <= FANOUT_TARGETS.p99Ms },
        { target: `${n} followers: p99 ≤ ${FANOUT_TARGETS.p99RatioToReference} × reference p99`, figure: `${ratio(p.p99, r.p99)} (reference ${fmt(r.p99, 2)} ms)`, met: p.p99 <= FANOUT_TARGETS.p99RatioToReference * r.p99 },
        { target: `${n} followers: nothing missing`, figure: `${p.missing} missing of ${p.expected}`, met: p.missing === 0 && p.failed === 0 },
      );
    }
    checks.push({
      target: `≤ ${FANOUT_TARGETS.kbPerFollower} KB server memory per follower (${n} followers)`,
      figure: `${fmt(p.retained, 1)} KB kept after GC (reference ${fmt(r.retained, 1)}); RSS grew ${fmt(p.perFollower, 1)} KB per follower (reference ${fmt(r.perFollower, 1)})`,
      met: Number.isFinite(p.retained) ? p.retained <= FANOUT_TARGETS.kbPerFollower : null,
    });
  }
  if (!opts.followers.includes(FANOUT_TARGETS.targetFollowers)) {
    checks.unshift({ target: `${FANOUT_TARGETS.targetFollowers} followers: p99 ≤ ${FANOUT_TARGETS.p99Ms} ms, ≤ ${FANOUT_TARGETS.p99RatioToReference} × reference, nothing missing`, figure: `not measured: this run had ${opts.followers.join(', ')} followers`, met: null });
  }
  notes.unshift(
    `${FLOOR_LABEL} is bench/floorServer.ts, a measuring instrument rather than a server: it relays each update by building one WebSocket frame and ` +
      'writing that same buffer to every other socket of the room, with no authentication, storage, keepalive or limits. Measured the same way as ' +
      'the two servers (own process, same load generator, same seeding as the reference), its latency is close to the least any y-websocket server can reach on this machine with this load generator. ' +
      "Its RSS includes tsx's loader (it runs from TypeScript), so only its kept-after-GC memory, a difference, compares with the servers'.",
  );
  return {
    title: 'Fan-out',
    method:
      `A ${FANOUT_BOARD_TDOCS}-Tdoc meeting; one editor (a WebsocketProvider with a chair token) sets a contribution's status ` +
      `${edits} times at 20 a second; followers (delegate tokens) are ${FULL_FOLLOWERS} full WebsocketProviders that must end with the editor's exact meeting, ` +
      'the rest light followers (bench/lightFollower.ts: raw TCP sockets with the least of a WebSocket client — handshake checked, frames parsed, pings answered — ' +
        'chosen over `ws` clients, which made the load generator the slowest stage) that time the arrival of a marker carried in the edit. Latency is send (editor) to arrival (follower), ' +
      `both in the load-generator process, the first ${Math.min(10, Math.floor(edits / 4))} edits left out as warm-up. Each run starts a fresh server; ` +
      `Plenary runs with its SQLite store and token checks. ${opts.reps} repetitions, Plenary, reference and floor in turn; medians shown, missing summed. ` +
      'CPU is utime+stime of the server process over the edit phase (10 ms ticks) divided by the edits; RSS is VmRSS after the edits; ' +
      'RSS KB/follower is (max(RSS connected, RSS after edits) − RSS before followers) / followers. "Kept" is what the server holds after two full ' +
      'garbage collections (JS heap used + external memory, through its inspector: servers run with --inspect on loopback) after the edits, minus the same before the followers joined, ' +
      'per follower: the memory a connection really costs; the memory verdict uses it, with the RSS growth shown beside it. ' +
      '"One edit: first / last arrival" are, per edit, the earliest and the latest arrival over all followers (medians over the edits): the first is the ' +
      "server's own time to act on an edit, the gap between them the time to reach every follower. Load generator CPU is its user + system time over the edit phase, all threads, per edit.",
    header: FANOUT_HEADER,
    rows,
    checks,
    notes,
  };
}
