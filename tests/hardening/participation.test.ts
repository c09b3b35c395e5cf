/**
 * Delegates take part through the server's narrow path (issue 15): real server, real providers, real
 * SQLite, plain HTTP for the delegates' requests.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { participant, pool } from '../helpers/participationClient.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { readFloor, readQueue, setQueueOpen } from '../../shared/participation/speakerQueue.js';
import { closePoll, openPoll, readPolls } from '../../shared/participation/showOfHands.js';
import { DEFAULT_PARTICIPATION_LIMITS } from '../../server/meetings/ParticipationService.js';
import { scale } from './stressLevel.js';

/** Requests of G-PART-3's attacker: enough to cycle every kind of request hundreds of times in `npm test`. */
const ATTACK_REQUESTS = scale(2_400, 10_000);

const UNLIMITED = {
  ...DEFAULT_PARTICIPATION_LIMITS,
  perAddress: { capacity: 1e9, perSecond: 1e9, maxKeys: 100 },
  perParticipant: { capacity: 1e9, perSecond: 1e9, maxKeys: 100_000 },
  withdrawalsPerBrowser: { capacity: 1e9, perSecond: 1e9 },
  newEntriesPerAddress: { capacity: 1e9, perSecond: 1e9, maxKeys: 100 },
  pointsOfOrderPerBrowser: { capacity: 1e9, perSecond: 1e9 },
  newBallotsPerAddress: { capacity: 1e9, perSecond: 1e9 },
  ballotChangesPerBrowser: { capacity: 1e9, perSecond: 1e9 },
};

/** The meeting without its record of speakers and polls: what a delegate must never change. */
const meetingPart = (doc: Y.Doc) => {
  const { speeches: _s, polls: _p, ...rest } = readMeeting(doc);
  return rest;
};

const queueOf = (doc: Y.Doc) => readQueue(doc).map((e) => `${e.kind}:${e.name}`);

