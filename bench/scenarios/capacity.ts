/**
 * How many meetings one process holds: M meetings at once on one Plenary process (SQLite FULL, the
 * default), each with its own editor and 300 followers in a load generator of its own (the fan-out's),
 * every editor at 20 edits a second; M is stepped up until the pooled p99 edit-to-arrival passes 50 ms
 * (or the step list ends).
 */
import { benchMeeting } from '../benchMeeting.js';
import { cpuMs, rssKb } from '../procStats.js';
import { LoadgenProcess } from '../runLoadgen.js';
import { startPlenary } from '../serverProcess.js';
import { fmt, type BenchOptions, type Section, type TargetCheck } from '../section.js';
import { latencySummary, median } from '../stats.js';
import type { FanoutResult } from '../loadgenProtocol.js';
import { fanoutMeetingFile, FANOUT_BOARD_TDOCS } from './fanoutRun.js';

export const CAPACITY = { followersPerMeeting: 300, p99LimitMs: 50, editsPerSecond: 20 };

interface Step {
  meetings: number;
  p50: number;
  p99: number;
  max: number;
  missing: number;
  expected: number;
  failed: number;
  contentOk: string;
  /** Server CPU over the edit phase, in percent of one core. */
  cpuPercent: number;
  rssMb: number;
  editorLagP99: number;
  loadgenCpuPerEditMs: number;
}

async function capacityStep(meetings: number, perMeeting: number, edits: number, workDir: string): Promise<Step> {
  const server = await startPlenary({ label: `capacity ${meetings}` });
  const loadgens: LoadgenProcess[] = [];
  try {
    const file = fanoutMeetingFile(workDir);
    for (let i = 0; i < meetings; i++) {
      const target = await server.openMeeting(benchMeeting(FANOUT_BOARD_TDOCS));
      loadgens.push(
        new LoadgenProcess({
          mode: 'fanout',
          target,
          meetingFile: file,
          lightFollowers: perMeeting - 1,
          fullFollowers: 1,
          edits,
          editsPerSecond: CAPACITY.editsPerSecond,
          warmupEdits: Math.min(10, Math.floor(edits / 4)),
          drainMs: 5000,
          connectConcurrency: 50,
          returnSamples: true,
        }),
      );
    }
    for (const l of loadgens) await l.expect('ready', 120_000);
    // One meeting's followers after another, so that the connection storm is not part of the figures.
    for (const l of loadgens) {
      l.send({ cmd: 'connect' });
      await l.expect('connected', 180_000);
    }
    const cpu0 = cpuMs(server.pid);
    const t0 = Date.now();
    for (const l of loadgens) l.send({ cmd: 'edit' });
    const results: FanoutResult[] = [];
    for (const l of loadgens) results.push((await l.expect('fanout-result', 60_000 + edits * 200)).result);
    const wallMs = Date.now() - t0;
    const cpu = cpuMs(server.pid) - cpu0;
    const pooled = latencySummary(results.flatMap((r) => (r.latencies ?? []).map((x) => (x === null ? NaN : x))));
    return {
      meetings,
      p50: pooled.p50,
      p99: pooled.p99,
      max: pooled.max,
      missing: results.reduce((s, r) => s + r.missing, 0),
      expected: results.reduce((s, r) => s + r.expected, 0),
      failed: results.reduce((s, r) => s + r.failedConnections, 0),
      contentOk: `${results.reduce((s, r) => s + r.fullContentOk, 0)}/${results.reduce((s, r) => s + r.fullFollowers, 0)}`,
      cpuPercent: (cpu / wallMs) * 100,
      rssMb: rssKb(server.pid) / 1024,
      editorLagP99: Math.max(...results.map((r) => r.editorLagP99)),
      loadgenCpuPerEditMs: median(results.map((r) => r.loadgenCpuPerEditMs)),
    };
  } finally {
    await Promise.all(loadgens.map((l) => l.stop()));
    await server.stop();
  }
}

/** The server's CPU per meeting (least squares through the steps) and where one core would be full. */
function cpuNote(points: [number, number][], perMeeting: number): string {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const slope = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  const base = my - slope * mx;
  const full = slope > 0 ? (100 - base) / slope : NaN;
  return (
    `Server CPU grew by ${fmt(slope, 1)} % of a core per meeting of ${perMeeting} followers at ${CAPACITY.editsPerSecond} edits a second (least squares over the steps; ${fmt(base, 1)} % at none): ` +
    `one core, the most a Plenary process's JavaScript can use, would be full at about ${fmt(full, 0)} such meetings (an extrapolation, not a measurement; latency grows well before).`
  );
}

