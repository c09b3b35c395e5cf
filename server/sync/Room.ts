/**
 * A loaded meeting: its Y.Doc, the presence of everyone there (RoomAwareness), and the connections.
 *
 * Durability order (CONTRACT.md §4): an editor's update is applied to the doc, appended to the store with
 * every other update of the same tick in one call, and only once that append has resolved is it
 * broadcast (encoded once, the same bytes to every other connection, never echoed to the sender). A
 * sync step 2 for a joining client is likewise held back until everything it would contain is stored.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocStore } from '../persistence/DocStore.js';
import type { Metrics } from './metrics.js';
import type { RoomSide, SyncConnection } from './SyncConnection.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { RoomAwareness, type AwarenessLimits } from './RoomAwareness.js';
import { DEFAULT_RECORD_OPTIONS, RoomRecorder, type RecordOptions } from './RoomRecorder.js';
import { RoomPolls } from './RoomPolls.js';
import type { BallotSeal } from '../access/ballotSeal.js';
import { RoomClock } from './RoomClock.js';
import { CollectionGuard, UpdateRefused } from './CollectionGuard.js';
import type { RecordInfo, UpdateRecord } from '../persistence/historyRecords.js';
import {
  KEEPALIVE_FRAME,
  MalformedMessage,
  assertWellFormedUpdate,
  encodeStep1,
  encodeStep2,
  encodeUpdate,
  type SyncMessage,
} from './syncMessages.js';

/** Room settings; defaults in DEFAULT_ROOM_OPTIONS. */
export interface RoomOptions extends AwarenessLimits, RecordOptions {
  /** Send an empty awareness update to a connection that has been sent nothing for this long (ms). */
  keepaliveMs: number;
  /** Compact the stored log once this many rows were appended since the last compaction. */
  compactAfterRows: number;
  /** ... or this many bytes. */
  compactAfterBytes: number;
  /**
   * Keep a meeting loaded this long (ms) after its last connection left, so a page reload or a delegate's
   * reconnect on poor Wi-Fi finds it in memory instead of waiting for a reload; 0 unloads at once.
   */
  unloadAfterMs: number;
  /**
   * Move the time counted on live agenda items into their `spentSeconds` this often (ms; RoomClock.ts): at
   * most this much live time is lost if the server crashes. 0: only on changes and unload.
   */
  clockCheckpointMs?: number;
  /** Called with each batch once it is stored: where a publisher to other server processes plugs in. */
  onStored?: (meetingId: string, updates: Uint8Array[]) => void;
  /**
   * Opens the sealed ballots of a poll whose counts are shown at close (RoomPolls.ts, issue 25); without
   * it such a poll's counts stay sealed (a room made by a tool, not the server).
   */
  ballots?: Pick<BallotSeal, 'open'>;
}

/** Origin of updates that another process stored (see Room.applyStoredElsewhere). */
export const STORED_ELSEWHERE = Symbol('plenary-stored-elsewhere');

/** Five minutes: a dozen small records an hour while an item is live. */
export const DEFAULT_CLOCK_CHECKPOINT_MS = 300_000;

/** y-websocket's watchdog reconnects after 30 s without a message: keep alive at half that. */
export const DEFAULT_ROOM_OPTIONS: RoomOptions = {
  keepaliveMs: 15_000,
  unloadAfterMs: 30_000,
  compactAfterRows: 1_000,
  compactAfterBytes: 4 * 1024 * 1024,
  maxAwarenessBytes: 64 * 1024,
  maxAwarenessIdsPerConnection: 8,
  awarenessPerSecond: 20,
  ...DEFAULT_RECORD_OPTIONS,
  readOnlyAwarenessPerSecond: 5,
  maxEditorStateBytes: 8 * 1024,
  maxReadOnlyStateBytes: 2 * 1024,
  // A joiner's snapshot stays under 256 KB; the delegates' link (public) can fill only its own share.
  maxRoomPresenceBytes: 240 * 1024,
  maxRolePresenceBytes: { chair: 32 * 1024, secretary: 32 * 1024, delegate: 160 * 1024, screen: 16 * 1024 },
  rolePresenceBytesPerSecond: { chair: 256 * 1024, secretary: 256 * 1024, delegate: 64 * 1024, screen: 16 * 1024 },
  queryAwarenessPerSecond: 1,
};