describe('participation', () => {
  it('G-PART-1 a delegate\'s request is applied by the server, stored and sent to everyone, and survives a restart', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const screen = connectClient(ts.syncUrl, m.id, m.tokens.screen);
    await Promise.all([chair.synced(), screen.synced()]);
    const before = meetingPart(chair.doc);

    const ann = participant(ts.url, m.id, m.tokens.delegate);
    const res = await ann.queue({ action: 'add', kind: 'new-topic', name: 'Ann Lee', company: 'Ericsson' });
    expect(res.status).toBe(200);
    expect(res.body.entry).toMatchObject({ place: 1 });
    const owner = res.body.owner as string;
    expect(owner).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(owner).not.toContain(ann.id);
    // The server answered after storing and broadcasting: both clients have it (or get it at once).
    await waitFor(() => readQueue(screen.doc).length === 1 && readQueue(chair.doc).length === 1);
    expect(readQueue(chair.doc)[0]).toMatchObject({ name: 'Ann Lee', company: 'Ericsson', kind: 'new-topic', owner, by: 'self' });
    // The document never holds the browser's secret id.
    expect(JSON.stringify(chair.doc.toJSON())).not.toContain(ann.id);

    // A second "add" from the same browser keeps its one entry.
    const again = await ann.queue({ action: 'add', kind: 'point-of-order', name: 'Ann Lee' });
    expect(again.body).toMatchObject({ already: true, entry: { place: 1 } });
    expect(queueOf(chair.doc)).toEqual(['new-topic:Ann Lee']);

    // The chair's poll; a delegate answers; the screen's link may not.
    const pollId = openPoll(chair.doc, { question: 'Adopt A?', options: ['Yes', 'No'], at: new Date().toISOString() });
    await waitFor(() => readPolls(screen.doc).length === 1);
    expect((await ann.answer(pollId, 'Yes')).status).toBe(200);
    const screenPart = participant(ts.url, m.id, m.tokens.screen);
    expect((await screenPart.answer(pollId, 'No')).status).toBe(403);
    expect((await screenPart.queue({ action: 'add', kind: 'reply', name: 'Screen' })).status).toBe(403);
    await waitFor(() => readPolls(chair.doc)[0]?.remote.Yes === 1);
    expect(meetingPart(chair.doc)).toEqual(before);

    chair.destroy();
    screen.destroy();
    await ts.stop();
    const ts2 = await ts.restart();
    const reader = connectClient(ts2.syncUrl, m.id, m.tokens.delegate);
    await reader.synced();
    expect(queueOf(reader.doc)).toEqual(['new-topic:Ann Lee']);
    expect(readPolls(reader.doc)[0].remote).toEqual({ Yes: 1, No: 0 });
    // Tags are stable across restarts: the same browser withdraws its entry.
    expect((await participant(ts2.url, m.id, m.tokens.delegate, { id: ann.id }).queue({ action: 'withdraw' })).body).toMatchObject({ withdrawn: 1, owner });
    await waitFor(() => readQueue(reader.doc).length === 0);
  });

  it('G-PART-2 nothing a delegate sends changes anything but its own entry and ballot: forged and bad requests are refused', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const ann = participant(ts.url, m.id, m.tokens.delegate);
    const bob = participant(ts.url, m.id, m.tokens.delegate);
    const annOwner = (await ann.queue({ action: 'add', kind: 'new-topic', name: 'Ann' })).body.owner as string;
    await bob.queue({ action: 'add', kind: 'reply', name: 'Bob' });
    const pollId = openPoll(chair.doc, { question: 'Q?', options: ['A', 'B'], at: new Date().toISOString() });
    await waitFor(() => chair.provider.synced);
    await waitFor(async () => (await ann.answer(pollId, 'A')).status === 200);

    // Bob poses as Ann with what the document shows of her (her owner tag), or with junk.
    const forged = participant(ts.url, m.id, m.tokens.delegate, { id: annOwner });
    expect((await forged.queue({ action: 'withdraw' })).body).toMatchObject({ withdrawn: 0 });
    const bad = [
      await bob.queue({ action: 'remove', entry: readQueue(chair.doc)[0].id }),
      await bob.queue({ action: 'add', kind: 'chair', name: 'Bob' }),
      await participant(ts.url, m.id, m.tokens.delegate, { id: 'short' }).queue({ action: 'withdraw' }),
      await participant(ts.url, m.id, m.tokens.delegate).queue({ action: 'add', kind: 'reply', name: 'x'.repeat(500) }),
      await participant(ts.url, m.id, m.tokens.delegate).queue({ action: 'add', kind: 'reply', name: '' }),
      await bob.answer(pollId, 'C'),
      await bob.answer('nosuchpoll', 'A'),
      await bob.answer('../../x', 'A'),
      await participant(ts.url, m.id, 'not-a-token').queue({ action: 'withdraw' }),
    ];
    expect(bad.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400, 404, 404, 403]);
    for (const r of bad) expect(typeof r.body.error).toBe('string');
    const raw = await fetch(`${ts.url}/api/meetings/${m.id}/queue`, { method: 'POST', headers: { authorization: `Bearer ${m.tokens.delegate}` }, body: '{nope' });
    expect(raw.status).toBe(400);

    // Closed queue and closed poll refuse; a changed answer counts once.
    expect((await bob.answer(pollId, 'B')).status).toBe(200);
    expect((await bob.answer(pollId, 'A')).status).toBe(200);
    setQueueOpen(chair.doc, false);
    closePoll(chair.doc, pollId, new Date().toISOString());
    await waitFor(async () => (await participant(ts.url, m.id, m.tokens.delegate).queue({ action: 'add', kind: 'reply', name: 'Cy' })).status === 409);
    expect((await bob.answer(pollId, 'B')).status).toBe(409);
    // Withdrawing works while the queue is closed.
    expect((await bob.queue({ action: 'withdraw' })).body).toMatchObject({ withdrawn: 1 });
    await waitFor(() => queueOf(chair.doc).join() === 'new-topic:Ann');
    expect(readPolls(chair.doc)[0].remote).toEqual({ A: 2, B: 0 });
    expect(readFloor(chair.doc).open).toBe(false);
  });

  it(`G-PART-3 ${ATTACK_REQUESTS.toLocaleString('en')} requests from one delegate link: the queue and the counts stay right and the meeting is otherwise unchanged`, async () => {
    const ts = await startTestServer({ participation: UNLIMITED });
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const ann = participant(ts.url, m.id, m.tokens.delegate);
    await ann.queue({ action: 'add', kind: 'new-topic', name: 'Ann' });
    const pollId = openPoll(chair.doc, { question: 'Q?', options: ['A', 'B', 'C'], at: new Date().toISOString() });
    await waitFor(async () => (await ann.answer(pollId, 'B')).status === 200);
    const before = meetingPart(chair.doc);
    const annOwner = readQueue(chair.doc)[0].owner;

    // One attacker browser: re-asks, answers and changes its answer; poses as Ann; sends junk.
    const mallory = participant(ts.url, m.id, m.tokens.delegate);
    const forged = participant(ts.url, m.id, m.tokens.delegate, { id: annOwner });
    const statuses = new Map<number, number>();
    const kinds = ['point-of-order', 'clarify', 'reply', 'new-topic'];
    await pool(ATTACK_REQUESTS, 16, async (i) => {
      let r;
      switch (i % 6) {
        case 0: r = await mallory.queue({ action: 'add', kind: kinds[i % 4], name: `Mallory ${i}` }); break;
        case 1: r = await mallory.answer(pollId, ['A', 'B', 'C'][Math.floor(i / 6) % 3]); break;
        case 2: r = await forged.queue({ action: 'withdraw' }); break;
        case 3: r = await forged.answer(pollId, 'C'); break;
        case 4: r = await mallory.queue({ action: 'add', kind: 'reply', name: 'y'.repeat(100 + (i % 50)) }); break;
        default: r = await mallory.answer(pollId, { $ne: 1 }); break;
      }
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    });
    expect([...statuses.entries()].filter(([s]) => s !== 200 && s !== 400)).toEqual([]);
    // Mallory holds one entry (its first, a point of order: at the front); Ann's stays.
    await waitFor(() => readQueue(chair.doc).length === 2);
    expect(queueOf(chair.doc)).toEqual(['point-of-order:Mallory 0', 'new-topic:Ann']);
    // Three ballots: Ann's, Mallory's last, and one for the forged id (a browser of its own, not Ann).
    const counts = readPolls(chair.doc)[0].remote;
    expect(counts.A + counts.B + counts.C).toBe(3);
    expect(counts.C).toBeGreaterThanOrEqual(1);
    expect(counts.B).toBeGreaterThanOrEqual(1);
    expect(meetingPart(chair.doc)).toEqual(before);
  }, 240_000);

  it('G-PART-4 over its budget one address is answered 429 and cannot fill the queue; other addresses go on', async () => {
    const ts = await startTestServer({
      trustedProxies: ['127.0.0.1'],
      // The entries' budget refills at its default capacity but (almost) never during the test: on a loaded
      // machine the 600 requests can take longer than one refill (5 s), which would let one more in.
      participation: {
        ...DEFAULT_PARTICIPATION_LIMITS,
        perAddress: { capacity: 300, perSecond: 0.001, maxKeys: 100 },
        newEntriesPerAddress: { ...DEFAULT_PARTICIPATION_LIMITS.newEntriesPerAddress, perSecond: 0.0001 },
      },
    });
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const statuses = new Map<number, number>();
    // Each request from a new browser id: posing as many browsers from one address.
    const requests = scale(600, 2_000);
    await pool(requests, 16, async (i) => {
      const r = await participant(ts.url, m.id, m.tokens.delegate, { address: '10.0.0.66' }).queue({ action: 'add', kind: 'reply', name: `Bot ${i}` });
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    });
    expect(statuses.get(200)).toBe(DEFAULT_PARTICIPATION_LIMITS.newEntriesPerAddress.capacity);
    expect(statuses.get(429)).toBe(requests - DEFAULT_PARTICIPATION_LIMITS.newEntriesPerAddress.capacity);
    const limited = await participant(ts.url, m.id, m.tokens.delegate, { address: '10.0.0.66' }).queue({ action: 'add', kind: 'reply', name: 'Late' });
    expect(limited.status).toBe(429);
    const other = await participant(ts.url, m.id, m.tokens.delegate, { address: '10.0.0.7' }).queue({ action: 'add', kind: 'reply', name: 'Dee' });
    expect(other.status).toBe(200);
    await waitFor(() => readQueue(chair.doc).length === DEFAULT_PARTICIPATION_LIMITS.newEntriesPerAddress.capacity + 1);
  });
});
