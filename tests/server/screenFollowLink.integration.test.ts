/**
 * The room screens' follow link after the delegate link is replaced (issue 25): a real server on port 0,
 * real WebsocketProviders with the screen's, the delegates' and the chair's tokens. The screens hear the
 * new link on their own socket (shared/followLinkMessage.ts) and stay connected; nobody else hears it; the
 * follow-link route answers the link as it is now, to the screen, the editors and the admin only.
 */
import { describe, expect, it } from 'vitest';
import { listenForFollowLinks } from '../helpers/followLinkListener.js';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, sampleMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { waitFor } from '../helpers/waitFor.js';

const listen = listenForFollowLinks;

async function rotate(ts: TestServer, id: string, roles: string[]): Promise<{ links: Record<string, string> }> {
  const res = await fetch(`${ts.url}/api/meetings/${id}/tokens/rotate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ roles }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { links: Record<string, string> };
}

async function followLink(ts: TestServer, id: string, token: string | undefined): Promise<{ status: number; body: { link?: string; error?: string } }> {
  const res = await fetch(`${ts.url}/api/meetings/${id}/follow-link`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { link?: string; error?: string } };
}

describe('the room screens learn a replaced delegate link', () => {
  it('G-LINK-1: after the delegate link is replaced, every open screen hears the new link on its socket and stays connected; delegates are closed, editors hear nothing', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(3));
    const screens = [connectClient(ts.syncUrl, m.id, m.tokens.screen), connectClient(ts.syncUrl, m.id, m.tokens.screen)];
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    const heard = screens.map(listen);
    const chairHeard = listen(chair);
    const delegateHeard = listen(delegate);
    await Promise.all([...screens, chair, delegate].map((c) => c.synced()));

    expect((await followLink(ts, m.id, m.tokens.screen)).body.link).toBe(m.links.delegate);

    // A rotation that leaves the delegate link alone tells nobody anything.
    await rotate(ts, m.id, ['chair']);
    expect((await chair.nextClose()).code).toBe(4401);
    const rotated = await rotate(ts, m.id, ['delegate']);
    expect(rotated.links.delegate).not.toBe(m.links.delegate);
    await waitFor(() => heard.every((h) => h.length === 1), { what: 'both screens to hear the new link' });
    // The chair's rotation came first on the same sockets: it sent nothing, or it would be heard[0].
    for (const h of heard) expect(h).toEqual([rotated.links.delegate]);
    expect((await delegate.nextClose()).code).toBe(4401);
    expect(delegateHeard).toEqual([]);
    expect(chairHeard).toEqual([]);
    for (const s of screens) {
      expect(s.closes).toEqual([]);
      expect(s.provider.wsconnected).toBe(true);
    }
    // The route answers the same, so a screen that reconnects or reloads shows it too.
    expect((await followLink(ts, m.id, m.tokens.screen)).body.link).toBe(rotated.links.delegate);
    // And the link works: a phone scanning the new QR code follows; the old link is refused.
    const phone = connectClient(ts.syncUrl, m.id, new URL(rotated.links.delegate).searchParams.get('token')!);
    await phone.synced();
  });

  it('G-LINK-1: screens whose own link is replaced with the delegates\' are closed (4401), not told', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(1));
    const screen = connectClient(ts.syncUrl, m.id, m.tokens.screen);
    const heard = listen(screen);
    await screen.synced();
    const rotated = await rotate(ts, m.id, ['delegate', 'screen']);
    expect((await screen.nextClose()).code).toBe(4401);
    expect(heard).toEqual([]);
    // The new screen link opens, and its route answers the new delegate link.
    const token = new URL(rotated.links.screen).searchParams.get('token')!;
    expect((await followLink(ts, m.id, token)).body.link).toBe(rotated.links.delegate);
    // The new screen link carries the new delegate link for its first paint.
    expect(decodeURIComponent(new URL(rotated.links.screen).searchParams.get('follow')!)).toBe(rotated.links.delegate);
  });

  it('G-LINK-2: the follow-link route answers the screen, the editors and the admin; a delegate gets 403, no token 401, an old screen token 401, an unknown meeting 404', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(1));
    for (const t of [m.tokens.screen, m.tokens.chair, m.tokens.secretary, ts.adminToken]) {
      const r = await followLink(ts, m.id, t);
      expect(r.status).toBe(200);
      expect(r.body.link).toBe(m.links.delegate);
    }
    const d = await followLink(ts, m.id, m.tokens.delegate);
    expect(d.status).toBe(403);
    expect(d.body.error).toMatch(/delegate/);
    expect((await followLink(ts, m.id, undefined)).status).toBe(401);
    expect((await followLink(ts, m.id, 'not-a-token')).status).toBe(403);
    await rotate(ts, m.id, ['screen']);
    const old = await followLink(ts, m.id, m.tokens.screen);
    expect(old.status).toBe(401);
    expect(old.body.error).toMatch(/revoked/);
    expect((await followLink(ts, 'no-such-meeting', ts.adminToken)).status).toBe(404);
  });
});
