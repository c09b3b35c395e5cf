/**
 * A show of hands (issue 15): the chair asks a question with options, open for a set time or until closed;
 * each browser answers once (and may change its answer while the poll is open); the room's hand-counted
 * numbers are typed in beside. Only counts are shown: a ballot is stored under a tag the server derives
 * per poll and per browser, which links to no name and to no other poll.
 *
 * The server writes ballots (server/meetings/ParticipationService.ts); the chair and secretary write the rest.
 * Times are ISO strings of the server's clock, passed in.
 */
import * as Y from 'yjs';
import { MAIN_ROOM, PARTICIPATION, ROOT, type PollJson } from '../document/meetingSchema.js';
import { newId } from '../document/ids.js';
import { MeetingOpError } from '../document/entityOps.js';
import { ROOT_LIMITS, boundedEntries, sizeUpTo } from '../document/collectionLimits.js';

export const POLL_LIMITS = { maxQuestion: 300, maxOptions: 10, maxOption: 60, maxAnswers: 5000, maxDurationSeconds: 24 * 3600, maxRoomCount: 100_000 } as const;

/** Option sets the chair picks from. */
export const POLL_PRESETS: Record<string, readonly string[]> = {
  'Yes / No / Abstain': ['Yes', 'No', 'Abstain'],
  'A / B / C': ['A', 'B', 'C'],
  'In favour': ['In favour'],
};

/**
 * A poll as read from the document: the meeting JSON's shape (meetingSchema.ts PollJson), and how many
 * sealed ballots it holds (those of a poll whose counts are shown at close, while it is open).
 */
export interface Poll extends PollJson {
  sealedCount: number;
}

/**
 * What the server seals a ballot with and opens it by (server/access/ballotSeal.ts), bound to one poll
 * and one ballot tag: the option's index in, an opaque string out.
 */
export interface BallotSealer {
  seal(index: number): string;
  open(sealed: string): number | null;
}

const P = PARTICIPATION.poll;
const pollMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(ROOT.polls);
const str = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');

/** When a poll stops taking answers (ms), or Infinity. */
export function pollEndsAt(p: Pick<Poll, 'closesAt' | 'closedAt'>): number {
  const ends = [p.closesAt, p.closedAt].map((t) => (t ? Date.parse(t) : NaN)).filter(Number.isFinite);
  return ends.length ? Math.min(...ends) : Infinity;
}

/** True while a poll takes answers at `nowMs` (server clock). */
export function isPollOpen(p: Pick<Poll, 'closesAt' | 'closedAt'>, nowMs: number): boolean {
  return !p.closedAt && nowMs < pollEndsAt(p);
}

function readPoll(id: string, m: unknown): Poll | null {
  if (!(m instanceof Y.Map)) return null;
  const question = str(m.get(P.question), POLL_LIMITS.maxQuestion);
  const rawOptions = m.get(P.options);
  const options = Array.isArray(rawOptions)
    ? [...new Set(rawOptions.filter((o): o is string => typeof o === 'string' && o !== '').map((o) => o.slice(0, POLL_LIMITS.maxOption)))].slice(0, POLL_LIMITS.maxOptions)
    : [];
  const openedAt = str(m.get(P.openedAt), 40);
  if (!question || !options.length || !openedAt) return null;
  const remote: Record<string, number> = Object.fromEntries(options.map((o) => [o, 0]));
  const answers = m.get(P.answers);
  if (answers instanceof Y.Map) {
    // At most the poll's ballots are counted, however many an editor wrote (collectionLimits.ts).
    for (const [, v] of boundedEntries(answers, POLL_LIMITS.maxAnswers)) {
      if (typeof v === 'string' && Object.hasOwn(remote, v)) remote[v]++;
    }
  }
  const base = m.get(P.remoteBase) as Record<string, unknown> | undefined;
  if (base && typeof base === 'object') {
    for (const o of options) {
      const n = base[o];
      if (typeof n === 'number' && Number.isInteger(n) && n > 0) remote[o] += Math.min(n, POLL_LIMITS.maxRoomCount);
    }
  }
  const rc = m.get(P.roomCounts) as Record<string, unknown> | undefined;
  const roomCounts: Record<string, number> = {};
  for (const o of options) {
    const n = rc && typeof rc === 'object' ? rc[o] : undefined;
    roomCounts[o] = typeof n === 'number' && Number.isInteger(n) && n >= 0 ? Math.min(n, POLL_LIMITS.maxRoomCount) : 0;
  }
  const sealed = m.get(P.sealed);
  return {
    ...(m.get(P.perOrganisation) === true ? { perOrganisation: true } : {}),
    id,
    room: str(m.get(P.room), 64) || MAIN_ROOM,
    question,
    options,
    openedAt,
    closesAt: str(m.get(P.closesAt), 40),
    closedAt: str(m.get(P.closedAt), 40),
    agendaItemId: str(m.get(P.agendaItemId), 64),
    contributionId: str(m.get(P.contributionId), 64),
    remote,
    roomCounts,
    ...(m.get(P.showCounts) === 'at-close' ? { showCounts: 'at-close' as const } : {}),
    sealedCount: sealed instanceof Y.Map ? sealed.size : 0,
  };
}

