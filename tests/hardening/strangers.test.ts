/**
 * Strangers and escalation: read-only roles trying every message type, tokens that are missing, wrong,
 * rotated or of another meeting, throttling of failed attempts per address, foreign page origins,
 * meeting ids that try path tricks, tokens kept out of logs, and security headers on every answer.
 */
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { presenceFrame, syncFrame } from '../helpers/syncFrames.js';
import { waitFor } from '../helpers/waitFor.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';
import { AuthThrottle } from '../../server/access/AuthThrottle.js';
import { RawSyncSocket } from '../helpers/rawSyncSocket.js';

/** Opens a raw socket and collects everything until it closes (or `settleMs` of quiet for open ones). */
async function attempt(url: string, opts: WebSocket.ClientOptions = {}) {
  const ws = new WebSocket(url, opts);
  const messages: Buffer[] = [];
  ws.on('message', (d: Buffer) => messages.push(d));
  ws.on('error', () => undefined);
  let httpStatus: number | undefined;
  const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('unexpected-response', (_req, res) => {
      httpStatus = res.statusCode;
      resolve({ code: 0, reason: `HTTP ${res.statusCode}` });
      ws.terminate();
    });
    ws.on('close', (code, r) => resolve({ code, reason: r.toString() }));
  });
  return { ...closed, messages, httpStatus };
}

