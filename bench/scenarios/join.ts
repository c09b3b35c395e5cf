/**
 * Join: a late joiner (a full WebsocketProvider with a delegate token) opening a meeting of 2,000 or
 * 10,000 Tdocs that is already loaded (the editor is in the room); time from opening the socket to the
 * provider's `sync`, and the bytes it received by then.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { benchMeeting } from '../benchMeeting.js';
import { createMeetingDoc } from '../../shared/document/meetingDoc.js';
import { median } from '../stats.js';
import { LoadgenProcess } from '../runLoadgen.js';
import { startPlenary, startReference, type ServerUnderTest } from '../serverProcess.js';
import { fmt, ratio, type BenchOptions, type Section, type TargetCheck } from '../section.js';
import { alternate, medianOf } from './alternate.js';
import type { JoinResult } from '../loadgenProtocol.js';

const TARGET_MS: Record<number, number> = { 2000: 100, 10000: 300 };

async function joinRun(start: () => Promise<ServerUnderTest>, size: number, file: string, joins: number): Promise<JoinResult> {
  const server = await start();
  let loadgen: LoadgenProcess | null = null;
  try {
    const target = await server.openMeeting(benchMeeting(size));
    loadgen = new LoadgenProcess({ mode: 'join', target, meetingFile: file, joins, expectedContributions: size });
    await loadgen.expect('ready', 120_000);
    loadgen.send({ cmd: 'connect' });
    return (await loadgen.expect('join-result', 300_000)).result;
  } finally {
    await loadgen?.stop();
    await server.stop();
  }
}

/**
 * The client's share of a join, in this process: Y.applyUpdate of the whole meeting into a fresh doc
 * (warm, median of 3), alone and with an `update` listener (y-websocket has one, so Yjs also re-encodes
 * what it applied); and the number of Yjs structs the meeting is made of.
 */
function clientApply(size: number): { plainMs: number; listenedMs: number; structs: number } {
  const update = Y.encodeStateAsUpdate(createMeetingDoc(benchMeeting(size)));
  const time = (listen: boolean) => {
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      const doc = new Y.Doc();
      if (listen) doc.on('update', () => {});
      const t = performance.now();
      Y.applyUpdate(doc, update);
      if (i > 0) times.push(performance.now() - t);
    }
    return median(times);
  };
  return { plainMs: time(false), listenedMs: time(true), structs: Y.decodeUpdate(update).structs.length };
}

export async function joinScenario(opts: BenchOptions): Promise<Section> {
  const sizes = opts.quick ? [2000] : [2000, 10000];
  const joins = opts.quick ? 3 : 6;
  const rows: string[][] = [];
  const checks: TargetCheck[] = [];
  const notes: string[] = [];
  for (const size of sizes) {
    opts.log(`join: ${size} Tdocs`);
    const file = join(opts.workDir, `join-${size}.json`);
    writeFileSync(file, JSON.stringify(benchMeeting(size)));
    const [p, r] = await alternate(
      { label: 'plenary', run: () => joinRun(() => startPlenary(), size, file, joins) },
      { label: 'reference', run: () => joinRun(startReference, size, file, joins) },
      opts.reps,
      opts.log,
    );
    const pm = medianOf(p, (x) => x.syncedMs);
    const rm = medianOf(r, (x) => x.syncedMs);
    const pa = medianOf(p, (x) => x.step2StartMs);
    const ra = medianOf(r, (x) => x.step2StartMs);
    const pd = medianOf(p, (x) => x.appliedMs);
    const rd = medianOf(r, (x) => x.appliedMs);
    const pr = medianOf(p, (x) => x.rawStep2Ms);
    const rr = medianOf(r, (x) => x.rawStep2Ms);
    const pb = medianOf(p, (x) => x.bytes);
    const rb = medianOf(r, (x) => x.bytes);
    const client = clientApply(size);
    const ok = (xs: JoinResult[]) => (xs.every((x) => x.contentOk) ? 'yes' : 'NO');
    rows.push(
      [String(size), 'Plenary', fmt(pm, 1), fmt(pa, 1), fmt(pd, 1), fmt(pr, 1), fmt(pb / 1024, 0), ok(p)],
      [String(size), 'reference', fmt(rm, 1), fmt(ra, 1), fmt(rd, 1), fmt(rr, 1), fmt(rb / 1024, 0), ok(r)],
      [String(size), 'ratio P/R', ratio(pm, rm), ratio(pa, ra), ratio(pd, rd), ratio(pr, rr), ratio(pb, rb), ''],
      [String(size), 'Y.applyUpdate alone (driver)', '', '', fmt(client.plainMs, 1), '', '', ''],
      [String(size), 'Y.applyUpdate with an update listener (driver)', fmt(client.listenedMs, 1), '', '', '', '', ''],
    );
    const limit = TARGET_MS[size];
    const floor = client.listenedMs;
    notes.push(
      `${size} Tdocs: the meeting is ${client.structs.toLocaleString('en')} Yjs structs (${fmt(client.structs / size, 1)} per Tdoc: one per field of CONTRACT §5 plus the entry itself). ` +
        `A y-websocket client integrating them takes ${fmt(floor, 1)} ms in this process before any socket is involved` +
        (limit === undefined
          ? '.'
          : floor > limit
            ? `, over the ${limit} ms target: no server can sync this joiner within the target with this document shape on this machine.`
            : `, within the ${limit} ms target, which leaves ${fmt(limit - floor, 1)} ms for the server and the network.`),
    );
    if (limit) checks.push({ target: `late joiner, ${size}-Tdoc meeting synced ≤ ${limit} ms`, figure: `${fmt(pm, 1)} ms`, met: pm <= limit && p.every((x) => x.contentOk) });
  }
  return {
    title: 'Join',
    method:
      `The meeting is created on the server (Plenary: POST /api/meetings with the meeting JSON; reference: the editor writes the same meeting into the room). ` +
      `With the editor connected, ${joins} late joiners open the meeting one after another; the first is a warm-up. ` +
      `Each is a full y-websocket 3 WebsocketProvider in the load-generator process; the time runs from creating it to its \`sync\` event (socket, handshake, ` +
      `token check, the server's sync step 2, the client applying it), and the joiner must then hold every contribution. "State arrives" is when the joiner starts applying the server's sync step 2 (its first Yjs transaction), ` +
      '"state applied" when that transaction ends; the rest up to "synced" is Yjs re-encoding the applied state for the doc\'s `update` listeners (y-websocket has one) and the provider\'s bookkeeping. ' +
      'The same number of raw sockets then time only the arrival of the whole sync step 2 (server work and transfer, without the client applying it). ' +
      `${opts.reps} repetitions, alternating; medians. "Y.applyUpdate alone" is the client's share: applying the whole meeting to an empty Y.Doc (warm, median of 3) in the driver; ` +
      '"with an update listener" adds what a y-websocket client also pays (Yjs re-encoding the applied state for the listener): the least a late joiner can take whatever the server does.',
    header: ['Tdocs', 'server', 'synced ms', 'state arrives ms', 'state applied ms', 'raw socket: step 2 received ms', 'KB received', 'content ok'],
    rows,
    checks,
    notes,
  };
}