/**
 * True while a poll's counts are not to be shown: its counts are shown at close and it is open, or it has
 * closed and the server has not yet opened its sealed ballots (a moment).
 */
export function countsHidden(p: Pick<Poll, 'showCounts' | 'sealedCount' | 'closesAt' | 'closedAt'>, nowMs: number): boolean {
  return p.showCounts === 'at-close' && (isPollOpen(p, nowMs) || p.sealedCount > 0);
}

/** Every poll of the meeting (all rooms, or one), oldest first. */
export function readPolls(doc: Y.Doc, room?: string): Poll[] {
  const out: Poll[] = [];
  for (const [id, m] of boundedEntries(pollMap(doc), ROOT_LIMITS[ROOT.polls])) {
    const p = readPoll(id, m);
    if (p && (room === undefined || p.room === room)) out.push(p);
  }
  return out.sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : a.id < b.id ? -1 : 1));
}

/** One poll, or undefined. */
export function readPollById(doc: Y.Doc, id: string): Poll | undefined {
  return readPoll(id, pollMap(doc).get(id)) ?? undefined;
}

/** The latest poll of a room (open or not), which the screen and phones show. */
export function latestPoll(polls: readonly Poll[], room: string = MAIN_ROOM): Poll | undefined {
  const mine = polls.filter((p) => p.room === room);
  return mine[mine.length - 1];
}

export interface NewPoll {
  question: string;
  options: readonly string[];
  /** ISO time (server clock). */
  at: string;
  /** Seconds until it closes by itself; 0 or absent = until closed. */
  durationSeconds?: number;
  room?: string;
  agendaItemId?: string | null;
  contributionId?: string | null;
  /** One answer per organisation (issue 24): registered people only, the latest of each organisation's counts. */
  perOrganisation?: boolean;
  /** 'at-close': the counts are shown (to everyone, and by the server) only once the poll closes. */
  showCounts?: 'live' | 'at-close';
}

/** Opens a poll and returns its id; MeetingOpError for an empty question or bad options. */
export function openPoll(doc: Y.Doc, p: NewPoll): string {
  const question = p.question.replace(/\s+/g, ' ').trim();
  if (!question) throw new MeetingOpError('the question is missing');
  if (question.length > POLL_LIMITS.maxQuestion) throw new MeetingOpError(`the question is longer than ${POLL_LIMITS.maxQuestion} characters`);
  const options = [...new Set(p.options.map((o) => o.replace(/\s+/g, ' ').trim()).filter(Boolean))];
  if (!options.length) throw new MeetingOpError('give at least one option');
  if (options.length > POLL_LIMITS.maxOptions) throw new MeetingOpError(`at most ${POLL_LIMITS.maxOptions} options`);
  if (options.some((o) => o.length > POLL_LIMITS.maxOption)) throw new MeetingOpError(`an option is longer than ${POLL_LIMITS.maxOption} characters`);
  const start = Date.parse(p.at);
  if (!Number.isFinite(start)) throw new MeetingOpError('the time is not a time');
  const d = p.durationSeconds ?? 0;
  if (!Number.isFinite(d) || d < 0 || d > POLL_LIMITS.maxDurationSeconds) throw new MeetingOpError('the duration is out of range');
  const id = newId();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    pollMap(doc).set(id, m);
    m.set(P.room, p.room ?? MAIN_ROOM);
    m.set(P.question, question);
    m.set(P.options, options);
    m.set(P.openedAt, p.at);
    m.set(P.closesAt, d > 0 ? new Date(start + Math.round(d) * 1000).toISOString() : '');
    m.set(P.closedAt, '');
    m.set(P.agendaItemId, p.agendaItemId ?? '');
    m.set(P.contributionId, p.contributionId ?? '');
    m.set(P.roomCounts, {});
    m.set(P.answers, new Y.Map<string>());
    if (p.perOrganisation) m.set(P.perOrganisation, true);
    if (p.showCounts === 'at-close') {
      m.set(P.showCounts, 'at-close');
      m.set(P.sealed, new Y.Map<string>());
    }
  });
  return id;
}

