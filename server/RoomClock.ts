/**
 * The server's side of the meeting clock (issue 16, shared/meetingClock.ts): a loaded room counts how long
 * each agenda item is live, on the server's clock only. After any change to the document it brings the
 * clock in line with what is live (microtask, so the write joins the same stored batch as the change that
 * caused it); every `checkpointMs` it moves whole seconds into `spentSeconds`; on unload it stops the
 * clock (time while nobody has the meeting open is not counted); on load it settles a clock that a crash
 * left running at the last time the meeting was stored (so the time the server was down is not counted,
 * and nothing is counted twice). It also deletes a break countdown once it is over.
 *
 * Its writes are ordinary local transactions of the room's document with the CLOCK_ORIGIN actor: stored
 * before they are broadcast and recorded as the server's, like any edit.
 */
import type * as Y from 'yjs';
import { ServerActor } from './RoomRecorder.js';
import { checkpointClock, clearPastBreaks, nextBreakEnd, readRunning, reconcileClock, settleClock } from '../shared/meetingClock.js';

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

  constructor(
    private readonly doc: Y.Doc,
    private readonly opts: RoomClockOptions,
  ) {
    const now = opts.now();
    if (readRunning(doc).size) settleClock(doc, Math.min(now, opts.lastAliveMs ?? 0), CLOCK_ORIGIN);
    this.sync();
    doc.on('afterTransaction', this.onTransaction);
    if (opts.checkpointMs > 0) {
      this.checkpointTimer = setInterval(() => this.checkpoint(), opts.checkpointMs);
      this.checkpointTimer.unref();
    }
  }

  /** Moves the whole seconds counted so far into the items' `spentSeconds` (the periodic checkpoint). */
  checkpoint(): void {
    if (this.destroyed) return;
    this.sync();
    checkpointClock(this.doc, this.opts.now(), CLOCK_ORIGIN);
  }

  /** Stops the clock now (before the meeting unloads); a later load starts the live items afresh. */
  settle(): void {
    if (this.destroyed) return;
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
    const now = this.opts.now();
    reconcileClock(this.doc, now, CLOCK_ORIGIN);
    clearPastBreaks(this.doc, now, CLOCK_ORIGIN);
    this.scheduleBreakEnd(now);
  }

  private readonly onTransaction = (tr: Y.Transaction): void => {
    if (tr.origin === CLOCK_ORIGIN || this.scheduled || this.destroyed) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (!this.destroyed) this.sync();
    });
  };

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
      if (!this.destroyed) this.sync();
    }, Math.min(MAX_TIMEOUT, Math.max(0, next - now) + 50));
    this.breakTimer.unref();
  }
}
