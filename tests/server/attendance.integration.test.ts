/**
 * Attendance (issue 24) against a real server: who was connected with their own link or acted from it,
 * per session of the schedule, first and last seen, where; the secretary's marks; written to the
 * database (a restart keeps it); the report's attendance without e-mail addresses; speaking time.
 */
import { describe, expect, it } from 'vitest';
import { createMeeting, sampleMeeting, startTestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { participant } from '../helpers/participationClient.js';
import { call, importPeople, tokenOf } from '../helpers/peopleClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { callNext, endSpeech, readQueue } from '../../shared/participation/speakerQueue.js';

/** A meeting in UTC with a session today around now and one yesterday. */
function scheduled() {
  const m = sampleMeeting(2, 'Attendance test');
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  m.meta.timezone = 'UTC';
  m.meta.startDate = yesterday;
  m.meta.endDate = today;
  m.sessions = [
    { id: 'sy', date: yesterday, start: '09:00', end: '10:00', room: 'Main', code: 'S0', title: 'Yesterday', agendaNote: '', agendaItemIds: [] },
    { id: 'st', date: today, start: '00:00', end: '23:59', room: 'Main', code: 'S1', title: 'Today', agendaNote: '', agendaItemIds: [] },
  ];
  return m;
}

const LIST = JSON.stringify([
  { name: 'Ann Lee', organisation: 'Ericsson', email: 'ann@ericsson.example' },
  { name: 'Bob Stone', organisation: 'Nokia', email: 'bob@nokia.example' },
  { name: 'Cy Park', organisation: 'Huawei', email: 'cy@huawei.example' },
  { name: 'Di Absent', organisation: 'Qualcomm', email: 'di@qualcomm.example' },
]);

function csvRows(text: string): string[][] {
  return text.trim().split('\r\n').map((l) => l.split(','));
}

describe('attendance (issue 24)', () => {
  it('G-ATT-1 attendance.csv has one row per person per session they were connected in or acted in, with first and last seen within the session and where; the secretary adds "was there, no phone"', async () => {
    const ts = await startTestServer({ attendance: { flushMs: 200 } });
    const m = await createMeeting(ts, scheduled());
    const { people } = await importPeople(ts, m.id, m.tokens.secretary, LIST, 'application/json');
    const by = (name: string) => people.find((p) => p.name === name)!;
    const before = Date.now();
    const ann = connectClient(ts.syncUrl, m.id, tokenOf(by('Ann Lee').link));
    await ann.synced();
    // Ann answers on her phone that she is in the room.
    expect((await call(ts, m.id, '/people/me', tokenOf(by('Ann Lee').link), { body: JSON.stringify({ where: 'room' }), type: 'application/json' })).status).toBe(200);
    // Bob only acts (no socket): asking for the floor counts.
    expect((await participant(ts.url, m.id, tokenOf(by('Bob Stone').link)).queue({ action: 'add', kind: 'new-topic' })).status).toBe(200);
    const mark = await call(ts, m.id, '/attendance', m.tokens.secretary, { body: JSON.stringify({ personId: by('Cy Park').id, sessionId: 'st', where: 'room' }), type: 'application/json' });
    expect(mark.status).toBe(200);
    expect((await call(ts, m.id, '/attendance', m.tokens.secretary, { body: JSON.stringify({ personId: by('Cy Park').id, sessionId: 'nope', where: 'room' }), type: 'application/json' })).status).toBe(400);
    ann.destroy();
    const after = Date.now();
    const r = await call(ts, m.id, '/attendance.csv', m.tokens.secretary);
    expect(r.status).toBe(200);
    const [header, ...rows] = csvRows(r.text);
    expect(header).toEqual(['name', 'organisation', 'email', 'session', 'date', 'first_seen', 'last_seen', 'where']);
    const byName = new Map(rows.map((x) => [x[0], x]));
    expect([...byName.keys()].sort()).toEqual(['Ann Lee', 'Bob Stone', 'Cy Park']);
    const a = byName.get('Ann Lee')!;
    expect(a.slice(1, 5)).toEqual(['Ericsson', 'ann@ericsson.example', 'S1', new Date().toISOString().slice(0, 10)]);
    expect(Date.parse(a[5])).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(a[6])).toBeLessThanOrEqual(after + 1000);
    expect(a[7]).toBe('room');
    expect(byName.get('Bob Stone')![7]).toBe('remote');
    expect(byName.get('Cy Park')!.slice(5)).toEqual(['', '', 'room']);
    // Nobody was there yesterday; delegates cannot read attendance.
    expect(rows.every((x) => x[3] === 'S1')).toBe(true);
    expect((await call(ts, m.id, '/attendance.csv', m.tokens.delegate)).status).toBe(403);
    const counts = await call(ts, m.id, '/attendance', m.tokens.chair);
    expect((counts.json.sessions as unknown as { label: string; room: number; remote: number }[]).map((s) => [s.label, s.room, s.remote])).toEqual([
      ['S0', 0, 0],
      ['S1', 2, 1],
    ]);
    const xlsx = await call(ts, m.id, '/attendance.xlsx', m.tokens.secretary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
  });

  it('G-ATT-2 attendance is in the database: a restart keeps every span that was written, and spans are written on a timer and on shutdown, not per message', async () => {
    const ts = await startTestServer({ attendance: { flushMs: 60_000 } });
    const m = await createMeeting(ts, scheduled());
    const { people } = await importPeople(ts, m.id, m.tokens.secretary, LIST, 'application/json');
    const ann = connectClient(ts.syncUrl, m.id, tokenOf(people.find((p) => p.name === 'Ann Lee')!.link));
    await ann.synced();
    ann.destroy();
    await ts.stop();
    const again = await ts.restart();
    const r = await call(again, m.id, '/attendance.csv', m.tokens.secretary);
    expect(csvRows(r.text).slice(1).map((x) => x[0])).toEqual(['Ann Lee']);
  });

  it("G-ATT-3 the report (md, docx) lists who attended each session without any e-mail address, for every link; and the speaking time per organisation and speaker", async () => {
    const ts = await startTestServer({ attendance: { flushMs: 200 } });
    const m = await createMeeting(ts, scheduled());
    const { people } = await importPeople(ts, m.id, m.tokens.secretary, LIST, 'application/json');
    const board = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await board.synced();
    for (const name of ['Ann Lee', 'Bob Stone']) {
      expect((await participant(ts.url, m.id, tokenOf(people.find((p) => p.name === name)!.link)).queue({ action: 'add', kind: 'new-topic' })).status).toBe(200);
    }
    await waitFor(() => readQueue(board.doc).length === 2);
    const t0 = Date.now();
    board.doc.transact(() => callNext(board.doc, { at: new Date(t0).toISOString() }));
    board.doc.transact(() => callNext(board.doc, { at: new Date(t0 + 65_000).toISOString() }));
    board.doc.transact(() => endSpeech(board.doc, new Date(t0 + 95_000).toISOString()));
    await waitFor(async () => /Ann Lee/.test((await call(ts, m.id, '/export.md', m.tokens.delegate)).text));
    const md = (await call(ts, m.id, '/export.md', m.tokens.delegate)).text;
    expect(md).toContain('| Ann Lee | Ericsson | Remote | S1 |');
    expect(md).toContain('| Ericsson | 1 | 1:05 |');
    expect(md).toContain('| Bob Stone | Nokia | 1 | 0:30 |');
    expect(md).not.toMatch(/@[a-z]+\.example/);
    const raw = await fetch(`${ts.url}/api/meetings/${m.id}/export.docx`, { headers: { authorization: `Bearer ${m.tokens.screen}` } });
    expect(raw.status).toBe(200);
    const words = (await (await import('mammoth')).extractRawText({ buffer: Buffer.from(await raw.arrayBuffer()) })).value;
    expect(words).toContain('Bob Stone');
    expect(words).not.toMatch(/@[a-z]+\.example/);
    // Importing the report back brings no person into the agenda.
    const back = await call(ts, m.id, '/import?dryRun=1', m.tokens.secretary, { body: md, type: 'text/markdown' });
    expect(back.status).toBe(200);
    expect(JSON.stringify(back.json.added)).not.toContain('Ann Lee');
  });
});