/** Closes a poll now (no-op when it has closed already). */
export function closePoll(doc: Y.Doc, id: string, at: string): void {
  const m = pollMap(doc).get(id);
  const p = readPoll(id, m);
  if (!p || !(m instanceof Y.Map) || !isPollOpen(p, Date.parse(at))) return;
  m.set(P.closedAt, at);
}

/** Sets the room's hand-counted numbers (whole numbers per option; others ignored). */
export function setRoomCounts(doc: Y.Doc, id: string, counts: Record<string, number>): void {
  const m = pollMap(doc).get(id);
  const p = readPoll(id, m);
  if (!p || !(m instanceof Y.Map)) return;
  const clean: Record<string, number> = {};
  for (const o of p.options) {
    const n = counts[o];
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= POLL_LIMITS.maxRoomCount) clean[o] = n;
    else clean[o] = p.roomCounts[o] ?? 0;
  }
  m.set(P.roomCounts, clean);
}

/** Writes a poll as meeting JSON has it (an import): its remote counts kept as they were, no ballots. */
export function restorePoll(doc: Y.Doc, p: PollJson): void {
  const m = new Y.Map<unknown>();
  pollMap(doc).set(p.id, m);
  m.set(P.room, p.room);
  m.set(P.question, p.question);
  m.set(P.options, [...p.options]);
  m.set(P.openedAt, p.openedAt);
  m.set(P.closesAt, p.closesAt);
  m.set(P.closedAt, p.closedAt);
  m.set(P.agendaItemId, p.agendaItemId);
  m.set(P.contributionId, p.contributionId);
  m.set(P.roomCounts, { ...p.roomCounts });
  m.set(P.remoteBase, { ...p.remote });
  m.set(P.answers, new Y.Map<string>());
  if (p.perOrganisation) m.set(P.perOrganisation, true);
  if (p.showCounts === 'at-close') {
    m.set(P.showCounts, 'at-close');
    m.set(P.sealed, new Y.Map<string>());
  }
}

/** Removes a poll (a mistaken one; its answers go with it). */
export function deletePoll(doc: Y.Doc, id: string): void {
  if (pollMap(doc).has(id)) pollMap(doc).delete(id);
}

/**
 * Records a browser's or a registered person's ballot under its tag (server only), sealed with `sealer` in a
 * poll whose counts are shown at close. MeetingOpError when the poll is unknown or
 * closed at `nowMs`, the option is not one of the poll's, or the poll is full. Returns false when the
 * ballot was already this option (nothing written).
 */
export function castBallot(doc: Y.Doc, pollId: string, tag: string, option: unknown, nowMs: number, voter?: Voter, sealer?: BallotSealer): boolean {
  const m = pollMap(doc).get(pollId);
  const p = readPoll(pollId, m);
  if (!p || !(m instanceof Y.Map)) throw new MeetingOpError('no such poll');
  if (!isPollOpen(p, nowMs)) throw new MeetingOpError('the poll is closed');
  if (typeof option !== 'string' || !p.options.includes(option)) throw new MeetingOpError(`option: expected one of ${p.options.join(', ')}`);
  // Counts shown at close: the ballot is sealed, so nobody reading the document can count it yet.
  const sealedOnly = p.showCounts === 'at-close';
  const answers = m.get(sealedOnly ? P.sealed : P.answers);
  if (!(answers instanceof Y.Map) || (sealedOnly && !sealer)) throw new MeetingOpError('the poll takes no answers');
  const index = p.options.indexOf(option);
  const held = answers.get(tag);
  const same = sealedOnly ? typeof held === 'string' && sealer!.open(held) === index : held === option;
  const voters = m.get(P.voters);
  const known = voters instanceof Y.Map ? (voters.get(tag) as Voter | undefined) : undefined;
  if (same && (!voter || (known?.name === voter.name && known?.organisation === voter.organisation))) return false;
  if (!answers.has(tag) && sizeUpTo(answers, POLL_LIMITS.maxAnswers) >= POLL_LIMITS.maxAnswers) throw new MeetingOpError('the poll has all the answers it can take');
  doc.transact(() => {
    answers.set(tag, sealedOnly ? sealer!.seal(index) : option);
    if (!voter) return;
    let v = m.get(P.voters);
    if (!(v instanceof Y.Map)) m.set(P.voters, (v = new Y.Map<Voter>()));
    (v as Y.Map<Voter>).set(tag, { name: voter.name, organisation: voter.organisation, at: voter.at });
  });
  return true;
}

