/**
 * Loaded meetings. A meeting is loaded once even when many clients join at the same moment (a Map of
 * loading promises), before anyone gets sync step 1; it is flushed, compacted and unloaded once its last
 * connection has been gone for `unloadAfterMs` (a join meanwhile keeps it), or at once when its storage
 * failed or the server stops. A join that races an unload waits for the unload and loads afresh.
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocStore } from '../persistence/DocStore.js';
import type { Metrics } from './metrics.js';
import { DEFAULT_ROOM_OPTIONS, Room, type RoomOptions } from './Room.js';
import { assertWellFormedUpdate } from './syncMessages.js';
import type { SyncConnection } from './SyncConnection.js';
import { ServerActor, type Actor } from './Actor.js';

/** Origin of the transaction that replays stored updates (not saved again). */
export const LOAD_ORIGIN = Symbol('plenary-load');

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  /** Connections waiting for their meeting to load. */
  private readonly joining = new Set<SyncConnection>();
  /** Rooms with no connection, each with the timer that unloads it. */
  private readonly idle = new Map<Room, NodeJS.Timeout>();
  /** Rooms a `withRoom` is working on (how many at once): never unloaded under it. */
  private readonly inUse = new Map<Room, number>();
  /** Meetings being deleted: their room is dropped, never written back. */
  private readonly discarding = new Set<string>();
  /** Called with each room once it is loaded (see onLoad). */
  private readonly loadListeners: ((room: Room) => void)[] = [];

  constructor(
    private readonly store: DocStore,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly roomOptions: RoomOptions = DEFAULT_ROOM_OPTIONS,
    /** Called with the final document (and when it was last stored, ms) just before a meeting unloads. */
    private readonly onUnload: (name: string, doc: Y.Doc, lastStoredAt: number | undefined) => void = () => undefined,
  ) {}

  /**
   * Calls `f` with every room loaded from now on (and the rooms loaded already), before anyone joins it:
   * for a service that follows a part of each loaded meeting (the e-mail approval deadlines). `f` must
   * not write to the document; it may observe it until the document is destroyed on unload.
   */
  onLoad(f: (room: Room) => void): void {
    this.loadListeners.push(f);
    for (const room of this.rooms.values()) f(room);
  }

  /** The loaded room of a meeting, if any. */
  get(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  /** Loaded rooms. */
  all(): Room[] {
    return [...this.rooms.values()];
  }

  /** Every open connection of a meeting, joined or still waiting for the load. */
  connectionsOf(name: string): SyncConnection[] {
    const joined = [...(this.rooms.get(name)?.connections ?? [])];
    return [...joined, ...[...this.joining].filter((c) => c.meetingId === name)];
  }

  /** Loads the meeting (once) and joins the connection; a connection closed meanwhile is skipped. */
  async join(name: string, conn: SyncConnection): Promise<void> {
    this.joining.add(conn);
    let room: Room;
    try {
      room = await this.getOrLoad(name);
    } finally {
      this.joining.delete(conn);
    }
    if (conn.isClosed) {
      if (room.connections.size === 0) this.releaseLater(room);
      return;
    }
    this.keep(room);
    room.join(conn);
  }

  /** The room of a meeting, loading it if needed. */
  getOrLoad(name: string): Promise<Room> {
    const loaded = this.rooms.get(name);
    if (loaded && !this.unloading.has(name)) return Promise.resolve(loaded);
    let p = this.loading.get(name);
    if (!p) {
      p = this.load(name).finally(() => this.loading.delete(name));
      this.loading.set(name, p);
    }
    return p;
  }

  /**
   * Runs `f` on the meeting's current document: the live one when loaded (after a flush), else one read
   * from the store for the occasion.
   */
  async withDoc<T>(name: string, f: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
    const room = this.rooms.get(name);
    if (room) {
      await room.flush();
      return f(room.doc);
    }
    const doc = await this.readDoc(name);
    try {
      return await f(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * Drops a meeting that is being deleted: waits for a load or unload in flight, closes every connection
   * (joined or still joining) with `code`, lets what was applied finish storing (so no write lands after
   * the caller removes the rows) and unloads the room without compacting or calling onUnload.
   */
  async discard(name: string, code: number, reason: string): Promise<void> {
    this.discarding.add(name);
    try {
      await this.loading.get(name)?.catch(() => undefined);
      await this.unloading.get(name);
      for (const c of this.connectionsOf(name)) c.close(code, reason);
      const room = this.rooms.get(name);
      if (!room) return;
      this.keep(room);
      await room.flush().catch(() => undefined);
      room.closeAll(code, reason);
      this.rooms.delete(name);
      room.destroy();
      this.metrics.meetingsLoaded.set(this.rooms.size);
      this.log.debug({ meeting: name }, 'meeting discarded');
    } finally {
      this.discarding.delete(name);
    }
  }

  /**
   * Changes a meeting on the server, as an edit: `f` runs on the loaded room's document (loading it if
   * needed), so its updates are stored before they are broadcast like a client's; resolves once they are
   * stored. A meeting loaded only for this unloads again after unloadAfterMs. `actor`: who the change is
   * made for (the record names its role, token id and name); without one the record says 'server'.
   */
  edit<T>(name: string, f: (doc: Y.Doc) => T, actor?: Actor): Promise<T> {
    return this.withRoom(name, async (room) => {
      let result!: T;
      room.doc.transact(() => {
        result = f(room.doc);
      }, actor ? ServerActor.of(actor) : null);
      await room.flush();
      return result;
    });
  }

  /**
   * Runs `f` on the meeting's live room (loading it if needed), so what `f` writes is stored and broadcast
   * like an edit; a room loaded only for this unloads again after `unloadAfterMs`.
   */
  async withRoom<T>(name: string, f: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.getOrLoad(name);
    // An earlier call's unload timer must not unload the room while `f` waits (a merge planned in a worker
    // outlasted it, and its change went to a room already unloaded: pg G-PART-1).
    this.keep(room);
    this.inUse.set(room, (this.inUse.get(room) ?? 0) + 1);
    try {
      return await f(room);
    } finally {
      const left = (this.inUse.get(room) ?? 1) - 1;
      if (left > 0) this.inUse.set(room, left);
      else this.inUse.delete(room);
      if (left === 0 && room.connections.size === 0 && this.rooms.get(name) === room) this.releaseLater(room);
    }
  }

  /** Flushes, closes every connection with `code`, compacts and unloads every room. */
  async closeAll(code: number, reason: string): Promise<void> {
    await Promise.allSettled([...this.loading.values()]);
    const rooms = [...this.rooms.values()];
    for (const room of rooms) {
      await room.flush().catch(() => undefined);
      room.closeAll(code, reason);
    }
    for (const room of rooms) this.release(room);
    await Promise.allSettled([...this.unloading.values()]);
  }

  private async load(name: string): Promise<Room> {
    const pendingUnload = this.unloading.get(name);
    if (pendingUnload) await pendingUnload;
    const doc = await this.readDoc(name);
    const rows = (await this.store.stats(name)).rows;
    const recordInfo = await this.store.recordInfo(name);
    const room = new Room(name, doc, this.store, this.log, this.metrics, (r, why) => (why === 'failed' ? this.release(r) : this.releaseLater(r)), rows, this.roomOptions, recordInfo);
    this.rooms.set(name, room);
    this.metrics.meetingsLoaded.set(this.rooms.size);
    for (const f of this.loadListeners) {
      try {
        f(room);
      } catch (err) {
        this.log.warn({ meeting: name, err }, 'a load listener failed');
      }
    }
    this.log.debug({ meeting: name, rows }, 'meeting loaded');
    return room;
  }

  /**
   * A meeting's stored rows that can be read. A row that does not decode (cut short, damaged on disk) is
   * moved into the store's quarantine with the reason, and logged with the meeting's id: the meeting
   * loads from the rest instead of failing for ever (and every export with it).
   */
  async readableRows(name: string): Promise<Uint8Array[]> {
    return this.checkedRows(name, await this.store.load(name));
  }

  /** The stored rows of a meeting as they are, unchecked (see checkedRows); reading changes nothing (DocStore.read). */
  storedRows(name: string): Promise<Uint8Array[]> {
    return this.store.read(name);
  }

  /**
   * A loaded meeting's stored rows after a flush: what its document holds, as bytes read from the store
   * (for a worker; encoding a 10,000-Tdoc document would hold the event loop for a third of a second).
   */
  async readRows(name: string): Promise<Uint8Array[]> {
    await this.rooms.get(name)?.flush();
    return this.store.read(name);
  }

  /** `rows` (as storedRows gave them) without the unreadable ones, which are quarantined. */
  async checkedRows(name: string, rows: Uint8Array[]): Promise<Uint8Array[]> {
    const bad: { at: number; why: string }[] = [];
    rows.forEach((u, at) => {
      try {
        assertWellFormedUpdate(u);
      } catch (e) {
        bad.push({ at, why: (e as Error).message });
      }
    });
    if (!bad.length) return rows;
    await this.setAside(name, bad, rows.length);
    const skip = new Set(bad.map((b) => b.at));
    return rows.filter((_, i) => !skip.has(i));
  }

  private async setAside(name: string, bad: { at: number; why: string }[], of: number): Promise<void> {
    const reason = `unreadable stored update: ${bad[0].why}`.slice(0, 500);
    const moved = await this.store.quarantine(
      name,
      bad.map((b) => b.at),
      reason,
    );
    this.log.error({ meeting: name, rows: bad.map((b) => b.at), of, moved, reason }, 'unreadable stored rows quarantined; the meeting loads from the rest');
  }

  private async readDoc(name: string): Promise<Y.Doc> {
    const updates = await this.readableRows(name);
    const doc = new Y.Doc();
    const failed: { at: number; why: string }[] = [];
    // In order and in one transaction: a missing base would leave everything pending (FACTS.md).
    doc.transact(() => {
      updates.forEach((u, at) => {
        try {
          Y.applyUpdate(doc, u, LOAD_ORIGIN);
        } catch (e) {
          failed.push({ at, why: (e as Error).message });
        }
      });
    }, LOAD_ORIGIN);
    // Decoded but could not be applied: set aside too (positions in what is left after the first pass).
    if (failed.length) await this.setAside(name, failed, updates.length);
    return doc;
  }

  /** The room's last connection left: unload it unless someone joins within unloadAfterMs. */
  private releaseLater(room: Room): void {
    const wait = this.roomOptions.unloadAfterMs;
    if (wait <= 0) return this.release(room);
    if (this.idle.has(room)) return;
    const timer = setTimeout(() => {
      this.idle.delete(room);
      if (room.connections.size === 0 && !this.inUse.has(room)) this.release(room);
    }, wait);
    timer.unref();
    this.idle.set(room, timer);
  }

  /** A connection joins: the room is not idle any more. */
  private keep(room: Room): void {
    const timer = this.idle.get(room);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.idle.delete(room);
  }

  private release(room: Room): void {
    this.keep(room);
    if (this.rooms.get(room.name) !== room || this.unloading.has(room.name) || this.discarding.has(room.name)) return;
    const p = (async () => {
      try {
        // Stop the clock first: its last write is stored with the rest (nobody is there to count for).
        room.clock.settle();
        await room.flush();
        await room.compact();
      } catch (err) {
        this.log.error({ meeting: room.name, err }, 'unload: flush or compaction failed');
      } finally {
        if (room.connections.size > 0) room.closeAll(1001, 'the meeting is being reloaded');
        try {
          this.onUnload(room.name, room.doc, room.lastStoredAt);
        } catch (err) {
          this.log.warn({ meeting: room.name, err }, 'unload hook failed');
        }
        room.destroy();
        if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
        this.unloading.delete(room.name);
        this.metrics.meetingsLoaded.set(this.rooms.size);
        this.log.debug({ meeting: room.name }, 'meeting unloaded');
      }
    })();
    this.unloading.set(room.name, p);
  }
}
