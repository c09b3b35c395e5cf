/**
 * Crash loop: the server runs as a child process and is killed with SIGKILL again and again while
 * editors make seeded random edits through the shared accessors (also while it is down). It restarts on
 * the same port and the providers reconnect by themselves. At the end every replica and the stored
 * document (read by a fresh client after a last kill and restart) are identical, and every edit that a
 * client had received from another before any kill is there. Fast in `npm test`; 50 kills and 10
 * editors under `npm run test:stress`. Replay with `FUZZ_SEED=N`.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient } from '../helpers/connectClient.js';
import { createMeeting, sampleMeeting, type TestServer } from '../helpers/startTestServer.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { startServerProcess } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { pickOp } from '../shared/meetingFuzzOps.js';
import { meetingInvariantViolations } from '../shared/meetingInvariants.js';
import { MeetingOpError } from '../../shared/entityOps.js';
import { readMeeting } from '../../shared/meetingDoc.js';
import { scale, seedBase } from './stressLevel.js';

const KILLS = scale(3, 50);
const EDITORS = scale(3, 10);

/** Client id → clock, for the clients other than `self` (what this replica received through the server). */
function receivedFromOthers(doc: Y.Doc): Map<number, number> {
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  sv.delete(doc.clientID);
  return sv;
}

describe('crash loop', () => {
  it(`G-DUR-2: ${KILLS} SIGKILLs during a session of ${EDITORS} editors lose no edit another client had received, and every replica and the stored document end identical`, async () => {
    const seed = seedBase(4242);
    const rng = seededRandom(seed);
    const dataDir = tempDir('plenary-crash-');
    let srv = await startServerProcess(dataDir);
    const port = srv.port;
    const m = await createMeeting({ url: srv.url, adminToken: srv.adminToken } as TestServer, sampleMeeting(12));
    const editors: TestClient[] = [];
    for (let i = 0; i < EDITORS; i++) editors.push(connectClient(srv.syncUrl, m.id, i % 2 ? m.tokens.secretary : m.tokens.chair));
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
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, rng.int(50, 600)));
      await srv.kill();
      for (const e of editors) mustSurvive.push(receivedFromOthers(e.doc));
      await new Promise((r) => setTimeout(r, rng.int(0, 300)));
      srv = await startServerProcess(dataDir, { port });
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
    await waitFor(sameState, { timeoutMs: 120_000, what: `the editors to converge (seed ${seed})` });
    const finalJson = readMeeting(editors[0].doc);
    for (const e of editors) expect(readMeeting(e.doc)).toEqual(finalJson);
    expect(meetingInvariantViolations(finalJson), `seed ${seed}`).toEqual([]);

    // The stored document, after one more kill, read by a stranger to the session.
    await waitFor(async () => (await fetch(`${srv.url}/healthz`)).ok, { what: 'the server' });
    await new Promise((r) => setTimeout(r, 100));
    await srv.kill();
    const expectedSv = Y.decodeStateVector(Y.encodeStateVector(editors[0].doc));
    for (const e of editors) e.destroy();
    srv = await startServerProcess(dataDir, { port });
    const reader = connectClient(srv.syncUrl, m.id, m.tokens.screen);
    await reader.synced();
    expect(readMeeting(reader.doc)).toEqual(finalJson);
    const stored = Y.decodeStateVector(Y.encodeStateVector(reader.doc));
    expect(stored).toEqual(expectedSv);
    const lost: string[] = [];
    for (const received of mustSurvive) {
      for (const [client, clock] of received) if ((stored.get(client) ?? 0) < clock) lost.push(`client ${client} clock ${clock}`);
    }
    expect(lost, `seed ${seed}`).toEqual([]);
    console.log(`crash loop (seed ${seed}): ${KILLS} kills, ${EDITORS} editors, ${edits} edits (${refused} refused as impossible), ${finalJson.contributions.length} rows at the end`);
  }, scale(120_000, 600_000));
});