interface Pending {
  update: Uint8Array;
  origin: SyncConnection | null;
  record: UpdateRecord;
}

export class Room implements RoomSide {
  readonly presence: RoomAwareness;
  readonly connections = new Set<SyncConnection>();
  /** When the last batch was stored (ms since the epoch), undefined before the first since loading. */
  lastStoredAt: number | undefined;
  /** Names this loading of the meeting; with `version`, what an export cache keys a state by. */
  readonly instance = randomUUID();
  /** Changes applied to the document since it was loaded. */
  version = 0;
  private pending: Pending[] = [];
  private flushScheduled = false;
  private flushing: Promise<void> | undefined;
  private afterFlush: (() => void)[] = [];
  private rowsSinceCompact: number;
  private bytesSinceCompact = 0;
  private compacting: Promise<void> | undefined;
  private readonly keepaliveTimer: NodeJS.Timeout;
  private failed = false;
  private fullStep2: Uint8Array | undefined;
  private destroyed = false;
  private readonly recorder: RoomRecorder;
  private readonly guard: CollectionGuard;
  /** Counts the time agenda items are live, on the server's clock. */
  readonly clock: RoomClock;
  /** Opens a closed poll's sealed ballots (counts shown at close). */
  private readonly polls: RoomPolls | undefined;

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    private readonly store: DocStore,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    /** Called when the last connection left ('empty'), or the room failed and must be dropped now ('failed'). */
    private readonly onEmpty: (room: Room, why: 'empty' | 'failed') => void,
    loadedRows: number,
    private readonly opts: RoomOptions = DEFAULT_ROOM_OPTIONS,
    /** The meeting's stored record, as it was when the room loaded (undefined: none yet). */
    recordInfo?: RecordInfo,
  ) {
    this.rowsSinceCompact = loadedRows;
    this.presence = new RoomAwareness(doc, opts, (frame) => this.sendPresenceToAll(frame));
    this.recorder = new RoomRecorder(doc, this.presence, recordInfo, { ...DEFAULT_RECORD_OPTIONS, ...opts });
    this.guard = new CollectionGuard(doc);
    doc.on('update', this.onDocUpdate);
    this.clock = new RoomClock(doc, {
      now: opts.clock ?? Date.now,
      checkpointMs: opts.clockCheckpointMs ?? DEFAULT_CLOCK_CHECKPOINT_MS,
      lastAliveMs: recordInfo?.lastAt || undefined,
    });
    this.polls = opts.ballots ? new RoomPolls(doc, { now: opts.clock ?? Date.now, ballots: opts.ballots, elsewhere: STORED_ELSEWHERE }) : undefined;
    this.keepaliveTimer = setInterval(() => this.keepalive(), Math.max(250, opts.keepaliveMs / 3));
    this.keepaliveTimer.unref();
  }

  /** Greets a connection (server state vector, everyone's presence) and starts taking its messages. */
  join(conn: SyncConnection): void {
    this.connections.add(conn);
    // The clock's load-time writes wait for an editor: a reader opening the meeting changes nothing.
    if (conn.canWrite) this.clock.activate();
    conn.send(encodeStep1(this.doc));
    const presence = this.presence.snapshot();
    if (presence) conn.sendPresence(presence);
    conn.attach(this);
  }

  leave(conn: SyncConnection): void {
    if (!this.connections.delete(conn)) return;
    this.presence.remove(conn);
    if (this.connections.size === 0) this.onEmpty(this, 'empty');
  }

  handle(conn: SyncConnection, msg: SyncMessage): void {
    switch (msg.kind) {
      case 'step1':
        this.whenStored(() => conn.send(this.step2For(msg.stateVector)));
        return;
      case 'update':
        if (!conn.canWrite) return;
        try {
          // Decoded once: checked for form, then for the parts' limits (CollectionGuard.ts), before applying.
          this.guard.check(assertWellFormedUpdate(msg.update));
        } catch (e) {
          if (!(e instanceof UpdateRefused)) throw e;
          conn.warnOnce('refused', 'refused an update over a part\'s limit', { why: e.message });
          return conn.close(CloseCode.Refused, CloseReason.Refused);
        }
        try {
          Y.applyUpdate(this.doc, msg.update, conn);
        } catch (e) {
          // Whatever Yjs integrated before it threw went through the update handler (stored, then sent).
          throw new MalformedMessage(`the update could not be applied (${(e as Error)?.message ?? e})`);
        }
        return;
      case 'awareness':
        this.presence.apply(conn, msg.update);
        return;
      case 'query-awareness':
        if (this.presence.takeQuery(conn)) conn.sendPresence(this.presence.snapshot() ?? KEEPALIVE_FRAME);
        return;
      case 'unknown':
        conn.warnOnce('unknown-type', 'ignored messages of an unknown type', { type: msg.type });
    }
  }

  /** Resolves once every update applied so far is stored (and broadcast). */
  async flush(): Promise<void> {
    while (this.flushing || this.pending.length) {
      if (this.flushing) await this.flushing;
      else await this.runFlush();
    }
  }

  /** Compacts the stored log now (after a flush). */
  async compact(): Promise<void> {
    await this.flush();
    if (this.compacting) return this.compacting;
    const end = this.metrics.compactSeconds.startTimer();
    this.compacting = this.store
      .compact(this.name)
      .then((r) => {
        this.log.debug({ meeting: this.name, ...r }, 'compacted');
        this.rowsSinceCompact = 0;
        this.bytesSinceCompact = 0;
      })
      .catch((err) => this.log.error({ meeting: this.name, err }, 'compaction failed; the log is kept as it was'))
      .finally(() => {
        end();
        this.compacting = undefined;
      });
    return this.compacting;
  }

  /** Closes every connection with `code` (e.g. 1001 on shutdown). */
  closeAll(code: number, reason: string): void {
    for (const c of [...this.connections]) c.close(code, reason);
  }

  /** Stops timers and listeners; the doc is no longer this room's. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.keepaliveTimer);
    this.clock.destroy();
    this.polls?.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.recorder.destroy();
    this.presence.destroy();
    this.doc.destroy();
  }

  /**
   * The fan-out seam for several server processes: an update another process has already stored (and
   * published, e.g. over Redis) is applied here and sent to this process's connections, not stored again.
   */
  applyStoredElsewhere(update: Uint8Array): void {
    assertWellFormedUpdate(update);
    Y.applyUpdate(this.doc, update, STORED_ELSEWHERE);
  }

  /**
   * Sync step 2 for a client. A new client (empty state vector, the common case when a room of delegates
   * joins at once) gets one cached encoding of the whole document instead of one encoding each.
   */
  private step2For(stateVector: Uint8Array): Uint8Array {
    if (stateVector.length !== 1 || stateVector[0] !== 0) return encodeStep2(this.doc, stateVector);
    this.fullStep2 ??= encodeStep2(this.doc, stateVector);
    return this.fullStep2;
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr?: Y.Transaction): void => {
    this.fullStep2 = undefined;
    this.version++;
    if (this.failed) return this.recorder.skip(tr);
    if (origin === STORED_ELSEWHERE) {
      this.recorder.skip(tr);
      // Ordered after anything of ours still in flight, so a client never sees a later state first.
      this.whenStored(() => this.sendToAllBut(encodeUpdate(update), null));
      return;
    }
    const conn = isConnection(origin, this.connections) ? (origin as SyncConnection) : null;
    this.pending.push({ update, origin: conn, record: this.recorder.recordFor(origin, conn, tr, update.length) });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // setImmediate, not a microtask: every frame read in this poll phase joins the same transaction.
      setImmediate(() => {
        this.flushScheduled = false;
        if (!this.flushing) void this.runFlush();
      });
    }
  };

  private runFlush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return Promise.resolve();
    const started = performance.now();
    const bytes = batch.reduce((n, p) => n + p.update.length, 0);
    this.flushing = this.store
      .append(
        this.name,
        batch.map((p) => p.update),
        batch.map((p) => p.record),
      )
      .then(
        () => {
          // Stored: the followers get it first; the bookkeeping (the append's metric) waits for them.
          const appendSeconds = (performance.now() - started) / 1000;
          this.lastStoredAt = Date.now();
          this.broadcastStored(batch);
          this.metrics.appendSeconds.observe(appendSeconds);
          this.opts.onStored?.(this.name, batch.map((p) => p.update));
          this.rowsSinceCompact += batch.length;
          this.bytesSinceCompact += bytes;
          if (this.rowsSinceCompact >= this.opts.compactAfterRows || this.bytesSinceCompact >= this.opts.compactAfterBytes) {
            setImmediate(() => void this.compact());
          }
        },
        (err) => this.fail(err),
      )
      .finally(() => {
        this.flushing = undefined;
        if (this.pending.length) void this.runFlush();
        else {
          const waiting = this.afterFlush;
          this.afterFlush = [];
          for (const f of waiting) f();
        }
      });
    return this.flushing;
  }

  /**
   * Sends a stored batch. One update: the same bytes to everyone but its sender. Several: followers get
   * them merged into one frame (one send each, however busy the tick), and each sender gets the others'
   * updates but never its own.
   */
  private broadcastStored(batch: Pending[]): void {
    if (batch.length === 1) {
      this.sendToAllBut(encodeUpdate(batch[0].update), batch[0].origin);
      return;
    }
    const senders = new Set(batch.map((p) => p.origin).filter((o): o is SyncConnection => o !== null));
    const merged = encodeUpdate(Y.mergeUpdates(batch.map((p) => p.update)));
    const now = Date.now();
    let sent = 0;
    for (const c of this.connections) {
      if (senders.has(c)) continue;
      c.send(merged, now);
      sent++;
    }
    this.count(sent, merged.length);
    if (!senders.size) return;
    const frames = batch.map((p) => encodeUpdate(p.update));
    for (const s of senders) {
      if (!this.connections.has(s)) continue;
      batch.forEach((p, i) => {
        if (p.origin === s) return;
        s.send(frames[i]);
        this.count(1, frames[i].length);
      });
    }
  }

  private sendToAllBut(frame: Uint8Array, except: SyncConnection | null): void {
    const now = Date.now();
    let sent = 0;
    for (const c of this.connections) {
      if (c === except) continue;
      c.send(frame, now);
      sent++;
    }
    this.count(sent, frame.length);
  }

  /** Presence goes to every connection that is keeping up; a slow reader skips it (it is refreshed anyway). */
  private sendPresenceToAll(frame: Uint8Array): void {
    let sent = 0;
    for (const c of this.connections) if (c.sendPresence(frame)) sent++;
    this.count(sent, frame.length);
  }

  private count(messages: number, frameBytes: number): void {
    this.metrics.messagesOut.inc(messages);
    this.metrics.bytesOut.inc(messages * frameBytes);
  }

  private whenStored(f: () => void): void {
    if (this.flushing || this.pending.length) this.afterFlush.push(f);
    else f();
  }

  /**
   * Storage failed: what is in memory is no longer what is stored. Drop the room and close every
   * connection with 1011; clients reconnect and send their state again, so nothing is lost.
   */
  private fail(err: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.log.error({ meeting: this.name, err }, 'append failed; unloading the meeting');
    this.pending = [];
    this.afterFlush = [];
    this.closeAll(CloseCode.ServerError, CloseReason.ServerError);
    this.onEmpty(this, 'failed');
  }

  private keepalive(): void {
    const due = Date.now() - this.opts.keepaliveMs;
    for (const c of this.connections) if (c.lastSentAt <= due) c.send(KEEPALIVE_FRAME);
  }
}

function isConnection(origin: unknown, connections: Set<SyncConnection>): boolean {
  return connections.has(origin as SyncConnection);
}
