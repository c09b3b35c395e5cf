/**
 * E-mail approval deadlines with DATABASE_URL: three `plenary serve` processes on one PostgreSQL behind a
 * balancer, each with the meeting loaded. At a round's deadline exactly one process evaluates it (the
 * others follow through the document), and a deadline that passes while every process is down is
 * evaluated by the first one started again.
 */
import { describe, expect, it } from 'vitest';
import { pgCluster, type ServersUnderTest } from '../helpers/serverTargets.js';
import { connectClient } from '../helpers/connectClient.js';
import { sampleMeeting, type CreatedTestMeeting } from '../helpers/startTestServer.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';

async function call(c: ServersUnderTest, i: number, m: CreatedTestMeeting, token: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`http://127.0.0.1:${c.port(i)}/api/meetings/${m.id}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();

/** The record's entries written by the deadline clock, on any process. */
async function deadlineRecords(c: ServersUnderTest, m: CreatedTestMeeting): Promise<number> {
  const { json } = await call(c, 0, m, m.tokens.chair, '/history?by=server&limit=500');
  return (json.entries as { name: string }[]).filter((e) => e.name === 'e-mail approval deadline').length;
}

describe('e-mail approval deadlines on PostgreSQL with three processes', () => {
  it('G-ROUND-4: exactly one process evaluates each deadline; the others follow through the document; a deadline passed while all were down is evaluated on restart', async () => {
    const c = await pgCluster(3);
    const m = await c.createMeeting(sampleMeeting(4));
    // An editor on each process: every process has the meeting loaded and mirrors its rounds.
    const editors = [0, 1, 2].map((i) => connectClient(c.processSyncUrl(i), m.id, m.tokens.secretary));
    await Promise.all(editors.map((e) => e.synced()));
    const auto = await call(c, 1, m, m.tokens.chair, '/approvals', { tdocs: ['SEC-2026-0001'], deadline: soon(3000), autoApprove: true });
    const objected = await call(c, 2, m, m.tokens.chair, '/approvals', { tdocs: ['SEC-2026-0002'], deadline: soon(3000), autoApprove: true });
    expect([auto.status, objected.status]).toEqual([201, 201]);
    await call(c, 0, m, m.tokens.secretary, '/positions', { tdoc: 'SEC-2026-0002', stance: 'object', organisation: 'Apple' });

    for (const e of editors) {
      await waitFor(() => readMeeting(e.doc).contributions.find((x) => x.number === 'SEC-2026-0001')?.status === 'approved', { what: 'the auto-approval on every process', timeoutMs: 30_000 });
    }
    const rounds = await waitFor(async () => {
      const r = (await call(c, 2, m, m.tokens.chair, '/approvals')).json as { id: string; state: string; closedAt?: string }[];
      return r.every((x) => x.closedAt) ? r : null;
    }, { what: 'both rounds to be evaluated', timeoutMs: 30_000 });
    expect(rounds.map((r) => [r.id, r.state]).sort()).toEqual([[auto.json.id, 'approved'], [objected.json.id, 'objection']].sort());
    const history = readMeeting(editors[0].doc).contributions.find((x) => x.number === 'SEC-2026-0001')!.history;
    expect(history.filter((h) => h.status === 'approved')).toHaveLength(1);
    expect(await deadlineRecords(c, m)).toBe(2);

    // Every process down; a deadline passes; one process comes back and evaluates it, once.
    const late = await call(c, 0, m, m.tokens.chair, '/approvals', { tdocs: ['SEC-2026-0003'], deadline: soon(2500), autoApprove: true });
    expect(late.status).toBe(201);
    for (const e of editors) e.destroy();
    for (const i of [0, 1, 2]) await c.kill(i);
    await new Promise((r) => setTimeout(r, 3000));
    await c.restart(1);
    await waitFor(async () => (await call(c, 1, m, m.tokens.chair, '/approvals')).json?.find?.((r: { id: string; state: string }) => r.id === late.json.id)?.state === 'approved', {
      what: 'the round whose deadline passed while every process was down',
      timeoutMs: 30_000,
    });
    await c.restart(0);
    await c.restart(2);
    const reader = connectClient(c.processSyncUrl(2), m.id, m.tokens.delegate);
    await reader.synced();
    expect(readMeeting(reader.doc).contributions.find((x) => x.number === 'SEC-2026-0003')!.history.filter((h) => h.status === 'approved')).toHaveLength(1);
    expect(await deadlineRecords(c, m)).toBe(3);
  }, 180_000);
});

describe('the reflector\'s mail on PostgreSQL', () => {
  it('G-MAIL-5: an mbox brought in on one server is read on another, each Message-ID once', async () => {
    const { freshPgDatabase } = await import('../helpers/pgDatabase.js');
    const { startTestServer, createMeeting } = await import('../helpers/startTestServer.js');
    const { mboxMessage } = await import('../helpers/mboxMessage.js');
    const databaseUrl = await freshPgDatabase();
    const a = await startTestServer({ databaseUrl });
    const b = await startTestServer({ databaseUrl, dataDir: a.dataDir });
    const m = await createMeeting(a, sampleMeeting(2));
    const mbox = mboxMessage({ id: 'x1@e', subject: '[SEC-2026-0001] one' }) + mboxMessage({ id: 'x2@e', subject: 'nothing' });
    const post = (url: string) => fetch(`${url}/api/meetings/${m.id}/mail`, { method: 'POST', headers: { authorization: `Bearer ${m.tokens.secretary}`, 'content-type': 'application/mbox' }, body: mbox }).then((r) => r.json());
    expect(await post(a.url)).toMatchObject({ attached: 1, unmatched: 1, duplicates: 0 });
    await waitFor(async () => (await fetch(`${b.url}/api/meetings/${m.id}/role?token=${m.tokens.chair}`)).status === 200, { what: 'B to know the meeting' });
    expect(await post(b.url)).toMatchObject({ attached: 0, unmatched: 0, duplicates: 2 });
    const thread = await (await fetch(`${b.url}/api/meetings/${m.id}/mail?tdoc=SEC-2026-0001`, { headers: { authorization: `Bearer ${m.tokens.chair}` } })).json();
    expect(thread.messages.map((x: { messageId: string }) => x.messageId)).toEqual(['<x1@e>']);
  }, 120_000);
});
