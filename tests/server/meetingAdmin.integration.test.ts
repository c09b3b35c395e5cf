import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, sampleMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { waitFor } from '../helpers/waitFor.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { addContribution } from '../../shared/document/contributionOps.js';

const api = (ts: TestServer, path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${ts.url}${path}`, {
    ...init,
    headers: { ...(init.token !== undefined ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers as Record<string, string>) },
  });

async function errorOf(res: Response, status: number): Promise<string> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return ((await res.json()) as { error: string }).error;
}

interface Listed {
  id: string;
  title: string;
  body: string;
  venue: string;
  tdocCount: number;
  updatedAt: string;
  connected: Record<string, number>;
  archived: boolean;
}

async function listed(ts: TestServer, id: string): Promise<Listed | undefined> {
  const res = await api(ts, '/api/meetings', { token: ts.adminToken });
  expect(res.status).toBe(200);
  return ((await res.json()) as Listed[]).find((m) => m.id === id);
}

describe('the meeting role route', () => {
  it('tells each token its role, by bearer or ?token=, and refuses others as JSON', async () => {
    const ts = await startTestServer();
    const meeting = sampleMeeting(2, 'Role meeting');
    const m = await createMeeting(ts, meeting);
    const other = await createMeeting(ts);
    for (const role of ['chair', 'secretary', 'delegate', 'screen'] as const) {
      const byQuery = await api(ts, `/api/meetings/${m.id}/role?token=${encodeURIComponent(m.tokens[role])}`);
      expect(byQuery.status).toBe(200);
      expect(await byQuery.json()).toEqual({ role, meetingId: m.id, title: 'Role meeting' });
      const byBearer = await api(ts, `/api/meetings/${m.id}/role`, { token: m.tokens[role] });
      expect(((await byBearer.json()) as { role: string }).role).toBe(role);
    }
    await errorOf(await api(ts, `/api/meetings/${m.id}/role`), 401);
    await errorOf(await api(ts, `/api/meetings/${m.id}/role?token=nope`), 401);
    await errorOf(await api(ts, `/api/meetings/${m.id}/role`, { token: other.tokens.chair }), 401);
    await errorOf(await api(ts, `/api/meetings/no-such-meeting/role?token=x`), 404);
    await errorOf(await api(ts, `/api/meetings/${m.id}/role?token=${m.tokens.chair}`, { method: 'POST' }), 405);
  });

  it('gives the live title once an editor changed it', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(1, 'Before'));
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    setMeta(chair.doc, { title: 'After' });
    await waitFor(async () => ((await (await api(ts, `/api/meetings/${m.id}/role?token=${m.tokens.screen}`)).json()) as { title: string }).title === 'After');
  });
});

describe('the admin listing', () => {
  it('gives body, venue, Tdoc count, last change, live connections per role and the archive flag', async () => {
    const ts = await startTestServer();
    const meeting = sampleMeeting(3, 'Listed');
    meeting.meta.body = 'oneM2M';
    meeting.meta.venue = 'Seoul';
    const m = await createMeeting(ts, meeting);
    const first = (await listed(ts, m.id))!;
    expect(first).toMatchObject({ title: 'Listed', body: 'oneM2M', venue: 'Seoul', tdocCount: 3, archived: false });
    expect(first.connected).toEqual({ chair: 0, secretary: 0, delegate: 0, screen: 0 });
    expect(Number.isNaN(Date.parse(first.updatedAt))).toBe(false);

    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const d1 = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    const d2 = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), d1.synced(), d2.synced()]);
    expect((await listed(ts, m.id))!.connected).toEqual({ chair: 1, secretary: 0, delegate: 2, screen: 0 });

    const item = readMeeting(chair.doc).agenda[0].id;
    addContribution(chair.doc, { number: 'SEC-2026-0100', title: 'New', agendaItemId: item });
    setMeta(chair.doc, { venue: 'Busan' });
    await waitFor(async () => (await listed(ts, m.id))!.tdocCount === 4);
    const live = (await listed(ts, m.id))!;
    expect(live.venue).toBe('Busan');
    expect(live.updatedAt > first.updatedAt).toBe(true);

    // After the meeting unloads, the record holds the same.
    for (const c of [chair, d1, d2]) c.destroy();
    await waitFor(() => !ts.server.rooms.get(m.id), { what: 'the unload' });
    const unloaded = (await listed(ts, m.id))!;
    expect(unloaded).toMatchObject({ tdocCount: 4, venue: 'Busan', updatedAt: live.updatedAt });
    expect(unloaded.connected).toEqual({ chair: 0, secretary: 0, delegate: 0, screen: 0 });
  });

  it('archives and unarchives a meeting, and refuses a bad body', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const post = (body: string, token = ts.adminToken) => api(ts, `/api/meetings/${m.id}/archive`, { method: 'POST', token, body, headers: { 'content-type': 'application/json' } });
    const res = await post('{"archived":true}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: m.id, archived: true });
    expect((await listed(ts, m.id))!.archived).toBe(true);
    expect((await post('{"archived":false}')).status).toBe(200);
    expect((await listed(ts, m.id))!.archived).toBe(false);
    await errorOf(await post('{"archived":"yes"}'), 400);
    await errorOf(await post(''), 400);
    await errorOf(await post('{nope'), 400);
    await errorOf(await post('{"archived":true}', m.tokens.chair), 403);
    await errorOf(await api(ts, '/api/meetings/no-such-one/archive', { method: 'POST', token: ts.adminToken, body: '{"archived":true}' }), 404);
  });

  it('gives back the links and tokens already handed out, to the admin only', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const res = await api(ts, `/api/meetings/${m.id}/links`, { token: ts.adminToken });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: m.id, links: m.links, tokens: m.tokens });
    await errorOf(await api(ts, `/api/meetings/${m.id}/links`, { token: m.tokens.chair }), 403);
    await errorOf(await api(ts, `/api/meetings/${m.id}/links`), 401);
    await errorOf(await api(ts, `/api/meetings/no-such-one/links`, { token: ts.adminToken }), 404);
  });
});

describe('rotating the links of some roles', () => {
  it('G-LIFE-2 rotates only the delegate link: its holders get 4401, the chair, secretary and screen stay connected', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const clients = {
      chair: connectClient(ts.syncUrl, m.id, m.tokens.chair),
      secretary: connectClient(ts.syncUrl, m.id, m.tokens.secretary),
      delegate: connectClient(ts.syncUrl, m.id, m.tokens.delegate),
      screen: connectClient(ts.syncUrl, m.id, m.tokens.screen),
    };
    await Promise.all(Object.values(clients).map((c) => c.synced()));
    const res = await api(ts, `/api/meetings/${m.id}/tokens/rotate`, {
      method: 'POST',
      token: ts.adminToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roles: ['delegate'] }),
    });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as { id: string; tokens: Record<string, string>; links: Record<string, string> };
    expect(rotated.tokens.delegate).not.toBe(m.tokens.delegate);
    for (const role of ['chair', 'secretary', 'screen'] as const) expect(rotated.tokens[role]).toBe(m.tokens[role]);
    expect(rotated.links.screen).toContain(encodeURIComponent(rotated.links.delegate));

    expect(await clients.delegate.nextClose()).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.Revoked });
    // The others are still there: an edit of the chair reaches the secretary and the screen.
    setMeta(clients.chair.doc, { title: 'Still connected' });
    await waitFor(() => readMeeting(clients.screen.doc).meta.title === 'Still connected' && readMeeting(clients.secretary.doc).meta.title === 'Still connected');
    for (const role of ['chair', 'secretary', 'screen'] as const) expect(clients[role].closes, role).toEqual([]);
    expect((await listed(ts, m.id))!.connected).toMatchObject({ chair: 1, secretary: 1, delegate: 0, screen: 1 });

    const stale = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    expect(await stale.nextClose()).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.Revoked });
    const fresh = connectClient(ts.syncUrl, m.id, rotated.tokens.delegate);
    await fresh.synced();
    expect(readMeeting(fresh.doc).meta.title).toBe('Still connected');
  });

  it('rotates every role without a body, and refuses unknown roles and bad bodies with 400', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const rotate = (body?: string) =>
      api(ts, `/api/meetings/${m.id}/tokens/rotate`, { method: 'POST', token: ts.adminToken, ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }) });
    expect(await errorOf(await rotate('{"roles":["delegate","janitor"]}'), 400)).toMatch(/janitor/);
    await errorOf(await rotate('{"roles":[]}'), 400);
    await errorOf(await rotate('{"roles":"delegate"}'), 400);
    await errorOf(await rotate('[1]'), 400);
    await errorOf(await rotate('{bad'), 400);
    // Nothing was rotated by the refused calls.
    const links = (await (await api(ts, `/api/meetings/${m.id}/links`, { token: ts.adminToken })).json()) as { tokens: Record<string, string> };
    expect(links.tokens).toEqual(m.tokens);
    const res = await rotate();
    expect(res.status).toBe(200);
    const all = (await res.json()) as { tokens: Record<string, string> };
    for (const role of ['chair', 'secretary', 'delegate', 'screen'] as const) expect(all.tokens[role]).not.toBe(m.tokens[role]);
  });
});

describe('deleting a meeting', () => {
  it('G-LIFE-1 answers 204, closes its sockets with 4404, and its links, exports and rows are gone', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const kept = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    const other = connectClient(ts.syncUrl, kept.id, kept.tokens.delegate);
    await Promise.all([chair.synced(), delegate.synced(), other.synced()]);
    setMeta(chair.doc, { title: 'Edited before the delete' });
    await waitFor(() => readMeeting(delegate.doc).meta.title === 'Edited before the delete');

    await errorOf(await api(ts, `/api/meetings/${m.id}`, { method: 'DELETE', token: m.tokens.chair }), 403);
    const res = await api(ts, `/api/meetings/${m.id}`, { method: 'DELETE', token: ts.adminToken });
    expect(res.status).toBe(204);
    expect(await chair.nextClose()).toEqual({ code: CloseCode.UnknownMeeting, reason: CloseReason.UnknownMeeting });
    expect(await delegate.nextClose()).toEqual({ code: CloseCode.UnknownMeeting, reason: CloseReason.UnknownMeeting });

    const again = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    expect(await again.nextClose()).toEqual({ code: CloseCode.UnknownMeeting, reason: CloseReason.UnknownMeeting });
    await errorOf(await api(ts, `/api/meetings/${m.id}/export.json?token=${m.tokens.delegate}`), 404);
    await errorOf(await api(ts, `/api/meetings/${m.id}/role?token=${m.tokens.delegate}`), 404);
    await errorOf(await api(ts, `/api/meetings/${m.id}`, { method: 'DELETE', token: ts.adminToken }), 404);
    expect(await listed(ts, m.id)).toBeUndefined();
    expect(ts.server.rooms.get(m.id)).toBeUndefined();

    // The other meeting is untouched, and after a restart the deleted one's rows are gone too.
    expect(other.closes).toEqual([]);
    other.destroy();
    await ts.stop();
    const ts2 = await ts.restart();
    expect(await listed(ts2, kept.id)).toBeDefined();
    expect(await listed(ts2, m.id)).toBeUndefined();
    const { openDatabase } = await import('../../server/persistence/openDatabase.js');
    const db = openDatabase(ts.dataDir);
    try {
      const n = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM updates WHERE meeting_id = ?').get(m.id)!.n;
      expect(n).toBe(0);
      expect(db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM updates WHERE meeting_id = ?').get(kept.id)!.n).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