const sync = (ts: TestServer, id: string, token?: string) => `${ts.syncUrl}/${id}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

describe('strangers and escalation', () => {
  it('G-ROLE-1 G-ROLE-2: chair and secretary write; delegate and screen read and show presence, and no document change they send in any message type reaches the store or anyone', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const secretary = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await Promise.all([chair.synced(), secretary.synced()]);
    const rows = readMeeting(chair.doc).contributions;
    setContributionStatus(secretary.doc, rows[0].id, 'agreed', { by: 'secretary' });
    await waitFor(() => readMeeting(chair.doc).contributions[0].status === 'agreed');
    const before = JSON.stringify(readMeeting(chair.doc));

    // A forged edit, as the board would make it, encoded against the server's state.
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(chair.doc));
    const sv = Y.encodeStateVector(forger);
    updateContribution(forger, rows[1].id, { title: 'FORGED' });
    setContributionStatus(forger, rows[2].id, 'withdrawn', { by: 'nobody' });
    const forged = Y.encodeStateAsUpdate(forger, sv);

    for (const role of ['delegate', 'screen'] as const) {
      const raw = await RawSyncSocket.open(sync(ts, m.id, m.tokens[role]));
      const presence: Buffer[] = [];
      raw.ws.on('message', (d: Buffer) => d[0] === 1 && presence.push(d));
      // Every message type; none of these closes the connection.
      for (const f of [
        syncFrame(2, forged), // update
        syncFrame(1, forged), // sync step 2
        syncFrame(0, Y.encodeStateVector(new Y.Doc())), // step 1: answered, reading is allowed
        presenceFrame(chair.doc.clientID, 999, { user: { name: 'Impostor' } }), // someone else's presence
        presenceFrame(123_456 + role.length, 1, { user: { name: `A ${role}` } }), // its own
        Uint8Array.from([3]), // query awareness
        Uint8Array.from([2, 0]), // auth
        Uint8Array.from([9, 1, 2]), // unknown type
      ]) {
        expect(await raw.sendAndSettle(f), `${role} ${f[0]}/${f[1]}`).toBeUndefined();
      }
      // Its own presence reaches the chair; the impostor never does.
      await waitFor(() => chair.provider.awareness.getStates().get(123_456 + role.length)?.user?.name === `A ${role}`);
      expect(chair.provider.awareness.getStates().get(chair.doc.clientID)?.user?.name).not.toBe('Impostor');
      raw.close();

      // Through a real provider too: its local edits stay local.
      const reader = connectClient(ts.syncUrl, m.id, m.tokens[role]);
      await reader.synced();
      updateContribution(reader.doc, rows[1].id, { title: `from ${role}` });
      // A later real edit arrives everywhere, and the reader's never does.
      setContributionStatus(chair.doc, rows[3 % rows.length].id, 'noted', { by: 'chair' });
      await waitFor(() => readMeeting(secretary.doc).contributions.find((c) => c.id === rows[3 % rows.length].id)?.status === 'noted');
      expect(readMeeting(secretary.doc).contributions[1].title).toBe(rows[1].title);
      reader.destroy();
    }
    const room = ts.server.rooms.get(m.id)!;
    const now = readMeeting(room.doc);
    expect(now.contributions[1].title).toBe(rows[1].title);
    expect(now.contributions[2].status).toBe(JSON.parse(before).contributions[2].status);
    expect(chair.closes).toEqual([]);
  });

  it('G-AUTH-1: a missing, wrong, rotated or other-meeting token gets no document data and a 4401 close with a readable reason; an unknown meeting 4404', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const other = await createMeeting(ts);
    const old = { ...m.tokens };
    const res = await fetch(`${ts.url}/api/meetings/${m.id}/tokens/rotate`, { method: 'POST', headers: { authorization: `Bearer ${ts.adminToken}` } });
    expect(res.status).toBe(200);
    const cases: [string, string, number, string][] = [
      [sync(ts, m.id), 'missing', CloseCode.Unauthorized, CloseReason.MissingToken],
      [sync(ts, m.id, ''), 'empty', CloseCode.Unauthorized, CloseReason.MissingToken],
      [sync(ts, m.id, 'x'.repeat(43)), 'wrong', CloseCode.Unauthorized, CloseReason.WrongToken],
      [sync(ts, m.id, old.chair), 'rotated', CloseCode.Unauthorized, CloseReason.Revoked],
      [sync(ts, m.id, other.tokens.chair), 'other meeting', CloseCode.Unauthorized, CloseReason.WrongToken],
      [sync(ts, 'no-such-meeting', other.tokens.chair), 'unknown meeting', CloseCode.UnknownMeeting, CloseReason.UnknownMeeting],
    ];
    for (const [url, what, code, reason] of cases) {
      const r = await attempt(url);
      expect({ code: r.code, reason: r.reason }, what).toEqual({ code, reason });
      expect(r.messages, what).toEqual([]);
    }
  });

  it('G-AUTH-2: after too many failed token checks an address is refused without checking (sync 4429, API 429) and it is logged; other addresses are not', async () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const ts = await startTestServer({ authFailuresPerMinute: 5, logLevel: 'info' });
      const m = await createMeeting(ts);
      for (let i = 0; i < 3; i++) expect((await attempt(sync(ts, m.id, `wrong-${i}`))).code).toBe(CloseCode.Unauthorized);
      for (let i = 0; i < 2; i++) {
        expect((await fetch(`${ts.url}/api/meetings/${m.id}/export.json?token=wrong-${i}`)).status).toBe(403);
      }
      // Now even the right token is refused, without being checked.
      const refused = await attempt(sync(ts, m.id, m.tokens.chair));
      expect({ code: refused.code, reason: refused.reason }).toEqual({ code: CloseCode.RateLimited, reason: CloseReason.Throttled });
      expect(refused.messages).toEqual([]);
      const api = await fetch(`${ts.url}/api/meetings/${m.id}/export.json?token=${m.tokens.chair}`);
      expect(api.status).toBe(429);
      expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await api.json()) as { error: string }).error).toMatch(/too many failed attempts/);
      // Another address (127.0.0.2 is loopback too) still gets in.
      const elsewhere = new WebSocket(sync(ts, m.id, m.tokens.chair), { localAddress: '127.0.0.2' });
      const greeting = await new Promise<Buffer>((resolve, reject) => {
        elsewhere.once('message', resolve);
        elsewhere.once('close', (code) => reject(new Error(`closed ${code}`)));
      });
      expect(greeting[0]).toBe(0);
      elsewhere.terminate();
      const warnings = writes.filter((w) => w.includes('too many failed token checks'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('127.0.0.1');
    } finally {
      spy.mockRestore();
    }
  });

  it('G-AUTH-2: behind a proxy named in PLENARY_TRUSTED_PROXIES the throttle counts the forwarded client, and from anyone else X-Forwarded-For is ignored', async () => {
    const xff = (forwarded: string) => ({ headers: { 'x-forwarded-for': forwarded } });
    const proxied = await startTestServer({ authFailuresPerMinute: 3, trustedProxies: ['127.0.0.1'] });
    const m = await createMeeting(proxied);
    // A client's own header entry stands left of what the proxy appended: the proxy's entry counts.
    for (let i = 0; i < 3; i++) {
      expect((await attempt(sync(proxied, m.id, `wrong-${i}`), xff(`198.51.100.${i}, 203.0.113.7`))).code).toBe(CloseCode.Unauthorized);
    }
    expect((await attempt(sync(proxied, m.id, m.tokens.chair), xff('203.0.113.7'))).code).toBe(CloseCode.RateLimited);
    const api = await fetch(`${proxied.url}/api/meetings/${m.id}/export.json?token=${m.tokens.chair}`, xff('203.0.113.7'));
    expect(api.status).toBe(429);
    // Another delegate behind the same proxy, and the proxy's own requests, still get in.
    const other = await fetch(`${proxied.url}/api/meetings/${m.id}/export.json?token=${m.tokens.chair}`, xff('203.0.113.8'));
    expect(other.status).toBe(200);
    expect((await fetch(`${proxied.url}/api/meetings/${m.id}/export.json?token=${m.tokens.chair}`)).status).toBe(200);

    // Without trusted proxies the header changes nothing: every attempt counts against the socket's address.
    const direct = await startTestServer({ authFailuresPerMinute: 3 });
    const d = await createMeeting(direct);
    for (let i = 0; i < 3; i++) {
      expect((await attempt(sync(direct, d.id, `wrong-${i}`), xff(`198.51.100.${i}`))).code).toBe(CloseCode.Unauthorized);
    }
    expect((await attempt(sync(direct, d.id, d.tokens.chair), xff('198.51.100.99'))).code).toBe(CloseCode.RateLimited);
  });

  it('G-AUTH-2: the throttle forgets an address once its failures are older than the window', () => {
    let now = 0;
    const t = new AuthThrottle({ maxFailures: 3, windowMs: 60_000, maxAddresses: 2 }, () => now);
    t.fail('a');
    now = 10_000;
    t.fail('a');
    expect(t.isBlocked('a')).toBe(false);
    expect(t.fail('a')).toBe(true);
    expect(t.isBlocked('a')).toBe(true);
    expect(t.retryAfterSeconds('a')).toBe(50);
    now = 60_001;
    expect(t.isBlocked('a')).toBe(false);
    // Bounded memory: a third address pushes out the oldest.
    t.fail('b');
    t.fail('c');
    t.fail('d');
    expect(t.isBlocked('b')).toBe(false);
  });

  it('G-AUTH-3: with ALLOWED_ORIGINS set, a sync socket opened by a page of another origin is closed with 4403; listed origins, the PUBLIC_URL origin and non-browser clients connect', async () => {
    const ts = await startTestServer({ allowedOrigins: ['https://board.example.org'], publicUrl: 'https://plenary.example.net' });
    const m = await createMeeting(ts);
    for (const origin of ['https://evil.example.com', 'null', 'https://board.example.org.evil.com', 'http://board.example.org']) {
      const r = await attempt(sync(ts, m.id, m.tokens.chair), { headers: { origin } });
      expect({ code: r.code, reason: r.reason }, origin).toEqual({ code: CloseCode.Forbidden, reason: CloseReason.Forbidden });
      expect(r.messages).toEqual([]);
    }
    for (const headers of [{ origin: 'https://board.example.org' }, { origin: 'https://plenary.example.net' }, { origin: 'https://BOARD.example.org:443' }, {}]) {
      const raw = await RawSyncSocket.open(sync(ts, m.id, m.tokens.chair), headers as Record<string, string>);
      expect(await raw.sendAndSettle(Uint8Array.from([3])), JSON.stringify(headers)).toBeUndefined();
      raw.close();
    }
  });

  it('G-AUTH-4: meeting ids that try path tricks reach nothing: sync 4404, API 404 JSON, pages never serve a file outside the client', async () => {
    const ts = await startTestServer({ authFailuresPerMinute: 1_000 });
    const m = await createMeeting(ts);
    const tricks = ['..', '../..', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%2e%2e%2f%2e%2e', `${m.id}%00`, `${m.id}%2F..`, '%00', 'a'.repeat(5000), 'CON', '%E0%A4%A'];
    for (const t of tricks) {
      const r = await attempt(`${ts.syncUrl}/${t}?token=${m.tokens.chair}`);
      // Either refused as no meeting, or (when the URL normalises out of /sync/) the upgrade itself is refused.
      if (r.httpStatus === undefined) expect([CloseCode.UnknownMeeting, CloseCode.Unauthorized], t).toContain(r.code);
      else expect(r.httpStatus, t).toBe(404);
      expect(r.messages, t).toEqual([]);
      const api = await fetch(`${ts.url}/api/meetings/${t}/export.json?token=${m.tokens.chair}`);
      expect(api.status, t).toBeGreaterThanOrEqual(400);
      expect(api.status, t).toBeLessThan(500);
      expect(api.headers.get('content-type'), t).toMatch(/application\/json/);
    }
    for (const p of ['/..%2F..%2Fetc%2Fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2F..%2F..%2Fpackage.json', '/m/..%2F..%2Fpackage.json', '/%00']) {
      const res = await fetch(`${ts.url}${p}`);
      const text = await res.text();
      expect(text, p).not.toContain('root:');
      expect(text, p).not.toContain('"name": "plenary"');
    }
  });

  it('G-TOK-1: no token appears in the server log, whatever is requested with it', async () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    let tokens: string[] = [];
    try {
      const ts = await startTestServer({ logLevel: 'debug', authFailuresPerMinute: 3 });
      const m = await createMeeting(ts);
      tokens = [...Object.values(m.tokens), ts.adminToken];
      const c = connectClient(ts.syncUrl, m.id, m.tokens.chair);
      await c.synced();
      const raw = await RawSyncSocket.open(sync(ts, m.id, m.tokens.delegate));
      await raw.sendAndSettle(Uint8Array.from([0, 2, 0xff])); // malformed: closed and logged
      await fetch(`${ts.url}/api/meetings/${m.id}/export.json?token=${m.tokens.screen}`);
      await fetch(`${ts.url}/api/meetings/${m.id}/export.nope?token=${m.tokens.screen}`);
      await fetch(`${ts.url}/api/meetings/no-such/export.json`, { headers: { authorization: `Bearer ${m.tokens.secretary}` } });
      await fetch(`${ts.url}/api/meetings`, { headers: { authorization: `Bearer ${m.tokens.chair}` } });
      const res = await fetch(`${ts.url}/api/meetings/${m.id}/tokens/rotate`, { method: 'POST', headers: { authorization: `Bearer ${ts.adminToken}` } });
      tokens.push(...Object.values(((await res.json()) as { tokens: Record<string, string> }).tokens));
      await c.nextClose();
      for (let i = 0; i < 4; i++) await attempt(sync(ts, m.id, `${m.tokens.chair}x`));
      await attempt(sync(ts, m.id, m.tokens.chair));
      c.destroy();
      await ts.stop();
    } finally {
      spy.mockRestore();
    }
    const log = writes.join('');
    expect(log.length).toBeGreaterThan(500);
    for (const t of tokens) expect(log).not.toContain(t);
  });

  it('G-HDR-1: every page and API answer carries a CSP with frame-ancestors none, nosniff and no-referrer', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const admin = { authorization: `Bearer ${ts.adminToken}` };
    const requests: [string, RequestInit?][] = [
      ['/'],
      [`/m/${m.id}/chair-board?token=${m.tokens.chair}`],
      [`/m/${m.id}/delegate-follow`],
      ['/healthz'],
      ['/metrics'],
      ['/api/meetings', { headers: admin }],
      ['/api/meetings'],
      [`/api/meetings/${m.id}/export.md?token=${m.tokens.delegate}`],
      [`/api/meetings/${m.id}/export.json?token=wrong`],
      ['/api/nothing'],
      ['/nothing.js'],
      ['/sync/x'],
      ['/api/meetings', { method: 'POST', headers: { ...admin, 'content-type': 'text/plain' }, body: '' }],
      ['/api/meetings', { method: 'DELETE' }],
    ];
    for (const [path, init] of requests) {
      const res = await fetch(`${ts.url}${path}`, init);
      await res.arrayBuffer();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      if (path === '/' || path.startsWith('/m/')) expect(csp, path).toContain("script-src 'self'");
    }
  });
});
