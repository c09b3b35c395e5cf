/**
 * The room screens' follow link across processes (issue 25): two real `plenary serve` processes on one
 * PostgreSQL, behind a TCP balancer as nginx would be, with PUBLIC_URL the balancer's address. Two screens
 * connect through the balancer (one lands on each process); the delegate link is replaced on one process;
 * both screens hear the new link on their sockets, and both processes' follow-link route answers it.
 */
import { describe, expect, it } from 'vitest';
import { listenForFollowLinks } from '../helpers/followLinkListener.js';
import { Balancer } from '../helpers/balancer.js';
import { connectClient } from '../helpers/connectClient.js';
import { freshPgDatabase } from '../helpers/pgDatabase.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { createMeeting, sampleMeeting, type CreatedTestMeeting } from '../helpers/startTestServer.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const ADMIN = 'screen-link-admin';

const listen = listenForFollowLinks;

async function knows(proc: ServerProcess, m: CreatedTestMeeting): Promise<void> {
  await waitFor(async () => (await fetch(`${proc.url}/api/meetings/${m.id}/role?token=${encodeURIComponent(m.tokens.chair)}`)).status === 200, {
    what: `process ${proc.port} to know the meeting`,
  });
}

async function followLinkAt(base: string, id: string, token: string): Promise<string | undefined> {
  const res = await fetch(`${base}/api/meetings/${id}/follow-link`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { link?: string }).link;
}

describe('room screens on several processes', () => {
  it('G-LINK-3: a delegate link replaced on one process reaches the room screens connected to another, through the balancer', async () => {
    const procs: ServerProcess[] = [];
    const balancer = await Balancer.start(() => procs.map((p) => p.port));
    const publicUrl = `http://127.0.0.1:${balancer.port}`;
    const db = await freshPgDatabase();
    const dataDir = tempDir();
    for (let i = 0; i < 2; i++) {
      procs.push(await startServerProcess(dataDir, { adminToken: ADMIN, env: { DATABASE_URL: db, PLENARY_CLUSTER_POLL_MS: '500', PUBLIC_URL: publicUrl } }));
    }
    const [a, b] = procs;
    const m = await createMeeting({ url: a.url, adminToken: ADMIN } as never, sampleMeeting(3));
    await knows(b, m);
    expect(m.links.delegate.startsWith(`${publicUrl}/m/`)).toBe(true);

    // Two room screens through the balancer: one on each process.
    const screens = [connectClient(balancer.syncUrl, m.id, m.tokens.screen), connectClient(balancer.syncUrl, m.id, m.tokens.screen)];
    const heard = screens.map(listen);
    await Promise.all(screens.map((s) => s.synced()));
    expect(balancer.served).toEqual([1, 1]);

    // The admin replaces the delegate link on process B.
    const res = await fetch(`${b.url}/api/meetings/${m.id}/tokens/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roles: ['delegate'] }),
    });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as { links: Record<string, string> };
    expect(rotated.links.delegate).not.toBe(m.links.delegate);
    await waitFor(() => heard.every((h) => h.includes(rotated.links.delegate)), { what: 'the screens on both processes to hear the new link' });
    for (const h of heard) expect(h).toEqual([rotated.links.delegate]);
    for (const s of screens) expect(s.closes).toEqual([]);

    // Either process answers a screen that reloads with the new link.
    await waitFor(async () => (await followLinkAt(a.url, m.id, m.tokens.screen)) === rotated.links.delegate, { what: 'process A to answer the new link' });
    expect(await followLinkAt(b.url, m.id, m.tokens.screen)).toBe(rotated.links.delegate);
    // And the QR code's link works through the balancer.
    const phone = connectClient(balancer.syncUrl, m.id, new URL(rotated.links.delegate).searchParams.get('token')!);
    await phone.synced();
  });
});
