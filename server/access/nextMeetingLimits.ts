/**
 * How often `POST /api/meetings/:id/next` may start a meeting (issue 23). Each call copies what is open of
 * a meeting into a new one (a 2,000-Tdoc meeting: megabytes), and every new meeting's chair link may call
 * it again, so it is bounded three ways, in the database (every process spends the same budget):
 * per link (3 at once, then one every 10 minutes), per meeting started from (the same), and for the whole
 * server (20 at once, then one every 3 minutes: a chain through each new chair link stops there); and
 * while the server holds `maxMeetings` meetings, no more are started this way (the admin still creates).
 */
import { createHmac } from 'node:crypto';
import type { BudgetStore } from '../persistence/BudgetStore.js';
import { HttpError } from '../http/httpUtil.js';
import type { BudgetOptions } from './participationLimits.js';

export interface NextMeetingLimits {
  perToken: BudgetOptions;
  perMeeting: BudgetOptions;
  perServer: BudgetOptions;
  /** Meetings on the server beyond which `next` refuses (PLENARY_MAX_MEETINGS). */
  maxMeetings: number;
  /** Largest body (bytes). */
  maxBodyBytes: number;
}

export const DEFAULT_NEXT_MEETING_LIMITS: NextMeetingLimits = {
  perToken: { capacity: 3, perSecond: 1 / 600 },
  perMeeting: { capacity: 3, perSecond: 1 / 600 },
  perServer: { capacity: 20, perSecond: 1 / 180 },
  maxMeetings: 1000,
  maxBodyBytes: 4096,
};

export class NextMeetingGate {
  constructor(
    private readonly store: BudgetStore,
    /** HMAC key for the stored keys (no token in the database). */
    private readonly key: Uint8Array,
    readonly limits: NextMeetingLimits = DEFAULT_NEXT_MEETING_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Spends one start from `meetingId` by the link `token` (the admin's too); 429 with Retry-After when a
   * budget is spent, 409 when the server holds `maxMeetings` meetings.
   */
  async admit(meetingId: string, token: string, meetingCount: number): Promise<void> {
    const l = this.limits;
    if (meetingCount >= l.maxMeetings) {
      throw new HttpError(409, `this server holds ${meetingCount} meetings, its most (PLENARY_MAX_MEETINGS): delete old ones before starting more`);
    }
    const tag = (s: string) => createHmac('sha256', this.key).update(`next\u0000${s}`).digest('base64url').slice(0, 22);
    const r = await this.store.take(
      [
        { key: `next-token:${tag(token)}`, ...l.perToken },
        { key: `next-meeting:${tag(meetingId)}`, ...l.perMeeting },
        { key: 'next-server', ...l.perServer },
      ],
      this.now(),
    );
    if (!r.ok) throw new HttpError(429, 'too many meetings started from here lately; try again later', { 'retry-after': String(r.retryAfterSeconds) });
  }
}
