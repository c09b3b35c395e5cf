/**
 * The server's side of a show of hands whose counts are shown at close (issue 25): while such a poll is
 * open its ballots are sealed in the document (server/access/ballotSeal.ts), so no page, delegate or
 * screen can count them; when it closes (the chair closes it, or its time runs out) the room opens them
 * into `answers` in one write, and the counts show everywhere at once, from the document as any count.
 *
 * When: after a change to the polls made on this process (a microtask, so the opening joins the same
 * stored batch as the chair's close); at a timer for the next poll that closes by its time; when the room
 * loads (a close stored just before a crash). A change that another process stored is looked at after a
 * grace (`elsewhereGraceMs`): that process opens its own close at once, and this one only steps in if it
 * did not (it crashed). Two processes opening the same ballots at the same moment write the same values,
 * which Yjs merges into one.
 *
 * Its writes are local transactions with the POLLS_ORIGIN actor: stored before they are broadcast and
 * recorded as the server's ("Show of hands … : the counts shown").
 */
import type * as Y from 'yjs';
import { ROOT } from '../../shared/document/meetingSchema.js';
import { nextSealedClose, openSealedBallots, sealedDue } from '../../shared/participation/showOfHands.js';
import { ServerActor } from './RoomRecorder.js';
import type { BallotSeal } from '../access/ballotSeal.js';

/** Origin (and recorded actor) of the opening of sealed ballots. */
export const POLLS_ORIGIN = new ServerActor('server', '', 'show of hands');

export interface RoomPollsOptions {
  /** The server's clock (ms). */
  now: () => number;
  /** Opens sealed ballots (the same key on every process). */
  ballots: Pick<BallotSeal, 'open'>;
  /** The origin of updates another process stored (Room's STORED_ELSEWHERE). */
  elsewhere: symbol;
  /** How long to leave another process's close to that process (ms). */
  elsewhereGraceMs?: number;
}

/** Longest timeout Node accepts. */
const MAX_TIMEOUT = 2_147_483_647;

export class RoomPolls {
  private scheduled = false;
  private destroyed = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAt: number | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  private readonly polls: Y.Map<unknown>;

  constructor(
    private readonly doc: Y.Doc,
    private readonly opts: RoomPollsOptions,
  ) {
    this.polls = doc.getMap(ROOT.polls);
    this.polls.observeDeep(this.onChange);
    // The load's due work (a close stored just before a crash), once the room is wired.
    this.soon();
  }

  destroy(): void {
    this.destroyed = true;
    this.polls.unobserveDeep(this.onChange);
    if (this.timer) clearTimeout(this.timer);
    if (this.graceTimer) clearTimeout(this.graceTimer);
  }

  /** Opens the sealed ballots of every poll that has closed, and sets the timer for the next close. */
  sync(): void {
    if (this.destroyed) return;
    const now = this.opts.now();
    const due = sealedDue(this.doc, now);
    if (due.length) {
      this.doc.transact(() => {
        for (const id of due) openSealedBallots(this.doc, id, (tag, sealed) => this.opts.ballots.open(id, tag, sealed), now);
      }, POLLS_ORIGIN);
    }
    this.schedule(nextSealedClose(this.doc, now), now);
  }

  private readonly onChange = (_events: unknown, tr: Y.Transaction): void => {
    if (tr.origin === POLLS_ORIGIN || this.destroyed) return;
    if (tr.origin === this.opts.elsewhere) {
      if (this.graceTimer) return;
      this.graceTimer = setTimeout(() => {
        this.graceTimer = undefined;
        this.sync();
      }, this.opts.elsewhereGraceMs ?? 3000);
      this.graceTimer.unref();
      return;
    }
    this.soon();
  };

  private soon(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.sync();
    });
  }

  private schedule(next: number | undefined, now: number): void {
    if (next === this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = next;
    if (next === undefined) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = undefined;
        this.sync();
      },
      Math.min(MAX_TIMEOUT, Math.max(0, next - now) + 20),
    );
    this.timer.unref();
  }
}
