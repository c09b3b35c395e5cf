/**
 * Positions and e-mail approval rounds through the HTTP API of a real server (SQLite), with the server's
 * own clock evaluating deadlines, also across a restart.
 */
import { describe, expect, it } from 'vitest';
import { createMeeting, sampleMeeting, startTestServer, type CreatedTestMeeting, type TestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { readPositions } from '../../shared/positions/positionLedger.js';

async function call(ts: TestServer, m: CreatedTestMeeting, token: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${ts.url}/api/meetings/${m.id}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('positions over HTTP', () => {
  it('G-POS-1: the secretary records organisations\' positions; the latest per organisation counts, shown to every client and kept', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(3));
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await delegate.synced();
    const sec = m.tokens.secretary;
    expect((await call(ts, m, sec, '/positions', { tdoc: 'SEC-2026-0001', stance: 'support', organisation: 'Ericsson' })).status).toBe(200);
    const second = await call(ts, m, m.tokens.chair, '/positions', { tdoc: 'sec-2026-0001', stance: 'object', comment: 'needs study', organisation: 'ericsson' });
    expect(second.status).toBe(200);
    expect(typeof second.json.id).toBe('string');
    await call(ts, m, sec, '/positions', { tdoc: 'SEC-2026-0001', stance: 'concern', organisation: 'Nokia' });
    await waitFor(() => readPositions(delegate.doc).length === 2, { what: 'the follower to get both positions' });
    expect(readPositions(delegate.doc).map((p) => [p.organisation, p.stance, p.comment, p.by, p.onBehalf])).toEqual([
      ['ericsson', 'object', 'needs study', 'Chair', true],
      ['Nokia', 'concern', '', 'Secretary', true],
    ]);
    const list = await call(ts, m, m.tokens.delegate, '/positions?tdoc=SEC-2026-0001');
    expect(list.json.map((p: any) => `${p.organisation}:${p.stance}`)).toEqual(['ericsson:object', 'Nokia:concern']);
    // The record names the editor's role for the write.
    const history = await call(ts, m, m.tokens.chair, '/history?limit=5');
    expect(history.json.entries.some((e: any) => e.role === 'chair' && e.name === 'Chair')).toBe(true);
    await ts.stop();
    const again = await ts.restart();
    const after = await call(again, m, m.tokens.screen, '/positions');
    expect(after.json).toHaveLength(2);
  });

  it('G-POS-2: the shared delegate link, the screen, bad stances, unknown Tdocs and junk are refused with a JSON error and change nothing', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(2));
    const shared = await call(ts, m, m.tokens.delegate, '/positions', { tdoc: 'SEC-2026-0001', stance: 'support', organisation: 'Ericsson' });
    expect(shared.status).toBe(403);
    expect(shared.json.error).toMatch(/shared delegate link cannot state positions/);
    expect((await call(ts, m, m.tokens.screen, '/positions', { tdoc: 'SEC-2026-0001', stance: 'support' })).status).toBe(403);
    const sec = m.tokens.secretary;
    expect((await call(ts, m, sec, '/positions', { tdoc: 'SEC-2026-0001', stance: 'maybe', organisation: 'X' })).status).toBe(400);
    expect((await call(ts, m, sec, '/positions', { tdoc: 'SEC-2026-0001', stance: 'support' })).json.error).toMatch(/organisation/);
    expect((await call(ts, m, sec, '/positions', { tdoc: 'NOPE-1', stance: 'support', organisation: 'X' })).status).toBe(400);
    expect((await call(ts, m, sec, '/positions', '{not json')).status).toBe(400);
    expect((await call(ts, m, sec, '/positions', { tdoc: 'SEC-2026-0001', stance: 'support', organisation: 'X'.repeat(81) })).status).toBe(400);
    expect((await call(ts, m, 'wrong-token', '/positions', { tdoc: 'SEC-2026-0001', stance: 'support' })).status).toBe(403);
    expect((await call(ts, m, sec, '/positions')).json).toEqual([]);
  });
});

