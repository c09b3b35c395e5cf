/**
 * The server's side of the meeting clock (issue 16, shared/time/meetingClock.ts): a loaded room counts how long
 * each agenda item is live, on the server's clock only. After any change to the document it brings the
 * clock in line with what is live (microtask, so the write joins the same stored batch as the change that
 * caused it); every `checkpointMs` it moves whole seconds into `spentSeconds`; on unload it stops the
 * clock (time while nobody has the meeting open is not counted). It also deletes a break countdown once
 * it is over.
 *
 * Loading writes nothing (a screen or a delegate opening a meeting never changes it): what the load
 * needs — settling a clock that a crash left running, at the last time the meeting was stored (so the
 * time the server was down is not counted, and nothing twice), and starting the live item at the load
 * time — is kept in memory and written on activation: when an editor joins, at the first change, at a
 * checkpoint or at unload, whichever comes first.
 *
 * Its writes are ordinary local transactions of the room's document with the CLOCK_ORIGIN actor: stored
 * before they are broadcast and recorded as the server's, like any edit.
 *
 * Only a transaction that touched what the clock reads (the live pointers, the rooms, the agenda, the
 * clock and the breaks) makes it look again: a Tdoc's status or a note typed, most of a meeting's edits,
 * cost it nothing on their way to the store and the followers.
 */
import type * as Y from 'yjs';
import { ServerActor } from './RoomRecorder.js';
import { ROOT } from '../../shared/document/meetingSchema.js';
import { checkpointClock, clearPastBreaks, nextBreakEnd, readRunning, reconcileClock, settleClock } from '../../shared/time/meetingClock.js';

/** Origin (and recorded actor) of the clock's writes. */
export const CLOCK_ORIGIN = new ServerActor('server', '', 'clock');

export interface RoomClockOptions {
  /** The server's clock (ms since the epoch); tests inject a fake one. */
  now: () => number;
  /** Move counted seconds into `spentSeconds` this often (ms); bounds what a crash can lose. 0: never. */
  checkpointMs: number;
  /** When the meeting was last stored (ms), to settle a clock a crash left running; undefined: unknown. */
  lastAliveMs?: number;
}

/** Longest timeout Node accepts. */
const MAX_TIMEOUT = 2_147_483_647;

export class RoomClock {
  private scheduled = false;
  private destroyed = false;
  private readonly checkpointTimer: NodeJS.Timeout | undefined;
  private breakTimer: NodeJS.Timeout | undefined;
  private breakAt: number | undefined;
  /** When the room loaded (server ms), until the load's writes are done (see activate). */
  private loadedAt: number | undefined;
  /** The top-level parts of the document whose changes can change the clock. */
  private readonly watched: Set<unknown>;

  constructor(
    private readonly doc: Y.Doc,
    private readonly opts: RoomClockOptions,
  ) {
    this.loadedAt = opts.now();
    this.watched = new Set([ROOT.live, ROOT.rooms, ROOT.agenda, ROOT.clock, ROOT.breaks].map((k) => doc.getMap(k)));
    this.scheduleBreakEnd(this.loadedAt);
    doc.on('afterTransaction', this.onTransaction);
    if (opts.checkpointMs > 0) {
      this.checkpointTimer = setInterval(() => this.checkpoint(), opts.checkpointMs);
      this.checkpointTimer.unref();
    }
  }

  /**
   * Writes what the load left pending (an editor joined, or the first change came): a clock a crash left
   * running is settled at the last time the meeting was stored, and the items live now count from the load.
   */
  activate(): void {
    const at = this.loadedAt;
    if (at === undefined || this.destroyed) return;
    this.loadedAt = undefined;
    if (readRunning(this.doc).size) settleClock(this.doc, Math.min(at, this.opts.lastAliveMs ?? 0), CLOCK_ORIGIN);
    reconcileClock(this.doc, at, CLOCK_ORIGIN);
    this.sync();
  }

  /** Moves the whole seconds counted so far into the items' `spentSeconds` (the periodic checkpoint). */
  checkpoint(): void {
    if (this.destroyed || this.loadedAt !== undefined) return;
    this.sync();
    checkpointClock(this.doc, this.opts.now(), CLOCK_ORIGIN);
  }

  /**
   * Stops the clock now (before the meeting unloads); a later load starts the live items afresh. A room
   * no editor joined and nobody changed writes nothing.
   */
  settle(): void {
    if (this.destroyed || this.loadedAt !== undefined) return;
    this.sync();
    settleClock(this.doc, this.opts.now(), CLOCK_ORIGIN);
  }

  destroy(): void {
    this.destroyed = true;
    this.doc.off('afterTransaction', this.onTransaction);
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    if (this.breakTimer) clearTimeout(this.breakTimer);
  }

  /** Brings the clock and the breaks in line with the document at the server's time now. */
  private sync(): void {
    if (this.loadedAt !== undefined) return this.activate();
    const now = this.opts.now();
    reconcileClock(this.doc, now, CLOCK_ORIGIN);
    clearPastBreaks(this.doc, now, CLOCK_ORIGIN);
    this.scheduleBreakEnd(now);
  }

  private readonly onTransaction = (tr: Y.Transaction): void => {
    if (tr.origin === CLOCK_ORIGIN || this.scheduled || this.destroyed) return;
    if (this.loadedAt === undefined && !this.touchesClock(tr)) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (!this.destroyed) this.sync();
    });
  };

  /** True when the transaction changed something under a part the clock reads (changedParentTypes holds every ancestor). */
  private touchesClock(tr: Y.Transaction): boolean {
    for (const type of tr.changedParentTypes.keys()) if (this.watched.has(type)) return true;
    for (const type of tr.changed.keys()) if (this.watched.has(type)) return true;
    return false;
  }

  /** A timer for the next break's end, so the stored countdown goes away even if nothing else happens. */
  private scheduleBreakEnd(now: number): void {
    const next = nextBreakEnd(this.doc);
    if (next === this.breakAt) return;
    if (this.breakTimer) clearTimeout(this.breakTimer);
    this.breakTimer = undefined;
    this.breakAt = next;
    if (next === undefined) return;
    this.breakTimer = setTimeout(() => {
      this.breakAt = undefined;
      this.breakTimer = undefined;
      if (!this.destroyed && this.loadedAt === undefined) this.sync();
    }, Math.min(MAX_TIMEOUT, Math.max(0, next - now) + 50));
    this.breakTimer.unref();
  }
}
