/**
 * The server's clock for e-mail approval deadlines (issue 26), one per process.
 *
 * Every loaded meeting's rounds are mirrored into the DeadlineStore (rounds still to be evaluated, with
 * their deadlines): when the meeting loads and whenever its rounds change (an observer on that one part of
 * the document, so nothing is done per sync message). The store outlives the process, so deadlines are
 * found after a restart without loading any meeting, and a deadline that passed while the server was down
 * is evaluated as soon as it is up again.
 *
 * At a deadline (a timer set to the earliest one, and a poll every `pollMs` for deadlines other processes
 * stored), the process claims the round in the store (a conditional update: exactly one process gets it;
 * the claim lapses after `leaseMs` if that process dies), evaluates it in the meeting's live room
 * (shared/positions/approvalRounds.ts closeAtDeadline: frozen, ready when nobody objected, approved
 * when the round asked for it) as a server transaction recorded as the e-mail approval deadline, stored
 * before anyone receives it, and removes the row. Other processes follow through the document.
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { RoomRegistry } from '../sync/RoomRegistry.js';
import { ServerActor } from '../sync/RoomRecorder.js';
import type { DeadlineStore, PendingDeadline } from '../persistence/DeadlineStore.js';
import { closeAtDeadline, observeRounds, readRounds, type CloseOutcome } from '../../shared/positions/approvalRounds.js';

/** Origin (and recorded actor) of what the clock writes at a deadline. */
export const DEADLINE_ORIGIN = new ServerActor('server', '', 'e-mail approval deadline');

export interface ApprovalClockOptions {
  /** The server's clock (ms). */
  now: () => number;
  /** How often to look for deadlines other processes stored (ms). */
  pollMs: number;
  /** How long a claim holds before another process may take the round (ms). */
  leaseMs: number;
  /** This process's name in claims. */
  owner: string;
  /** False for a meeting that no longer exists (its rows are dropped, nothing is loaded). */
  exists: (meetingId: string) => boolean;
}

/** Longest timeout Node accepts. */
const MAX_TIMEOUT = 2_147_483_647;

export class ApprovalClock {
  private timer: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  /** Per meeting: the sync in flight, so a meeting's rows are written in the order its rounds changed. */
  private readonly syncs = new Map<string, Promise<void>>();

  constructor(
    private readonly rooms: RoomRegistry,
    private readonly store: DeadlineStore,
    private readonly log: Logger,
    private readonly opts: ApprovalClockOptions,
  ) {}

  /** Follows every loaded meeting's rounds and starts the timers. */
  start(): void {
    this.rooms.onLoad((room) => {
      const sync = () => void this.syncMeeting(room.name, room.doc);
      sync();
      const stop = observeRounds(room.doc, sync);
      room.doc.once('destroy', stop);
    });
    this.poller = setInterval(() => this.wake(), this.opts.pollMs);
    this.poller.unref();
    this.wake();
  }

  /** Stops the timers (a claim in flight finishes). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poller);
    clearTimeout(this.timer);
    await this.running;
    await Promise.allSettled([...this.syncs.values()]);
  }

  /** Mirrors a meeting's rounds from its stored document (a meeting created with rounds in its JSON). */
  async reindex(meetingId: string): Promise<void> {
    const rounds = await this.rooms.withDoc(meetingId, (doc) => pendingOf(doc));
    await this.write(meetingId, rounds);
  }

  /** Forgets a deleted meeting's deadlines. */
  removeMeeting(meetingId: string): Promise<void> {
    return this.store.removeMeeting(meetingId);
  }

  /** Mirrors the rounds of a loaded document. */
  syncMeeting(meetingId: string, doc: Y.Doc): Promise<void> {
    let rounds: { roundId: string; deadline: number }[];
    try {
      rounds = pendingOf(doc);
    } catch (err) {
      this.log.warn({ meeting: meetingId, err }, 'reading the e-mail approval rounds failed');
      return Promise.resolve();
    }
    return this.write(meetingId, rounds);
  }

  private write(meetingId: string, rounds: { roundId: string; deadline: number }[]): Promise<void> {
    const before = this.syncs.get(meetingId) ?? Promise.resolve();
    const p = before
      .then(() => this.store.sync(meetingId, rounds))
      .then(() => this.wake())
      .catch((err) => this.log.warn({ meeting: meetingId, err }, 'storing the e-mail approval deadlines failed'))
      .finally(() => {
        if (this.syncs.get(meetingId) === p) this.syncs.delete(meetingId);
      });
    this.syncs.set(meetingId, p);
    return p;
  }

  /** Evaluates what is due now and sets the timer for the next deadline. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runDue()
      .catch((err) => this.log.warn({ err }, 'evaluating e-mail approval deadlines failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async runDue(): Promise<void> {
    for (;;) {
      const now = this.opts.now();
      const due = await this.store.due(now, 20);
      for (const d of due) if (!this.stopped) await this.evaluate(d);
      if (due.length < 20 || this.stopped) break;
    }
    const next = await this.store.next(this.opts.now());
    clearTimeout(this.timer);
    this.timer = undefined;
    if (next === undefined || this.stopped) return;
    this.timer = setTimeout(() => this.wake(), Math.min(MAX_TIMEOUT, Math.max(0, next - this.opts.now()) + 20));
    this.timer.unref();
  }

  /** Claims one due round and evaluates it in its meeting; exactly one process gets past the claim. */
  private async evaluate(d: PendingDeadline): Promise<void> {
    const now = this.opts.now();
    if (!(await this.store.claim(d, this.opts.owner, now, now + this.opts.leaseMs))) return;
    if (!this.opts.exists(d.meetingId)) {
      await this.store.removeMeeting(d.meetingId);
      return;
    }
    const outcome = await this.rooms.withRoom(d.meetingId, async (room) => {
      let out = 'gone' as CloseOutcome;
      room.doc.transact(() => {
        out = closeAtDeadline(room.doc, d.roundId, this.opts.now());
      }, DEADLINE_ORIGIN);
      await room.flush();
      return out;
    });
    this.log.info({ meeting: d.meetingId, round: d.roundId, outcome }, 'e-mail approval deadline evaluated');
    // A deadline moved later in the document: its row gets the new one when the rounds are mirrored.
    if (outcome !== 'not-due') await this.store.done(d);
  }
}

/** The rounds of a document still to be evaluated at their deadline. */
function pendingOf(doc: Y.Doc): { roundId: string; deadline: number }[] {
  return readRounds(doc)
    .filter((r) => !r.closed && !r.decision)
    .map((r) => ({ roundId: r.id, deadline: Date.parse(r.deadline) }));
}
