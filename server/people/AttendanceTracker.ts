/**
 * Tracks when registered people are seen (issue 24): a person's own link connected (from the socket's
 * open to its close) or acting (a queue or poll request). In memory, one open span per person and
 * process: opened when first seen, extended while seen, and kept open for `mergeGapMs` after the last
 * socket closed, so a phone dropping off the venue Wi-Fi for a minute makes one span, not dozens.
 *
 * Written to the database every `flushMs` (60 s by default), one batch for every span that changed, and on
 * shutdown; never per message. So a crash loses at most the last minute of "still there" of the spans
 * already written (a span is written at its first flush). Several processes each write their own spans;
 * attendance is their union (shared/participation/attendance.ts).
 */
import type { Logger } from 'pino';
import type { AttendanceStore, StoredSpan } from '../persistence/AttendanceStore.js';

export interface AttendanceOptions {
  /** Write changed spans this often (ms). */
  flushMs: number;
  /** A person seen again within this long (ms) after their last socket closed continues the same span. */
  mergeGapMs: number;
  /** The clock (ms); Date.now. */
  clock?: () => number;
}

export const DEFAULT_ATTENDANCE_OPTIONS: AttendanceOptions = { flushMs: 60_000, mergeGapMs: 5 * 60_000 };

interface Open {
  span: StoredSpan;
  sockets: number;
  dirty: boolean;
}

export class AttendanceTracker {
  private readonly open = new Map<string, Open>();
  private readonly timer: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(
    private readonly store: AttendanceStore,
    /** Where a person is now ('room', 'remote' or ''): their answer or the secretary's. */
    private readonly placeOf: (meetingId: string, personId: string) => string,
    private readonly log: Logger,
    private readonly opts: AttendanceOptions = DEFAULT_ATTENDANCE_OPTIONS,
  ) {
    this.now = opts.clock ?? Date.now;
    this.timer = setInterval(() => void this.flush(), opts.flushMs);
    this.timer.unref();
  }

  /** A socket of a person's own link opened. */
  connected(meetingId: string, personId: string): void {
    const o = this.touch(meetingId, personId, 'link');
    o.sockets++;
  }

  /** A socket of a person's own link closed. */
  disconnected(meetingId: string, personId: string): void {
    const o = this.open.get(key(meetingId, personId));
    if (!o) return;
    o.sockets = Math.max(0, o.sockets - 1);
    o.span.toMs = Math.max(o.span.toMs, this.now());
    o.dirty = true;
  }

  /** A person acted (a queue or poll request from their link). */
  seen(meetingId: string, personId: string): void {
    this.touch(meetingId, personId, 'request');
  }

  /** Where a person is changed: their open span ends here and a new one starts with the new place. */
  placeChanged(meetingId: string, personId: string): void {
    const k = key(meetingId, personId);
    const o = this.open.get(k);
    if (!o) return;
    const now = this.now();
    o.span.toMs = now;
    o.dirty = true;
    const place = this.placeOf(meetingId, personId);
    if (place === o.span.place) return;
    // The old span is written once more, then forgotten; the new one takes its sockets.
    const next: Open = { span: { meetingId, personId, fromMs: now, toMs: now, place, via: o.span.via }, sockets: o.sockets, dirty: true };
    o.sockets = 0;
    this.open.set(k, next);
    this.closed.push(o);
  }

  /** People of a meeting seen now or within the merge gap (for the board's "connected" column). */
  presentIn(meetingId: string): Set<string> {
    const out = new Set<string>();
    for (const o of this.open.values()) if (o.span.meetingId === meetingId && o.sockets > 0) out.add(o.span.personId);
    return out;
  }

  /**
   * Writes every changed span (the open ones extended to now): one batch, in order after the previous
   * one. Spans idle for longer than the merge gap are forgotten once written.
   */
  flush(): Promise<void> {
    const now = this.now();
    const batch: Open[] = [...this.closed];
    this.closed = [];
    for (const [k, o] of this.open) {
      if (o.sockets > 0) {
        o.span.toMs = now;
        o.dirty = true;
      }
      if (o.dirty) batch.push(o);
      else if (o.sockets === 0 && now - o.span.toMs > this.opts.mergeGapMs) this.open.delete(k);
    }
    if (!batch.length) return this.writing;
    for (const o of batch) o.dirty = false;
    // The spans are taken when the previous write is done, so a span written then carries its id.
    this.writing = this.writing
      .then(() => this.store.writeSpans(batch.map((o) => ({ ...o.span }))))
      .then(
        (ids) => ids.forEach((id, i) => (batch[i].span.id = id)),
        (err) => {
          for (const o of batch) o.dirty = true;
          this.log.error({ err }, 'attendance: writing spans failed; retried at the next flush');
        },
      );
    return this.writing;
  }

  /** Stops the timer and writes what is left (on shutdown); the open spans end now. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const o of this.open.values()) if (o.sockets > 0) o.sockets = 0;
    await this.flush();
    await this.writing;
  }

  private closed: Open[] = [];

  private touch(meetingId: string, personId: string, via: string): Open {
    const k = key(meetingId, personId);
    const now = this.now();
    let o = this.open.get(k);
    if (o && o.sockets === 0 && now - o.span.toMs > this.opts.mergeGapMs) {
      // Gone for longer than the gap: that span is over (written as it was), a new one starts.
      if (o.dirty) this.closed.push(o);
      o = undefined;
    }
    if (!o) {
      o = { span: { meetingId, personId, fromMs: now, toMs: now, place: this.placeOf(meetingId, personId), via }, sockets: 0, dirty: true };
      this.open.set(k, o);
      return o;
    }
    o.span.toMs = Math.max(o.span.toMs, now);
    o.dirty = true;
    return o;
  }
}

function key(meetingId: string, personId: string): string {
  return `${meetingId}\u0000${personId}`;
}
