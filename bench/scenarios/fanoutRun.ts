/**
 * One fan-out run: a fresh server, a 150-Tdoc meeting, the editor and N followers in the load-generator
 * process, E status changes at 20 a second; the server's CPU and memory read from /proc around it, and
 * (when the server has an inspector) the memory it keeps after a full GC, read after the edits so the
 * forced collections do not touch the timed phase.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchMeeting } from '../benchMeeting.js';
import { cpuMs, rssKb } from '../procStats.js';
import { retainedKb, startPhaseProfile } from '../inspectorSession.js';
import { appendDelta, readAppendHistogram } from '../serverMetrics.js';
import { LoadgenProcess } from '../runLoadgen.js';
import type { ServerUnderTest } from '../serverProcess.js';

/** Contributions on the fan-out board: a full day's agenda. */
export const FANOUT_BOARD_TDOCS = 150;
/** Full WebsocketProviders among the followers (the rest are light). */
export const FULL_FOLLOWERS = 4;

export interface FanoutRun {
  p50: number;
  p99: number;
  max: number;
  missing: number;
  expected: number;
  failedConnections: number;
  fullContentOk: number;
  fullFollowers: number;
  cpuPerEditMs: number;
  rssMb: number;
  rssPerFollowerKb: number;
  /** Heap + external memory after a full GC, followers connected minus before them, per follower (NaN without an inspector). */
  retainedPerFollowerKb: number;
  connectMs: number;
  editorLagP99: number;
  /** Medians over the edits of each edit's first and last arrival, ms after sending. */
  firstArrivalMs: number;
  lastArrivalMs: number;
  loadgenCpuPerEditMs: number;
  /** Plenary only: durable batches during the edits, their mean and p99 (bucket bound) time. */
  appendBatches: number;
  appendMeanMs: number;
  appendP99Ms: number;
}

/** The fan-out meeting as a file in `dir` (the load generator seeds the reference room from it). */
export function fanoutMeetingFile(dir: string): string {
  const file = join(dir, `fanout-${FANOUT_BOARD_TDOCS}.json`);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(benchMeeting(FANOUT_BOARD_TDOCS)));
  return file;
}

export interface FanoutRunOptions {
  followers: number;
  edits: number;
  /** Scratch folder of the run. */
  workDir: string;
  /** When set and the server has an inspector, profile the edit phase into this folder. */
  profileDir?: string | null;
  /** Spread the followers over the server's processes (server.syncUrls), the editor on the first. */
  spreadFollowers?: boolean;
  /** Before the followers connect: e.g. import a registration list and answer each follower's own token (issue 24). */
  prepare?: (server: ServerUnderTest, target: import('../syncTarget.js').SyncTarget) => Promise<{ followerTokens?: string[] }>;
  /** Runs beside the edit phase (e.g. a process keeping the disk busy): started after the followers connected, stopped after the edits. */
  during?: () => Promise<() => Promise<void>>;
}

/** Runs one fan-out against a server started by `start`, and stops it. */
export async function fanoutRun(start: () => Promise<ServerUnderTest>, opts: FanoutRunOptions): Promise<FanoutRun> {
  const server = await start();
  let loadgen: LoadgenProcess | null = null;
  let stopDuring: (() => Promise<void>) | null = null;
  try {
    const file = fanoutMeetingFile(opts.workDir);
    const target = await server.openMeeting(benchMeeting(FANOUT_BOARD_TDOCS));
    const prepared = (await opts.prepare?.(server, target)) ?? {};
    const full = Math.min(FULL_FOLLOWERS, opts.followers);
    loadgen = new LoadgenProcess({
      mode: 'fanout',
      target,
      meetingFile: file,
      lightFollowers: opts.followers - full,
      fullFollowers: full,
      edits: opts.edits,
      editsPerSecond: 20,
      warmupEdits: Math.min(10, Math.floor(opts.edits / 4)),
      drainMs: 5000,
      connectConcurrency: 50,
      ...(prepared.followerTokens ? { followerTokens: prepared.followerTokens } : {}),
      ...(opts.spreadFollowers && server.syncUrls ? { followerServerUrls: server.syncUrls } : {}),
    });
    await loadgen.expect('ready', 60_000);
    const retainedBefore = server.inspectorUrl ? await retainedKb(server.inspectorUrl) : NaN;
    const pids = server.pids ?? [server.pid];
    const cpuOf = () => pids.reduce((s, p) => s + cpuMs(p), 0);
    const rssOf = () => pids.reduce((s, p) => s + rssKb(p), 0);
    const rssBefore = rssOf();
    loadgen.send({ cmd: 'connect' });
    const connected = await loadgen.expect('connected', 180_000);
    if (connected.failed > 0 && connected.failed === opts.followers) throw new Error(`no follower could connect: ${connected.firstError}`);
    const rssConnected = rssOf();
    if (opts.during) stopDuring = await opts.during();
    const profile = opts.profileDir && server.inspectorUrl ? await startPhaseProfile(server.inspectorUrl) : null;
    const appendBefore = server.metricsUrl ? await readAppendHistogram(server.metricsUrl) : null;
    const cpuBefore = cpuOf();
    loadgen.send({ cmd: 'edit' });
    const { result } = await loadgen.expect('fanout-result', 60_000 + opts.edits * 200);
    const cpuAfter = cpuOf();
    const stop = stopDuring;
    stopDuring = null;
    await stop?.();
    if (profile) writeFileSync(join(opts.profileDir!, `${server.label.replace(/[^\w-]+/g, "_")}-fanout-${opts.followers}-${Date.now()}.cpuprofile`), JSON.stringify(await profile.stop()));
    const rssAfter = rssOf();
    const appendAfter = server.metricsUrl ? await readAppendHistogram(server.metricsUrl) : null;
    const retainedAfter = server.inspectorUrl ? await retainedKb(server.inspectorUrl) : NaN;
    const appends = appendBefore && appendAfter ? appendDelta(appendBefore, appendAfter) : { batches: NaN, meanMs: NaN, p99Ms: NaN };
    return {
      p50: result.p50,
      p99: result.p99,
      max: result.max,
      missing: result.missing,
      expected: result.expected,
      failedConnections: result.failedConnections,
      fullContentOk: result.fullContentOk,
      fullFollowers: result.fullFollowers,
      cpuPerEditMs: (cpuAfter - cpuBefore) / result.editsSent,
      rssMb: rssAfter / 1024,
      rssPerFollowerKb: (Math.max(rssConnected, rssAfter) - rssBefore) / opts.followers,
      retainedPerFollowerKb: (retainedAfter - retainedBefore) / opts.followers,
      connectMs: connected.connectMs,
      editorLagP99: result.editorLagP99,
      firstArrivalMs: result.firstArrivalMs,
      lastArrivalMs: result.lastArrivalMs,
      loadgenCpuPerEditMs: result.loadgenCpuPerEditMs,
      appendBatches: appends.batches,
      appendMeanMs: appends.meanMs,
      appendP99Ms: appends.p99Ms,
    };
  } finally {
    await stopDuring?.();
    await loadgen?.stop();
    await server.stop();
  }
}
