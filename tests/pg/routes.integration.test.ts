/**
 * The routes of issues 11, 15 and 17 with DATABASE_URL: two real servers on port 0 sharing one fresh
 * PostgreSQL database (as two processes of a cluster), real providers. The record written on either is
 * read on the other, a past moment rebuilds, the next meeting is made; a delegate's request on one
 * reaches the chair on the other; an import and a number request go through the same rooms.
 */
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { freshPgDatabase } from '../helpers/pgDatabase.js';
import { createMeeting, sampleMeeting, startTestServer, type CreatedTestMeeting, type TestServer } from '../helpers/startTestServer.js';
import { participant } from '../helpers/participationClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { updateContribution } from '../../shared/document/contributionOps.js';
import { readQueue } from '../../shared/participation/speakerQueue.js';
import { tokenIdOf } from '../../server/access/tokens.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

const T0 = Date.parse('2026-03-03T10:00:00Z');

/** Two servers on one fresh database, sharing DATA_DIR's secrets; `now` is their clock. */
async function twoServers(clock?: () => number): Promise<[TestServer, TestServer]> {
  const databaseUrl = await freshPgDatabase();
  const a = await startTestServer({ databaseUrl, clock });
  const b = await startTestServer({ databaseUrl, clock, dataDir: a.dataDir });
  return [a, b];
}

async function knows(ts: TestServer, m: CreatedTestMeeting): Promise<void> {
  await waitFor(async () => (await fetch(`${ts.url}/api/meetings/${m.id}/role?token=${encodeURIComponent(m.tokens.chair)}`)).status === 200, { what: 'the other server to know the meeting' });
}

async function exportOf(ts: TestServer, id: string, token: string, query = ''): Promise<{ status: number; meeting: MeetingJson; headers: Headers }> {
  const res = await fetch(`${ts.url}/api/meetings/${id}/export.json?token=${encodeURIComponent(token)}${query}`);
  return { status: res.status, meeting: (await res.json()) as MeetingJson, headers: res.headers };
}

