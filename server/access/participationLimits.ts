/**
 * What one person may do through the delegates' narrow path (issue 23): budgets that bound a person, not
 * a connection, kept in the database (persistence/BudgetStore.ts) so that every process spends the same
 * budget. ParticipationService asks before each step; registered people (issue 24) add a budget per
 * person beside the one per browser, through `Requester`.
 *
 * Who is counted:
 * - the client's address (behind a trusted proxy, the forwarded one: clientAddress.ts); an IPv6 address by
 *   its /64, the block one customer or one phone gets, so a phone cannot mint addresses;
 * - the browser's id (the secret it keeps in localStorage): one script holding one id is bounded tightly;
 *   a script minting ids is bounded by its address.
 * Neither is stored as it is: both are keyed by an HMAC under the server's participation key.
 *
 * A venue's NAT puts every phone in the room behind one address, so the per-address budgets are sized for
 * a room (`peoplePerAddress`, PLENARY_PEOPLE_PER_ADDRESS, 300 by default) and the per-browser ones for a
 * person. docs/PARTICIPATION.md lists every limit and how an operator sets them.
 */
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import type { Bucket, BudgetStore } from '../persistence/BudgetStore.js';
import { HttpError } from '../http/httpUtil.js';

/** A token bucket's settings: `capacity` at once, then `perSecond`. (`maxKeys` is kept for older configs; unused.) */
export interface BudgetOptions {
  capacity: number;
  perSecond: number;
  maxKeys?: number;
}

/** Limits; `participationLimits(people)` sizes them, DEFAULT_PARTICIPATION_LIMITS for 300. */
export interface ParticipationLimits {
  /** People who may share one client address (a venue's NAT): what the per-address budgets are sized for. */
  peoplePerAddress: number;
  /** Requests per client address. */
  perAddress: BudgetOptions;
  /** Requests per browser (participant id). */
  perParticipant: BudgetOptions;
  /** Withdrawals from the queue per browser: apart from its requests, so a script spending a link's requests never keeps its holder in the queue. */
  withdrawalsPerBrowser: BudgetOptions;
  /** New queue entries per client address. */
  newEntriesPerAddress: BudgetOptions;
  /** Entries waiting at once (in a meeting's queues) that one address added. */
  waitingPerAddress: number;
  /** Points of order waiting at once that one address added. */
  pointsOfOrderPerAddress: number;
  /** Points of order one browser may raise (3 an hour). */
  pointsOfOrderPerBrowser: BudgetOptions;
  /** Ballots one address may cast in one poll. */
  ballotsPerPollPerAddress: number;
  /** Ballots cast or changed per client address (all polls): what every ballot stored costs. */
  newBallotsPerAddress: BudgetOptions;
  /** Changes of one browser's answer in one poll. */
  ballotChangesPerBrowser: BudgetOptions;
  /** Largest request body (bytes). */
  maxBodyBytes: number;
}

/**
 * The limits for `people` sharing an address. At 300: 300 requests at once per address then 5 a second;
 * 20 per browser then 1 a second; 30 new queue entries per address then one a minute; 60 waiting and
 * 3 points of order waiting per address; 3 points of order an hour per browser; 300 ballots per poll per
 * address; 300 ballots cast or changed at once per address, then 300 per 20 minutes (a room answering a
 * show of hands, and the next one); 5 changes of one's answer in a poll, then one per 5 minutes.
 *
 * Every stored change costs a record, kept as long as the meeting: so what one address can store a day
 * is bounded by the writes, not only the requests: about 1,500 queue entries (and as many withdrawals)
 * and 22,000 ballots (docs/PARTICIPATION.md, "What an address can store").
 */
export function participationLimits(people = 300): ParticipationLimits {
  const p = Math.max(1, Math.round(people));
  return {
    peoplePerAddress: p,
    // Every phone of a full room votes and a tenth of them ask for the floor in one go: twice the room at once.
    perAddress: { capacity: 2 * p, perSecond: p / 60 },
    perParticipant: { capacity: 20, perSecond: 1 },
    withdrawalsPerBrowser: { capacity: 20, perSecond: 1 },
    newEntriesPerAddress: { capacity: Math.max(5, Math.round(p / 10)), perSecond: p / 300 / 60 },
    waitingPerAddress: Math.max(3, Math.round(p / 5)),
    pointsOfOrderPerAddress: Math.max(2, Math.round(p / 100)),
    pointsOfOrderPerBrowser: { capacity: 3, perSecond: 3 / 3600 },
    ballotsPerPollPerAddress: p,
    newBallotsPerAddress: { capacity: p, perSecond: p / 1200 },
    ballotChangesPerBrowser: { capacity: 5, perSecond: 1 / 300 },
    maxBodyBytes: 4096,
  };
}

export const DEFAULT_PARTICIPATION_LIMITS: ParticipationLimits = participationLimits(300);

/** Who asks: the client's address and the browser's secret id (later: the registered person). */
export interface Requester {
  address: string;
  browser: string;
}

/** The key an address is counted under: an IPv4 address as it is, an IPv6 address by its /64. */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIPv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The eight groups of an IPv6 address (zone dropped, an embedded IPv4 tail converted), or null. */
function expandIPv6(address: string): string[] | null {
  let a = address.split('%')[0].toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (v4) {
    const n = v4.slice(1).map(Number);
    a = a.slice(0, v4.index) + `${((n[0] << 8) | n[1]).toString(16)}:${((n[2] << 8) | n[3]).toString(16)}`;
  }
  const [head, tail] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = a.includes('::') ? 8 - h.length - t.length : 0;
  const groups = [...h, ...Array(Math.max(0, fill)).fill('0'), ...t].map((g) => (parseInt(g, 16) || 0).toString(16));
  return groups.length === 8 ? groups : null;
}

