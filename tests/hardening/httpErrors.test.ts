/**
 * Every error the server sends is JSON with the security headers, also those no route handler sees:
 * requests the HTTP parser refuses, refused WebSocket upgrades, and a full disk.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMeeting, sampleMeeting, startTestServer } from '../helpers/startTestServer.js';

/** Sends raw bytes and resolves with the whole answer (the server closes the connection). */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let out = '';
    s.on('data', (d) => (out += d));
    s.on('end', () => resolve(out));
    s.on('close', () => resolve(out));
    s.on('error', reject);
    s.write(bytes);
  });
}

function parse(answer: string): { status: number; headers: Record<string, string>; body: unknown } {
  const [head, ...rest] = answer.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(rest.join('\r\n\r\n')) };
}

function expectSecured(a: ReturnType<typeof parse>): void {
  expect(a.headers['content-type']).toMatch(/^application\/json/);
  expect(a.headers['x-content-type-options']).toBe('nosniff');
  expect(a.headers['x-frame-options']).toBe('DENY');
  expect(a.headers['referrer-policy']).toBe('no-referrer');
  expect(a.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(a.body).toMatchObject({ error: expect.any(String) });
}

describe('errors outside the routes', () => {
  it('G-HDR-2: requests the HTTP parser refuses and refused upgrades get a JSON error with the security headers', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const port = Number(new URL(ts.url).port);
    const cases: [string, string, number][] = [
      ['bad method', 'FOO /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 400],
      ['huge headers', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['Content-Length with Transfer-Encoding', 'POST /api/meetings HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
      ['not HTTP at all', '\u0000\u0001garbage\r\n\r\n', 400],
      ['upgrade without a key', `GET /sync/${m.id}?token=${m.tokens.chair} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\r\n`, 400],
      ['upgrade of another path', 'GET /elsewhere HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n', 404],
    ];
    for (const [what, bytes, status] of cases) {
      const a = parse(await rawRequest(port, bytes));
      expect(a.status, what).toBe(status);
      expectSecured(a);
    }
    expect((await fetch(`${ts.url}/healthz`)).status).toBe(200);
  });

  it('G-HDR-3: a full disk on POST /api/meetings is a clear 507 JSON error, and the server goes on', async () => {
    const ts = await startTestServer();
    await createMeeting(ts);
    // The real SQLite connection of the server, allowed no more pages than it has: the next write fails
    // with SQLITE_FULL, as on a full disk.
    const db = (ts.server.meetings as unknown as { store: { db: { pragma(s: string, o?: object): unknown } } }).store.db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const big = sampleMeeting(200, 'Too big for the disk');
    const res = await fetch(`${ts.url}/api/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(big),
    });
    expect(res.status).toBe(507);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(((await res.json()) as { error: string }).error).toMatch(/disk is full/);
    db.pragma('max_page_count = 1073741823');
    expect((await fetch(`${ts.url}/healthz`)).status).toBe(200);
    await createMeeting(ts);
  }, 120_000);
});
