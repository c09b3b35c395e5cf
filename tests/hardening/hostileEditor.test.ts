/**
 * A hostile editor's oversize collections (issue 23): one update of 100,000 rooms (10,000 in `npm test`),
 * about 11.5 MB at full size, sent over a real socket with the secretary's link. The room refuses it whole
 * before applying it (4422), stores nothing of it, and the next edits fan out as before; readers of a
 * document that holds too many rooms anyway (one stored before the limit) stop at the limit.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { scale } from './stressLevel.js';
import { CloseCode } from '../../shared/closeReasons.js';
import { readRooms, addRoom } from '../../shared/document/rooms.js';
import { ROOT_LIMITS } from '../../shared/document/collectionLimits.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { updateContribution } from '../../shared/document/contributionOps.js';

const ROOMS = scale(10_000, 100_000);

function addRooms(doc: Y.Doc, n: number): void {
  doc.transact(() => {
    const rooms = doc.getMap('rooms');
    for (let i = 0; i < n; i++) {
      const m = new Y.Map();
      rooms.set(`hostile-${i}`, m);
      m.set('name', `Room ${i} of a hostile editor, named at length to weigh about 115 bytes`);
    }
  });
}

/** Milliseconds from an edit by `from` until `to` has it, median of `n`. */
async function fanOut(from: Y.Doc, to: Y.Doc, tdocId: string, n: number, tag: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const text = `${tag} ${i}`;
    const t0 = performance.now();
    updateContribution(from, tdocId, { notes: text });
    await waitFor(() => readMeeting(to).contributions.find((c) => c.id === tdocId)?.notes === text);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)];
}

describe('a hostile editor', () => {
  it(`G-HOST-1 an editor's update of ${ROOMS.toLocaleString('en')} rooms is refused whole (4422) and stored nowhere; later edits fan out as before`, async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    const hostile = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await Promise.all([chair.synced(), delegate.synced(), hostile.synced()]);
    const tdoc = readMeeting(chair.doc).contributions[0].id;
    const before = await fanOut(chair.doc, delegate.doc, tdoc, 15, 'before');

    const sent: number[] = [];
    hostile.doc.on('update', (u: Uint8Array) => sent.push(u.length));
    addRooms(hostile.doc, ROOMS);
    expect(sent[0]).toBeGreaterThan(ROOMS * 100);
    const close = await hostile.nextClose(60_000);
    expect(close.code).toBe(CloseCode.Refused);
    hostile.destroy();

    const after = await fanOut(chair.doc, delegate.doc, tdoc, 15, 'after');
    console.log(`G-HOST-1: update of ${(sent[0] / 1e6).toFixed(1)} MB refused; edit fan-out median ${before.toFixed(1)} ms before, ${after.toFixed(1)} ms after`);
    // Nothing of it reached the others or the store; an ordinary room still can be added.
    expect(chair.doc.getMap('rooms').size).toBeLessThan(ROOT_LIMITS.rooms);
    expect(delegate.doc.getMap('rooms').size).toBeLessThan(ROOT_LIMITS.rooms);
    addRoom(chair.doc, 'Breakout B');
    await waitFor(() => readRooms(delegate.doc).some((r) => r.name === 'Breakout B'));
    chair.destroy();
    delegate.destroy();
    await ts.stop();
    const ts2 = await ts.restart();
    const reader = connectClient(ts2.syncUrl, m.id, m.tokens.chair);
    await reader.synced();
    expect(reader.doc.getMap('rooms').size).toBeLessThan(ROOT_LIMITS.rooms);
    expect(readRooms(reader.doc).some((r) => r.name === 'Breakout B')).toBe(true);
    reader.destroy();
  }, 180_000);

  it(`G-HOST-2 readers of a document already holding ${ROOMS.toLocaleString('en')} rooms stop at the limit`, () => {
    const doc = new Y.Doc();
    addRooms(doc, ROOMS);
    expect(readRooms(doc).length).toBeLessThanOrEqual(ROOT_LIMITS.rooms);
  });
});
