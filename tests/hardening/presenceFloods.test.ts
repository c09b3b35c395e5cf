/**
 * The delegate link is public (the room's screen shows it as a QR code): what its holder can do to
 * everyone's presence, and to the server, with hand-written frames and real providers against a server
 * process. Sized for the 2-core machine in `npm test`; `npm run test:stress` runs the probe's sizes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, sampleMeeting, type TestServer } from '../helpers/startTestServer.js';
import { presenceFrame } from '../helpers/syncFrames.js';
import { RawSyncSocket } from '../helpers/rawSyncSocket.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { fileTeardown } from '../helpers/fileTeardown.js';
import { waitFor } from '../helpers/waitFor.js';
import { peersOf } from '../../client/sync/usePresence.js';
import { scanAwareness } from '../../server/sync/syncMessages.js';
import { FULL, scale } from './stressLevel.js';
import { fanoutMs, healthzMs, report, rssMb, sampleUntil, summary } from './attackProbes.js';

const SNAPSHOT_LIMIT = 256 * 1024;
const user = (name: string, role: string) => ({ user: { name, color: '#1971c2', role } });

// One server process for the file (each test has a meeting of its own): a process start costs seconds.
const register = fileTeardown();
let shared: ServerProcess;
beforeAll(async () => {
  shared = await startServerProcess(tempDir('plenary-presence-', register), { register });
}, 60_000);

async function setup(): Promise<{ srv: ServerProcess; id: string; tokens: Record<string, string> }> {
  const srv = shared;
  const m = await createMeeting({ url: srv.url, adminToken: srv.adminToken } as TestServer, sampleMeeting(20));
  return { srv, id: m.id, tokens: m.tokens };
}

/** A raw socket that records the awareness frames it receives (type 1). */
async function listener(url: string): Promise<{ raw: RawSyncSocket; frames: Uint8Array[]; bytes: () => number }> {
  const raw = await RawSyncSocket.open(url);
  const frames: Uint8Array[] = [];
  raw.ws.on('message', (d: Buffer) => {
    if (d[0] === 1) frames.push(new Uint8Array(d));
  });
  return { raw, frames, bytes: () => frames.reduce((n, f) => n + f.length, 0) };
}

/** The awareness update inside an awareness frame ([1, varUint8Array]). */
function updateOf(frame: Uint8Array): Uint8Array {
  let i = 1;
  let len = 0;
  let shift = 0;
  for (;;) {
    const b = frame[i++];
    len += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) break;
  }
  return frame.subarray(i, i + len);
}

