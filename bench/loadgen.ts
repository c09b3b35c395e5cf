/**
 * The load generator: a process of its own (forked by bench/runLoadgen.ts, commands over IPC) holding the
 * editor, the light followers and the full providers of one run, so the server never shares a process
 * with its load. Everything it opens it closes; it exits when told to or when its parent goes away.
 */
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { readMeeting, writeMeeting } from '../shared/document/meetingDoc.js';
import { readAll } from '../shared/document/entityStore.js';
import { setContributionStatus } from '../shared/document/contributionOps.js';
import type { MeetingJson } from '../shared/document/meetingSchema.js';
import { connectFullClient, type FullClient } from './fullFollower.js';
import { connectLightFollower, type LightFollower } from './lightFollower.js';
import { makeMarker, scanMarkers } from './marker.js';
import { latencySummary, median } from './stats.js';
import { syncUrl } from './syncTarget.js';
import type { DriverCommand, FanoutConfig, JoinConfig, LoadgenConfig, LoadgenMessage } from './loadgenProtocol.js';

const send = (m: LoadgenMessage) => process.send!(m);
const nsToMs = (ns: bigint) => Number(ns) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const commands: DriverCommand[] = [];
let wake: (() => void) | null = null;
process.on('message', (m: DriverCommand) => {
  commands.push(m);
  wake?.();
});
process.on('disconnect', () => process.exit(0));

async function nextCommand(): Promise<DriverCommand> {
  while (commands.length === 0) await new Promise<void>((r) => (wake = r));
  return commands.shift()!;
}