describe('the routes on PostgreSQL, across two servers', () => {
  it('G-REC-1/2/4: the record written on either server is read on the other, a past moment rebuilds, and the next meeting is made', async () => {
    let now = T0;
    const [a, b] = await twoServers(() => now);
    const m = await createMeeting(a, sampleMeeting(3));
    await knows(b, m);
    const chairOnA = connectClient(a.syncUrl, m.id, m.tokens.chair);
    const secOnB = connectClient(b.syncUrl, m.id, m.tokens.secretary);
    await Promise.all([chairOnA.synced(), secOnB.synced()]);
    const [r1, r2] = readMeeting(chairOnA.doc).contributions;

    now = T0 + 60_000;
    updateContribution(chairOnA.doc, r1.id, { title: 'Retitled on A' });
    await waitFor(() => readMeeting(secOnB.doc).contributions.find((c) => c.id === r1.id)?.title === 'Retitled on A', { what: 'A\'s edit on B' });
    now = T0 + 120_000;
    updateContribution(secOnB.doc, r2.id, { title: 'Retitled on B' });
    await waitFor(() => readMeeting(chairOnA.doc).contributions.find((c) => c.id === r2.id)?.title === 'Retitled on B', { what: 'B\'s edit on A' });

    for (const ts of [a, b]) {
      const res = await fetch(`${ts.url}/api/meetings/${m.id}/history`, { headers: { authorization: `Bearer ${m.tokens.chair}` } });
      expect(res.status).toBe(200);
      const { entries } = (await res.json()) as { entries: { seq: number; at: string; role: string; tokenId: string; description: string }[] };
      const edits = entries.filter((e) => e.role !== 'admin');
      expect(edits.map((e) => [e.at, e.role, e.tokenId])).toEqual([
        [new Date(T0 + 120_000).toISOString(), 'secretary', tokenIdOf(m.tokens.secretary)],
        [new Date(T0 + 60_000).toISOString(), 'chair', tokenIdOf(m.tokens.chair)],
      ]);
      expect(edits.map((e) => e.description)).toEqual([`${r2.number} title edited`, `${r1.number} title edited`]);
      expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((x, y) => y - x));
    }

    // The meeting as it stood between the two edits, rebuilt on B from the creation's checkpoint A stored.
    const past = await exportOf(b, m.id, m.tokens.screen, `&at=${new Date(T0 + 90_000).toISOString()}`);
    expect(past.status).toBe(200);
    expect(past.meeting.contributions.map((c) => c.title)).toEqual(['Retitled on A', 'Row 2', 'Row 3']);
    expect(past.headers.get('x-plenary-changed-at')).toBe(new Date(T0 + 60_000).toISOString());
    expect((await exportOf(a, m.id, m.tokens.screen, `&at=${new Date(T0 - 60_000).toISOString()}`)).status).toBe(422);

    // The next meeting, made on B, served by A.
    const res = await fetch(`${b.url}/api/meetings/${m.id}/next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${m.tokens.chair}` },
      body: JSON.stringify({ title: 'Next', startDate: '2026-05-04', endDate: '2026-05-08', venue: 'Elsewhere' }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedTestMeeting;
    await knows(a, created);
    const next = await exportOf(a, created.id, created.tokens.screen);
    expect(next.status).toBe(200);
    expect(next.meeting.meta.title).toBe('Next');
    expect(next.meeting.contributions.map((c) => c.title).sort()).toEqual(['Retitled on A', 'Retitled on B', 'Row 3']);
    chairOnA.destroy();
    secOnB.destroy();
  });

  it('G-PART-1: a delegate\'s request on one server reaches the chair on the other; an import and a number request work', async () => {
    const [a, b] = await twoServers();
    const meeting = sampleMeeting(2, 'SA2#160');
    meeting.meta.body = '3GPP';
    meeting.meta.numberBlock = 'S2-2400100-S2-2400103';
    meeting.contributions[0].number = 'S2-2400100';
    const m = await createMeeting(a, meeting);
    await knows(b, m);
    const chairOnA = connectClient(a.syncUrl, m.id, m.tokens.chair);
    await chairOnA.synced();

    const ann = participant(b.url, m.id, m.tokens.delegate);
    const queued = await ann.queue({ action: 'add', kind: 'new-topic', name: 'Ann Lee', company: 'Ericsson' });
    expect(queued.status).toBe(200);
    await waitFor(() => readQueue(chairOnA.doc).length === 1, { what: 'the queue entry on A' });
    expect(readQueue(chairOnA.doc)[0]).toMatchObject({ name: 'Ann Lee', company: 'Ericsson', kind: 'new-topic' });

    const number = await fetch(`${b.url}/api/meetings/${m.id}/numbers/next`, { method: 'POST', headers: { authorization: `Bearer ${m.tokens.secretary}` } });
    expect(number.status).toBe(200);
    expect(await number.json()).toEqual({ number: 'S2-2400101' });

    const upload = sampleMeeting(3, 'SA2#160');
    upload.meta.body = '3GPP';
    upload.contributions[0].number = 'S2-2400100';
    upload.contributions[1].number = 'S2-2400102';
    upload.contributions[2].number = 'S2-2400110';
    const imported = await fetch(`${b.url}/api/meetings/${m.id}/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${m.tokens.chair}` },
      body: JSON.stringify(upload),
    });
    expect(imported.status).toBe(200);
    await waitFor(() => readMeeting(chairOnA.doc).contributions.some((c) => c.number === 'S2-2400110'), { what: 'the import on A' });
    // Stored: a fresh reader on A after B's import has it.
    const reader = connectClient(a.syncUrl, m.id, m.tokens.screen);
    await reader.synced();
    expect(readMeeting(reader.doc).contributions.map((c) => c.number)).toContain('S2-2400110');
    chairOnA.destroy();
    reader.destroy();
  });
});
