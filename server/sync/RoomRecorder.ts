/**
 * What the server attests about each update a room stores (issue 17): the server's time (from an
 * injectable clock), the role and token id of the connection that sent it, the name that connection
 * gave in its presence at that moment (claimed: the record says so), and the change in words. Nothing
 * of it comes from the update itself, so a client can forge none of it. Every so often (a number of
 * records or minutes) the record also carries the full state as a checkpoint, taken synchronously in the
 * update handler, where the document holds exactly the updates recorded so far.
 */
import * as Y from 'yjs';
import { ChangeDescriber } from '../../shared/document/changeDescriber.js';
import type { RecordInfo, UpdateRecord } from '../persistence/historyRecords.js';
import type { RoomAwareness } from './RoomAwareness.js';
import type { SyncConnection } from './SyncConnection.js';
import { MAX_ACTOR_NAME, ServerActor } from './Actor.js';

/** Record settings (part of RoomOptions). */
export interface RecordOptions {
  /** The server's clock (ms since the epoch); tests inject a simulated one. Default Date.now. */
  clock?: () => number;
  /** Store a checkpoint after this many records ... */
  checkpointEveryRecords: number;
  /**
   * ... or once this long (ms) has passed since the last checkpoint and at least a tenth of
   * checkpointEveryRecords were recorded since (so a quiet day does not pile up full states).
   */
  checkpointEveryMs: number;
  /**
   * ... or once the updates recorded since the last checkpoint add up to this many bytes (a past state is
   * rebuilt from the checkpoint plus those updates: this bounds what one rebuild replays, whatever the
   * size of each update). Optional for older configs; default 8 MiB.
   */
  checkpointEveryBytes?: number;
}

/**
 * 2,000 records, or 4 hours with at least 200, or 8 MiB of updates. Rebuilding a past state costs about one cold load of the
 * checkpoint plus the records after it, and applying 2,000 small updates is ~12 ms against ~250 ms for
 * the checkpoint of a 2,000-Tdoc meeting: more checkpoints would not make it faster, only the disk
 * fuller (docs/BENCHMARKS.md, "The record"). Checkpoints exist for speed only; the record holds everything.
 */
export const DEFAULT_RECORD_OPTIONS: RecordOptions = { checkpointEveryRecords: 2_000, checkpointEveryMs: 4 * 3_600_000, checkpointEveryBytes: 8 * 2 ** 20 };

export { ServerActor, type Actor } from './Actor.js';

/** Longest name kept from presence. */
const MAX_NAME = MAX_ACTOR_NAME;

export class RoomRecorder {
  private readonly describer: ChangeDescriber;
  private lastAt: number;
  private sinceCheckpoint: number;
  /** Bytes of the updates recorded since the last checkpoint (counted from this process's start). */
  private bytesSinceCheckpoint = 0;
  private lastCheckpointAt: number;
  private readonly clock: () => number;

  constructor(
    private readonly doc: Y.Doc,
    private readonly presence: RoomAwareness,
    info: RecordInfo | undefined,
    private readonly opts: RecordOptions,
  ) {
    this.describer = new ChangeDescriber(doc);
    this.clock = opts.clock ?? Date.now;
    this.lastAt = info?.lastAt ?? 0;
    this.lastCheckpointAt = info?.lastCheckpointAt ?? 0;
    // A meeting stored before records were kept has no checkpoint: its first record gets one, so the
    // record can be rebuilt from there on.
    this.sinceCheckpoint = info && info.checkpoints > 0 ? info.recordsSinceCheckpoint : Number.POSITIVE_INFINITY;
  }

  /** The record of an update (of `bytes`) the room is about to store; call from the doc's 'update' handler. */
  recordFor(origin: unknown, conn: SyncConnection | null, tr: Y.Transaction | undefined, bytes = 0): UpdateRecord {
    const at = Math.max(this.clock(), this.lastAt);
    this.lastAt = at;
    const changes = this.describer.take(tr);
    let who: Pick<UpdateRecord, 'role' | 'tokenId' | 'name'>;
    if (conn) who = { role: conn.role, tokenId: conn.tokenId, name: this.claimedName(conn) };
    else if (origin instanceof ServerActor) who = { role: origin.role, tokenId: origin.tokenId, name: origin.name.slice(0, MAX_NAME) };
    else who = { role: 'server', tokenId: '', name: '' };
    const record: UpdateRecord = { at, ...who, changes };
    this.sinceCheckpoint++;
    this.bytesSinceCheckpoint += bytes;
    const every = this.opts.checkpointEveryRecords;
    const bySize = this.bytesSinceCheckpoint >= (this.opts.checkpointEveryBytes ?? Number.POSITIVE_INFINITY);
    if (bySize || this.sinceCheckpoint >= every || (at - this.lastCheckpointAt >= this.opts.checkpointEveryMs && this.sinceCheckpoint >= Math.ceil(every / 10))) {
      record.checkpoint = Y.encodeStateAsUpdate(this.doc);
      this.sinceCheckpoint = 0;
      this.bytesSinceCheckpoint = 0;
      this.lastCheckpointAt = at;
    }
    return record;
  }

  /** Drops the words of a transaction that is not recorded here (stored by another process). */
  skip(tr: Y.Transaction | undefined): void {
    this.describer.take(tr);
  }

  destroy(): void {
    this.describer.destroy();
  }

  /** The `user.name` of the presence entries this connection owns, or ''. */
  private claimedName(conn: SyncConnection): string {
    const states = this.presence.awareness.getStates();
    for (const id of conn.awarenessIds) {
      const user = (states.get(id) as { user?: { name?: unknown } } | undefined)?.user;
      if (user && typeof user.name === 'string' && user.name.trim()) return user.name.trim().slice(0, MAX_NAME);
    }
    return '';
  }
}
