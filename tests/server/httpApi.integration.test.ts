import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, sampleMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { ROOT_DIR } from '../../server/main.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { waitFor } from '../helpers/waitFor.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ maxPayload: 256 * 1024 }, (f) => afterAll(f));
});

const admin = () => ({ authorization: `Bearer ${ts.adminToken}` });

async function expectJsonError(res: Response, status: number): Promise<string> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: string };
  expect(typeof body.error).toBe('string');
  expect(body.error).not.toMatch(/\n\s+at /);
  return body.error;
}

describe('HTTP API', () => {
  it('answers /healthz', async () => {
    const res = await fetch(`${ts.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('creates a meeting from meeting JSON and from the text agenda, with four links and tokens', async () => {
    const fromJson = await createMeeting(ts, sampleMeeting(2, 'JSON meeting'));
    expect(Object.keys(fromJson.tokens).sort()).toEqual(['chair', 'delegate', 'screen', 'secretary']);
    expect(fromJson.links.chair).toBe(`${ts.url}/m/${fromJson.id}/chair-board?token=${encodeURIComponent(fromJson.tokens.chair)}`);
    expect(fromJson.links.screen).toBe(
      `${ts.url}/m/${fromJson.id}/screen-room?token=${encodeURIComponent(fromJson.tokens.screen)}&follow=${encodeURIComponent(fromJson.links.delegate)}`,
    );

    const agenda = readFileSync(join(ROOT_DIR, 'server/demo/agenda-sec23.txt'));
    const res = await fetch(`${ts.url}/api/meetings`, { method: 'POST', headers: { ...admin(), 'content-type': 'text/plain' }, body: agenda });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; tokens: Record<string, string> };
    const client = connectClient(ts.syncUrl, created.id, created.tokens.delegate);
    await client.synced();
    expect(client.doc.getMap('agenda').size).toBeGreaterThan(5);

    const list = await fetch(`${ts.url}/api/meetings`, { headers: admin() });
    expect(list.status).toBe(200);
    const meetings = (await list.json()) as { id: string; title: string; startDate: string; endDate: string }[];
    expect(meetings.find((x) => x.id === fromJson.id)).toMatchObject({ id: fromJson.id, title: 'JSON meeting', startDate: '2026-03-02', endDate: '2026-03-06' });
    expect(meetings.some((x) => x.id === created.id)).toBe(true);
  });

  it('lists a meeting under the title its document has now, loaded or not', async () => {
    const m = await createMeeting(ts, sampleMeeting(1, 'Old title'));
    const secretary = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await secretary.synced();
    setMeta(secretary.doc, { title: 'New title' });
    const titleOf = async () =>
      ((await (await fetch(`${ts.url}/api/meetings`, { headers: admin() })).json()) as { id: string; title: string }[]).find((x) => x.id === m.id)?.title;
    await waitFor(async () => (await titleOf()) === 'New title', { what: 'the live title' });
    secretary.destroy();
    await waitFor(() => !ts.server.rooms.get(m.id), { what: 'the unload' });
    expect(await titleOf()).toBe('New title');
  });

  it('refuses requests without or with a wrong admin token', async () => {
    await expectJsonError(await fetch(`${ts.url}/api/meetings`), 401);
    await expectJsonError(await fetch(`${ts.url}/api/meetings`, { headers: { authorization: 'Bearer nope' } }), 403);
    await expectJsonError(await fetch(`${ts.url}/api/meetings`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }), 401);
    const m = await createMeeting(ts);
    await expectJsonError(await fetch(`${ts.url}/api/meetings/${m.id}/tokens/rotate`, { method: 'POST', headers: { authorization: `Bearer ${m.tokens.chair}` } }), 403);
  });

  it('answers bad uploads with a JSON 4xx, never a 5xx', async () => {
    const post = (body: BodyInit, type = 'application/json') =>
      fetch(`${ts.url}/api/meetings`, { method: 'POST', headers: { ...admin(), 'content-type': type }, body });
    await expectJsonError(await post(''), 400);
    await expectJsonError(await post('--x\r\n', 'multipart/form-data; boundary=x'), 415);
    expect(await expectJsonError(await post('{not json'), 422)).toMatch(/JSON/);
    await expectJsonError(await post(JSON.stringify({ format: 'plenary-meeting', version: 1 })), 422);
    await expectJsonError(await post(JSON.stringify([1, 2, 3])), 422);
    await expectJsonError(await post(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]), 'application/octet-stream'), 415);
    await expectJsonError(await post(new Uint8Array(300 * 1024).fill(65), 'text/plain'), 413);
    await expectJsonError(await post(new Uint8Array([0xff, 0xfe, 0, 0, 0x80, 0x81]), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'), 422);
    await expectJsonError(await post(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 422);
    // A Tdoc page whose table has fewer rows than its own total: refused, not imported short.
    const short = '<table><tr><td>AI</td><td>TD#</td><td>Subject</td></tr><tr><td>1</td><td>S2-1900001</td><td>x</td></tr></table><p>Total documents: 2</p>';
    expect(await expectJsonError(await post(short, 'text/html'), 422)).toBe('the page says "Total documents: 2" but its table has 1 Tdoc rows; the page is cut short or not of a known layout, and a board missing Tdocs is not imported');
  });

  it('answers unknown routes, methods and meetings with a JSON 4xx', async () => {
    await expectJsonError(await fetch(`${ts.url}/api/nothing`), 404);
    await expectJsonError(await fetch(`${ts.url}/api/meetings`, { method: 'DELETE', headers: admin() }), 405);
    await expectJsonError(await fetch(`${ts.url}/api/meetings/nope-nope/tokens/rotate`, { method: 'POST', headers: admin() }), 404);
    await expectJsonError(await fetch(`${ts.url}/api/meetings/%E0%A4%A/export.json?token=x`), 404);
    await expectJsonError(await fetch(`${ts.url}/sync/whatever`), 426);
    await expectJsonError(await fetch(`${ts.url}/../server/main.ts`), 404);
    await expectJsonError(await fetch(`${ts.url}/%2e%2e/%2e%2e/etc/passwd`), 404);
  });

  it('serves pages for every /m/ path with security headers', async () => {
    const res = await fetch(`${ts.url}/m/some-meeting/delegate-follow?token=abc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves Prometheus metrics on loopback', async () => {
    const m = await createMeeting(ts);
    const c = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await c.synced();
    const res = await fetch(`${ts.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/plenary_connections\{role="delegate"\} [1-9]/);
    expect(text).toContain('plenary_meetings_loaded');
    expect(text).toContain('plenary_append_seconds_bucket');
    expect(text).toContain('plenary_messages_received_total');
  });
});