describe('e-mail approval rounds over HTTP', () => {
  it('G-ROUND-1: a deadline in the past, an unknown or withdrawn Tdoc, a delegate\'s request: a clear 4xx and nothing stored', async () => {
    const ts = await startTestServer();
    const meeting = sampleMeeting(3);
    meeting.contributions[2].status = 'withdrawn';
    const m = await createMeeting(ts, meeting);
    const chair = m.tokens.chair;
    const past = await call(ts, m, chair, '/approvals', { tdocs: ['SEC-2026-0001'], deadline: soon(-60_000) });
    expect(past.status).toBe(400);
    expect(past.json.error).toMatch(/in the past/);
    expect((await call(ts, m, chair, '/approvals', { tdocs: ['SEC-2026-0001', 'SEC-2099-0001'], deadline: soon(60_000) })).json.error).toMatch(/no Tdoc SEC-2099-0001/);
    expect((await call(ts, m, chair, '/approvals', { tdocs: ['SEC-2026-0003'], deadline: soon(60_000) })).json.error).toMatch(/withdrawn/);
    expect((await call(ts, m, chair, '/approvals', { tdocs: ['SEC-2026-0001'], deadline: 'Friday noon' })).status).toBe(400);
    expect((await call(ts, m, m.tokens.delegate, '/approvals', { tdocs: ['SEC-2026-0001'], deadline: soon(60_000) })).status).toBe(403);
    expect((await call(ts, m, chair, '/approvals')).json).toEqual([]);
    const ok = await call(ts, m, chair, '/approvals', { tdocs: ['SEC-2026-0001'], deadline: soon(600_000) });
    expect(ok.status).toBe(201);
    const twice = await call(ts, m, chair, '/approvals', { tdocs: ['SEC-2026-0001'], deadline: soon(600_000) });
    expect(twice.status).toBe(409);
    const rounds = await call(ts, m, m.tokens.delegate, '/approvals');
    expect(rounds.json).toEqual([expect.objectContaining({ id: ok.json.id, tdocs: ['SEC-2026-0001'], state: 'open', objections: [], ready: false })]);
    expect(rounds.json[0].deadline).toMatch(/Z$/);
  });

  it('G-ROUND-2: an objection moves the round, a revision continues it, the server finds it ready at the deadline and the chair approves with one action', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(2));
    const editor = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await editor.synced();
    const chair = m.tokens.chair;
    const { json } = await call(ts, m, chair, '/approvals', { tdocs: ['SEC-2026-0001'], deadline: soon(2500) });
    await call(ts, m, m.tokens.secretary, '/positions', { tdoc: 'SEC-2026-0001', stance: 'object', organisation: 'Apple', comment: 'typo in 5.2' });
    expect((await call(ts, m, chair, '/approvals')).json[0]).toMatchObject({ state: 'objection', objections: ['Apple'] });
    // The author revises on the board: the round continues on the revision.
    const { reviseContribution } = await import('../../shared/document/contributionOps.js');
    const original = readMeeting(editor.doc).contributions.find((c) => c.number === 'SEC-2026-0001')!;
    editor.doc.transact(() => reviseContribution(editor.doc, original.id, { by: 'Secretary' }));
    await waitFor(async () => (await call(ts, m, chair, '/approvals')).json[0].state === 'revised', { what: 'the round to continue on the revision' });
    expect((await call(ts, m, chair, '/approvals')).json[0].tdocs).toEqual(['SEC-2026-0001R01']);
    const ready = await waitFor(async () => ((await call(ts, m, chair, '/approvals')).json[0].ready ? (await call(ts, m, chair, '/approvals')).json[0] : null), { what: 'the server to find the round ready' });
    expect(ready).toMatchObject({ state: 'revised', ready: true, objections: [] });
    const approved = await call(ts, m, chair, `/approvals/${json.id}`, { action: 'approve' });
    expect(approved.json).toMatchObject({ state: 'approved', ready: false, decidedBy: 'Chair' });
    await waitFor(() => readMeeting(editor.doc).contributions.find((c) => c.number === 'SEC-2026-0001R01')?.status === 'approved', { what: 'the revision to be approved' });
    expect((await call(ts, m, chair, `/approvals/${json.id}`, { action: 'to-call' })).status).toBe(409);
    expect((await call(ts, m, chair, `/approvals/${json.id}`, { action: 'dance' })).status).toBe(400);
  });

  it('G-ROUND-3: a deadline that passes while the server is down is evaluated when it starts again, once, recorded as the server at the deadline', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(2));
    const deadline = soon(1500);
    const { json } = await call(ts, m, m.tokens.chair, '/approvals', { tdocs: ['SEC-2026-0002'], deadline, autoApprove: true });
    await ts.stop();
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(deadline) - Date.now() + 200)));
    const again = await ts.restart();
    const round = await waitFor(async () => {
      const r = (await call(again, m, m.tokens.chair, '/approvals')).json[0];
      return r.state === 'approved' ? r : null;
    }, { what: 'the round to be approved after the restart' });
    expect(round).toMatchObject({ id: json.id, auto: true, decidedAt: new Date(Date.parse(deadline)).toISOString() });
    const follower = connectClient(again.syncUrl, m.id, m.tokens.delegate);
    await follower.synced();
    const c = readMeeting(follower.doc).contributions.find((x) => x.number === 'SEC-2026-0002')!;
    expect(c.history.filter((h) => h.status === 'approved')).toEqual([{ status: 'approved', at: new Date(Date.parse(deadline)).toISOString(), by: 'Server: e-mail approval deadline' }]);
    const history = await call(again, m, m.tokens.chair, '/history?by=server');
    expect(history.json.entries.some((e: any) => e.name === 'e-mail approval deadline')).toBe(true);
  });
});

