import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution, updateContribution } from '../../shared/document/contributionOps.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import type { MergeSummary } from '../../shared/merge/importMerge.js';

/** A Tdoc list as meeting JSON, ids fresh on every call (as a new upload would have them). */
function tdocList(rows: [string, string][], extraItem?: [string, string]): MeetingJson {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'SA2#160', body: '3GPP', startDate: '2024-02-26', endDate: '2024-03-01' });
  const item = addAgendaItem(doc, { label: '5.1', title: 'Study on X' });
  for (const [number, title] of rows) addContribution(doc, { number, title, agendaItemId: item });
  if (extraItem) {
    const other = addAgendaItem(doc, { label: '6', title: 'AOB' });
    addContribution(doc, { number: extraItem[0], title: extraItem[1], agendaItemId: other });
  }
  const json = readMeeting(doc);
  doc.destroy();
  return json;
}

const ORIGINAL: [string, string][] = [
  ['S2-2400010', 'First'],
  ['S2-2400011', 'Second'],
  ['S2-2400012', 'Third'],
];

function post(ts: TestServer, id: string, body: BodyInit, opts: { token?: string; query?: string; type?: string } = {}): Promise<Response> {
  return fetch(`${ts.url}/api/meetings/${id}/import${opts.query ?? ''}`, {
    method: 'POST',
    headers: { 'content-type': opts.type ?? 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    body,
  });
}

async function errorOf(res: Response, status: number): Promise<string> {
  expect(res.status).toBe(status);
  return ((await res.json()) as { error: string }).error;
}

describe('POST /api/meetings/:id/import', () => {
  it('G-LIFE-3 merges a newer list through the room: editors and followers get it, a conflict keeps the edit made in Plenary', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, tdocList(ORIGINAL));
    const secretary = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([secretary.synced(), delegate.synced()]);
    const first = readMeeting(secretary.doc).contributions.find((c) => c.number === 'S2-2400010')!;
    updateContribution(secretary.doc, first.id, { title: 'First, as the room fixed it' });
    await waitFor(() => readMeeting(delegate.doc).contributions.find((c) => c.number === 'S2-2400010')?.title === 'First, as the room fixed it');

    const newer = JSON.stringify(
      tdocList(
        [
          ['S2-2400010', 'First, as the portal has it now'],
          ['S2-2400011', 'Second, retitled'],
          ['S2-2400013', 'Fourth'],
        ],
        ['S2-2400090', 'Any other business'],
      ),
    );

    const dry = await post(ts, m.id, newer, { token: m.tokens.secretary, query: '?dryRun=1' });
    expect(dry.status).toBe(200);
    const drySummary = (await dry.json()) as MergeSummary & { dryRun: boolean };
    expect(drySummary.dryRun).toBe(true);
    expect(readMeeting(secretary.doc).contributions).toHaveLength(3);

    const res = await post(ts, m.id, newer, { token: m.tokens.chair });
    expect(res.status).toBe(200);
    const summary = (await res.json()) as MergeSummary & { dryRun: boolean; meeting?: unknown };
    expect(summary.meeting).toBeUndefined();
    const { dryRun: _d, ...applied } = summary;
    const { dryRun: _e, ...planned } = drySummary;
    expect(applied.added.map((a) => [a.kind, a.label])).toEqual(planned.added.map((a) => [a.kind, a.label]));
    expect(applied.added.map((a) => `${a.kind} ${a.label}`)).toEqual(['agendaItem 6', 'contribution S2-2400013', 'contribution S2-2400090']);
    expect(applied.updated.map((u) => `${u.label} ${u.fields.map((f) => f.field)}`)).toEqual(['S2-2400011 title']);
    expect(applied.conflicts).toEqual([
      { kind: 'contribution', id: first.id, label: 'S2-2400010', field: 'title', plenary: 'First, as the room fixed it', file: 'First, as the portal has it now' },
    ]);
    expect(applied.missing.map((x) => x.label)).toEqual(['S2-2400012']);

    // Both providers see the merge; nothing was deleted; Plenary's title stayed.
    for (const c of [secretary, delegate]) {
      await waitFor(() => readMeeting(c.doc).contributions.length === 5, { what: 'the merge to arrive' });
      const rows = readMeeting(c.doc).contributions;
      expect(rows.find((r) => r.number === 'S2-2400011')!.title).toBe('Second, retitled');
      expect(rows.find((r) => r.number === 'S2-2400010')!.title).toBe('First, as the room fixed it');
      expect(rows.map((r) => r.number)).toContain('S2-2400012');
    }

    // Stored before it was broadcast: the export (the stored document once unloaded) has it.
    secretary.destroy();
    delegate.destroy();
    await waitFor(() => !ts.server.rooms.get(m.id), { what: 'the unload' });
    const exported = (await (await fetch(`${ts.url}/api/meetings/${m.id}/export.json?token=${m.tokens.screen}`)).json()) as MeetingJson;
    expect(exported.contributions.map((c) => c.number).sort()).toEqual(['S2-2400010', 'S2-2400011', 'S2-2400012', 'S2-2400013', 'S2-2400090']);

    // The same file again, into the unloaded meeting (loaded for the occasion): only the open conflict.
    const again = (await (await post(ts, m.id, newer, { token: ts.adminToken })).json()) as MergeSummary;
    expect({ added: again.added, updated: again.updated, conflicts: again.conflicts.length }).toEqual({ added: [], updated: [], conflicts: 1 });
  });

  it('answers the parsed meeting with ?include=meeting, and a dry run changes nothing', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, tdocList(ORIGINAL));
    const newer = tdocList([...ORIGINAL, ['S2-2400077', 'New']]);
    const res = await post(ts, m.id, JSON.stringify(newer), { token: m.tokens.secretary, query: '?dryRun=1&include=meeting' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as MergeSummary & { meeting: MeetingJson };
    expect(body.added.map((a) => a.label)).toEqual(['S2-2400077']);
    expect(body.meeting.contributions.map((c) => c.number)).toEqual(newer.contributions.map((c) => c.number));
    const exported = (await (await fetch(`${ts.url}/api/meetings/${m.id}/export.json?token=${m.tokens.screen}`)).json()) as MeetingJson;
    expect(exported.contributions).toHaveLength(3);
  });

  it('takes a real file format (a text agenda) into a meeting made from JSON', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, tdocList(ORIGINAL));
    const agenda = ['SA WG2 #160', '', '5.1 Study on X', '7 Closing of the meeting', ''].join('\n');
    const res = await post(ts, m.id, agenda, { token: m.tokens.secretary, type: 'text/plain' });
    expect(res.status).toBe(200);
    const s = (await res.json()) as MergeSummary;
    expect(s.added.filter((a) => a.kind === 'agendaItem').map((a) => a.label)).toContain('7');
    expect(s.added.some((a) => a.kind === 'agendaItem' && a.label === '5.1')).toBe(false);
  });

  it('is for the admin, the chair and the secretary; bad uploads get the errors creation gives', async () => {
    const ts = await startTestServer({ maxPayload: 64 * 1024 });
    const m = await createMeeting(ts, tdocList(ORIGINAL));
    const body = JSON.stringify(tdocList(ORIGINAL));
    await errorOf(await post(ts, m.id, body), 401);
    expect(await errorOf(await post(ts, m.id, body, { token: m.tokens.delegate }), 403)).toMatch(/delegate/);
    await errorOf(await post(ts, m.id, body, { token: m.tokens.screen }), 403);
    await errorOf(await post(ts, m.id, body, { token: 'not-a-token' }), 403);
    await errorOf(await post(ts, 'no-such-meeting', body, { token: ts.adminToken }), 404);
    for (const token of [ts.adminToken, m.tokens.chair, m.tokens.secretary]) expect((await post(ts, m.id, body, { token })).status).toBe(200);
    expect((await post(ts, m.id, body, { query: `?token=${m.tokens.secretary}` })).status).toBe(200);
    await errorOf(await post(ts, m.id, '', { token: ts.adminToken }), 400);
    await errorOf(await post(ts, m.id, '{nope', { token: ts.adminToken }), 422);
    await errorOf(await post(ts, m.id, new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]), { token: ts.adminToken, type: 'application/octet-stream' }), 415);
    await errorOf(await post(ts, m.id, new Uint8Array(100 * 1024).fill(65), { token: ts.adminToken, type: 'text/plain' }), 413);
    await errorOf(await post(ts, m.id, body, { token: ts.adminToken, query: '?include=everything' }), 400);
    await errorOf(await fetch(`${ts.url}/api/meetings/${m.id}/import`, { headers: { authorization: `Bearer ${ts.adminToken}` } }), 405);
  });
});
