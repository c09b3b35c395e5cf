/**
 * The room's durability order and fan-out, with fake sockets and a store whose appends wait for a gate:
 * nothing is broadcast before it is stored, a tick's updates go in one append, senders never get their
 * own updates back.
 */
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { MemoryStore } from '../../server/persistence/MemoryStore.js';
import { RoomRegistry } from '../../server/sync/RoomRegistry.js';
import { DEFAULT_ROOM_OPTIONS, type RoomOptions } from '../../server/sync/Room.js';
import { CloseCode } from '../../shared/closeReasons.js';
import { SyncConnection } from '../../server/sync/SyncConnection.js';
import { createMetrics } from '../../server/sync/metrics.js';
import type { SocketLike } from '../../server/sync/SocketLike.js';
import { encodeStep1, encodeUpdate } from '../../server/sync/syncMessages.js';
import type { Role } from '../../server/access/roles.js';
import { waitFor } from '../helpers/waitFor.js';

class FakeSocket implements SocketLike {
  sent: Uint8Array[] = [];
  closedWith: { code: number; reason: string } | undefined;
  send(data: Uint8Array) {
    this.sent.push(data);
  }
  close(code: number, reason: string) {
    this.closedWith = { code, reason };
  }
  isOpen() {
    return !this.closedWith;
  }
  bufferedAmount() {
    return 0;
  }
  /** Updates received ([0,2,...]). */
  updates(): Uint8Array[] {
    return this.sent.filter((f) => f[0] === 0 && f[1] === 2).map((f) => {
      const d = decoding.createDecoder(f);
      decoding.readVarUint(d);
      decoding.readVarUint(d);
      return decoding.readVarUint8Array(d);
    });
  }
}

class GatedStore extends MemoryStore {
  appendCalls: number[] = [];
  loads = 0;
  override async load(name: string): Promise<Uint8Array[]> {
    this.loads++;
    return super.load(name);
  }
  failNext = false;
  private gate: (() => void) | undefined;
  private gated = false;
  close_gate() {
    this.gated = true;
  }
  open_gate() {
    this.gated = false;
    this.gate?.();
  }
  override async append(name: string, updates: readonly Uint8Array[]): Promise<void> {
    this.appendCalls.push(updates.length);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    if (this.gated) await new Promise<void>((r) => (this.gate = r));
    return super.append(name, updates);
  }
}

const log = pino({ level: 'silent' });

async function setup(roomOptions: Partial<RoomOptions> = {}) {
  const store = new GatedStore();
  const base = new Y.Doc();
  base.getMap('m').set('title', 'base');
  await store.append('room-1', [Y.encodeStateAsUpdate(base)]);
  const metrics = createMetrics();
  const registry = new RoomRegistry(store, log, metrics, { ...DEFAULT_ROOM_OPTIONS, ...roomOptions });
  const join = async (role: Role) => {
    const socket = new FakeSocket();
    const conn = new SyncConnection(socket, 'room-1', role, log, metrics);
    await registry.join('room-1', conn);
    return { socket, conn };
  };
  return { store, registry, join };
}

/** A client doc in sync with the base, and the update of one edit on it. */
function edit(key: string, value: string, clientID: number): Uint8Array {
  const d = new Y.Doc();
  d.clientID = clientID;
  d.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(d);
}