describe('editors and HTTP requests at once', () => {
  it('G-POS-7: two editors\' boards and HTTP requests state positions and open rounds at the same moment; everyone ends with the same ledger, one position per organisation per Tdoc', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(6));
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const secretary = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await Promise.all([chair.synced(), secretary.synced()]);
    const { statePosition } = await import('../../shared/positions/positionLedger.js');
    const { openRound, viewRounds } = await import('../../shared/positions/approvalRounds.js');
    const ids = readMeeting(chair.doc).contributions.map((c) => c.id);
    const orgs = ['Ericsson', 'Nokia', 'Huawei', 'Apple'];
    const requests: Promise<unknown>[] = [];
    for (let i = 0; i < 24; i++) {
      const doc = i % 2 ? chair.doc : secretary.doc;
      const at = new Date().toISOString();
      doc.transact(() => statePosition(doc, { contributionId: ids[i % 6], organisation: orgs[i % 4], stance: i % 3 ? 'support' : 'object', by: i % 2 ? 'Chair' : 'Secretary', at, onBehalf: true }));
      requests.push(call(ts, m, m.tokens.secretary, '/positions', { tdoc: `SEC-2026-000${(i % 6) + 1}`, stance: 'concern', organisation: orgs[(i + 1) % 4] }));
    }
    chair.doc.transact(() => openRound(chair.doc, { tdocs: [ids[0]], deadline: soon(600_000), by: 'Chair', nowMs: Date.now() }));
    requests.push(call(ts, m, m.tokens.chair, '/approvals', { tdocs: ['SEC-2026-0002'], deadline: soon(600_000) }));
    const answers = (await Promise.all(requests)) as { status: number }[];
    expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    const reader = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await reader.synced();
    const read = (doc: import('yjs').Doc) => JSON.stringify({ p: readPositions(doc), r: viewRounds(doc) });
    await waitFor(() => read(chair.doc) === read(secretary.doc) && read(secretary.doc) === read(reader.doc) && viewRounds(reader.doc).length === 2, { what: 'every replica to hold the same ledger' });
    const keys = readPositions(reader.doc).map((p) => `${p.contributionId}/${p.organisation.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeLessThanOrEqual(24);
  });
});
