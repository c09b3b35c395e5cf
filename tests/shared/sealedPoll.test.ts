/**
 * Shows of hands whose counts are shown at close (issue 25): sealed ballots in the document while the
 * poll is open (unit, with the server's real seal), opened at the close; then a real server where the
 * delegates, the screen and an export see no count until the chair closes the poll or its time is up.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ballotSeal } from '../../server/access/ballotSeal.js';
import {
  castBallot,
  closePoll,
  countsHidden,
  nextSealedClose,
  openPoll,
  openSealedBallots,
  readPolls,
  readVoters,
  sealedDue,
  setRoomCounts,
  totalCounts,
} from '../../shared/participation/showOfHands.js';
import { readMeeting, createMeetingDoc } from '../../shared/document/meetingDoc.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { createMeeting, sampleMeeting, startTestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { participant } from '../helpers/participationClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { importPeople, tokenOf } from '../helpers/peopleClient.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const seal = ballotSeal(new Uint8Array(32).fill(7));
const sealerFor = (poll: string, tag: string) => ({ seal: (i: number) => seal.seal(poll, tag, i), open: (s: string) => seal.open(poll, tag, s) });

describe('sealed ballots', () => {
  it('are the same length whatever the option, and open only under their own poll and tag', () => {
    const a = seal.seal('p1', 't1', 0);
    const b = seal.seal('p1', 't1', 2);
    expect(a).toHaveLength(39);
    expect(b).toHaveLength(39);
    expect(seal.seal('p1', 't1', 0)).not.toBe(a);
    expect(seal.open('p1', 't1', a)).toBe(0);
    expect(seal.open('p1', 't1', b)).toBe(2);
    expect(seal.open('p1', 't2', a)).toBeNull();
    expect(seal.open('p2', 't1', a)).toBeNull();
    expect(ballotSeal(new Uint8Array(32).fill(8)).open('p1', 't1', a)).toBeNull();
    expect(seal.open('p1', 't1', 'not sealed')).toBeNull();
  });

  it('a poll shown at close counts nothing while open, then every ballot at the close; the room count waits too', () => {
    const doc = new Y.Doc();
    const id = openPoll(doc, { question: 'Adopt A?', options: ['Yes', 'No', 'Abstain'], at: iso(T0), durationSeconds: 60, showCounts: 'at-close' });
    const now = T0 + 1000;
    expect(castBallot(doc, id, 't1', 'Yes', now, undefined, sealerFor(id, 't1'))).toBe(true);
    expect(castBallot(doc, id, 't2', 'No', now, undefined, sealerFor(id, 't2'))).toBe(true);
    expect(castBallot(doc, id, 't2', 'No', now, undefined, sealerFor(id, 't2'))).toBe(false);
    expect(castBallot(doc, id, 't2', 'Yes', now, undefined, sealerFor(id, 't2'))).toBe(true);
    expect(castBallot(doc, id, 't3', 'Abstain', now, undefined, sealerFor(id, 't3'))).toBe(true);
    expect(() => castBallot(doc, id, 't4', 'Yes', now)).toThrow(/takes no answers/);
    let [p] = readPolls(doc);
    expect(p).toMatchObject({ showCounts: 'at-close', sealedCount: 3, remote: { Yes: 0, No: 0, Abstain: 0 } });
    expect(countsHidden(p, now)).toBe(true);
    // Nothing in the document tells the options apart.
    expect(JSON.stringify(doc.toJSON())).not.toMatch(/"(Yes|No|Abstain)"(?!,|\])/);
    expect(sealedDue(doc, now)).toEqual([]);
    expect(nextSealedClose(doc, now)).toBe(T0 + 60_000);
    // Its time is up: due; opened, the counts are there and the sealed copies gone.
    expect(sealedDue(doc, T0 + 60_000)).toEqual([id]);
    expect(openSealedBallots(doc, id, (tag, s) => seal.open(id, tag, s), T0 + 60_000)).toEqual({ opened: 3, dropped: 0 });
    [p] = readPolls(doc);
    expect(p.remote).toEqual({ Yes: 2, No: 0, Abstain: 1 });
    expect(p.sealedCount).toBe(0);
    expect(countsHidden(p, T0 + 60_000)).toBe(false);
    setRoomCounts(doc, id, { Yes: 10, No: 4, Abstain: 0 });
    expect(totalCounts(readPolls(doc)[0])).toEqual({ Yes: 12, No: 4, Abstain: 1 });
  });

  it('never opens an open poll; a ballot that does not open is dropped, not guessed', () => {
    const doc = new Y.Doc();
    const id = openPoll(doc, { question: 'Q?', options: ['A', 'B'], at: iso(T0), showCounts: 'at-close' });
    castBallot(doc, id, 't1', 'B', T0, undefined, sealerFor(id, 't1'));
    expect(openSealedBallots(doc, id, (tag, s) => seal.open(id, tag, s), T0 + 5000)).toEqual({ opened: 0, dropped: 0 });
    closePoll(doc, id, iso(T0 + 6000));
    expect(openSealedBallots(doc, id, () => null, T0 + 7000)).toEqual({ opened: 0, dropped: 1 });
    expect(readPolls(doc)[0]).toMatchObject({ sealedCount: 0, remote: { A: 0, B: 0 } });
  });

  it('keeps showCounts through meeting JSON, never the sealed ballots; a live poll is as before', () => {
    const doc = new Y.Doc();
    const hidden = openPoll(doc, { question: 'Hidden?', options: ['Yes', 'No'], at: iso(T0), showCounts: 'at-close' });
    castBallot(doc, hidden, 't1', 'Yes', T0, undefined, sealerFor(hidden, 't1'));
    openPoll(doc, { question: 'Live?', options: ['Yes', 'No'], at: iso(T0 + 1) });
    const json = readMeeting(doc);
    expect(json.polls!.map((p) => [p.question, p.showCounts, p.remote.Yes])).toEqual([
      ['Hidden?', 'at-close', 0],
      ['Live?', undefined, 0],
    ]);
    expect(JSON.stringify(json)).not.toContain('sealed');
    expect(parseMeeting(json).ok).toBe(true);
    const back = readMeeting(createMeetingDoc(json));
    expect(back.polls).toEqual(json.polls);
    expect(parseMeeting({ ...json, polls: [{ ...json.polls![0], showCounts: 'never' }] } as unknown as MeetingJson).ok).toBe(false);
  });
});

describe('a show of hands with counts at close, on a real server', () => {
  it('G-VOTE-1: delegates, the screen and exports get no count while the poll is open; the server opens the ballots when the chair closes it', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(1));
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const phone = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    const screen = connectClient(ts.syncUrl, m.id, m.tokens.screen);
    await Promise.all([chair, phone, screen].map((c) => c.synced()));
    const id = openPoll(chair.doc, { question: 'Adopt the reply LS?', options: ['Yes', 'No'], at: new Date().toISOString(), showCounts: 'at-close' });
    await waitFor(() => readPolls(phone.doc).length === 1, { what: 'the poll on the phone' });
    const votes = ['Yes', 'Yes', 'No'];
    for (const v of votes) expect((await participant(ts.url, m.id, m.tokens.delegate).answer(id, v)).status).toBe(200);
    await waitFor(() => readPolls(screen.doc)[0]?.sealedCount === 3, { what: 'three sealed ballots' });
    for (const doc of [phone.doc, screen.doc, chair.doc]) expect(readPolls(doc)[0].remote).toEqual({ Yes: 0, No: 0 });
    // What a delegate can read, by any route, holds no count.
    const exported = (await (await fetch(`${ts.url}/api/meetings/${m.id}/export.json?token=${m.tokens.delegate}`)).json()) as MeetingJson;
    expect(exported.polls![0]).toMatchObject({ showCounts: 'at-close', remote: { Yes: 0, No: 0 } });
    const state = JSON.stringify(phone.doc.toJSON());
    // The options' names appear only in the poll's list of options, never as a ballot.
    expect(state).not.toMatch(/"(Yes|No)"(?![,\]])/);
    const history = (await (await fetch(`${ts.url}/api/meetings/${m.id}/history`, { headers: { authorization: `Bearer ${m.tokens.chair}` } })).json()) as { entries: { description: string }[] };
    const ballots = history.entries.filter((e) => /ballot/.test(e.description));
    expect(ballots.length).toBe(3);
    for (const e of ballots) expect(e.description).toBe('1 ballot in “Adopt the reply LS?” (counted at close)');

    closePoll(chair.doc, id, new Date().toISOString());
    await waitFor(() => readPolls(phone.doc)[0]?.remote.Yes === 2, { what: 'the counts on the phone after the close' });
    for (const doc of [phone.doc, screen.doc, chair.doc]) await waitFor(() => JSON.stringify(readPolls(doc)[0].remote) === JSON.stringify({ Yes: 2, No: 1 }) && readPolls(doc)[0].sealedCount === 0);
    const after = (await (await fetch(`${ts.url}/api/meetings/${m.id}/history`, { headers: { authorization: `Bearer ${m.tokens.chair}` } })).json()) as { entries: { description: string; role: string }[] };
    expect(after.entries.some((e) => e.description === 'Show of hands “Adopt the reply LS?”: the counts shown (3 ballots)' && e.role === 'server')).toBe(true);
    // A late answer is refused: the poll is closed.
    expect((await participant(ts.url, m.id, m.tokens.delegate).answer(id, 'No')).status).toBe(409);
  });

  it('G-VOTE-2: a poll shown at close that ends by its time is opened by the server at that time, with nobody touching it', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(1));
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const phone = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), phone.synced()]);
    const id = openPoll(chair.doc, { question: 'Timed?', options: ['A', 'B'], at: new Date().toISOString(), durationSeconds: 4, showCounts: 'at-close' });
    await waitFor(() => readPolls(phone.doc).length === 1);
    const answers = await Promise.all(['A', 'B', 'B'].map((o) => participant(ts.url, m.id, m.tokens.delegate).answer(id, o)));
    const taken = answers.filter((r) => r.status === 200).length;
    expect(taken).toBeGreaterThan(0);
    const closesAt = Date.parse(readPolls(phone.doc)[0].closesAt);
    await waitFor(() => readPolls(phone.doc)[0].sealedCount === 0 && Date.now() >= closesAt, { what: 'the server to open the ballots at the close', timeoutMs: 30_000 });
    const p = readPolls(phone.doc)[0];
    expect(p.remote.A + p.remote.B).toBe(taken);
    expect(p.closedAt).toBe('');
  });

  it('G-VOTE-4: registered people answer a poll shown at close from their own links, one voice each (or one per company): sealed until the close, then counted with their names', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(1));
    const { people } = await importPeople(
      ts,
      m.id,
      m.tokens.secretary,
      JSON.stringify([
        { name: 'A One', organisation: 'Ericsson', email: 'a@e.example' },
        { name: 'A Two', organisation: 'Ericsson', email: 'b@e.example' },
        { name: 'N One', organisation: 'Nokia', email: 'n@n.example' },
      ]),
      'application/json',
    );
    const [a1, a2, n1] = people.sort((x, y) => x.email.localeCompare(y.email)).map((p) => tokenOf(p.link));
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const phone = connectClient(ts.syncUrl, m.id, a1);
    await Promise.all([chair.synced(), phone.synced()]);
    const each = openPoll(chair.doc, { question: 'Each?', options: ['Yes', 'No'], at: new Date().toISOString(), showCounts: 'at-close' });
    const perOrg = openPoll(chair.doc, { question: 'Per company?', options: ['Yes', 'No'], at: new Date().toISOString(), showCounts: 'at-close', perOrganisation: true });
    await waitFor(() => readPolls(phone.doc).length === 2, { what: 'both polls on the phone' });
    // Two browsers of one person's link are one voice; the answer may change while the poll is open.
    expect((await participant(ts.url, m.id, a1).answer(each, 'Yes')).status).toBe(200);
    expect((await participant(ts.url, m.id, a1).answer(each, 'No')).status).toBe(200);
    expect((await participant(ts.url, m.id, a2).answer(each, 'Yes')).status).toBe(200);
    expect((await participant(ts.url, m.id, n1).answer(each, 'Yes')).status).toBe(200);
    // One per company: Ericsson's latest answer counts, once.
    expect((await participant(ts.url, m.id, a1).answer(perOrg, 'Yes')).status).toBe(200);
    expect((await participant(ts.url, m.id, n1).answer(perOrg, 'No')).status).toBe(200);
    expect((await participant(ts.url, m.id, a2).answer(perOrg, 'No')).status).toBe(200);
    const byId = (doc: Y.Doc, id: string) => readPolls(doc).find((p) => p.id === id)!;
    await waitFor(() => byId(phone.doc, each)?.sealedCount === 3 && byId(phone.doc, perOrg)?.sealedCount === 2, { what: 'the sealed ballots on the phone' });
    for (const doc of [phone.doc, chair.doc]) {
      expect(byId(doc, each).remote).toEqual({ Yes: 0, No: 0 });
      expect(byId(doc, perOrg).remote).toEqual({ Yes: 0, No: 0 });
      // Nobody's answer is readable before the close, not even the chair's list of who answered what.
      expect(readVoters(doc, each)).toEqual([]);
      expect(readVoters(doc, perOrg)).toEqual([]);
    }
    expect(JSON.stringify(phone.doc.toJSON())).not.toMatch(/"(Yes|No)"(?![,\]])/);
    closePoll(chair.doc, each, new Date().toISOString());
    closePoll(chair.doc, perOrg, new Date().toISOString());
    await waitFor(() => byId(phone.doc, each).sealedCount === 0 && byId(phone.doc, perOrg).sealedCount === 0, { what: 'the ballots opened at the close' });
    expect(byId(phone.doc, each).remote).toEqual({ Yes: 2, No: 1 });
    expect(byId(phone.doc, perOrg).remote).toEqual({ Yes: 0, No: 2 });
    await waitFor(() => readVoters(chair.doc, perOrg).length === 2);
    expect(readVoters(chair.doc, each).map((v) => [v.name, v.option]).sort()).toEqual([
      ['A One', 'No'],
      ['A Two', 'Yes'],
      ['N One', 'Yes'],
    ]);
    expect(readVoters(chair.doc, perOrg).map((v) => [v.name, v.organisation, v.option]).sort()).toEqual([
      ['A Two', 'Ericsson', 'No'],
      ['N One', 'Nokia', 'No'],
    ]);
  });
});
