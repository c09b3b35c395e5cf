/**
 * Issues 24 and 26 together against a real server (SQLite, port 0, real HTTP): a registered person's own
 * link states their registered organisation's position under their registered name whatever the request
 * claims; the shared link and a replaced link are refused; the chair records on an organisation's behalf;
 * the reflector's mail is filed with the sender's organisation taken from the registered people;
 * `GET /identity` (what the follow view's useIdentity reads) names the person.
 */
import { describe, expect, it } from 'vitest';
import { createMeeting, sampleMeeting, startTestServer, type CreatedTestMeeting, type TestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { call, importPeople, tokenOf, type PersonAnswer } from '../helpers/peopleClient.js';
import { mboxMessage } from '../helpers/mboxMessage.js';
import { readPositions } from '../../shared/positions/positionLedger.js';

/** Four organisations; Nokia and Huawei share a consultancy's domain; one Qualcomm delegate writes from gmail.com. */
const REGISTRATIONS = [
  { name: 'Anna Berg', organisation: 'Ericsson', email: 'anna.berg@ericsson.com' },
  { name: 'Olof Lind', organisation: 'Ericsson', email: 'olof.lind@ericsson.com' },
  { name: 'Nina Korhonen', organisation: 'Nokia', email: 'nina.korhonen@nokia.com' },
  { name: 'Pekka Virta', organisation: 'Nokia', email: 'pekka@standards-consult.example' },
  { name: 'Li Wei', organisation: 'Huawei', email: 'li.wei@huawei.com' },
  { name: 'Zhang Min', organisation: 'Huawei', email: 'zhang@standards-consult.example' },
  { name: 'Quinn Adams', organisation: 'Qualcomm', email: 'quinn.adams@gmail.com' },
];

async function meetingWithFourOrganisations(ts: TestServer): Promise<{ m: CreatedTestMeeting; person: (name: string) => PersonAnswer }> {
  const m = await createMeeting(ts, sampleMeeting(3));
  const r = await importPeople(ts, m.id, m.tokens.secretary, JSON.stringify(REGISTRATIONS), 'application/json');
  expect(r.added).toBe(REGISTRATIONS.length);
  const person = (name: string) => r.people.find((p) => p.name === name)!;
  return { m, person };
}

const json = 'application/json';
const position = (ts: TestServer, m: CreatedTestMeeting, token: string, body: unknown) => call(ts, m.id, '/positions', token, { body: JSON.stringify(body), type: json });

describe('positions from registered people (issues 24 and 26)', () => {
  it("G-POS-9: a person's own link states their registered organisation's position under their registered name whatever the request claims; /identity names them; the shared link and a replaced link are refused; the chair records on an organisation's behalf", async () => {
    const ts = await startTestServer();
    const { m, person } = await meetingWithFourOrganisations(ts);
    const anna = person('Anna Berg');
    const olof = person('Olof Lind');
    const follower = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await follower.synced();

    // What the follow view's useIdentity reads: the person, with their registered organisation.
    const me = await call(ts, m.id, '/identity', tokenOf(anna.link));
    expect(me).toMatchObject({ status: 200, json: { role: 'delegate', personId: anna.id, name: 'Anna Berg', organisation: 'Ericsson' } });
    expect((await call(ts, m.id, '/identity', m.tokens.delegate)).json).toEqual({ role: 'delegate' });

    // The body claims another organisation and another name: the registered ones are recorded.
    const forged = await position(ts, m, tokenOf(anna.link), { tdoc: 'SEC-2026-0001', stance: 'object', comment: 'needs study', organisation: 'Nokia', name: 'Nina Korhonen', by: 'Nina Korhonen' });
    expect(forged.status).toBe(200);
    await position(ts, m, tokenOf(person('Nina Korhonen').link), { tdoc: 'SEC-2026-0001', stance: 'support' });
    await position(ts, m, tokenOf(person('Li Wei').link), { tdoc: 'sec-2026-0001', stance: 'concern', comment: 'wording of 5.2' });
    let listed = (await call(ts, m.id, '/positions?tdoc=SEC-2026-0001', m.tokens.delegate)).json as unknown as { organisation: string; stance: string; by: string; comment: string }[];
    expect(listed.map((p) => [p.organisation, p.stance, p.by, p.comment]).sort()).toEqual([
      ['Ericsson', 'object', 'Anna Berg', 'needs study'],
      ['Huawei', 'concern', 'Li Wei', 'wording of 5.2'],
      ['Nokia', 'support', 'Nina Korhonen', ''],
    ]);

    // A colleague's later position is the organisation's one position (the latest counts).
    expect((await position(ts, m, tokenOf(olof.link), { tdoc: 'SEC-2026-0001', stance: 'support', organisation: 'Huawei' })).status).toBe(200);
    listed = (await call(ts, m.id, '/positions?tdoc=SEC-2026-0001', m.tokens.delegate)).json as unknown as typeof listed;
    expect(listed.filter((p) => p.organisation === 'Ericsson')).toEqual([expect.objectContaining({ stance: 'support', by: 'Olof Lind' })]);
    expect(listed.find((p) => p.organisation === 'Huawei')).toMatchObject({ stance: 'concern', by: 'Li Wei' });

    // The shared delegate link names nobody: refused, whatever organisation it claims.
    const shared = await position(ts, m, m.tokens.delegate, { tdoc: 'SEC-2026-0001', stance: 'object', organisation: 'Qualcomm' });
    expect(shared.status).toBe(403);
    expect(shared.json.error).toMatch(/shared delegate link cannot state positions/);

    // The chair records Qualcomm's position on its behalf (the room heard it).
    expect((await position(ts, m, m.tokens.chair, { tdoc: 'SEC-2026-0001', stance: 'concern', organisation: 'Qualcomm' })).status).toBe(200);
    expect((await position(ts, m, m.tokens.secretary, { tdoc: 'SEC-2026-0001', stance: 'support' })).status).toBe(400);

    // Every follower has the four organisations' positions, each marked as the person's own or on behalf.
    await waitFor(() => readPositions(follower.doc).length === 4, { what: 'four positions at the follower' });
    const doc = readPositions(follower.doc).map((p) => [p.organisation, p.stance, p.by, p.onBehalf]);
    expect(doc).toEqual(
      expect.arrayContaining([
        ['Ericsson', 'support', 'Olof Lind', false],
        ['Nokia', 'support', 'Nina Korhonen', false],
        ['Huawei', 'concern', 'Li Wei', false],
        ['Qualcomm', 'concern', 'Chair', true],
      ]),
    );
    // The record names the person for their write, not a claimed name.
    const history = await call(ts, m.id, `/history?by=${encodeURIComponent('Anna Berg')}`, m.tokens.secretary);
    expect((history.json.entries as unknown as { role: string; name: string; nameIsClaimed: boolean }[])[0]).toMatchObject({ role: 'person', name: 'Anna Berg', nameIsClaimed: false });

    // Anna's link is replaced: the old one is refused (401) for positions and identity; the new one works.
    const rotated = await call(ts, m.id, `/people/${anna.id}/rotate`, m.tokens.secretary, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const old = await position(ts, m, tokenOf(anna.link), { tdoc: 'SEC-2026-0002', stance: 'object' });
    expect(old.status).toBe(401);
    expect(old.json.error).toMatch(/replaced/);
    expect((await call(ts, m.id, '/identity', tokenOf(anna.link))).status).toBe(401);
    expect((await position(ts, m, tokenOf(rotated.json.link as string), { tdoc: 'SEC-2026-0002', stance: 'object' })).status).toBe(200);
    const second = (await call(ts, m.id, '/positions?tdoc=SEC-2026-0002', m.tokens.screen)).json as unknown as { organisation: string; by: string }[];
    expect(second).toEqual([expect.objectContaining({ organisation: 'Ericsson', by: 'Anna Berg', stance: 'object' })]);
  });

  it("G-POS-10: the reflector's mail is filed with the sender's registered organisation, else the one organisation of the sender's domain; a public mail domain or a domain of two organisations names none; a person's own link reads it without addresses", async () => {
    const ts = await startTestServer();
    const { m, person } = await meetingWithFourOrganisations(ts);
    const mbox = [
      mboxMessage({ id: 'p1@x', from: 'Nina.Korhonen@nokia.com', subject: '[SEC-2026-0001] Nokia comments' }),
      mboxMessage({ id: 'p2@x', from: 'quinn.adams@gmail.com', subject: 'Re: [SEC-2026-0001] Qualcomm comments' }),
      mboxMessage({ id: 'p3@x', from: 'new.colleague@ericsson.com', subject: 'Re: [SEC-2026-0001] Ericsson too' }),
      mboxMessage({ id: 'p4@x', from: 'someone.else@gmail.com', subject: 'Re: [SEC-2026-0001] from a webmail' }),
      mboxMessage({ id: 'p5@x', from: 'third@standards-consult.example', subject: 'Re: [SEC-2026-0001] from a consultancy' }),
      mboxMessage({ id: 'p6@x', from: 'pekka@standards-consult.example', subject: 'Re: [SEC-2026-0001] Pekka for Nokia' }),
    ].join('');
    const up = await call(ts, m.id, '/mail', m.tokens.secretary, { body: mbox, type: 'application/mbox' });
    expect(up).toMatchObject({ status: 200, json: { attached: 6, messages: 6 } });
    const thread = await call(ts, m.id, '/mail?tdoc=SEC-2026-0001', m.tokens.chair);
    const rows = (thread.json.messages as unknown as { messageId: string; fromAddress: string; organisation: string }[]).map((x) => [x.messageId, x.organisation]);
    expect(rows).toEqual([
      ['<p1@x>', 'Nokia'], // the registered person (any case of the address)
      ['<p2@x>', 'Qualcomm'], // the registered person, though on a public mail domain
      ['<p3@x>', 'Ericsson'], // unregistered, from the domain of exactly one organisation
      ['<p4@x>', ''], // unregistered on gmail.com: a public mail domain names nobody's organisation
      ['<p5@x>', ''], // unregistered, from a domain two organisations use
      ['<p6@x>', 'Nokia'], // registered on that shared domain: their own organisation
    ]);
    // A person's own link reads the thread, without the senders' addresses; the shared link reads none.
    const mine = await call(ts, m.id, '/mail?tdoc=SEC-2026-0001', tokenOf(person('Li Wei').link));
    expect(mine.status).toBe(200);
    expect((mine.json.messages as unknown as { fromAddress: string; organisation: string }[]).map((x) => [x.fromAddress, x.organisation])[0]).toEqual(['', 'Nokia']);
    expect((await call(ts, m.id, '/mail?tdoc=SEC-2026-0001', m.tokens.delegate)).status).toBe(403);
  });
});