async function expectCommand(cmd: DriverCommand['cmd']): Promise<void> {
  const c = await nextCommand();
  if (c.cmd !== cmd) throw new Error(`expected "${cmd}" from the driver, got "${c.cmd}"`);
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, rej) => (timer = setTimeout(() => rej(new Error(`timed out after ${ms} ms: ${what}`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

/** Connects the editor; on an empty reference room writes the meeting and waits until the server holds it. */
async function startEditor(config: LoadgenConfig): Promise<FullClient> {
  const editor = connectFullClient(config.target, config.target.editorParams);
  await withTimeout(editor.synced, 30_000, 'editor sync');
  if (config.target.seedFromEditor) {
    const meeting = JSON.parse(readFileSync(config.meetingFile, 'utf8')) as MeetingJson;
    writeMeeting(editor.doc, meeting);
    const size = Y.encodeStateAsUpdate(editor.doc).length;
    for (let attempt = 0; ; attempt++) {
      const probe = connectLightFollower(syncUrl(config.target, config.target.followerParams), () => {});
      await withTimeout(probe.synced, 30_000, 'probe sync');
      const got = probe.bytes();
      probe.close();
      if (got >= size * 0.9) break;
      if (attempt > 100) throw new Error(`the server never held the seeded meeting (${got} of ${size} bytes)`);
      await sleep(50);
    }
  }
  return editor;
}

async function fanout(config: FanoutConfig): Promise<void> {
  const editor = await startEditor(config);
  const ids = readAll(editor.doc, 'contributions').map((c) => c.id);
  if (ids.length === 0) throw new Error('the meeting has no contributions to edit');
  send({ type: 'ready' });
  await expectCommand('connect');

  const total = config.lightFollowers + config.fullFollowers;
  const E = config.edits;
  const latency = new Float64Array(total * E).fill(NaN);
  let received = 0;
  const record = (follower: number, seq: number, sendNs: bigint, arrivalNs: bigint) => {
    if (seq < 0 || seq >= E) return;
    const slot = follower * E + seq;
    if (Number.isNaN(latency[slot]!)) {
      latency[slot] = nsToMs(arrivalNs - sendNs);
      received++;
    }
  };

  const t0 = process.hrtime.bigint();
  const lights: LightFollower[] = [];
  const fulls: FullClient[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const servers = config.followerServerUrls?.length ? config.followerServerUrls : [config.target.serverUrl];
  const targetOf = (i: number) => ({ ...config.target, serverUrl: servers[i % servers.length]! });
  const paramsOf = (i: number) => (config.followerTokens?.[i] ? { token: config.followerTokens[i]! } : config.target.followerParams);
  for (let start = 0; start < total; start += config.connectConcurrency) {
    const batch: Promise<void>[] = [];
    for (let i = start; i < Math.min(total, start + config.connectConcurrency); i++) {
      if (i < config.lightFollowers) {
        const f = connectLightFollower(syncUrl(targetOf(i), paramsOf(i)), (seq, sendNs, at) => record(i, seq, sendNs, at));
        lights.push(f);
        batch.push(f.synced);
      } else {
        const f = connectFullClient(targetOf(i), paramsOf(i));
        f.doc.on('update', (update: Uint8Array) => {
          const at = process.hrtime.bigint();
          scanMarkers(update, (seq, sendNs) => record(i, seq, sendNs, at));
        });
        fulls.push(f);
        batch.push(f.synced);
      }
    }
    const settled = await Promise.allSettled(batch.map((p) => withTimeout(p, 60_000, 'follower sync')));
    for (const s of settled) {
      if (s.status === 'rejected') {
        failed++;
        firstError ??= String(s.reason?.message ?? s.reason);
      }
    }
  }
  send({ type: 'connected', connectMs: nsToMs(process.hrtime.bigint() - t0), failed, firstError });
  await expectCommand('edit');

  const statuses = ['agreed', 'noted', 'postponed', 'approved'];
  const lags: number[] = [];
  const intervalNs = BigInt(Math.round(1e9 / config.editsPerSecond));
  const editStart = process.hrtime.bigint();
  const cpuAtStart = process.cpuUsage();
  for (let seq = 0; seq < E; seq++) {
    const due = editStart + BigInt(seq) * intervalNs;
    const wait = nsToMs(due - process.hrtime.bigint());
    if (wait > 1) await sleep(wait - 0.5);
    while (process.hrtime.bigint() < due) await new Promise<void>((r) => setImmediate(r));
    const now = process.hrtime.bigint();
    lags.push(nsToMs(now - due));
    setContributionStatus(editor.doc, ids[seq % ids.length]!, statuses[seq % statuses.length]!, {
      by: makeMarker(seq, now),
      at: '2026-11-30T09:00:00.000Z',
    });
  }
  const expected = total * E;
  const drainEnd = Date.now() + config.drainMs;
  while (received < expected - failed * E && Date.now() < drainEnd) await sleep(20);
  const cpu = process.cpuUsage(cpuAtStart);
  // Full providers: give their documents a moment to settle, then compare with the editor's.
  const want = JSON.stringify(readMeeting(editor.doc));
  let fullContentOk = 0;
  for (const f of fulls) if (JSON.stringify(readMeeting(f.doc)) === want) fullContentOk++;

  const measured: number[] = [];
  for (let f = 0; f < total; f++) for (let s = config.warmupEdits; s < E; s++) measured.push(latency[f * E + s]!);
  const summary = latencySummary(measured);
  const firsts: number[] = [];
  const lasts: number[] = [];
  for (let s = config.warmupEdits; s < E; s++) {
    let first = Infinity;
    let last = -Infinity;
    for (let f = 0; f < total; f++) {
      const ms = latency[f * E + s]!;
      if (Number.isNaN(ms)) continue;
      if (ms < first) first = ms;
      if (ms > last) last = ms;
    }
    if (last >= first) {
      firsts.push(first);
      lasts.push(last);
    }
  }
  send({
    type: 'fanout-result',
    result: {
      p50: summary.p50,
      p99: summary.p99,
      max: summary.max,
      samples: summary.count,
      expected,
      missing: expected - received,
      fullContentOk,
      fullFollowers: fulls.length,
      connectMs: nsToMs(editStart - t0),
      failedConnections: failed,
      editsSent: E,
      editorLagP99: latencySummary(lags).p99,
      firstArrivalMs: median(firsts),
      lastArrivalMs: median(lasts),
      loadgenCpuPerEditMs: (cpu.user + cpu.system) / 1000 / E,
      ...(config.returnSamples ? { latencies: measured } : {}),
    },
  });
  await expectCommand('close');
  for (const l of lights) l.close();
  for (const f of fulls) f.destroy();
  editor.destroy();
}

async function join(config: JoinConfig): Promise<void> {
  const editor = await startEditor(config);
  send({ type: 'ready' });
  await expectCommand('connect');
  const times: number[] = [];
  const arrived: number[] = [];
  const applied: number[] = [];
  let bytes = 0;
  let contentOk = true;
  for (let j = 0; j < config.joins; j++) {
    const t0 = process.hrtime.bigint();
    const joiner = connectFullClient(config.target, config.target.followerParams);
    let firstTx = 0n;
    let lastTx = 0n;
    joiner.doc.on('beforeTransaction', () => {
      if (!firstTx) firstTx = process.hrtime.bigint();
    });
    joiner.doc.on('afterTransaction', () => {
      lastTx = process.hrtime.bigint();
    });
    await withTimeout(joiner.synced, 60_000, 'late joiner sync');
    const ms = nsToMs(process.hrtime.bigint() - t0);
    if (j > 0) {
      times.push(ms);
      arrived.push(nsToMs(firstTx - t0));
      applied.push(nsToMs(lastTx - t0));
    }
    bytes = joiner.bytes();
    if (readAll(joiner.doc, 'contributions').length !== config.expectedContributions) contentOk = false;
    joiner.destroy();
    await sleep(200);
  }
  // The same joins as raw sockets: time to the server's sync step 2 arriving, without the client applying it.
  const rawTimes: number[] = [];
  for (let j = 0; j < config.joins; j++) {
    const t0 = process.hrtime.bigint();
    const raw = connectLightFollower(syncUrl(config.target, config.target.followerParams), () => {});
    await withTimeout(raw.synced, 60_000, 'raw late joiner sync');
    if (j > 0) rawTimes.push(nsToMs(process.hrtime.bigint() - t0));
    raw.close();
    await sleep(200);
  }
  send({ type: 'join-result', result: { syncedMs: median(times), syncedMsAll: times, step2StartMs: median(arrived), appliedMs: median(applied), rawStep2Ms: median(rawTimes), bytes, contentOk } });
  await expectCommand('close');
  editor.destroy();
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as LoadgenConfig;
  if (config.mode === 'fanout') await fanout(config);
  else await join(config);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    setTimeout(() => process.exit(1), 100);
  },
);