describe('presence under attack', () => {
  it(`G-PRES-1: a joiner receives at most 256 KB of presence whatever ${scale(20, 100)} delegate sockets sent, and the editors' presence is in it`, async () => {
    const { srv, id, tokens } = await setup();
    const chair = connectClient(srv.syncUrl, id, tokens.chair);
    await chair.synced();
    chair.provider.awareness.setLocalState({ ...user('Chair', 'chair'), rowId: null });
    const sockets = scale(20, 100);
    const url = `${srv.syncUrl}/${id}?token=${tokens.delegate}`;
    const attackers = await Promise.all(Array.from({ length: sockets }, () => RawSyncSocket.open(url)));
    let sent = 0;
    for (const [k, a] of attackers.entries()) {
      for (let j = 0; j < 8; j++) {
        // A 60 KB state (over a delegate's cap), then one just under it.
        const big = presenceFrame(100_000 + k * 10 + j, 1, { ...user('x', 'chair'), blob: 'x'.repeat(60_000) });
        const fit = presenceFrame(100_000 + k * 10 + j, 2, { ...user('x', 'chair'), blob: 'y'.repeat(1_900) });
        a.ws.send(big);
        a.ws.send(fit);
        sent += big.length + fit.length;
      }
      expect(await a.sendAndSettle(Uint8Array.from([3]))).toBeUndefined();
    }
    const joiner = await listener(url);
    await waitFor(() => joiner.frames.some((f) => f.length > 3), { what: 'the presence snapshot' });
    const snapshot = joiner.frames.find((f) => f.length > 3)!;
    const ids = scanAwareness(updateOf(snapshot)).map((e) => e.clientId);
    report('G-PRES-1', { 'delegates sent (KB)': sent / 1024, 'joiner snapshot (KB)': snapshot.length / 1024, 'states in it': ids.length });
    expect(snapshot.length).toBeLessThanOrEqual(SNAPSHOT_LIMIT);
    expect(ids).toContain(chair.doc.clientID);
    // The delegates got their share, and no more; nothing a delegate sent shows as a chair.
    const secretary = connectClient(srv.syncUrl, id, tokens.secretary);
    await secretary.synced();
    await waitFor(() => peersOf(secretary.provider.awareness).some((p) => p.role === 'chair'), { what: "the chair's presence" });
    const peers = peersOf(secretary.provider.awareness);
    expect(peers.filter((p) => p.role === 'chair').map((p) => p.clientId)).toEqual([chair.doc.clientID]);
    expect(peers.filter((p) => p.role === 'delegate').length).toBeGreaterThan(0);
    for (const a of attackers) a.close();
    joiner.raw.close();
  });

  it('G-PRES-2: echoes and forgeries of presence a connection does not own are dropped before their JSON is read, and a delegate flooding its own presence reaches followers only within its budget', async () => {
    const { srv, id, tokens } = await setup();
    const chair = connectClient(srv.syncUrl, id, tokens.chair);
    await chair.synced();
    chair.provider.awareness.setLocalState(user('Chair', 'chair'));
    const url = `${srv.syncUrl}/${id}?token=${tokens.delegate}`;
    const forger = await RawSyncSocket.open(url);
    // Not JSON at all, for the chair's id: read, it would close the connection with 4400.
    const junk = presenceFrame(chair.doc.clientID, 1_000, {});
    const bad = Uint8Array.from([...junk.slice(0, junk.length - 2), 0x7b, 0x7b]);
    expect(await forger.sendAndSettle(bad)).toBeUndefined();
    expect(await forger.sendAndSettle(presenceFrame(chair.doc.clientID, 1_001, user('Mallory', 'chair')))).toBeUndefined();
    expect((chair.provider.awareness.getStates().get(chair.doc.clientID) as { user: { name: string } }).user.name).toBe('Chair');

    const followers = await Promise.all(Array.from({ length: scale(20, 200) }, () => listener(url)));
    const flooder = await RawSyncSocket.open(url);
    await new Promise((r) => setTimeout(r, 300));
    const before = followers.map((f) => f.bytes());
    const seconds = scale(2, 10);
    const start = Date.now();
    let sentBytes = 0;
    for (let clock = 1; Date.now() - start < seconds * 1000; clock++) {
      const f = presenceFrame(4242, clock, { ...user('flood', 'delegate'), blob: String(clock % 10).repeat(1_900) });
      flooder.ws.send(f);
      sentBytes += f.length;
      if (clock % 20 === 0) await new Promise((r) => setTimeout(r, 10));
    }
    await flooder.sendAndSettle(Uint8Array.from([3]));
    await new Promise((r) => setTimeout(r, 500));
    const received = followers.reduce((n, f, i) => n + f.bytes() - before[i], 0);
    // Per connection: 5 updates a second, bursts of 10, of at most ~2 KB each (plus framing).
    const perFollowerBound = (10 + 5 * (seconds + 1)) * 2_200;
    report('G-PRES-2', {
      followers: followers.length,
      'flooder sent (MB)': sentBytes / 2 ** 20,
      'followers received (MB)': received / 2 ** 20,
      'bound (MB)': (perFollowerBound * followers.length) / 2 ** 20,
    });
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThanOrEqual(perFollowerBound * followers.length);
    for (const f of followers) f.raw.close();
  });

  it("G-PRES-3: an editor's presence survives a network blip (others echo its removal), and nobody can take its client id meanwhile", async () => {
    const { srv, id, tokens } = await setup();
    const chair = connectClient(srv.syncUrl, id, tokens.chair);
    const secretary = connectClient(srv.syncUrl, id, tokens.secretary);
    const delegates = Array.from({ length: 3 }, () => connectClient(srv.syncUrl, id, tokens.delegate));
    await Promise.all([chair, secretary, ...delegates].map((c) => c.synced()));
    chair.provider.awareness.setLocalState({ ...user('Chair', 'chair'), rowId: 'r1' });
    for (const [i, d] of delegates.entries()) d.provider.awareness.setLocalState(user(`D${i}`, 'delegate'));
    const chairSeen = () => peersOf(secretary.provider.awareness).find((p) => p.clientId === chair.doc.clientID);
    await waitFor(() => chairSeen()?.rowId === 'r1', { what: 'the chair on the board' });

    for (let blip = 0; blip < scale(2, 5); blip++) {
      chair.provider.disconnect();
      await waitFor(() => !chairSeen(), { what: 'the chair gone' });
      // Meanwhile a delegate tries to take the chair's id.
      const thief = await RawSyncSocket.open(`${srv.syncUrl}/${id}?token=${tokens.delegate}`);
      expect(await thief.sendAndSettle(presenceFrame(chair.doc.clientID, 10_000 + blip, user('Chair', 'chair')))).toBeUndefined();
      thief.close();
      await new Promise((r) => setTimeout(r, 300));
      expect(chairSeen()).toBeUndefined();
      chair.provider.connect();
      // Well before the chair's own 15-s renewal of its presence.
      await waitFor(() => chairSeen()?.rowId === `r${blip + 1}`, { what: 'the chair back after the blip', timeoutMs: 10_000 });
      chair.provider.awareness.setLocalStateField('rowId', `r${blip + 2}`);
      await waitFor(() => chairSeen()?.rowId === `r${blip + 2}`, { what: "the chair's next move", timeoutMs: 10_000 });
    }
    expect(chairSeen()?.role).toBe('chair');
  });

  it("G-PRES-4: what others see of a connection carries its real role, whatever it claims", async () => {
    const { srv, id, tokens } = await setup();
    const secretary = connectClient(srv.syncUrl, id, tokens.secretary);
    const delegate = connectClient(srv.syncUrl, id, tokens.delegate);
    const screen = connectClient(srv.syncUrl, id, tokens.screen);
    await Promise.all([secretary, delegate, screen].map((c) => c.synced()));
    delegate.provider.awareness.setLocalState({ ...user('Chair', 'chair'), rowId: 'r1', field: 'notes' });
    screen.provider.awareness.setLocalState({ user: { name: 'Secretary', role: 'secretary' }, rowId: 'r1' });
    const peer = (cid: number) => peersOf(secretary.provider.awareness).find((p) => p.clientId === cid);
    await waitFor(() => peer(delegate.doc.clientID) && peer(screen.doc.clientID), { what: 'both announced' });
    expect(peer(delegate.doc.clientID)!.role).toBe('delegate');
    expect(peer(delegate.doc.clientID)!.name).toBe('Chair');
    expect(peer(screen.doc.clientID)!.role).toBe('screen');
    // The row's cursors are editors' only: neither shows on row r1.
    expect(peersOf(secretary.provider.awareness).filter((p) => p.rowId === 'r1' && (p.role === 'chair' || p.role === 'secretary'))).toEqual([]);
  });

  it(`G-PRES-5: ${scale(5, 20)} sockets that flood query-awareness and never read leave the server's memory, /healthz and live edits alone`, async () => {
    const { srv, id, tokens } = await setup();
    const chair = connectClient(srv.syncUrl, id, tokens.chair);
    const secretary = connectClient(srv.syncUrl, id, tokens.secretary);
    await Promise.all([chair.synced(), secretary.synced()]);
    const url = `${srv.syncUrl}/${id}?token=${tokens.delegate}`;
    // Fill the delegates' presence budget, so every answer is as large as it gets.
    const fillers = await Promise.all(Array.from({ length: 12 }, () => RawSyncSocket.open(url)));
    for (const [k, f] of fillers.entries()) {
      for (let j = 0; j < 8; j++) f.ws.send(presenceFrame(200_000 + k * 10 + j, 1, { ...user('f', 'delegate'), blob: 'z'.repeat(1_900) }));
      await f.sendAndSettle(Uint8Array.from([3]));
    }
    const baseline = { healthz: [] as number[], fanout: [] as number[] };
    for (let i = 0; i < 10; i++) {
      baseline.healthz.push(await healthzMs(srv.url));
      baseline.fanout.push(await fanoutMs(chair.doc, secretary.doc));
    }
    const rssBefore = rssMb(srv.proc.pid!);
    const readers = await Promise.all(Array.from({ length: scale(5, 20) }, () => RawSyncSocket.open(url)));
    for (const r of readers) ((r.ws as unknown as { _socket: Socket })._socket).pause();
    const queries = scale(2_000, 10_000);
    const flood = (async () => {
      for (let i = 0; i < queries; i += 100) {
        for (const r of readers) for (let j = 0; j < 100; j++) r.ws.send(Uint8Array.from([3]));
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 1_000));
    })();
    const [healthz, fanout] = await Promise.all([
      sampleUntil(flood, () => healthzMs(srv.url)),
      sampleUntil(flood, () => fanoutMs(chair.doc, secretary.doc)),
    ]);
    const rssAfter = rssMb(srv.proc.pid!);
    report('G-PRES-5', {
      'baseline /healthz': baseline.healthz,
      '/healthz during the flood': healthz,
      'baseline fan-out': baseline.fanout,
      'fan-out during the flood': fanout,
      'server RSS before (MB)': rssBefore,
      'server RSS after (MB)': rssAfter,
    });
    // Without the bounds each socket would be sent `queries` snapshots of ~200 KB (gigabytes).
    expect(rssAfter - rssBefore).toBeLessThan(readers.length * 8 + 64);
    expect(secretary.provider.wsconnected).toBe(true);
    if (FULL) {
      expect(summary(healthz).median).toBeLessThanOrEqual(200);
      expect(summary(fanout).median - summary(baseline.fanout).median).toBeLessThanOrEqual(50);
    }
    for (const r of [...readers, ...fillers]) r.close();
  });
});
