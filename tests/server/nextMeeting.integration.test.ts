/**
 * "Start the next meeting" (issue 17): the seed meeting, a scripted session by the chair, then
 * `POST /api/meetings/:id/next`; the new meeting is checked field by field against the old one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_DIR } from '../../server/main.js';
import { createMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { addContribution, reviseContribution, setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';
import { updateAgendaItem } from '../../shared/document/agendaOps.js';
import { addListEntry, updateListEntry } from '../../shared/document/listOps.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { readMeta, setMeta } from '../../shared/document/meetingParts.js';
import type { MergeSummary } from '../../shared/merge/importMerge.js';

const NEXT = { title: 'SEC 24 (TP 24)', startDate: '2016-08-29', endDate: '2016-09-02', venue: 'Gothenburg, Sweden' };

async function createSeed(ts: TestServer) {
  const res = await fetch(`${ts.url}/api/meetings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': 'text/plain' },
    body: readFileSync(join(ROOT_DIR, 'server/demo/agenda-sec23.txt')),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; tokens: Record<string, string> };
}

async function exportJson(ts: TestServer, id: string, token: string): Promise<MeetingJson> {
  const res = await fetch(`${ts.url}/api/meetings/${id}/export.json?token=${token}`);
  expect(res.status).toBe(200);
  return (await res.json()) as MeetingJson;
}

function postNext(ts: TestServer, id: string, token: string | undefined, body: unknown): Promise<Response> {
  return fetch(`${ts.url}/api/meetings/${id}/next`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the next meeting from this one', () => {
  it('G-REC-4 carries over the agenda, open Tdocs with their history, open actions, deliverables and the vocabulary', async () => {
    const ts = await startTestServer();
    const seed = await createSeed(ts);
    const chair = connectClient(ts.syncUrl, seed.id, seed.tokens.chair);
    await chair.synced();
    const doc = chair.doc;
    const rows = readMeeting(doc).contributions;
    // The scripted session: decisions on the first rows, some left open.
    const decided = ['agreed', 'postponed', 'not-treated', 'noted', 'withdrawn'] as const;
    decided.forEach((status, i) => setContributionStatus(doc, rows[i].id, status, { by: 'Francois Ennesser' }));
    updateContribution(doc, rows[1].id, { notes: 'Postponed: waiting for ARC.' });
    const revision = reviseContribution(doc, rows[5].id, { by: 'Francois Ennesser' });
    const reserved = addContribution(doc, { number: 'SEC-2016-0999', status: 'reserved', agendaItemId: rows[0].agendaItemId });
    const firstItem = readMeeting(doc).agenda[0];
    updateAgendaItem(doc, firstItem.id, { notes: 'Opened at 09:00.' });
    const actions = readMeeting(doc).actions;
    updateListEntry(doc, 'actions', actions[0].id, { status: 'closed' });
    addListEntry(doc, 'actions', { ref: 'A-SEC23-1', what: 'Draft the CR on TS-0003', who: 'Karen', notes: 'by August' });
    const deliverable = readMeeting(doc).deliverables[0];
    updateListEntry(doc, 'deliverables', deliverable.id, { version: 'v1.5.0' });
    const srv = () => ts.server.rooms.get(seed.id)!.doc;
    await waitFor(() => ts.server.rooms.get(seed.id) && Buffer.from(Y.encodeStateVector(srv())).equals(Buffer.from(Y.encodeStateVector(doc))), {
      what: 'the session to reach the server',
    });
    const old = readMeeting(doc);

    const res = await postNext(ts, seed.id, seed.tokens.chair, NEXT);
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; links: Record<string, string>; tokens: Record<string, string> };
    expect(Object.keys(created.links).sort()).toEqual(['chair', 'delegate', 'screen', 'secretary']);
    expect(Object.keys(created.tokens).sort()).toEqual(['chair', 'delegate', 'screen', 'secretary']);
    expect(created.id).not.toBe(seed.id);
    const next = await exportJson(ts, created.id, created.tokens.delegate);

    // Meta: the new details, the rest of the old meeting's.
    expect(next.meta).toEqual({ ...old.meta, ...NEXT, details: '' });
    expect(next.statuses).toEqual(old.statuses);
    // The agenda's structure, notes emptied.
    expect(next.agenda).toEqual(old.agenda.map((a) => ({ ...a, notes: '' })));
    // Tdocs: the ones left open, postponed or not treated; not the decided, revised or reserved ones.
    const expectedIds = old.contributions
      .filter((c) => ['available', 'postponed', 'not-treated'].includes(c.status))
      .map((c) => c.id);
    expect(next.contributions.map((c) => c.id)).toEqual(expectedIds);
    expect(expectedIds).toContain(revision);
    expect(expectedIds).not.toContain(reserved);
    for (const c of next.contributions) {
      const was = old.contributions.find((o) => o.id === c.id)!;
      expect(c).toEqual({
        ...was,
        status: 'available',
        revisionOf: was.revisionOf && expectedIds.includes(was.revisionOf) ? was.revisionOf : null,
        // A link to a Tdoc left behind keeps its number (issue 25).
        ...(was.revisionOf && !expectedIds.includes(was.revisionOf) ? { revisionOfNumber: old.contributions.find((o) => o.id === was.revisionOf)!.number } : {}),
        history: [...was.history, { status: 'available', at: c.history.at(-1)!.at, by: `carried over from ${old.meta.title}` }],
        carriedFrom: { meetingId: seed.id, title: old.meta.title, number: was.number, status: was.status },
      });
    }
    const postponed = next.contributions.find((c) => c.id === rows[1].id)!;
    expect(postponed.notes).toBe('Postponed: waiting for ARC.');
    expect(postponed.history.map((h) => h.status)).toEqual(['postponed', 'available']);
    // Open action items only; every deliverable with its latest version; no sessions, objectives, live.
    expect(next.actions).toEqual(old.actions.filter((a) => a.status === 'open'));
    expect(next.actions.map((a) => a.ref)).toContain('A-SEC23-1');
    expect(next.deliverables).toEqual(old.deliverables);
    expect(next.deliverables[0].version).toBe('v1.5.0');
    expect(next.sessions).toEqual([]);
    expect(next.objectives).toEqual([]);
    expect(next.live).toEqual({ agendaItemId: null, contributionId: null, sessionId: null, banner: '' });

    // Its record starts with its creation, by the chair's link of the old meeting.
    const h = await fetch(`${ts.url}/api/meetings/${created.id}/history`, { headers: { authorization: `Bearer ${created.tokens.chair}` } });
    const { entries } = (await h.json()) as { entries: { role: string; description: string }[] };
    expect(entries).toHaveLength(1);
    expect(entries[0].role).toBe('chair');
    expect(entries[0].description).toBe(`Meeting created from ${old.meta.title}: ${expectedIds.length} Tdocs, ${next.actions.length} open action items carried over`);
    // The old meeting is unchanged.
    expect(readMeeting(doc)).toEqual(old);
  });

  it('carries only the items of carried Tdocs with agenda: false, and takes the admin token', async () => {
    const ts = await startTestServer();
    const seed = await createSeed(ts);
    // Two open action items (issue 25): one on an item with Tdocs (carried), one on an item without.
    const before = await exportJson(ts, seed.id, seed.tokens.delegate);
    const withTdocs = before.contributions[0].agendaItemId;
    const without = before.agenda.find((a) => !before.contributions.some((c) => c.agendaItemId === a.id) && !before.agenda.some((k) => k.parentId === a.id))!.id;
    const chair = connectClient(ts.syncUrl, seed.id, seed.tokens.chair);
    await chair.synced();
    addListEntry(chair.doc, 'actions', { ref: 'A-KEEP', what: 'On a carried item', agendaItemId: withTdocs, due: '2016-08-01' });
    addListEntry(chair.doc, 'actions', { ref: 'A-DROP', what: 'On an item left behind', agendaItemId: without });
    await waitFor(async () => (await exportJson(ts, seed.id, seed.tokens.delegate)).actions.some((a) => a.ref === 'A-DROP'));
    chair.destroy();
    const old = await exportJson(ts, seed.id, seed.tokens.delegate);
    const res = await postNext(ts, seed.id, ts.adminToken, { ...NEXT, agenda: false });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; tokens: Record<string, string> };
    const next = await exportJson(ts, created.id, created.tokens.chair);
    const used = new Set(old.contributions.map((c) => c.agendaItemId));
    const keep = new Set<string>();
    for (const a of old.agenda) {
      if (!used.has(a.id)) continue;
      for (let id: string | null = a.id; id; id = old.agenda.find((x) => x.id === id)!.parentId) keep.add(id);
    }
    expect(next.agenda.map((a) => a.id)).toEqual(old.agenda.filter((a) => keep.has(a.id)).map((a) => a.id));
    expect(next.agenda.length).toBeLessThan(old.agenda.length);
    expect(next.contributions).toHaveLength(old.contributions.length);
    expect(next.actions.filter((a) => a.ref.startsWith('A-')).map((a) => [a.ref, a.agendaItemId, a.due])).toEqual(
      expect.arrayContaining([
        ['A-KEEP', withTdocs, '2016-08-01'],
        ['A-DROP', '', undefined],
      ]),
    );
  });

  it('G-WEEK-4 gives the next meeting its own number block, never the old one, and links the next list’s revisions of carried Tdocs', async () => {
    const ts = await startTestServer();
    const seed = await createSeed(ts);
    const chair = connectClient(ts.syncUrl, seed.id, seed.tokens.chair);
    await chair.synced();
    setMeta(chair.doc, { numberBlock: 'SEC-2016-0900-SEC-2016-0999', revisionNumbering: 'new-number' });
    const first = readMeeting(chair.doc).contributions[0];
    setContributionStatus(chair.doc, first.id, 'agreed', { by: 'Francois Ennesser' });
    const srv = () => ts.server.rooms.get(seed.id)!.doc;
    await waitFor(() => readMeta(srv()).numberBlock === 'SEC-2016-0900-SEC-2016-0999' && readMeeting(srv()).contributions[0].status === 'agreed', { what: 'the block and the decision on the server' });
    const old = readMeeting(chair.doc);
    const carried = old.contributions.filter((c) => c.status === 'available');

    // Without a block of its own, the new meeting has none: `r` asks for the number instead of offering the old block's.
    const bare = (await (await postNext(ts, seed.id, seed.tokens.chair, NEXT)).json()) as { id: string; tokens: Record<string, string> };
    expect((await exportJson(ts, bare.id, bare.tokens.chair)).meta.numberBlock).toBeUndefined();
    const none = await fetch(`${ts.url}/api/meetings/${bare.id}/numbers/next`, { method: 'POST', headers: { authorization: `Bearer ${bare.tokens.chair}` } });
    expect(none.status).toBe(409);

    const res = await postNext(ts, seed.id, seed.tokens.chair, { ...NEXT, numberBlock: 'SEC-2016-1200 - SEC-2016-1299', revisionNumbering: 'new-number' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; tokens: Record<string, string> };
    const next = await exportJson(ts, created.id, created.tokens.chair);
    expect(next.meta).toMatchObject({ numberBlock: 'SEC-2016-1200-SEC-2016-1299', revisionNumbering: 'new-number' });
    // Carried Tdocs keep their numbers; the block's first number is the new meeting's.
    expect(next.contributions.map((c) => c.number)).toEqual(carried.map((c) => c.number));
    const number = await fetch(`${ts.url}/api/meetings/${created.id}/numbers/next`, { method: 'POST', headers: { authorization: `Bearer ${created.tokens.chair}` } });
    expect(await number.json()).toEqual({ number: 'SEC-2016-1200' });

    // The new meeting's list: a resubmission revising a carried Tdoc by its old number, a revision of a
    // Tdoc of the old meeting that was not carried, and a new Tdoc.
    const [a, b] = carried;
    const decided = old.contributions.find((c) => c.status !== 'available')!;
    const csv = [
      'TDoc,Title,Source,Agenda item,Is revision of',
      `SEC-2016-1201,${a.title} (resubmitted),${a.source},${old.agenda.find((x) => x.id === a.agendaItemId)!.label},${a.number}`,
      `SEC-2016-1202,Follow-up,ETSI,${old.agenda[0].label},${decided.number}`,
      `SEC-2016-1203,New work,ETSI,${old.agenda[0].label},`,
    ].join('\n');
    const merged = await fetch(`${ts.url}/api/meetings/${created.id}/import`, { method: 'POST', headers: { authorization: `Bearer ${created.tokens.chair}`, 'content-type': 'text/csv' }, body: csv });
    expect(merged.status).toBe(200);
    const summary = (await merged.json()) as MergeSummary;
    expect(summary.added.map((x) => x.label)).toEqual(['SEC-2016-1201', 'SEC-2016-1202', 'SEC-2016-1203']);
    // The carried Tdocs came with the meeting, not with its list: not "no longer in the file".
    expect(summary.missing).toEqual([]);
    const after = await exportJson(ts, created.id, created.tokens.chair);
    const row = (n: string) => after.contributions.find((c) => c.number === n)!;
    expect(row('SEC-2016-1201').revisionOf).toBe(row(a.number).id);
    expect(row('SEC-2016-1202')).toMatchObject({ revisionOf: null, revisionOfNumber: decided.number });
    expect(row(b.number).carriedFrom).toMatchObject({ meetingId: seed.id, number: b.number });
  });

  it('refuses other roles and bad bodies with JSON errors', async () => {
    const ts = await startTestServer();
    const seed = await createSeed(ts);
    const cases: [string | undefined, unknown, number][] = [
      [undefined, NEXT, 401],
      [seed.tokens.secretary, NEXT, 403],
      [seed.tokens.delegate, NEXT, 403],
      ['wrong', NEXT, 403],
      [seed.tokens.chair, 'not json', 400],
      [seed.tokens.chair, [], 400],
      [seed.tokens.chair, { ...NEXT, title: '' }, 422],
      [seed.tokens.chair, { ...NEXT, startDate: '2016-13-01' }, 422],
      [seed.tokens.chair, { ...NEXT, endDate: '2016-08-01' }, 422],
      [seed.tokens.chair, { ...NEXT, agenda: 'yes' }, 422],
      [seed.tokens.chair, { ...NEXT, venue: 42 }, 422],
      [seed.tokens.chair, { ...NEXT, numberBlock: 'S2-100-S3-200' }, 422],
      [seed.tokens.chair, { ...NEXT, numberBlock: 7 }, 422],
      [seed.tokens.chair, { ...NEXT, revisionNumbering: 'letters' }, 422],
    ];
    for (const [token, body, status] of cases) {
      const res = await postNext(ts, seed.id, token, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(typeof ((await res.json()) as { error: string }).error).toBe('string');
    }
    expect((await postNext(ts, 'no-such-meeting', ts.adminToken, NEXT)).status).toBe(404);
    const list = await fetch(`${ts.url}/api/meetings`, { headers: { authorization: `Bearer ${ts.adminToken}` } });
    expect(((await list.json()) as unknown[]).length).toBe(1);
  });

  it('G-LIM-7 POST /next: tokens only in the Authorization header, bodies of at most 4 KiB, 3 starts per link and per meeting, and none beyond the server\'s most meetings', async () => {
    const ts = await startTestServer({ nextMeeting: { maxMeetings: 6 } });
    const m1 = await createMeeting(ts);
    for (const token of [ts.adminToken, m1.tokens.chair]) {
      const res = await fetch(`${ts.url}/api/meetings/${m1.id}/next?token=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(NEXT) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/Authorization/);
    }
    expect((await postNext(ts, m1.id, m1.tokens.chair, { ...NEXT, venue: 'x'.repeat(5000) })).status).toBe(413);
    for (let i = 0; i < 3; i++) expect((await postNext(ts, m1.id, m1.tokens.chair, NEXT)).status).toBe(201);
    const limited = await postNext(ts, m1.id, m1.tokens.chair, NEXT);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The meeting's budget is spent for the admin too; another meeting is not held up.
    expect((await postNext(ts, m1.id, ts.adminToken, NEXT)).status).toBe(429);
    const m2 = await createMeeting(ts);
    expect((await postNext(ts, m2.id, ts.adminToken, NEXT)).status).toBe(201);
    const full = await postNext(ts, m2.id, m2.tokens.chair, NEXT);
    expect(full.status).toBe(409);
    expect(((await full.json()) as { error: string }).error).toMatch(/PLENARY_MAX_MEETINGS/);
    const list = await fetch(`${ts.url}/api/meetings`, { headers: { authorization: `Bearer ${ts.adminToken}` } });
    expect(((await list.json()) as unknown[]).length).toBe(6);
  });
});
