/**
 * Registered people (issue 24) with DATABASE_URL: two real servers on one fresh PostgreSQL database, as
 * two processes of a cluster. A person's link imported on one works on the other; replacing it on one
 * closes its sockets on the other (4401 "replaced") and the old link is refused there; attendance seen on
 * both processes adds up in one attendance.csv.
 */
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { freshPgDatabase } from '../helpers/pgDatabase.js';
import { createMeeting, sampleMeeting, startTestServer, type CreatedTestMeeting, type TestServer } from '../helpers/startTestServer.js';
import { call, importPeople, tokenOf } from '../helpers/peopleClient.js';
import { participant } from '../helpers/participationClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';

async function twoServers(): Promise<[TestServer, TestServer]> {
  const databaseUrl = await freshPgDatabase();
  const a = await startTestServer({ databaseUrl, attendance: { flushMs: 200 } });
  const b = await startTestServer({ databaseUrl, dataDir: a.dataDir, attendance: { flushMs: 200 } });
  return [a, b];
}

async function knows(ts: TestServer, m: CreatedTestMeeting): Promise<void> {
  await waitFor(async () => (await fetch(`${ts.url}/api/meetings/${m.id}/role?token=${encodeURIComponent(m.tokens.chair)}`)).status === 200);
}

function today() {
  const m = sampleMeeting(2);
  const d = new Date().toISOString().slice(0, 10);
  m.meta.timezone = 'UTC';
  m.meta.startDate = d;
  m.meta.endDate = d;
  m.sessions = [{ id: 's1', date: d, start: '00:00', end: '23:59', room: '', code: 'S1', title: '', agendaNote: '', agendaItemIds: [] }];
  return m;
}

describe('registered people on PostgreSQL, across two servers (issue 24)', () => {
  it("G-PEOPLE-13 a person's link works on every process; replacing it on one closes its sockets on the other and refuses the old link everywhere; attendance from both processes adds up", async () => {
    const [a, b] = await twoServers();
    const m = await createMeeting(a, today());
    await knows(b, m);
    const { people } = await importPeople(a, m.id, m.tokens.secretary, JSON.stringify([
      { name: 'Ann Lee', organisation: 'Ericsson', email: 'ann@e.example' },
      { name: 'Bob Stone', organisation: 'Nokia', email: 'bob@n.example' },
    ]), 'application/json');
    const [ann, bob] = people;
    // Imported on A, known on B: the person's own link opens there, with the registered name.
    await waitFor(async () => (await call(b, m.id, '/people/me', tokenOf(ann.link))).status === 200, { what: 'B to know the people' });
    const annOnB = connectClient(b.syncUrl, m.id, tokenOf(ann.link));
    const bobOnA = connectClient(a.syncUrl, m.id, tokenOf(bob.link));
    await Promise.all([annOnB.synced(), bobOnA.synced()]);
    expect((await participant(b.url, m.id, tokenOf(bob.link)).queue({ action: 'add', kind: 'reply' })).status).toBe(200);
    // Replaced on A: Ann's socket on B closes, her old link is refused on both, the new one works on B.
    const r = await call(a, m.id, `/people/${ann.id}/rotate`, m.tokens.secretary, { method: 'POST' });
    expect(r.status).toBe(200);
    expect(await annOnB.nextClose()).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.Replaced });
    for (const ts of [a, b]) expect((await call(ts, m.id, '/people/me', tokenOf(ann.link))).status).toBe(401);
    await waitFor(async () => (await call(b, m.id, '/people/me', tokenOf(r.json.link as string))).status === 200);
    expect(bobOnA.closes).toEqual([]);
    bobOnA.destroy();
    // Ann was seen on B, Bob on A and B: both processes' spans are in one sheet, read on either.
    // Each process writes its spans as it goes (AttendanceTracker: on a close and every few seconds), so the
    // sheet is complete once both have written: waited for, then read on either.
    const names = async (ts: TestServer) => (await call(ts, m.id, '/attendance.csv', m.tokens.secretary)).text.trim().split('\r\n').slice(1).map((l) => l.split(',')[0]).sort();
    await waitFor(async () => (await names(a)).length === 2, { what: 'both processes\' spans in the sheet' });
    for (const ts of [a, b]) expect(await names(ts)).toEqual(['Ann Lee', 'Bob Stone']);
  });
});
