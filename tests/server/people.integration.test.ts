/**
 * Issue 24 against a real server: registration lists in, a link per person, one voice each, a person's
 * link replaced alone, presence with registered names, the record naming the person.
 */
import { describe, expect, it } from 'vitest';
import { createMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { participant } from '../helpers/participationClient.js';
import { call, importPeople, registrationCsv, tokenOf } from '../helpers/peopleClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { openPoll, readPollById, readVoters } from '../../shared/participation/showOfHands.js';
import { readQueue } from '../../shared/participation/speakerQueue.js';
import { readRegistration } from '../../shared/participation/registration.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';

async function meetingWithPeople(ts: TestServer, count = 5) {
  const m = await createMeeting(ts);
  const r = await importPeople(ts, m.id, m.tokens.secretary, registrationCsv(count, { orgs: 3 }));
  return { m, people: r.people, imported: r };
}

describe('registered people (issue 24)', () => {
  it('G-PEOPLE-1 a registration list in any column order (CSV ; and windows-1252, .xlsx, JSON) is merged by e-mail, else name and organisation, again and again; duplicates are reported', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    // windows-1252 bytes, semicolons, columns in another order, first and last name.
    const text = 'E-mail address;Last name;First name;Member company;On-site\r\nanna@ex.com;Müller;Anna;Ex AG;Yes\r\n;Łoś;Bob;Nokia;No\r\nANNA@ex.com;Muller;Ann;Ex AG;Yes\r\n';
    const bytes = Uint8Array.from([...text].map((ch) => (ch === 'ü' ? 0xfc : ch === 'Ł' ? 0x4c : ch === 'ś' ? 0x73 : ch.charCodeAt(0))));
    const first = await importPeople(ts, m.id, m.tokens.secretary, bytes);
    expect(first.added).toBe(2);
    expect(first.duplicates).toEqual([expect.objectContaining({ at: 4, sameAs: 2, by: 'email' })]);
    const anna = first.people.find((p) => p.email === 'anna@ex.com')!;
    expect(anna).toMatchObject({ name: 'Anna Müller', organisation: 'Ex AG', where: 'room' });
    expect(anna.link).toMatch(new RegExp(`/m/${m.id}/delegate-follow\\?token=`));
    // JSON again: Anna by e-mail (renamed), Bob by name and organisation (gets an address), one new.
    const again = await importPeople(
      ts,
      m.id,
      m.tokens.chair,
      JSON.stringify([
        { name: 'Anna Mueller', organisation: 'Ex AG', email: 'Anna@Ex.com' },
        { name: 'Bob Los', organisation: 'Nokia', email: 'bob@nokia.example' },
        { name: 'Cy Park', organisation: 'Huawei', email: 'cy@huawei.example' },
      ]),
      'application/json',
    );
    expect([again.added, again.updated, again.unchanged]).toEqual([1, 2, 0]);
    expect(again.people.find((p) => p.id === anna.id)).toMatchObject({ name: 'Anna Mueller', link: anna.link });
    expect(again.people.find((p) => p.name === 'Bob Los')).toMatchObject({ email: 'bob@nokia.example', where: 'remote' });
    const third = await importPeople(ts, m.id, m.tokens.secretary, JSON.stringify([{ name: 'Cy Park', organisation: 'Huawei', email: 'cy@huawei.example' }]), 'application/json');
    expect([third.added, third.updated, third.unchanged, third.missing]).toEqual([0, 0, 1, 2]);
  });

  it('G-PEOPLE-2 a list without a recognisable name column is refused with what was found, and changes nothing', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const r = await call(ts, m.id, '/people', m.tokens.secretary, { body: 'Login,Affiliation\nx1,Ericsson\n', type: 'text/csv' });
    expect(r.status).toBe(422);
    expect(r.json.error).toMatch(/no column of names found.*"Login", "Affiliation"/);
    expect((await call(ts, m.id, '/people', m.tokens.secretary)).json).toEqual([]);
    // Delegates and screens cannot read the people or their addresses.
    for (const t of [m.tokens.delegate, m.tokens.screen]) expect((await call(ts, m.id, '/people', t)).status).toBe(403);
    const junk = await call(ts, m.id, '/people', m.tokens.secretary, { body: '{"nope":', type: 'application/json' });
    expect(junk.status).toBe(422);
  });

  it("G-PEOPLE-3 a person's link follows the meeting; presence shows the registered name whatever the page says; no e-mail is in the document", async () => {
    const ts = await startTestServer();
    const { m, people } = await meetingWithPeople(ts, 3);
    const p = people[0];
    const phone = connectClient(ts.syncUrl, m.id, tokenOf(p.link));
    const board = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await Promise.all([phone.synced(), board.synced()]);
    phone.provider.awareness.setLocalStateField('user', { name: 'Someone Else', company: 'Forged Inc', role: 'chair', registered: true });
    const seen = await waitFor(() => [...board.provider.awareness.getStates().values()].find((s) => (s as { user?: { name?: string } }).user?.name === p.name), { what: 'the registered name in presence' });
    expect((seen as { user: Record<string, unknown> }).user).toMatchObject({ name: p.name, company: p.organisation, role: 'delegate', registered: true });
    expect(readRegistration(board.doc)).toEqual({ people: 3, organisations: 3 });
    const state = JSON.stringify(board.doc.toJSON());
    for (const q of people) expect(state).not.toContain(q.email);
    // The shared link's claim of being registered is not believed.
    const shared = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await shared.synced();
    shared.provider.awareness.setLocalStateField('user', { name: 'Mallory', registered: true });
    const mallory = await waitFor(() => [...board.provider.awareness.getStates().values()].find((s) => (s as { user?: { name?: string } }).user?.name === 'Mallory'));
    expect((mallory as { user: Record<string, unknown> }).user.registered).toBeUndefined();
  });

  it("G-PEOPLE-4 replacing one person's link closes only that person's sockets with 4401 \"this link was replaced\"; the new link works, the old one is refused", async () => {
    const ts = await startTestServer();
    const { m, people } = await meetingWithPeople(ts, 3);
    const [a, b] = people;
    const aPhone = connectClient(ts.syncUrl, m.id, tokenOf(a.link));
    const bPhone = connectClient(ts.syncUrl, m.id, tokenOf(b.link));
    const shared = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([aPhone.synced(), bPhone.synced(), shared.synced()]);
    expect((await call(ts, m.id, `/people/${a.id}/rotate`, m.tokens.chair, { method: 'POST' })).status).toBe(403);
    const r = await call(ts, m.id, `/people/${a.id}/rotate`, m.tokens.secretary, { method: 'POST' });
    expect(r.status).toBe(200);
    expect(r.json.link).not.toBe(a.link);
    expect(await aPhone.nextClose()).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.Replaced });
    const old = await call(ts, m.id, '/people/me', tokenOf(a.link));
    expect(old).toMatchObject({ status: 401, json: { error: 'this link was replaced; ask the secretary' } });
    expect((await call(ts, m.id, '/people/me', tokenOf(r.json.link as string))).json).toMatchObject({ id: a.id, name: a.name });
    expect(bPhone.closes).toEqual([]);
    expect(shared.closes).toEqual([]);
    const again = connectClient(ts.syncUrl, m.id, tokenOf(a.link));
    expect(await again.nextClose()).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.Replaced });
  });

  it("G-PEOPLE-5 one voice each: a person's queue entry and ballot carry the registered name and organisation; 50 browser ids count once; the shared link only follows until the chair allows anonymous participation", async () => {
    const ts = await startTestServer();
    const { m, people } = await meetingWithPeople(ts, 3);
    const board = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await board.synced();
    let pollId = '';
    board.doc.transact(() => (pollId = openPoll(board.doc, { question: 'Agree?', options: ['Yes', 'No'], at: new Date().toISOString() })));
    const p = people[0];
    const stuffers = Array.from({ length: 50 }, () => participant(ts.url, m.id, tokenOf(p.link)));
    // Answered 200 (the one entry and ballot) or 429 (the person's budget, whatever browser id it sends).
    const statuses = new Set<number>();
    for (const s of stuffers) {
      statuses.add((await s.queue({ action: 'add', kind: 'new-topic', name: 'Fake Name', company: 'Fake Co' })).status);
      statuses.add((await s.answer(pollId, stuffers.indexOf(s) % 2 ? 'No' : 'Yes')).status);
    }
    expect([...statuses].sort()).toEqual([200, 429]);
    await waitFor(() => readQueue(board.doc).length === 1 && readPollById(board.doc, pollId)!.remote.Yes + readPollById(board.doc, pollId)!.remote.No === 1);
    expect(readQueue(board.doc)[0]).toMatchObject({ name: p.name, company: p.organisation });
    expect(readVoters(board.doc, pollId)).toEqual([expect.objectContaining({ name: p.name, organisation: p.organisation })]);
    // The shared link follows but neither queues nor votes.
    const shared = participant(ts.url, m.id, m.tokens.delegate);
    const refused = await shared.queue({ action: 'add', kind: 'new-topic', name: 'Anon', company: '' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/own links/);
    expect((await shared.answer(pollId, 'Yes')).status).toBe(403);
    board.doc.transact(() => setMeta(board.doc, { anonymousParticipation: true }));
    await waitFor(async () => (await shared.answer(pollId, 'Yes')).status === 200);
    expect((await shared.queue({ action: 'add', kind: 'reply', name: 'Anon', company: 'X' })).status).toBe(200);
    // The record names the person for their writes.
    const h = await call(ts, m.id, `/history?by=${encodeURIComponent(p.name)}`, m.tokens.secretary);
    expect((h.json.entries as unknown as { role: string; name: string; nameIsClaimed: boolean }[])[0]).toMatchObject({ role: 'person', name: p.name, nameIsClaimed: false });
  });

  it('G-PEOPLE-6 "one per company": the latest answer of an organisation\'s people counts, once; a browser of the shared link cannot answer such a poll', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const { people } = await importPeople(
      ts,
      m.id,
      m.tokens.secretary,
      JSON.stringify([
        { name: 'A One', organisation: 'Ericsson', email: 'a@e.example' },
        { name: 'A Two', organisation: 'ericsson ', email: 'b@e.example' },
        { name: 'N One', organisation: 'Nokia', email: 'n@n.example' },
      ]),
      'application/json',
    );
    const board = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await board.synced();
    board.doc.transact(() => setMeta(board.doc, { anonymousParticipation: true }));
    let pollId = '';
    board.doc.transact(() => (pollId = openPoll(board.doc, { question: 'Support?', options: ['Yes', 'No'], at: new Date().toISOString(), perOrganisation: true })));
    const [a1, a2, n1] = people.sort((x, y) => x.email.localeCompare(y.email)).map((p) => participant(ts.url, m.id, tokenOf(p.link)));
    expect((await a1.answer(pollId, 'Yes')).status).toBe(200);
    expect((await n1.answer(pollId, 'Yes')).status).toBe(200);
    expect((await a2.answer(pollId, 'No')).status).toBe(200);
    await waitFor(() => readPollById(board.doc, pollId)!.remote.No === 1);
    expect(readPollById(board.doc, pollId)!.remote).toEqual({ Yes: 1, No: 1 });
    expect(readVoters(board.doc, pollId).map((v) => [v.name, v.option])).toEqual([
      ['N One', 'Yes'],
      ['A Two', 'No'],
    ]);
    expect((await participant(ts.url, m.id, m.tokens.delegate).answer(pollId, 'Yes')).status).toBe(409);
  });
});