export async function capacityScenario(opts: BenchOptions): Promise<Section> {
  const perMeeting = opts.quick ? 50 : CAPACITY.followersPerMeeting;
  const edits = opts.quick ? 40 : 200;
  const steps = opts.quick ? [1, 2] : [1, 2, 4, 6, 8, 10, 12];
  /** Steps run whatever the latency, so the table shows how the cost grows even when a loaded machine passes the limit at once. */
  const atLeast = opts.quick ? 2 : 4;
  const rows: string[][] = [];
  const cpuByMeetings: [number, number][] = [];
  let held = 0;
  let passed: number | null = null;
  for (const meetings of steps) {
    opts.log(`capacity: ${meetings} meetings × ${perMeeting} followers`);
    let s = await capacityStep(meetings, perMeeting, edits, opts.workDir);
    let tries = 1;
    // A shared machine stalls now and then: a step over the limit is run again, and the better run counts
    // (stalls only ever add latency), so one stall does not end the search.
    if (s.p99 > CAPACITY.p99LimitMs || s.missing > 0) {
      opts.log(`  ${meetings} meetings: p99 ${fmt(s.p99, 2)} ms, once more`);
      const again = await capacityStep(meetings, perMeeting, edits, opts.workDir);
      tries = 2;
      if (again.missing <= s.missing && again.p99 < s.p99) s = again;
    }
    rows.push([
      String(meetings), String(tries), String(meetings * perMeeting), fmt(s.p50, 2), fmt(s.p99, 2), fmt(s.max, 1), `${s.missing} of ${s.expected}${s.failed ? ` (${s.failed} sockets failed)` : ''}`,
      s.contentOk, fmt(s.cpuPercent, 0), fmt(s.rssMb, 0), fmt(s.editorLagP99, 1), fmt(s.loadgenCpuPerEditMs, 1),
    ]);
    opts.log(`  ${meetings} meetings: p99 ${fmt(s.p99, 2)} ms, server CPU ${fmt(s.cpuPercent, 0)} %`);
    cpuByMeetings.push([meetings, s.cpuPercent]);
    if (s.p99 > CAPACITY.p99LimitMs || s.missing > 0) {
      passed ??= meetings;
      if (meetings >= atLeast) break;
      continue;
    }
    if (passed === null) held = meetings;
  }
  const checks: TargetCheck[] = [];
  return {
    title: 'Meetings per process',
    method:
      `One Plenary process (\`plenary serve\`, SQLite FULL) holding M meetings at once, each a ${FANOUT_BOARD_TDOCS}-Tdoc meeting with its own editor (${CAPACITY.editsPerSecond} status changes a second, ${edits} each, ` +
      `all meetings at the same time) and ${perMeeting} followers (1 full provider, the rest light), each meeting's editor and followers in a load-generator process of its own (the fan-out's, bench/loadgen.ts), ` +
      `so M meetings are M load generators beside the server on the same 2 cores. M steps up (${steps.join(', ')}; at least to ${atLeast}) until the p99 edit-to-arrival over every follower of every meeting (the first edits of each left out) passes ${CAPACITY.p99LimitMs} ms or something goes missing. ` +
      'One run per step (a fresh server each); a step over the limit is run once more and the better of the two counts (a stall of the shared machine only adds latency).  Server CPU is its utime+stime over the edit phase in percent of one core (the server is one thread of JavaScript: 100 % is its ceiling).',
    header: ['meetings', 'runs (the better shown)', 'followers', 'p50 ms', 'p99 ms', 'max ms', 'missing', 'full clients content ok', 'server CPU %', 'server RSS MB', 'editor timer lag p99 ms (worst)', 'load generator CPU ms/edit (median)'],
    rows,
    checks,
    notes: [
      ...(cpuByMeetings.length >= 2 ? [cpuNote(cpuByMeetings, perMeeting)] : []),
      passed === null
        ? `p99 stayed within ${CAPACITY.p99LimitMs} ms up to the last step, ${held} meetings (${held * perMeeting} followers): the search was bounded there.`
        : `p99 passed ${CAPACITY.p99LimitMs} ms (or an edit went missing) at ${passed} meetings; ${held} meetings (${held * perMeeting} followers, ${held * CAPACITY.editsPerSecond} edits a second in all) was the last step within it.`,
    ],
  };
}
