/**
 * Participation budgets that bound a person, not a connection (issue 23): ballot stuffing and queue floods
 * from one address posing as many browsers, IPv6 addresses counted by their /64, a venue's NAT with a room
 * of phones behind one address, names that pose as officers or as someone waiting, budgets kept in the
 * database (a restart does not refill them), and the record naming the delegate's link. Real server, real
 * SQLite, plain HTTP for the delegates' requests (X-Forwarded-For from a trusted 127.0.0.1 gives each
 * request its address).
 */
import { describe, expect, it } from 'vitest';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { participant, pool } from '../helpers/participationClient.js';
import { scale } from './stressLevel.js';
import { openPoll, readPolls } from '../../shared/participation/showOfHands.js';
import { readQueue } from '../../shared/participation/speakerQueue.js';
import { addressKey, participationLimits } from '../../server/access/participationLimits.js';
import { tokenIdOf } from '../../server/access/tokens.js';

/** Counts of each status. */
function tally(statuses: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

describe('participation budgets per person', () => {
  it('G-PART-5 one address posing as many browsers casts at most its share of ballots in a poll; a browser changes its answer 5 times, then waits; other addresses go on', async () => {
    // Sized for 20 people per address (300 by default): the same rules, fewer requests.
    const limits = { ...participationLimits(20), perAddress: { capacity: 1e6, perSecond: 1e6 } };
    const ts = await startTestServer({ trustedProxies: ['127.0.0.1'], participation: limits });
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const pollId = openPoll(chair.doc, { question: 'Adopt?', options: ['Yes', 'No'], at: new Date().toISOString() });
    const ann = participant(ts.url, m.id, m.tokens.delegate, { address: '10.0.0.7' });
    await waitFor(async () => (await ann.answer(pollId, 'No')).status === 200);

    const tries = scale(400, 5_000);
    const statuses: number[] = [];
    await pool(tries, 16, async () => {
      statuses.push((await participant(ts.url, m.id, m.tokens.delegate, { address: '10.0.0.66' }).answer(pollId, 'Yes')).status);
    });
    expect(tally(statuses)).toEqual({ 200: limits.ballotsPerPollPerAddress, 429: tries - limits.ballotsPerPollPerAddress });
    await waitFor(() => readPolls(chair.doc)[0]?.remote.Yes === limits.ballotsPerPollPerAddress);

    // One browser flipping its answer: 5 changes, then one per 5 minutes; the same answer again costs nothing.
    const flipper = participant(ts.url, m.id, m.tokens.delegate, { address: '10.0.0.8' });
    expect((await flipper.answer(pollId, 'Yes')).status).toBe(200);
    const flips: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await flipper.answer(pollId, i % 2 === 0 ? 'No' : 'Yes');
      flips.push(r.status);
      if (r.status !== 200 && r.status !== 429) throw new Error(JSON.stringify(r));
    }
    // The refused flips leave the answer at 'No': asking 'No' again changes nothing and is answered 200.
    expect(flips).toEqual([200, 200, 200, 200, 200, 429, 200, 429]);
    expect((await flipper.answer(pollId, 'No')).status).toBe(200);

    // Another address is not held up by either.
    expect((await participant(ts.url, m.id, m.tokens.delegate, { address: '10.0.0.9' }).answer(pollId, 'No')).status).toBe(200);
    await waitFor(() => readPolls(chair.doc)[0]?.remote.No === 3);
    chair.destroy();
  }, 120_000);

  it('G-PART-6 IPv6 addresses are counted by their /64: a phone minting addresses in its block shares one budget', async () => {
    expect(addressKey('2001:db8:1:2::1')).toBe(addressKey('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('10.1.2.3')).toBe('10.1.2.3');
    const limits = participationLimits(20);
    const ts = await startTestServer({ trustedProxies: ['127.0.0.1'], participation: limits });
    const m = await createMeeting(ts);
    // What one address may add at once: its new entries' budget, bounded by the entries it may have waiting.
    const capacity = Math.min(limits.newEntriesPerAddress.capacity, limits.waitingPerAddress);
    const statuses: number[] = [];
    for (let i = 0; i < capacity + 5; i++) {
      const address = `2001:db8:1:2:${((i * 7919) % 65536).toString(16)}:${i.toString(16)}::${(i + 1).toString(16)}`;
      statuses.push((await participant(ts.url, m.id, m.tokens.delegate, { address }).queue({ action: 'add', kind: 'reply', name: `Bot ${i}` })).status);
    }
    expect(tally(statuses)).toEqual({ 200: capacity, 429: 5 });
    const neighbour = await participant(ts.url, m.id, m.tokens.delegate, { address: '2001:db8:1:3::1' }).queue({ action: 'add', kind: 'reply', name: 'Dee' });
    expect(neighbour.status).toBe(200);
  }, 60_000);

  it('G-PART-7 a room of 300 phones behind one NAT all answer and join, while one script holding one browser id is held to 20 requests, then one a second', async () => {
    const ts = await startTestServer({ trustedProxies: ['127.0.0.1'] });
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const pollId = openPoll(chair.doc, { question: 'Adopt?', options: ['Yes', 'No'], at: new Date().toISOString() });
    await waitFor(async () => (await participant(ts.url, m.id, m.tokens.delegate, { address: '10.9.9.9' }).answer(pollId, 'No')).status === 200);
    const people = scale(150, 300);
    const phones = Array.from({ length: people }, () => participant(ts.url, m.id, m.tokens.delegate, { address: '192.0.2.1' }));
    const answers: number[] = [];
    await pool(people, 16, async (i) => {
      answers.push((await phones[i].answer(pollId, 'Yes')).status);
    });
    expect(tally(answers)).toEqual({ 200: people });
    // Thirty of them ask for the floor (the queue's budget per address at once).
    const asks: number[] = [];
    await pool(30, 8, async (i) => {
      asks.push((await phones[i].queue({ action: 'add', kind: 'reply', name: `Delegate ${i}` })).status);
    });
    expect(tally(asks)).toEqual({ 200: 30 });
    // A script with one browser id from another address: 20 requests, then 429 (a person's rate).
    const script = participant(ts.url, m.id, m.tokens.delegate, { address: '198.51.100.5' });
    const flood: number[] = [];
    for (let i = 0; i < 40; i++) flood.push((await script.queue({ action: 'withdraw' })).status);
    expect(flood.filter((s) => s === 200).length).toBeGreaterThanOrEqual(20);
    expect(flood.filter((s) => s === 200).length).toBeLessThan(30);
    expect(flood.at(-1)).toBe(429);
    await waitFor(() => readPolls(chair.doc)[0]?.remote.Yes === people && readQueue(chair.doc).length === 30);
    chair.destroy();
  }, 120_000);

  it('G-PART-8 names from the shared link are cleaned of control and bidi characters; officers\' titles and the name of someone waiting are refused', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const ann = participant(ts.url, m.id, m.tokens.delegate);
    expect((await ann.queue({ action: 'add', kind: 'reply', name: 'Ann\u202E eeL\u202C\u0007 \u2066Lee\u2069', company: 'Acme\u200F\u0000 Corp' })).status).toBe(200);
    await waitFor(() => readQueue(chair.doc).length === 1);
    expect(readQueue(chair.doc)[0]).toMatchObject({ name: 'Ann eeL Lee', company: 'Acme Corp' });
    for (const name of ['Chair', 'the CHAIR', 'C h a i r', 'c.h.a.i.r', 'Сhair', 'Secretary', 'SECRET-ARY', 'ch\u200Bair']) {
      const r = await participant(ts.url, m.id, m.tokens.delegate).queue({ action: 'add', kind: 'point-of-order', name });
      expect([name, r.status]).toEqual([name, 400]);
    }
    for (const name of ['ann eel lee', 'ANN  EEL-LEE', 'Аnn Eel Lee']) {
      const r = await participant(ts.url, m.id, m.tokens.delegate).queue({ action: 'add', kind: 'reply', name });
      expect([name, r.status]).toEqual([name, 409]);
    }
    expect(readQueue(chair.doc).length).toBe(1);
    chair.destroy();
  });

  it('G-PART-9 the budgets are kept in the database: a restart does not give an address its budget back', async () => {
    const limits = { ...participationLimits(20), waitingPerAddress: 100 };
    const ts = await startTestServer({ trustedProxies: ['127.0.0.1'], participation: limits });
    const m = await createMeeting(ts);
    const bots = Array.from({ length: limits.newEntriesPerAddress.capacity }, () => participant(ts.url, m.id, m.tokens.delegate, { address: '10.0.0.66' }));
    for (const [i, bot] of bots.entries()) {
      const r = await bot.queue({ action: 'add', kind: 'reply', name: `Bot ${i}` });
      expect([i, r.status]).toEqual([i, 200]);
    }
    expect((await participant(ts.url, m.id, m.tokens.delegate, { address: '10.0.0.66' }).queue({ action: 'add', kind: 'reply', name: 'More' })).status).toBe(429);
    // Withdrawn, they no longer wait: what refuses the next one is the spent budget of new entries.
    for (const bot of bots) expect((await bot.queue({ action: 'withdraw' })).body).toMatchObject({ withdrawn: 1 });
    await ts.stop();
    const ts2 = await ts.restart();
    expect((await participant(ts2.url, m.id, m.tokens.delegate, { address: '10.0.0.66' }).queue({ action: 'add', kind: 'reply', name: 'After' })).status).toBe(429);
    expect((await participant(ts2.url, m.id, m.tokens.delegate, { address: '10.0.0.67' }).queue({ action: 'add', kind: 'reply', name: 'Other' })).status).toBe(200);
  }, 60_000);

  it('G-REC-5 a delegate\'s queue and ballot writes are recorded with the delegate role and its link\'s token id', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const pollId = openPoll(chair.doc, { question: 'Adopt?', options: ['Yes', 'No'], at: new Date().toISOString() });
    const ann = participant(ts.url, m.id, m.tokens.delegate);
    await waitFor(async () => (await ann.answer(pollId, 'Yes')).status === 200);
    expect((await ann.queue({ action: 'add', kind: 'reply', name: 'Ann Lee' })).status).toBe(200);
    expect((await ann.queue({ action: 'withdraw' })).status).toBe(200);
    type Entry = { role: string; tokenId: string; name: string };
    let entries: Entry[] = [];
    await waitFor(async () => {
      const res = await fetch(`${ts.url}/api/meetings/${m.id}/history`, { headers: { authorization: `Bearer ${m.tokens.chair}` } });
      entries = ((await res.json()) as { entries: Entry[] }).entries;
      return entries.filter((e) => e.role === 'delegate').length === 3;
    });
    const delegates = entries.filter((e) => e.role === 'delegate');
    for (const e of delegates) expect(e.tokenId).toBe(tokenIdOf(m.tokens.delegate));
    expect(delegates.map((e) => e.name)).toContain('Ann Lee');
    expect(entries.filter((e) => e.role === 'server')).toEqual([]);
    expect(JSON.stringify(entries)).not.toContain(m.tokens.delegate);
    chair.destroy();
  });
});
