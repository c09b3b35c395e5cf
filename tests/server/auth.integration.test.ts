import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { waitFor } from '../helpers/waitFor.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';

describe('who may connect', () => {
  it('refuses a missing, wrong or other-meeting token with 4401 and an unknown meeting with 4404, sending no data', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const other = await createMeeting(ts);
    const cases = [
      { token: undefined, meeting: m.id, code: CloseCode.Unauthorized, reason: CloseReason.MissingToken },
      { token: 'not-a-token', meeting: m.id, code: CloseCode.Unauthorized, reason: CloseReason.WrongToken },
      { token: other.tokens.chair, meeting: m.id, code: CloseCode.Unauthorized, reason: CloseReason.WrongToken },
      { token: m.tokens.chair, meeting: 'no-such-meeting', code: CloseCode.UnknownMeeting, reason: CloseReason.UnknownMeeting },
      { token: m.tokens.chair, meeting: '..%2F..%2Fetc', code: CloseCode.UnknownMeeting, reason: CloseReason.UnknownMeeting },
    ];
    for (const c of cases) {
      const client = connectClient(ts.syncUrl, c.meeting, c.token);
      let messages = 0;
      client.provider.on('status', () => client.provider.ws?.addEventListener('message', () => messages++));
      const closed = await client.nextClose();
      expect(closed).toEqual({ code: c.code, reason: c.reason });
      // A 44xx close stops the provider: it does not retry.
      expect(client.provider.shouldConnect).toBe(false);
      expect(client.provider.synced).toBe(false);
      expect(messages).toBe(0);
      expect(client.doc.share.size === 0 || readMeeting(client.doc).contributions.length === 0).toBe(true);
    }
  });

  it('closes every connection holding the old tokens on rotation with 4401 "revoked", and the new tokens work', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), delegate.synced()]);

    const res = await fetch(`${ts.url}/api/meetings/${m.id}/tokens/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ts.adminToken}` },
    });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as { tokens: Record<string, string>; links: Record<string, string> };
    expect(rotated.tokens.chair).not.toBe(m.tokens.chair);
    expect(rotated.links.delegate).toContain(`/m/${m.id}/delegate-follow?token=`);

    expect(await chair.nextClose()).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.Revoked });
    expect(await delegate.nextClose()).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.Revoked });

    // An old link opened again is told it was revoked.
    const stale = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    expect(await stale.nextClose()).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.Revoked });

    const fresh = connectClient(ts.syncUrl, m.id, rotated.tokens.chair);
    await fresh.synced();
    const row = readMeeting(fresh.doc).contributions[0];
    setContributionStatus(fresh.doc, row.id, 'agreed', { by: 'chair' });
    const follower = connectClient(ts.syncUrl, m.id, rotated.tokens.delegate);
    await follower.synced();
    await waitFor(() => readMeeting(follower.doc).contributions[0].status === 'agreed');
  });

  it('answers the export with any token of the meeting and refuses others', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const other = await createMeeting(ts);
    const ok = await fetch(`${ts.url}/api/meetings/${m.id}/export.json?token=${m.tokens.screen}`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { contributions: unknown[] }).contributions).toHaveLength(3);
    const bearer = await fetch(`${ts.url}/api/meetings/${m.id}/export.json`, { headers: { authorization: `Bearer ${m.tokens.delegate}` } });
    expect(bearer.status).toBe(200);
    for (const fmt of ['md', 'docx', 'xlsx', 'csv', 'ics']) {
      const res = await fetch(`${ts.url}/api/meetings/${m.id}/export.${fmt}?token=${m.tokens.delegate}`);
      expect(res.status, fmt).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${m.id}.${fmt}"`);
      expect((await res.arrayBuffer()).byteLength, fmt).toBeGreaterThan(0);
    }
    for (const [url, status] of [
      [`${ts.url}/api/meetings/${m.id}/export.json`, 401],
      [`${ts.url}/api/meetings/${m.id}/export.json?token=${other.tokens.chair}`, 403],
      [`${ts.url}/api/meetings/${m.id}/export.json?token=x`, 403],
      [`${ts.url}/api/meetings/nope-nope/export.json?token=${m.tokens.chair}`, 404],
      [`${ts.url}/api/meetings/${m.id}/export.pdf?token=${m.tokens.chair}`, 400],
    ] as const) {
      const res = await fetch(url);
      expect(res.status, url).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(/\w/);
    }
  });
});
