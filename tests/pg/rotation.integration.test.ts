/**
 * Rotation and deletion in force on every process before their request is answered (issue 23), against
 * three `plenary serve` processes on one PostgreSQL behind the test balancer: requests sent with the old
 * link to the other processes, from the moment the rotation answers, are all refused; and a process that
 * cannot vouch for its copy of the catalog answers "try again", never with a stale role.
 */
import pino from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { pgCluster } from '../helpers/serverTargets.js';
import { freshPgDatabase } from '../helpers/pgDatabase.js';
import { connectClient } from '../helpers/connectClient.js';
import { sampleMeeting } from '../helpers/startTestServer.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { migratePg, openPgPool } from '../../server/persistence/pgDatabase.js';
import { PgCatalog } from '../../server/cluster/PgCatalog.js';
import { CatalogLease } from '../../server/cluster/CatalogLease.js';
import { newSealingKey } from '../../server/access/tokens.js';

const ADMIN = 'target-admin';

/** GET /role with `token` on `port`, as long as `running()`; every answer with the time it was sent. */
async function hammer(port: number, meetingId: string, token: string, running: () => boolean): Promise<{ sentAt: number; status: number }[]> {
  const out: { sentAt: number; status: number }[] = [];
  while (running()) {
    const sentAt = performance.now();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/meetings/${meetingId}/role`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      out.push({ sentAt, status: res.status });
    } catch {
      if (running()) throw new Error(`the process on port ${port} stopped answering`);
    }
  }
  return out;
}

describe('rotation on every process', () => {
  it('G-PG-10: once a rotation (or a deletion) made on one process is answered, the other processes refuse the old link', async () => {
    // The old link's refusals are failed token checks: the throttle (G-AUTH-2) is lifted for the probe.
    const target = await pgCluster(3, { PLENARY_AUTH_FAILURES_PER_MINUTE: '1000000' });
    const m = await target.createMeeting(sampleMeeting(3));
    let old = m.tokens.delegate;
    const gaps: number[] = [];
    for (let round = 0; round < 8; round++) {
      let on = true;
      const hammers = [1, 2, 1, 2].map((i) => hammer(target.port(i), m.id, old, () => on));
      const follower = connectClient(target.processSyncUrl(1 + (round % 2)), m.id, old);
      await follower.synced();
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${target.port(0)}/api/meetings/${m.id}/tokens/rotate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ roles: ['delegate'] }),
      });
      const answeredAt = performance.now();
      gaps.push(answeredAt - started);
      expect(res.status).toBe(200);
      const rotated = (await res.json()) as { tokens: Record<string, string> };
      // A socket opened with the old link on another process, right after the answer: refused.
      const late = connectClient(target.processSyncUrl(2 - (round % 2)), m.id, old);
      expect(await late.nextClose()).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.Revoked });
      // The follower holding the old link there was closed too.
      expect(await follower.nextClose()).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.Revoked });
      await new Promise((r) => setTimeout(r, 150));
      on = false;
      const answers = (await Promise.all(hammers)).flat();
      const after = answers.filter((a) => a.sentAt > answeredAt);
      expect(after.length).toBeGreaterThan(0);
      expect(after.filter((a) => a.status !== 401)).toEqual([]);
      // The new link works on every process at once.
      for (const i of [0, 1, 2]) {
        const r = await fetch(`http://127.0.0.1:${target.port(i)}/api/meetings/${m.id}/role`, { headers: { authorization: `Bearer ${rotated.tokens.delegate}` } });
        expect(r.status).toBe(200);
      }
      old = rotated.tokens.delegate;
    }
    console.log(`G-PG-10 rotation answered after (ms): ${gaps.map((g) => g.toFixed(0)).join(', ')}`);

    // Deletion: from its answer on, no process opens the meeting.
    let on = true;
    const hammers = [1, 2].map((i) => hammer(target.port(i), m.id, m.tokens.chair, () => on));
    const del = await fetch(`http://127.0.0.1:${target.port(0)}/api/meetings/${m.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } });
    const deletedAt = performance.now();
    expect(del.status).toBe(204);
    await new Promise((r) => setTimeout(r, 150));
    on = false;
    const after = (await Promise.all(hammers)).flat().filter((a) => a.sentAt > deletedAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((a) => a.status !== 404)).toEqual([]);
  }, 180_000);

  it('G-PG-10: a process that could not read the catalog\'s changes lately answers "try again", never a stale role', async () => {
    const url = await freshPgDatabase();
    const pool = openPgPool(url, 4);
    onTestFinished(() => pool.end());
    await migratePg(pool);
    const log = pino({ level: 'silent' });
    const catalog = await PgCatalog.open(pool, newSealingKey(), log, 'this-process');
    onTestFinished(() => catalog.closeMirror());
    const tokens = catalog.create({ id: 'm1', title: 'T', startDate: '2026-03-02', endDate: '2026-03-06' });
    await catalog.settled();
    const lease = new CatalogLease(pool, catalog.origin, log, async (id) => catalog.reloadMeeting(id), { beatMs: 60_000, leaseMs: 3_000 });
    await lease.start();
    catalog.lease = lease;
    expect(catalog.check('m1', tokens.chair)).toEqual({ ok: true, role: 'chair' });
    // No beat for longer than the lease (the database unreachable, the event loop stalled): not trusted.
    await new Promise((r) => setTimeout(r, 3_200));
    expect(catalog.check('m1', tokens.chair)).toEqual({ ok: false, why: 'unavailable' });
    expect(catalog.check('m1', 'junk')).toEqual({ ok: false, why: 'unavailable' });
    // One beat later it is again.
    await lease.beat();
    expect(catalog.check('m1', tokens.chair)).toEqual({ ok: true, role: 'chair' });
    await lease.stop();
  });
});
