/**
 * The record (issue 17) through real boundaries: a server on port 0 with SQLite, real WebsocketProviders.
 * What the server attests (time, role, token id, claimed name) comes from the server alone; the history
 * API pages and filters it; paths and parameters that are wrong get JSON 4xx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { createMeeting, startTestServer, sampleMeeting } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { importMeeting } from '../../shared/formats/index.js';
import { setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';
import { entryMap } from '../../shared/document/entityStore.js';
import { tokenIdOf } from '../../server/access/tokens.js';
import { DATABASE_FILE, DB_SCHEMA_VERSION } from '../../server/persistence/openDatabase.js';

const T0 = Date.parse('2026-03-03T10:32:00Z');

interface Entry {
  seq: number;
  at: string;
  role: string;
  tokenId: string;
  name: string;
  nameIsClaimed: boolean;
  description: string;
  changes: { text: string; tdoc?: string; item?: string }[];
}

async function history(url: string, id: string, token: string, query = ''): Promise<{ status: number; body: { entries: Entry[]; before: number | null; error?: string } }> {
  const res = await fetch(`${url}/api/meetings/${id}/history${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

function same(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
}

describe('the record of who changed what', () => {
  it('G-REC-1 records the server time, the token role and id and the claimed name, whatever the client writes', async () => {
    let now = T0;
    const ts = await startTestServer({ clock: () => now });
    const m = await createMeeting(ts, sampleMeeting(3));
    const sec = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await Promise.all([sec.synced(), chair.synced()]);
    // The secretary's client claims to be the chair, by name and role, in its presence ...
    sec.provider.awareness.setLocalStateField('user', { name: 'Karen Hughes', role: 'chair', color: '#123456' });
    // ... and tries to take over the chair's presence id (dropped by ownership, G-LIM-3).
    chair.provider.awareness.setLocalStateField('user', { name: 'The Chair', role: 'chair' });
    await waitFor(() => [...(ts.server.rooms.get(m.id)?.presence.awareness.getStates().values() ?? [])].length === 2, { what: 'presence at the server' });

    const c1 = readMeeting(sec.doc).contributions[0];
    now = T0 + 60_000;
    // A status change whose history entry claims another person and another time.
    setContributionStatus(sec.doc, c1.id, 'agreed', { by: 'The Chair', at: '2001-01-01T00:00:00.000Z' });
    // And a history entry written straight into the document, claiming the chair.
    sec.doc.transact(() => {
      const h = entryMap(sec.doc, 'contributions', c1.id)!.get('history') as Y.Array<unknown>;
      h.push([{ status: 'approved', at: '2001-01-02T00:00:00.000Z', by: 'chair' }]);
    });
    await waitFor(() => same(sec.doc, chair.doc), { what: 'the chair to receive the edits' });

    const { status, body } = await history(ts.url, m.id, m.tokens.chair);
    expect(status).toBe(200);
    const [forged, change] = body.entries;
    for (const e of [forged, change]) {
      expect(e.at).toBe(new Date(T0 + 60_000).toISOString());
      expect(e.role).toBe('secretary');
      expect(e.tokenId).toBe(tokenIdOf(m.tokens.secretary));
      expect(e.tokenId).not.toBe(tokenIdOf(m.tokens.chair));
      expect(e.name).toBe('Karen Hughes');
      expect(e.nameIsClaimed).toBe(true);
    }
    expect(change.description).toBe(`${c1.number} status available → agreed`);
    expect(change.changes).toEqual([{ text: `${c1.number} status available → agreed`, tdoc: c1.number, item: '1' }]);
    expect(forged.description).toBe(`${c1.number} history edited`);
    // The first record is the creation, by the admin, at the server's time then.
    const first = body.entries.at(-1)!;
    expect(first).toMatchObject({ seq: 1, role: 'admin', tokenId: '', name: '', description: 'Meeting created', at: new Date(T0).toISOString() });
    // No token appears anywhere in the answer.
    const text = JSON.stringify(body);
    for (const t of Object.values(m.tokens)) expect(text).not.toContain(t);
  });

  it('G-REC-1 records nothing of what read-only links send, and changes the server applies are its own', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(2));
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    const sec = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await Promise.all([delegate.synced(), sec.synced()]);
    const id = readMeeting(delegate.doc).contributions[0].id;
    setContributionStatus(delegate.doc, id, 'noted', { by: 'delegate' });
    updateContribution(sec.doc, id, { title: 'Retitled' });
    await waitFor(async () => (await history(ts.url, m.id, m.tokens.secretary)).body.entries.length === 2, { what: 'the title change in the record' });
    const { body } = await history(ts.url, m.id, m.tokens.secretary);
    expect(body.entries.map((e) => [e.role, e.description])).toEqual([
      ['secretary', 'SEC-2026-0001 title edited'],
      ['admin', 'Meeting created'],
    ]);
  });

  it('pages newest first and filters by person, time, Tdoc and agenda item', async () => {
    let now = T0;
    const ts = await startTestServer({ clock: () => now });
    const m = await createMeeting(ts, sampleMeeting(4));
    const sec = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await Promise.all([sec.synced(), chair.synced()]);
    sec.provider.awareness.setLocalStateField('user', { name: 'Sam Secretary' });
    // The server keeps every connection's state (stamped with its role since G-PRES-4): wait for the name.
    const named = () => [...(ts.server.rooms.get(m.id)?.presence.awareness.getStates().values() ?? [])].some((st) => (st as { user?: { name?: string } }).user?.name === 'Sam Secretary');
    await waitFor(named, { what: 'presence' });
    const rows = readMeeting(sec.doc).contributions;
    for (let i = 0; i < rows.length; i++) {
      now = T0 + (i + 1) * 3_600_000;
      const ed = i % 2 ? chair : sec;
      setContributionStatus(ed.doc, rows[i].id, 'noted', { by: 'x' });
      await waitFor(() => same(sec.doc, chair.doc), { what: 'sync' });
    }
    await waitFor(async () => (await history(ts.url, m.id, m.tokens.chair)).body.entries.length === 5, { what: 'five records' });
    const page1 = await history(ts.url, m.id, m.tokens.chair, '?limit=2');
    expect(page1.body.entries.map((e) => e.seq)).toEqual([5, 4]);
    expect(page1.body.before).toBe(4);
    const page2 = await history(ts.url, m.id, m.tokens.chair, `?limit=2&before=${page1.body.before}`);
    expect(page2.body.entries.map((e) => e.seq)).toEqual([3, 2]);
    const page3 = await history(ts.url, m.id, m.tokens.chair, `?limit=2&before=${page2.body.before}`);
    expect(page3.body.entries.map((e) => e.seq)).toEqual([1]);
    expect(page3.body.before).toBeNull();
    expect((await history(ts.url, m.id, m.tokens.chair, '?by=sam%20secretary')).body.entries.map((e) => e.seq)).toEqual([4, 2]);
    expect((await history(ts.url, m.id, m.tokens.chair, '?by=chair')).body.entries.map((e) => e.seq)).toEqual([5, 3]);
    const since = new Date(T0 + 2 * 3_600_000).toISOString();
    const until = new Date(T0 + 3 * 3_600_000).toISOString();
    expect((await history(ts.url, m.id, m.tokens.chair, `?since=${since}&until=${until}`)).body.entries.map((e) => e.seq)).toEqual([4, 3]);
    expect((await history(ts.url, m.id, m.tokens.chair, `?tdoc=${rows[2].number}`)).body.entries.map((e) => e.description)).toEqual([
      `${rows[2].number} status available → noted`,
    ]);
    expect((await history(ts.url, m.id, m.tokens.chair, '?item=1')).body.entries).toHaveLength(4);
  });

  it('exports every format as the meeting stood at a moment, for any link of the meeting', async () => {
    let now = T0;
    const ts = await startTestServer({ clock: () => now });
    const m = await createMeeting(ts, sampleMeeting(2));
    const sec = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await sec.synced();
    const c = readMeeting(sec.doc).contributions[0];
    now = T0 + 3_600_000;
    setContributionStatus(sec.doc, c.id, 'postponed', { by: 'x' });
    await waitFor(async () => (await history(ts.url, m.id, m.tokens.chair)).body.entries.length === 2, { what: 'the change in the record' });
    const before = new Date(T0 + 1_800_000).toISOString();
    for (const fmt of ['json', 'md', 'docx', 'xlsx', 'csv', 'ics', 'htm']) {
      const res = await fetch(`${ts.url}/api/meetings/${m.id}/export.${fmt}?at=${before}&token=${m.tokens.screen}`);
      expect(res.status, fmt).toBe(200);
      expect(res.headers.get('x-plenary-record-seq')).toBe('1');
      expect(res.headers.get('x-plenary-changed-at')).toBe(new Date(T0).toISOString());
      const current = await fetch(`${ts.url}/api/meetings/${m.id}/export.${fmt}?token=${m.tokens.screen}`);
      expect(res.headers.get('content-type')).toBe(current.headers.get('content-type'));
    }
    const mdThen = await (await fetch(`${ts.url}/api/meetings/${m.id}/export.md?at=${before}&token=${m.tokens.delegate}`)).text();
    const mdNow = await (await fetch(`${ts.url}/api/meetings/${m.id}/export.md?token=${m.tokens.delegate}`)).text();
    expect(mdThen).toMatch(new RegExp(`${c.number} \\|[^\\n]*\\| Available \\|`));
    expect(mdNow).toMatch(new RegExp(`${c.number} \\|[^\\n]*\\| Postponed \\|`));
    // G-WEEK-6: export.htm is the body's Tdocs-by-agenda page, which Plenary reads back with the room's result.
    const page = await fetch(`${ts.url}/api/meetings/${m.id}/export.htm?token=${m.tokens.delegate}`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const back = (await importMeeting(new Uint8Array(await page.arrayBuffer()), { fileName: 'page.htm' })).meeting;
    const current = readMeeting(sec.doc);
    expect(back.contributions.map((x) => x.number)).toEqual(current.contributions.map((x) => x.number));
    expect(back.contributions.find((x) => x.number === c.number)?.status).toBe('postponed');
  });

  it('answers wrong tokens, roles and parameters with JSON errors', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const cases: [string, string | undefined, number][] = [
      ['', undefined, 401],
      ['', 'wrong', 403],
      ['', m.tokens.delegate, 403],
      ['', m.tokens.screen, 403],
      ['?limit=0', m.tokens.chair, 400],
      ['?limit=9999', m.tokens.chair, 400],
      ['?before=abc', m.tokens.chair, 400],
      ['?since=yesterday', m.tokens.chair, 400],
      ['?by=', m.tokens.chair, 400],
    ];
    for (const [q, token, status] of cases) {
      const res = await fetch(`${ts.url}/api/meetings/${m.id}/history${q}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect(res.status, `${q} ${token?.slice(0, 4)}`).toBe(status);
      expect(typeof ((await res.json()) as { error: string }).error).toBe('string');
    }
    expect((await fetch(`${ts.url}/api/meetings/no-such-meeting/history?token=x`)).status).toBe(404);
    expect((await fetch(`${ts.url}/api/meetings/${m.id}/history`, { method: 'POST', headers: { authorization: `Bearer ${m.tokens.chair}` } })).status).toBe(405);
    const badAt = await fetch(`${ts.url}/api/meetings/${m.id}/export.json?at=soon&token=${m.tokens.delegate}`);
    expect(badAt.status).toBe(400);
    const before = await fetch(`${ts.url}/api/meetings/${m.id}/export.json?at=2000-01-01T00:00:00Z&token=${m.tokens.delegate}`);
    expect(before.status).toBe(422);
    expect(((await before.json()) as { error: string }).error).toMatch(/record of this meeting starts at/);
  });
});

describe('meetings stored before the record existed', () => {
  it('upgrade a schema 1 database, and record from their first change on, with a checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-legacy-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    // A database as the previous version left it: schema 1, no history tables.
    const old = new Database(join(dir, DATABASE_FILE));
    old.exec(`CREATE TABLE meetings (id TEXT PRIMARY KEY, title TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE tokens (meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE, role TEXT NOT NULL, hash BLOB NOT NULL UNIQUE, sealed BLOB NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (meeting_id, role));
      CREATE TABLE retired_tokens (hash BLOB PRIMARY KEY, meeting_id TEXT NOT NULL, retired_at TEXT NOT NULL);
      CREATE TABLE updates (id INTEGER PRIMARY KEY, meeting_id TEXT NOT NULL, data BLOB NOT NULL);
      CREATE INDEX updates_by_meeting ON updates (meeting_id, id);`);
    old.pragma('user_version = 1');
    old.close();
    let now = T0;
    const ts = await startTestServer({ dataDir: dir, clock: () => now });
    const m = await createMeeting(ts, sampleMeeting(2));
    // Make it a legacy meeting: its document is there, its record is not.
    const db = new Database(join(dir, DATABASE_FILE));
    expect(db.pragma('user_version', { simple: true })).toBe(DB_SCHEMA_VERSION);
    db.exec(`DELETE FROM history; DELETE FROM checkpoints;`);
    db.close();
    const sec = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await sec.synced();
    const c = readMeeting(sec.doc).contributions[0];
    now = T0 + 3_600_000;
    setContributionStatus(sec.doc, c.id, 'noted', { by: 'x' });
    await waitFor(async () => (await history(ts.url, m.id, m.tokens.chair)).body.entries.length === 1, { what: 'the first record' });
    const at = (t: number) => fetch(`${ts.url}/api/meetings/${m.id}/export.json?at=${new Date(t).toISOString()}&token=${m.tokens.delegate}`);
    expect((await at(T0 + 1_000)).status).toBe(422);
    const after = await at(T0 + 3_600_000);
    expect(after.status).toBe(200);
    expect(((await after.json()) as ReturnType<typeof readMeeting>).contributions.find((x) => x.id === c.id)!.status).toBe('noted');
  });
});
