/**
 * Partitions: editors behind fault-injecting proxies (delays, dropped connections, partitions, late
 * chunks of a dropped connection arriving after the next connection's) make seeded random edits through
 * the shared accessors, go offline, edit, and come back. Every run must converge: every replica, the
 * server and a fresh reader identical, and the foundation's invariants intact (references resolve, agenda
 * acyclic, siblings totally ordered, parseMeeting accepts it). A failure names its seed; replay one with
 * `FUZZ_SEED=N` (runs that ever failed are pinned below as named tests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient } from '../helpers/connectClient.js';
import { FaultProxy } from '../helpers/faultProxy.js';
import { createMeeting, sampleMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { waitFor } from '../helpers/waitFor.js';
import { pickOp } from '../shared/meetingFuzzOps.js';
import { meetingInvariantViolations } from '../shared/meetingInvariants.js';
import { MeetingOpError } from '../../shared/entityOps.js';
import { readMeeting } from '../../shared/meetingDoc.js';
import { scale, seedBase } from './stressLevel.js';

const RUNS = scale(5, 1_000);
const PARALLEL = scale(5, 10);
/** Seeds that once failed (90326: a deletion still in flight when only state vectors were compared); each runs as its own named test. */
const PINNED: number[] = [90326];

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({}, (f) => afterAll(f));
});

const sameSv = (a: Y.Doc, b: Y.Doc) => Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));

/** One seeded run; throws an Error naming the seed. Returns a line of what happened. */
async function runSeed(seed: number): Promise<string> {
  const rng = seededRandom(seed);
  const fail = (what: string): never => {
    throw new Error(`partition run seed ${seed}: ${what} (replay: FUZZ_SEED=${seed})`);
  };
  const m = await createMeeting(ts, sampleMeeting(6, `Partition ${seed}`));
  const teardown: (() => void)[] = [];
  try {
    const n = rng.int(2, 4);
    const proxies: FaultProxy[] = [];
    const clients: TestClient[] = [];
    for (let i = 0; i < n; i++) {
      const proxy = await FaultProxy.start(ts.server.port, seededRandom(seed * 16 + i), { maxDelayMs: rng.int(0, 25), maxLateMs: rng.int(0, 80) });
      proxies.push(proxy);
      teardown.push(() => void proxy.close());
      clients.push(connectClient(proxy.syncUrl, m.id, i % 2 ? m.tokens.secretary : m.tokens.chair, { register: (f) => teardown.push(f) }));
    }
    await Promise.all(clients.map((c) => c.synced()));
    const steps = rng.int(15, 45);
    let edits = 0;
    for (let step = 0; step < steps; step++) {
      const r = rng.next();
      const i = rng.int(0, n - 1);
      if (r < 0.6) {
        const op = pickOp(rng);
        const ctx = { rng, doc: clients[i].doc, idPrefix: `p${i}-${step}`, actor: { by: `editor${i}`, at: '2026-03-02T09:00:00.000Z' } };
        try {
          clients[i].doc.transact(() => op(ctx));
          edits++;
        } catch (e) {
          if (!(e instanceof MeetingOpError)) fail(`${op.name} threw ${(e as Error).stack}`);
        }
      } else if (r < 0.72) {
        if (proxies[i].isPartitioned) proxies[i].heal();
        else proxies[i].partition();
      } else if (r < 0.84) {
        proxies[i].dropConnections();
      } else if (r < 0.92) {
        if (clients[i].provider.shouldConnect) clients[i].provider.disconnect();
        else clients[i].provider.connect();
      }
      await new Promise((res) => setTimeout(res, rng.int(0, 12)));
    }
    for (const p of proxies) p.heal();
    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();

    const room = () => ts.server.rooms.get(m.id);
    try {
      // A state vector does not cover deletions, so the meetings themselves must match too.
      await waitFor(
        () => {
          const r = room();
          if (!r || !clients.every((c) => c.provider.synced && sameSv(c.doc, r.doc))) return false;
          const server = JSON.stringify(readMeeting(r.doc));
          return clients.every((c) => JSON.stringify(readMeeting(c.doc)) === server);
        },
        { timeoutMs: 60_000, what: 'convergence' },
      );
    } catch {
      fail('the replicas did not converge within 60 s');
    }
    const expected = JSON.stringify(readMeeting(clients[0].doc));
    clients.forEach((c, i) => {
      if (JSON.stringify(readMeeting(c.doc)) !== expected) fail(`replica ${i} reads a different meeting`);
    });
    if (JSON.stringify(readMeeting(room()!.doc)) !== expected) fail('the server reads a different meeting');
    const broken = meetingInvariantViolations(JSON.parse(expected));
    if (broken.length) fail(`converged meeting is broken:\n  ${broken.join('\n  ')}`);
    const reader = connectClient(ts.syncUrl, m.id, m.tokens.screen, { register: (f) => teardown.push(f) });
    await reader.synced();
    if (JSON.stringify(readMeeting(reader.doc)) !== expected) fail('a fresh reader reads a different meeting');
    const dropped = proxies.reduce((s, p) => s + p.stats.dropped, 0);
    const late = proxies.reduce((s, p) => s + p.stats.lateChunks, 0);
    return `seed ${seed}: ${n} editors, ${edits} edits, ${dropped} connections dropped, ${late} late chunks`;
  } finally {
    for (const f of teardown) f();
  }
}

describe('partitions', () => {
  it(`G-OFF-1: ${RUNS} seeded runs of editors going offline, editing and coming back behind a faulty network converge with the invariants intact`, async () => {
    const base = seedBase(90_000);
    const runs = process.env.FUZZ_SEED ? 1 : RUNS;
    let next = 0;
    const lines: string[] = [];
    let late = 0;
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL, runs) }, async () => {
        while (next < runs) {
          const line = await runSeed(base + next++);
          if (/ [1-9]\d* late chunks/.test(line)) late++;
          lines.push(line);
        }
      }),
    );
    console.log(`partitions: ${lines.length} runs (seeds ${base}..${base + runs - 1}), ${late} with chunks of a dropped connection delivered late\n  ${lines.slice(0, 5).join('\n  ')}`);
    expect(lines).toHaveLength(runs);
  }, scale(120_000, 900_000));

  for (const seed of PINNED) it(`G-OFF-1: pinned seed ${seed}`, async () => void (await runSeed(seed)));
});
