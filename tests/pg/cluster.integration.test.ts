/**
 * Several real `plenary serve` processes on one PostgreSQL database (DATABASE_URL), as an operator runs
 * them behind a load balancer: edits made on one process reach followers on the others, a SIGKILLed
 * process's clients carry on on another without losing anything they received, a late process catches
 * up, a listener that lost its connection heals from the stored log, and rotation and deletion act on
 * every process.
 */
import pg from 'pg';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { describe, expect, it, onTestFinished } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { freshPgDatabase } from '../helpers/pgDatabase.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { runPlenary } from '../helpers/runCli.js';
import { createMeeting, sampleMeeting, type CreatedTestMeeting } from '../helpers/startTestServer.js';
import { tempDir } from '../helpers/tempDir.js';
import { nextEvent, waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { updateContribution } from '../../shared/document/contributionOps.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';

const ADMIN = 'cluster-admin';

/** `n` processes on one fresh database, started one after the other (they share DATA_DIR's secrets). */
async function cluster(n: number): Promise<{ url: string; dataDir: string; procs: ServerProcess[]; start(): Promise<ServerProcess> }> {
  const url = await freshPgDatabase();
  const dataDir = tempDir();
  const start = () => startServerProcess(dataDir, { adminToken: ADMIN, env: { DATABASE_URL: url, PLENARY_CLUSTER_POLL_MS: '500' } });
  const procs: ServerProcess[] = [];
  for (let i = 0; i < n; i++) procs.push(await start());
  return { url, dataDir, procs, start };
}

/** Resolves once `proc` knows the meeting (its catalog mirror heard of it). */
async function knows(proc: ServerProcess, m: CreatedTestMeeting): Promise<void> {
  await waitFor(async () => (await fetch(`${proc.url}/api/meetings/${m.id}/role?token=${encodeURIComponent(m.tokens.chair)}`)).status === 200, {
    what: `process ${proc.port} to know the meeting`,
  });
}

function stateOf(doc: Y.Doc): unknown {
  return readMeeting(doc);
}

describe('several processes on one PostgreSQL', () => {
  it('G-PG-2: editors on different processes converge, and a follower on a third sees both', async () => {
    const { procs } = await cluster(3);
    const [a, b, c] = procs;
    const m = await createMeeting({ url: a.url, adminToken: ADMIN } as never, sampleMeeting(6));
    await knows(b, m);
    await knows(c, m);
    const onA = connectClient(a.syncUrl, m.id, m.tokens.chair);
    const onB = connectClient(b.syncUrl, m.id, m.tokens.secretary);
    const follower = connectClient(c.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([onA.synced(), onB.synced(), follower.synced()]);
    const rows = readMeeting(onA.doc).contributions;
    for (let i = 0; i < 20; i++) {
      updateContribution(onA.doc, rows[i % rows.length].id, { title: `A ${i}` });
      updateContribution(onB.doc, rows[(i + 3) % rows.length].id, { abstract: `B ${i}` });
    }
    setMeta(onA.doc, { title: 'From A' });
    setMeta(onB.doc, { venue: 'From B' });
    await waitFor(() => {
      const s = JSON.stringify(stateOf(onA.doc));
      return s === JSON.stringify(stateOf(onB.doc)) && s === JSON.stringify(stateOf(follower.doc)) && readMeeting(follower.doc).meta.venue === 'From B' && readMeeting(follower.doc).meta.title === 'From A';
    }, { what: 'every replica to converge' });
    // A fresh reader on any process, and the stored log itself, hold the same state.
    const reader = connectClient(b.syncUrl, m.id, m.tokens.screen);
    await reader.synced();
    expect(stateOf(reader.doc)).toEqual(stateOf(onA.doc));
  });

  it('G-PG-3: a process killed with SIGKILL: its clients reconnect to another and nothing anyone received is lost; a late process catches up', async () => {
    const { procs, start } = await cluster(2);
    const [a, b] = procs;
    const m = await createMeeting({ url: a.url, adminToken: ADMIN } as never, sampleMeeting(5));
    await knows(b, m);
    // The chair's client is re-pointed at another process after the kill, as a load balancer does.
    const chairDoc = new Y.Doc();
    const open = (syncUrl: string) =>
      new WebsocketProvider(syncUrl, m.id, chairDoc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token: m.tokens.chair },
        maxBackoffTime: 500,
      });
    let chair = open(a.syncUrl);
    onTestFinished(() => chair.destroy());
    const follower = connectClient(b.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([nextEvent(chair as never, 'sync'), follower.synced()]);
    const rows = readMeeting(chairDoc).contributions;
    for (let i = 0; i < 40; i++) updateContribution(chairDoc, rows[i % rows.length].id, { title: `edit ${i}` });
    await waitFor(() => readMeeting(follower.doc).contributions[(39 % rows.length)].title === 'edit 39', { what: 'the follower on B to see the last edit' });
    await a.kill();
    const seenByFollower = stateOf(follower.doc);

    // Offline edits while A is gone, then the chair reconnects to B.
    updateContribution(chairDoc, rows[0].id, { title: 'made while A was dead' });
    chair.destroy();
    chair = open(b.syncUrl);
    await waitFor(() => readMeeting(follower.doc).contributions[0].title === 'made while A was dead', { what: 'the offline edit to reach B' });

    const late = await start();
    const reader = connectClient(late.syncUrl, m.id, m.tokens.screen);
    await reader.synced();
    expect(stateOf(reader.doc)).toEqual(stateOf(chairDoc));
    expect(stateOf(reader.doc)).toEqual(stateOf(follower.doc));
    // Everything the follower had received before the kill is in what the late process serves.
    const readerRows = readMeeting(reader.doc).contributions;
    for (const [i, row] of (seenByFollower as ReturnType<typeof readMeeting>).contributions.entries()) {
      if (i !== 0) expect(readerRows[i].title).toBe(row.title);
    }
    // And a follower on the late process hears of later edits made on B.
    updateContribution(chairDoc, rows[1].id, { title: 'after the late start' });
    await waitFor(() => readMeeting(reader.doc).contributions[1].title === 'after the late start', { what: 'the late process to relay a later edit' });
  });

  it('G-PG-4: a follower whose process lost its LISTEN connection still gets every edit, from the stored log', async () => {
    const { url, procs } = await cluster(2);
    const [a, b] = procs;
    const m = await createMeeting({ url: a.url, adminToken: ADMIN } as never, sampleMeeting(3));
    await knows(b, m);
    const editor = connectClient(a.syncUrl, m.id, m.tokens.chair);
    const follower = connectClient(b.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([editor.synced(), follower.synced()]);
    // Cut every listening connection (both processes reconnect after a second), and edit meanwhile.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    onTestFinished(() => admin.end());
    const cut = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
    expect(cut.rowCount).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 10; i++) setMeta(editor.doc, { title: `while nobody listened ${i}` });
    await waitFor(() => readMeeting(follower.doc).meta.title === 'while nobody listened 9', { what: 'the follower to catch up from the log' });
    expect(stateOf(follower.doc)).toEqual(stateOf(editor.doc));
  });

  it('G-PG-5: rotating a link on one process closes its holders on the others; deleting a meeting closes it everywhere', async () => {
    const { procs, url: dbUrl, dataDir } = await cluster(2);
    const [a, b] = procs;
    const m = await createMeeting({ url: a.url, adminToken: ADMIN } as never, sampleMeeting(3));
    await knows(b, m);
    const delegateOnB = connectClient(b.syncUrl, m.id, m.tokens.delegate);
    const chairOnB = connectClient(b.syncUrl, m.id, m.tokens.chair);
    await Promise.all([delegateOnB.synced(), chairOnB.synced()]);
    const res = await fetch(`${a.url}/api/meetings/${m.id}/tokens/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roles: ['delegate'] }),
    });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as { tokens: Record<string, string> };
    expect(await delegateOnB.nextClose()).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.Revoked });
    expect(chairOnB.closes).toEqual([]);
    // B refuses the old link and takes the new one.
    const stale = connectClient(b.syncUrl, m.id, m.tokens.delegate);
    expect(await stale.nextClose()).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.Revoked });
    const fresh = connectClient(b.syncUrl, m.id, rotated.tokens.delegate);
    await fresh.synced();
    // `plenary links` reads the same database: the rotated delegate link, the chair's unchanged.
    const links = await runPlenary(['links', m.id], { env: { DATABASE_URL: dbUrl, DATA_DIR: dataDir, PUBLIC_URL: 'https://board.example.org' } });
    expect(links.code, links.stderr).toBe(0);
    expect(links.stdout).toContain(encodeURIComponent(rotated.tokens.delegate));
    expect(links.stdout).toContain(encodeURIComponent(m.tokens.chair));
    expect(links.stdout).not.toContain(encodeURIComponent(m.tokens.delegate));

    const del = await fetch(`${a.url}/api/meetings/${m.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(del.status).toBe(204);
    expect(await chairOnB.nextClose()).toEqual({ code: CloseCode.UnknownMeeting, reason: CloseReason.UnknownMeeting });
    await waitFor(async () => (await fetch(`${b.url}/api/meetings/${m.id}/role?token=${encodeURIComponent(m.tokens.chair)}`)).status === 404, { what: 'B to forget the meeting' });
  });

  it('answers a creation that PostgreSQL refuses with a JSON 500, stays up, and does not list the meeting', async () => {
    const { url, procs } = await cluster(1);
    const [a] = procs;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    onTestFinished(() => admin.end());
    await admin.query("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql");
    await admin.query('CREATE TRIGGER refuse_meetings BEFORE INSERT ON meetings FOR EACH ROW EXECUTE FUNCTION refuse()');
    const res = await fetch(`${a.url}/api/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(sampleMeeting(2, 'Refused')),
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toHaveProperty('error');
    const listed = async () => (await (await fetch(`${a.url}/api/meetings`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { title: string }[];
    await waitFor(async () => !(await listed()).some((x) => x.title === 'Refused'), { what: 'the refused meeting to leave the listing' });
    // Once PostgreSQL takes writes again, so does the process.
    await admin.query('DROP TRIGGER refuse_meetings ON meetings');
    const m = await createMeeting({ url: a.url, adminToken: ADMIN } as never, sampleMeeting(2, 'Accepted'));
    expect((await listed()).map((x) => x.title)).toContain('Accepted');
    const client = connectClient(a.syncUrl, m.id, m.tokens.chair);
    await client.synced();
  });
});
