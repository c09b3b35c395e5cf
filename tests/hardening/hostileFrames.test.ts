/**
 * Hostile frames on an authorised (secretary) connection: the server stays up, the bystanders stay
 * connected and in sync, the stored meeting is unchanged, and every offending connection is closed with
 * a named code. Fast in `npm test`; 100,000 frames under `npm run test:stress`.
 * Replay a seed with `FUZZ_SEED=N`.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, sampleMeeting, startTestServer } from '../helpers/startTestServer.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { waitFor } from '../helpers/waitFor.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';
import { hostileFrames } from './hostileFrames.js';
import { RawSyncSocket, type Closed } from '../helpers/rawSyncSocket.js';
import { scale, seedBase } from './stressLevel.js';

const FRAMES = scale(2_000, 100_000);
const WORKERS = 6;
/** A connection that survives this many frames is replaced (stays under the rate limiter's burst). */
const PER_CONNECTION = 2_000;
const MAX_PAYLOAD = 64 * 1024;

const NAMED: Record<number, string> = {
  [CloseCode.MalformedMessage]: CloseReason.MalformedMessage,
  [CloseCode.TooLarge]: CloseReason.TooLarge,
  [CloseCode.RateLimited]: CloseReason.RateLimited,
};

describe('hostile frames', () => {
  it(`G-FRM-1: ${FRAMES} malformed, truncated, oversized and wrongly typed frames from an editor leave the server up, the others in sync and the stored meeting unchanged; each offender is closed with a named code`, async () => {
    const seed = seedBase(7001);
    const ts = await startTestServer({ maxPayload: MAX_PAYLOAD });
    const m = await createMeeting(ts, sampleMeeting(20));
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), delegate.synced()]);
    const room = ts.server.rooms.get(m.id)!;
    const before = JSON.stringify(readMeeting(room.doc));
    const svBefore = Y.encodeStateVector(room.doc);

    const byKind = new Map<string, { sent: number; closed: number }>();
    const codes = new Map<number, number>();
    const unnamed: string[] = [];
    let next = 0;
    const url = `${ts.syncUrl}/${m.id}?token=${m.tokens.secretary}`;

    const worker = async (w: number) => {
      const make = hostileFrames(seededRandom(seed * 31 + w), MAX_PAYLOAD);
      let sock = await RawSyncSocket.open(url);
      let used = 0;
      while (next < FRAMES) {
        next++;
        const f = make();
        const stats = byKind.get(f.kind) ?? { sent: 0, closed: 0 };
        byKind.set(f.kind, stats);
        stats.sent++;
        const closed: Closed | undefined = await sock.sendAndSettle(f.data);
        used++;
        if (closed) {
          stats.closed++;
          codes.set(closed.code, (codes.get(closed.code) ?? 0) + 1);
          if (NAMED[closed.code] !== closed.reason) unnamed.push(`${f.kind} (seed ${seed}, worker ${w}): ${closed.code} ${closed.reason}`);
        }
        if (closed || used >= PER_CONNECTION) {
          if (!closed) sock.close();
          sock = await RawSyncSocket.open(url);
          used = 0;
        }
      }
      sock.close();
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));

    console.log(
      `hostile frames (seed ${seed}): ${FRAMES} sent; closes by code ${JSON.stringify(Object.fromEntries(codes))}; by kind ` +
        [...byKind].map(([k, s]) => `${k} ${s.closed}/${s.sent}`).join(', '),
    );
    expect(unnamed).toEqual([]);
    expect(byKind.get('oversized')?.closed).toBe(byKind.get('oversized')?.sent);
    expect(byKind.get('text frame')?.closed).toBe(byKind.get('text frame')?.sent);

    // Stored meeting unchanged, the bystanders never dropped, and still in sync.
    expect(JSON.stringify(readMeeting(room.doc))).toBe(before);
    // No client that was in the meeting before gained or lost anything. (A bit flip can turn a frame into
    // a complete update of a scratch type, which an editor may send; the meeting above is what counts.)
    const svAfter = Y.decodeStateVector(Y.encodeStateVector(room.doc));
    for (const [client, clock] of Y.decodeStateVector(svBefore)) expect(svAfter.get(client), `client ${client}`).toBe(clock);
    expect(chair.closes).toEqual([]);
    expect(delegate.closes).toEqual([]);
    const row = readMeeting(chair.doc).contributions[3].id;
    setContributionStatus(chair.doc, row, 'noted', { by: 'chair' });
    await waitFor(() => readMeeting(delegate.doc).contributions.find((c) => c.id === row)?.status === 'noted', { what: 'the delegate to get the edit' });
    expect((await fetch(`${ts.url}/healthz`)).status).toBe(200);

    const expected = readMeeting(chair.doc);
    chair.destroy();
    delegate.destroy();
    await ts.stop();
    const again = await ts.restart();
    const fresh = connectClient(again.syncUrl, m.id, m.tokens.screen);
    await fresh.synced();
    expect(readMeeting(fresh.doc)).toEqual(expected);
  }, scale(60_000, 600_000));

  it('G-FRM-1: pinned (seed 7001, full run): an update whose delete set has an empty range, with pending structures, is closed with 4400 and changes nothing', async () => {
    // Yjs threw half-way through applying this (UpdateEncoderV2.writeDsLen), which closed with 1011 (retried).
    const update = Buffer.from('0101b7a7e2e90302040107684f7374696c650e636b62796f776e67726d7169657501b7a7e2e903010000', 'hex');
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const room = ts.server.rooms.get(m.id)!;
    const before = Y.encodeStateAsUpdate(room.doc);
    const raw = await RawSyncSocket.open(`${ts.syncUrl}/${m.id}?token=${m.tokens.secretary}`);
    const frame = Uint8Array.from([0, 2, update.length, ...update]);
    expect(await raw.sendAndSettle(frame)).toEqual({ code: CloseCode.MalformedMessage, reason: CloseReason.MalformedMessage });
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);
    expect(chair.closes).toEqual([]);
  });
});