export class ParticipationGate {
  private lastPrune = 0;

  constructor(
    private readonly store: BudgetStore,
    /** HMAC key: addresses and browser ids are stored only as tags under it. */
    private readonly key: Uint8Array,
    readonly limits: ParticipationLimits = DEFAULT_PARTICIPATION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every request: the address's and the browser's request budgets (429 with Retry-After beyond). */
  async admitRequest(who: Requester): Promise<void> {
    const l = this.limits;
    await this.take([this.bucket('req-addr', this.addr(who), l.perAddress), this.bucket('req-browser', this.browser(who), l.perParticipant)]);
    this.pruneNowAndThen();
  }

  /** Taking oneself out of the queue: the address's request budget and the browser's own budget of withdrawals. */
  async admitWithdrawal(who: Requester): Promise<void> {
    const l = this.limits;
    await this.take([this.bucket('req-addr', this.addr(who), l.perAddress), this.bucket('withdraw-browser', this.browser(who), l.withdrawalsPerBrowser)]);
  }

  /**
   * A new waiting entry from this requester: the address's budget of new entries, its entries waiting now
   * (of `waiting`, the ids of every entry waiting in the meeting, and `pointsOfOrder`, those that are
   * points of order), and for a point of order the browser's hourly budget.
   */
  async admitEntry(meetingId: string, who: Requester, pointOfOrder: boolean, waiting: ReadonlySet<string>, pointsOfOrder: ReadonlySet<string>): Promise<void> {
    const l = this.limits;
    const addr = this.addr(who);
    if ((await this.store.count(meetingId, 'entry', addr, waiting)) >= l.waitingPerAddress) {
      throw tooMany(30, `${l.waitingPerAddress} people from your network are waiting already; ask again when the queue has moved`);
    }
    if (pointOfOrder && (await this.store.count(meetingId, 'point-of-order', addr, pointsOfOrder)) >= l.pointsOfOrderPerAddress) {
      throw tooMany(30, `${l.pointsOfOrderPerAddress} points of order from your network are waiting already`);
    }
    const buckets = [this.bucket('entry-addr', addr, l.newEntriesPerAddress)];
    if (pointOfOrder) buckets.push(this.bucket('poo-browser', this.browser(who), l.pointsOfOrderPerBrowser));
    await this.take(buckets);
  }

  /** The entry is in the queue: counted against its address while it waits. */
  async entryAdded(meetingId: string, who: Requester, entryId: string, pointOfOrder: boolean): Promise<void> {
    const addr = this.addr(who);
    await this.store.mark(meetingId, 'entry', addr, entryId, this.now());
    if (pointOfOrder) await this.store.mark(meetingId, 'point-of-order', addr, entryId, this.now());
  }

  /**
   * A ballot of this browser in a poll: a first one counts against the address's ballots in the poll; a
   * change against the browser's changes in that poll; either against the address's ballots budget.
   */
  async admitBallot(meetingId: string, pollId: string, who: Requester, first: boolean): Promise<void> {
    const l = this.limits;
    const addr = this.addr(who);
    if (first && (await this.store.count(meetingId, `ballot:${pollId}`, addr)) >= l.ballotsPerPollPerAddress) {
      throw tooMany(60, `${l.ballotsPerPollPerAddress} answers from your network are in this poll already`);
    }
    const buckets = [this.bucket('ballot-addr', addr, l.newBallotsPerAddress)];
    if (!first) buckets.push(this.bucket('ballot-change', `${this.browser(who)}:${pollId}`, l.ballotChangesPerBrowser));
    await this.take(buckets);
  }

  /** The ballot `tag` is in the poll: counted against its address. */
  async ballotCast(meetingId: string, pollId: string, who: Requester, tag: string): Promise<void> {
    await this.store.mark(meetingId, `ballot:${pollId}`, this.addr(who), tag, this.now());
  }

  private async take(buckets: Bucket[]): Promise<void> {
    const r = await this.store.take(buckets, this.now());
    if (!r.ok) throw tooMany(r.retryAfterSeconds, 'too many requests from this page; try again shortly');
  }

  private bucket(kind: string, holder: string, o: BudgetOptions): Bucket {
    return { key: `${kind}:${holder}`, capacity: o.capacity, perSecond: o.perSecond };
  }

  private addr(who: Requester): string {
    return this.tag('address', addressKey(who.address));
  }

  private browser(who: Requester): string {
    return this.tag('browser', who.browser);
  }

  private tag(kind: string, value: string): string {
    return createHmac('sha256', this.key).update(`budget\u0000${kind}\u0000${value}`).digest('base64url').slice(0, 22);
  }

  /** Every ten minutes: drops buckets that are full again (they answer as new ones). */
  private pruneNowAndThen(): void {
    const now = this.now();
    if (now - this.lastPrune < 600_000) return;
    this.lastPrune = now;
    void this.store.prune(now).catch(() => undefined);
  }
}

function tooMany(retryAfter: number, message: string): HttpError {
  return new HttpError(429, message, { 'retry-after': String(Math.max(1, Math.ceil(retryAfter))) });
}
