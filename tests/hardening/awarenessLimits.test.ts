/**
 * Presence bounds: what a page may put into everyone's presence list, and what is dropped (without
 * closing the connection: presence is not the record).
 */
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { presenceFrame } from '../helpers/syncFrames.js';
import { waitFor } from '../helpers/waitFor.js';
import { RawSyncSocket } from '../helpers/rawSyncSocket.js';

async function setup() {
  const ts = await startTestServer();
  const m = await createMeeting(ts);
  const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
  await chair.synced();
  const raw = await RawSyncSocket.open(`${ts.syncUrl}/${m.id}?token=${m.tokens.delegate}`);
  const seen = (id: number) => chair.provider.awareness.getStates().get(id) as { n?: number; blob?: string } | undefined;
  return { chair, raw, seen };
}

describe('presence bounds', () => {
  it('G-LIM-4: an awareness update over 64 KiB is dropped, and the connection stays', async () => {
    const { raw, seen } = await setup();
    expect(await raw.sendAndSettle(presenceFrame(5001, 1, { blob: 'x'.repeat(65 * 1024) }))).toBeUndefined();
    expect(await raw.sendAndSettle(presenceFrame(5002, 1, { n: 1 }))).toBeUndefined();
    await waitFor(() => seen(5002)?.n === 1, { what: 'the small presence' });
    expect(seen(5001)).toBeUndefined();
  });

  it('G-LIM-5: a connection may introduce at most 8 presence ids; the rest are dropped', async () => {
    const { raw, seen } = await setup();
    for (let i = 1; i <= 10; i++) expect(await raw.sendAndSettle(presenceFrame(6000 + i, 1, { n: i }))).toBeUndefined();
    await waitFor(() => seen(6008)?.n === 8, { what: 'the eighth id' });
    // Updates to an id it already owns still go through.
    expect(await raw.sendAndSettle(presenceFrame(6001, 2, { n: 100 }))).toBeUndefined();
    await waitFor(() => seen(6001)?.n === 100, { what: 'the update to the first id' });
    expect(seen(6009)).toBeUndefined();
    expect(seen(6010)).toBeUndefined();
  });

  it('G-LIM-6: presence updates beyond 5 a second from a delegate (bursts of 10; editors 20, bursts of 40) are dropped, and later ones go through', async () => {
    const { raw, seen } = await setup();
    for (let n = 1; n <= 200; n++) raw.ws.send(presenceFrame(7001, n, { n }));
    expect(await raw.sendAndSettle(Uint8Array.from([3]))).toBeUndefined();
    await waitFor(() => (seen(7001)?.n ?? 0) > 0, { what: 'the first updates' });
    const afterBurst = seen(7001)!.n!;
    expect(afterBurst).toBeLessThan(200);
    // The budget refills: a later update is taken (tried until the refill, at most ~20 s).
    let taken = false;
    for (let clock = 1001; clock < 1020 && !taken; clock++) {
      await raw.sendAndSettle(presenceFrame(7001, clock, { n: clock }));
      taken = await waitFor(() => seen(7001)?.n === clock, { timeoutMs: 1000 }).then(() => true, () => false);
    }
    expect(taken).toBe(true);
  });
});