/** Who cast a registered person's ballot (issue 24): their registered name and organisation, server time. */
export interface Voter {
  name: string;
  organisation: string;
  at: string;
}

/** A registered ballot of a poll: its answer and who cast it (the latest one, for "one per company"). */
export interface VoterAnswer extends Voter {
  option: string;
}

/** The registered people's answers of a poll (one per organisation in a "one per company" poll), by time. */
export function readVoters(doc: Y.Doc, pollId: string): VoterAnswer[] {
  const m = pollMap(doc).get(pollId);
  if (!(m instanceof Y.Map)) return [];
  const answers = m.get(P.answers);
  const voters = m.get(P.voters);
  if (!(answers instanceof Y.Map) || !(voters instanceof Y.Map)) return [];
  const out: VoterAnswer[] = [];
  voters.forEach((v, key) => {
    const option = answers.get(key);
    const x = v as Partial<Voter>;
    if (typeof option !== 'string' || !x || typeof x.name !== 'string') return;
    out.push({ option, name: x.name.slice(0, 120), organisation: typeof x.organisation === 'string' ? x.organisation.slice(0, 120) : '', at: typeof x.at === 'string' ? x.at : '' });
  });
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * The ballot under `tag` in a poll: its option, or in a poll whose counts are shown at close its sealed
 * value (never an option, so a changed answer is told from a first one without opening it); undefined
 * when it holds none.
 */
export function ballotOf(doc: Y.Doc, pollId: string, tag: string): unknown {
  const m = pollMap(doc).get(pollId);
  if (!(m instanceof Y.Map)) return undefined;
  const answers = m.get(P.answers);
  const sealed = m.get(P.sealed);
  if (sealed instanceof Y.Map && sealed.has(tag)) return sealed.get(tag);
  return answers instanceof Y.Map ? answers.get(tag) : undefined;
}

/**
 * The polls whose sealed ballots are due to be opened at `nowMs` (closed, by the chair or by their time,
 * with sealed ballots left).
 */
export function sealedDue(doc: Y.Doc, nowMs: number): string[] {
  const out: string[] = [];
  pollMap(doc).forEach((m, id) => {
    const p = readPoll(id, m);
    if (p && p.sealedCount > 0 && !isPollOpen(p, nowMs)) out.push(id);
  });
  return out;
}

/** When the next poll whose counts are shown at close closes by its time (ms), after `nowMs`; undefined: none. */
export function nextSealedClose(doc: Y.Doc, nowMs: number): number | undefined {
  let next: number | undefined;
  pollMap(doc).forEach((m, id) => {
    const p = readPoll(id, m);
    if (!p || p.showCounts !== 'at-close' || p.closedAt || !p.closesAt) return;
    const t = Date.parse(p.closesAt);
    if (Number.isFinite(t) && t > nowMs && (next === undefined || t < next)) next = t;
  });
  return next;
}

/**
 * Opens a closed poll's sealed ballots (server only, at the close): each becomes its option in `answers`,
 * so the counts show everywhere at once, and the sealed copy goes. A ballot that does not open (damaged,
 * sealed with another key) is dropped and counted in the answer. Returns how many were opened.
 */
export function openSealedBallots(doc: Y.Doc, pollId: string, open: (tag: string, sealed: string) => number | null, nowMs: number): { opened: number; dropped: number } {
  const m = pollMap(doc).get(pollId);
  const p = readPoll(pollId, m);
  const out = { opened: 0, dropped: 0 };
  if (!p || !(m instanceof Y.Map) || isPollOpen(p, nowMs)) return out;
  const sealed = m.get(P.sealed);
  const answers = m.get(P.answers);
  if (!(sealed instanceof Y.Map) || !(answers instanceof Y.Map) || sealed.size === 0) return out;
  doc.transact(() => {
    for (const [tag, v] of [...sealed.entries()]) {
      const index = typeof v === 'string' ? open(tag, v) : null;
      if (index !== null && index >= 0 && index < p.options.length) {
        answers.set(tag, p.options[index]);
        out.opened++;
      } else out.dropped++;
      sealed.delete(tag);
    }
  });
  return out;
}

/** Total per option: remote plus room. */
export function totalCounts(p: Poll): Record<string, number> {
  return Object.fromEntries(p.options.map((o) => [o, (p.remote[o] ?? 0) + (p.roomCounts[o] ?? 0)]));
}
