/**
 * One partition run, against any servers under test (tests/helpers/serverTargets.ts): editors behind
 * fault-injecting proxies (delays, dropped connections, partitions, late chunks of a dropped connection
 * arriving after the next connection's), editor i on process i when there are several, make seeded random
 * edits through the shared accessors, go offline, edit, and come back. Every run must converge: every
 * replica, the server (when it runs in this process), a fresh reader on every process identical, and the
 * foundation's invariants intact. Run by tests/hardening/partitions.test.ts (one process on SQLite) and
 * tests/pg/partitionsCluster.test.ts (three processes on PostgreSQL).
 */
import * as Y from 'yjs';
import { connectClient, type TestClient } from '../helpers/connectClient.js';
import { FaultProxy } from '../helpers/faultProxy.js';
import { sampleMeeting } from '../helpers/startTestServer.js';
import { seededRandom } from '../helpers/seededRandom.js';
import type { ServersUnderTest } from '../helpers/serverTargets.js';
import { waitFor } from '../helpers/waitFor.js';
import { pickOp } from '../shared/meetingFuzzOps.js';
import { meetingInvariantViolations } from '../shared/meetingInvariants.js';
import { MeetingOpError } from '../../shared/document/entityOps.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';

const sameSv = (a: Y.Doc, b: Y.Doc) => Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));

/** One seeded run; throws an Error naming the seed. Returns a line of what happened. */
export async function partitionRun(target: ServersUnderTest, seed: number): Promise<string> {
  const rng = seededRandom(seed);
  const fail = (what: string): never => {
    throw new Error(`partition run on ${target.name}, seed ${seed}: ${what} (replay: FUZZ_SEED=${seed})`);
  };
  const m = await target.createMeeting(sampleMeeting(6, `Partition ${seed}`));
  const teardown: (() => void)[] = [];
  try {
    const n = rng.int(2, 4);
    const proxies: FaultProxy[] = [];
    const clients: TestClient[] = [];
    for (let i = 0; i < n; i++) {
      // Editor i on process i (of the target's processes): editors on different processes when there are several.
      const proxy = await FaultProxy.start(target.port(i), seededRandom(seed * 16 + i), { maxDelayMs: rng.int(0, 25), maxLateMs: rng.int(0, 80) });
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

    const room = () => target.roomDoc?.(m.id);
    try {
      // A state vector does not cover deletions, so the meetings themselves must match too.
      await waitFor(
        () => {
          if (!clients.every((c) => c.provider.synced && sameSv(c.doc, clients[0].doc))) return false;
          const first = JSON.stringify(readMeeting(clients[0].doc));
          if (!clients.every((c) => JSON.stringify(readMeeting(c.doc)) === first)) return false;
          if (!target.roomDoc) return true;
          const r = room();
          return !!r && sameSv(r, clients[0].doc) && JSON.stringify(readMeeting(r)) === first;
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
    if (target.roomDoc && JSON.stringify(readMeeting(room()!)) !== expected) fail('the server reads a different meeting');
    const broken = meetingInvariantViolations(JSON.parse(expected));
    if (broken.length) fail(`converged meeting is broken:\n  ${broken.join('\n  ')}`);
    // A fresh reader on every process (with several, a process hears of the others' last rows a moment later).
    for (let p = 0; p < target.processes; p++) {
      const reader = connectClient(target.processSyncUrl(p), m.id, m.tokens.screen, { register: (f) => teardown.push(f) });
      await reader.synced();
      try {
        await waitFor(() => JSON.stringify(readMeeting(reader.doc)) === expected, { timeoutMs: 10_000, what: 'the reader' });
      } catch {
        fail(`a fresh reader on process ${p} reads a different meeting`);
      }
    }
    const dropped = proxies.reduce((s, p) => s + p.stats.dropped, 0);
    const late = proxies.reduce((s, p) => s + p.stats.lateChunks, 0);
    return `seed ${seed}: ${n} editors, ${edits} edits, ${dropped} connections dropped, ${late} late chunks`;
  } finally {
    for (const f of teardown) f();
  }
}

/** `runs` seeded runs from `base`, `parallel` at a time; returns one line per run and how many had late chunks. */
export async function partitionRuns(target: ServersUnderTest, base: number, runs: number, parallel: number): Promise<{ lines: string[]; late: number }> {
  let next = 0;
  const lines: string[] = [];
  let late = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, runs) }, async () => {
      while (next < runs) {
        const line = await partitionRun(target, base + next++);
        if (/ [1-9]\d* late chunks/.test(line)) late++;
        lines.push(line);
      }
    }),
  );
  return { lines, late };
}
