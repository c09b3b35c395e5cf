/**
 * The crash loop, against any servers under test (tests/helpers/serverTargets.ts): editors make seeded
 * random edits through the shared accessors (also while a process is down) while a random process is
 * killed with SIGKILL again and again and restarted on its port; the providers reconnect by themselves
 * (through the balancer to a live process when there are several). At the end every replica, a fresh
 * reader on every process, and the stored document (read by a fresh client after every process was
 * killed and one restarted) are identical, and every edit that a client had received from another before
 * any kill is there. Run by tests/hardening/crashLoop.test.ts (one process on SQLite) and
 * tests/pg/crashLoopCluster.test.ts (three processes on PostgreSQL). Replay with `FUZZ_SEED=N`.
 */
import { expect } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient } from '../helpers/connectClient.js';
import { sampleMeeting } from '../helpers/startTestServer.js';
import { seededRandom } from '../helpers/seededRandom.js';
import type { ServersUnderTest } from '../helpers/serverTargets.js';
import { waitFor } from '../helpers/waitFor.js';
import { pickOp } from '../shared/meetingFuzzOps.js';
import { meetingInvariantViolations } from '../shared/meetingInvariants.js';
import { MeetingOpError } from '../../shared/document/entityOps.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';

/** Client id → clock, for the clients other than `self` (what this replica received through the server). */
function receivedFromOthers(doc: Y.Doc): Map<number, number> {
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  sv.delete(doc.clientID);
  return sv;
}

export interface CrashLoopOptions {
  start: () => Promise<ServersUnderTest>;
  kills: number;
  editors: number;
  seed: number;
}

export async function crashLoop(o: CrashLoopOptions): Promise<void> {
  const { seed } = o;
  const rng = seededRandom(seed);
  const target = await o.start();
  const m = await target.createMeeting(sampleMeeting(12));
  const editors: TestClient[] = [];
  for (let i = 0; i < o.editors; i++) editors.push(connectClient(target.syncUrl, m.id, i % 2 ? m.tokens.secretary : m.tokens.chair));
  await Promise.all(editors.map((e) => e.synced()));

  let editing = true;
  let edits = 0;
  let refused = 0;
  const editLoop = (async () => {
    for (let step = 0; editing; step++) {
      const i = rng.int(0, editors.length - 1);
      const op = pickOp(rng);
      const ctx = { rng, doc: editors[i].doc, idPrefix: `e${i}-${step}`, actor: { by: `editor${i}`, at: '2026-03-02T09:00:00.000Z' } };
      try {
        editors[i].doc.transact(() => op(ctx));
        edits++;
      } catch (e) {
        if (!(e instanceof MeetingOpError)) throw new Error(`seed ${seed}: ${op.name} threw ${(e as Error).stack}`);
        refused++;
      }
      await new Promise((r) => setTimeout(r, rng.int(1, 15)));
    }
  })();

  // What each replica had received from the others at each kill: all of it must survive.
  const mustSurvive: Map<number, number>[] = [];
  const killed: number[] = [];
  for (let k = 0; k < o.kills; k++) {
    await new Promise((r) => setTimeout(r, rng.int(50, 600)));
    const victim = target.processes > 1 ? rng.int(0, target.processes - 1) : 0;
    await target.kill(victim);
    killed.push(victim);
    for (const e of editors) mustSurvive.push(receivedFromOthers(e.doc));
    await new Promise((r) => setTimeout(r, rng.int(0, 300)));
    await target.restart(victim);
  }
  editing = false;
  await editLoop;

  // Everyone converges once the edits stop.
  const sameState = () => {
    const first = Y.encodeStateVector(editors[0].doc);
    if (!editors.every((e) => e.provider.synced && Buffer.from(Y.encodeStateVector(e.doc)).equals(first))) return false;
    // A state vector does not cover deletions: the meetings must match too.
    const json = JSON.stringify(readMeeting(editors[0].doc));
    return editors.every((e) => JSON.stringify(readMeeting(e.doc)) === json);
  };
  await waitFor(sameState, { timeoutMs: 120_000, what: `the editors to converge (${target.name}, seed ${seed})` });
  const finalJson = readMeeting(editors[0].doc);
  for (const e of editors) expect(readMeeting(e.doc)).toEqual(finalJson);
  expect(meetingInvariantViolations(finalJson), `seed ${seed}`).toEqual([]);

  // A fresh reader on every process serves the same meeting.
  for (let p = 0; p < target.processes; p++) {
    const reader = connectClient(target.processSyncUrl(p), m.id, m.tokens.screen);
    await reader.synced();
    await waitFor(() => JSON.stringify(readMeeting(reader.doc)) === JSON.stringify(finalJson), { what: `a fresh reader on process ${p} (${target.name}, seed ${seed})` });
    reader.destroy();
  }

  // The stored document, after every process was killed, read by a stranger to the session.
  await new Promise((r) => setTimeout(r, 100));
  for (let p = 0; p < target.processes; p++) await target.kill(p);
  const expectedSv = Y.decodeStateVector(Y.encodeStateVector(editors[0].doc));
  for (const e of editors) e.destroy();
  await target.restart(0);
  const reader = connectClient(target.processSyncUrl(0), m.id, m.tokens.screen);
  await reader.synced();
  expect(readMeeting(reader.doc)).toEqual(finalJson);
  const stored = Y.decodeStateVector(Y.encodeStateVector(reader.doc));
  expect(stored).toEqual(expectedSv);
  const lost: string[] = [];
  for (const received of mustSurvive) {
    for (const [client, clock] of received) if ((stored.get(client) ?? 0) < clock) lost.push(`client ${client} clock ${clock}`);
  }
  expect(lost, `seed ${seed}`).toEqual([]);
  console.log(
    `crash loop on ${target.name} (seed ${seed}): ${o.kills} kills (processes ${killed.join(' ')}), ${o.editors} editors, ${edits} edits (${refused} refused as impossible), ${finalJson.contributions.length} rows at the end`,
  );
}