describe('Room', () => {
  it('broadcasts an update only after the store has it, and never to its sender', async () => {
    const { store, join } = await setup();
    const chair = await join('chair');
    const delegate = await join('delegate');
    store.close_gate();
    chair.conn.receive(encodeUpdate(edit('status', 'agreed', 101)));
    await waitFor(() => store.appendCalls.length === 2, { what: 'the append to start' });
    expect(delegate.socket.updates()).toHaveLength(0);
    // A joining client's sync step 2 would contain the update: it waits too.
    const late = await join('screen');
    late.conn.receive(encodeStep1(new Y.Doc()));
    expect(late.socket.sent.filter((f) => f[0] === 0 && f[1] === 1)).toHaveLength(0);

    store.open_gate();
    await waitFor(() => delegate.socket.updates().length === 1);
    expect(chair.socket.updates()).toHaveLength(0);
    await waitFor(() => late.socket.sent.some((f) => f[0] === 0 && f[1] === 1));
    expect((await store.load('room-1')).length).toBe(2);
  });

  it('stores the updates of one tick in one append and sends followers one merged frame', async () => {
    const { store, join } = await setup();
    const chair = await join('chair');
    const secretary = await join('secretary');
    const followers = await Promise.all([join('delegate'), join('delegate'), join('screen')]);
    const a = edit('a', 'from chair', 201);
    const b = edit('b', 'from secretary', 202);
    chair.conn.receive(encodeUpdate(a));
    secretary.conn.receive(encodeUpdate(b));
    await waitFor(() => followers.every((f) => f.socket.updates().length === 1));
    expect(store.appendCalls.slice(1)).toEqual([2]);
    for (const f of followers) {
      const d = new Y.Doc();
      Y.applyUpdate(d, f.socket.updates()[0]);
      expect(d.getMap('m').toJSON()).toEqual({ a: 'from chair', b: 'from secretary' });
    }
    expect(chair.socket.updates().map((u) => Array.from(u))).toEqual([Array.from(b)]);
    expect(secretary.socket.updates().map((u) => Array.from(u))).toEqual([Array.from(a)]);
  });

  it('holds frames that arrive while the meeting loads and applies them after', async () => {
    const { registry, store } = await setup();
    const socket = new FakeSocket();
    const metrics = createMetrics();
    const conn = new SyncConnection(socket, 'room-1', 'chair', log, metrics);
    const joining = registry.join('room-1', conn);
    conn.receive(encodeStep1(new Y.Doc()));
    conn.receive(encodeUpdate(edit('early', 'yes', 301)));
    expect(socket.sent).toHaveLength(0);
    await joining;
    await waitFor(() => store.appendCalls.length === 2);
    const d = new Y.Doc();
    for (const u of await store.load('room-1')) Y.applyUpdate(d, u);
    expect(d.getMap('m').get('early')).toBe('yes');
    // Greeting first (server step 1), then the answer to the queued step 1.
    expect([socket.sent[0][0], socket.sent[0][1]]).toEqual([0, 0]);
    expect(socket.sent.some((f) => f[0] === 0 && f[1] === 1)).toBe(true);
  });

  it('loads a meeting once for joins that race, and unloads and compacts after the last leaves', async () => {
    const { registry, store, join } = await setup({ unloadAfterMs: 0 });
    const clients = await Promise.all(Array.from({ length: 10 }, () => join('delegate')));
    expect(registry.all()).toHaveLength(1);
    expect(store.loads).toBe(1);
    expect(new Set(clients.map((c) => c.socket.sent[0].join())).size).toBe(1);
    const writer = await join('secretary');
    for (let i = 0; i < 5; i++) {
      writer.conn.receive(encodeUpdate(edit(`k${i}`, 'v', 400 + i)));
      await waitFor(() => clients[0].socket.updates().length === i + 1);
    }
    for (const c of [...clients, writer]) c.conn.onSocketClosed();
    await waitFor(() => registry.all().length === 0, { what: 'the unload' });
    expect(await store.load('room-1')).toHaveLength(1);
  });

  it('keeps an emptied meeting loaded for unloadAfterMs: a join meanwhile reuses it, then it unloads and compacts', async () => {
    const { registry, store, join } = await setup({ unloadAfterMs: 300 });
    const writer = await join('chair');
    writer.conn.receive(encodeUpdate(edit('kept', 'yes', 700)));
    await waitFor(() => store.appendCalls.length === 2);
    writer.conn.onSocketClosed();
    // Gone, and back within the grace: the same room, no second load.
    const room = registry.all()[0];
    const back = await join('delegate');
    expect(registry.all()).toEqual([room]);
    expect(store.loads).toBe(1);
    expect(back.socket.sent.length).toBeGreaterThan(0);
    back.conn.onSocketClosed();
    expect(registry.all()).toEqual([room]);
    await waitFor(() => registry.all().length === 0, { what: 'the unload after the grace' });
    const stored = await store.load('room-1');
    expect(stored).toHaveLength(1);
    const d = new Y.Doc();
    Y.applyUpdate(d, stored[0]!);
    expect(d.getMap('m').get('kept')).toBe('yes');
    // Joining afterwards loads it afresh.
    const loadsBefore = store.loads;
    const later = await join('delegate');
    expect(store.loads).toBe(loadsBefore + 1);
    later.conn.onSocketClosed();
  });

  it('closeAll unloads idle meetings at once, without waiting for their grace', async () => {
    const { registry, join } = await setup({ unloadAfterMs: 60_000 });
    const c = await join('chair');
    c.conn.onSocketClosed();
    expect(registry.all()).toHaveLength(1);
    await registry.closeAll(1001, 'stopping');
    expect(registry.all()).toHaveLength(0);
  });

  it('compacts the stored log once enough rows were appended, keeping the state', async () => {
    const { store, join } = await setup({ compactAfterRows: 5 });
    const writer = await join('chair');
    const follower = await join('delegate');
    for (let i = 0; i < 6; i++) {
      writer.conn.receive(encodeUpdate(edit(`k${i}`, `v${i}`, 500 + i)));
      await waitFor(() => follower.socket.updates().length === i + 1);
    }
    const rows = await waitFor(async () => {
      const r = await store.load('room-1');
      return r.length < 7 ? r : undefined;
    }, { what: 'compaction' });
    const d = new Y.Doc();
    for (const u of rows) Y.applyUpdate(d, u);
    expect(d.getMap('m').get('k5')).toBe('v5');
    expect(d.getMap('m').get('title')).toBe('base');
  });

  it('G-DUR-3: closes every connection with 1011 and drops the room when the store fails, broadcasting nothing', async () => {
    const { store, registry, join } = await setup();
    const writer = await join('secretary');
    const follower = await join('delegate');
    store.failNext = true;
    writer.conn.receive(encodeUpdate(edit('lost', 'not stored', 601)));
    await waitFor(() => writer.socket.closedWith && follower.socket.closedWith, { what: 'the closes' });
    expect(writer.socket.closedWith!.code).toBe(CloseCode.ServerError);
    expect(follower.socket.closedWith!.code).toBe(CloseCode.ServerError);
    expect(follower.socket.updates()).toHaveLength(0);
    await waitFor(() => registry.all().length === 0, { what: 'the room to be dropped' });
    // The writer reconnects and sends its state again: now it is stored.
    const again = await join('secretary');
    again.conn.receive(encodeUpdate(edit('lost', 'not stored', 601)));
    const reader = await join('screen');
    reader.conn.receive(encodeStep1(new Y.Doc()));
    await waitFor(async () => {
      const d = new Y.Doc();
      for (const u of await store.load('room-1')) Y.applyUpdate(d, u);
      return d.getMap('m').get('lost') === 'not stored';
    });
  });

  it('hands stored batches to onStored and sends updates stored elsewhere to every connection without storing them', async () => {
    const published: Uint8Array[][] = [];
    const { store, registry, join } = await setup({ onStored: (_name, updates) => published.push(updates) });
    const writer = await join('chair');
    const follower = await join('delegate');
    const local = edit('here', 'yes', 701);
    writer.conn.receive(encodeUpdate(local));
    await waitFor(() => published.length === 1);
    expect(published[0].map((u) => Array.from(u))).toEqual([Array.from(local)]);

    const rowsBefore = (await store.load('room-1')).length;
    const remote = edit('there', 'from another process', 702);
    registry.get('room-1')!.applyStoredElsewhere(remote);
    await waitFor(() => writer.socket.updates().length === 1 && follower.socket.updates().length === 2);
    expect(Array.from(writer.socket.updates()[0])).toEqual(Array.from(remote));
    expect((await store.load('room-1')).length).toBe(rowsBefore);
    expect(published).toHaveLength(1);
  });
});
