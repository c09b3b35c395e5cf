/**
 * The speaker queue (issue 15): who waits for the floor, who has it, and who spoke on what.
 *
 * Delegates never write here themselves: the server applies their "add me" and "withdraw me" on their
 * behalf (server/meetings/ParticipationService.ts), the chair and secretary edit directly. Every function takes the
 * time as an argument (the server's time, or a page's clock corrected to it), never reads a clock.
 * Reads are tolerant: a malformed entry is skipped, a missing floor state is the default.
 */
import * as Y from 'yjs';
import { MAIN_ROOM, PARTICIPATION, ROOT, type QueueOrder, type SpeechJson } from '../document/meetingSchema.js';
import { readMeta, setMeta } from '../document/meetingParts.js';
import { compareRanked, rankBetween, repairRank } from '../document/ranks.js';
import { newId } from '../document/ids.js';
import { MeetingOpError } from '../document/entityOps.js';
import { cleanPersonText } from './personName.js';
import { ROOT_LIMITS, boundedEntries } from '../document/collectionLimits.js';

export const QUEUE_KINDS = ['point-of-order', 'clarify', 'reply', 'new-topic'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

/** What each kind is called on a button. */
export const QUEUE_KIND_LABELS: Record<QueueKind, string> = {
  'new-topic': 'New topic',
  reply: 'Reply',
  clarify: 'Clarifying question',
  'point-of-order': 'Point of order',
};

/** Bounds: a queue a 300-person meeting can hold, names a badge can hold. */
export const QUEUE_LIMITS = { maxWaiting: 200, maxName: 80, maxCompany: 80, maxLimitSeconds: 3600 } as const;

/** The speaking limit of a new meeting (seconds); 0 means none. */
export const DEFAULT_LIMIT_SECONDS = 120;

export interface QueueEntry {
  id: string;
  room: string;
  kind: QueueKind;
  name: string;
  company: string;
  /** The owner tag of the browser that asked (server-derived, not its secret id); '' when the chair added it. */
  owner: string;
  rank: string;
  /** ISO time it was asked for. */
  at: string;
  by: 'self' | 'chair';
}

export interface CurrentSpeaker {
  speechId: string;
  name: string;
  company: string;
  kind: QueueKind;
  /** ISO time (server clock) the floor was given. */
  startedAt: string;
}

export interface FloorState {
  /** Delegates may add themselves while open. */
  open: boolean;
  /** Speaking limit in seconds; 0 = none. */
  limitSeconds: number;
  current: CurrentSpeaker | null;
}

/** One turn at the microphone, kept with the meeting for the report. */
export interface Speech {
  id: string;
  room: string;
  name: string;
  company: string;
  kind: QueueKind;
  agendaItemId: string;
  contributionId: string;
  startedAt: string;
  /** '' while speaking. */
  endedAt: string;
}

const Q = PARTICIPATION.queue;
const F = PARTICIPATION.floor;
const S = PARTICIPATION.speech;

const queueMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(ROOT.queue);
const floorMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.floor);
const speechMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.speeches);

const str = (v: unknown, max = 400): string => (typeof v === 'string' ? v.slice(0, max) : '');
/** A name or organisation as stored, as the views show it: cleaned of what can disguise it (personName.ts). */
const person = (v: unknown, max: number): string => (typeof v === 'string' ? cleanPersonText(v.slice(0, max * 2)).slice(0, max) : '');
const isKind = (v: unknown): v is QueueKind => typeof v === 'string' && (QUEUE_KINDS as readonly string[]).includes(v);

/** Trims and bounds a person's name or company; MeetingOpError when a required name is empty. */
export function cleanName(v: unknown, max: number, what: string, required: boolean): string {
  const s = typeof v === 'string' ? cleanPersonText(v) : '';
  if (required && !s) throw new MeetingOpError(`${what} is missing`);
  if (s.length > max) throw new MeetingOpError(`${what} is longer than ${max} characters`);
  return s;
}

// ------------------------------------------------------------------------------------------- reading

function readEntry(id: string, m: unknown): QueueEntry | null {
  if (!(m instanceof Y.Map)) return null;
  const kind = m.get(Q.kind);
  const name = person(m.get(Q.name), QUEUE_LIMITS.maxName);
  if (!isKind(kind) || !name) return null;
  return {
    id,
    room: str(m.get(Q.room)) || MAIN_ROOM,
    kind,
    name,
    company: person(m.get(Q.company), QUEUE_LIMITS.maxCompany),
    owner: str(m.get(Q.owner), 64),
    rank: repairRank(m.get(Q.rank)),
    at: str(m.get(Q.at), 40),
    by: m.get(Q.by) === 'self' ? 'self' : 'chair',
  };
}

/** The waiting entries of every room (unordered). */
export function readWaiting(doc: Y.Doc): QueueEntry[] {
  const out: QueueEntry[] = [];
  for (const [id, m] of boundedEntries(queueMap(doc), ROOT_LIMITS[ROOT.queue])) {
    const e = readEntry(id, m);
    if (e) out.push(e);
  }
  return out;
}

/** The waiting entries of a room, in queue order. */
export function readQueue(doc: Y.Doc, room: string = MAIN_ROOM): QueueEntry[] {
  return readWaiting(doc)
    .filter((e) => e.room === room)
    .sort(compareRanked);
}

/** The floor of a room: open or closed, the limit, who speaks. */
export function readFloor(doc: Y.Doc, room: string = MAIN_ROOM): FloorState {
  const v = floorMap(doc).get(room) as Record<string, unknown> | undefined;
  const state: FloorState = { open: true, limitSeconds: DEFAULT_LIMIT_SECONDS, current: null };
  if (!v || typeof v !== 'object') return state;
  if (typeof v[F.open] === 'boolean') state.open = v[F.open] as boolean;
  const lim = v[F.limitSeconds];
  if (typeof lim === 'number' && Number.isFinite(lim) && lim >= 0) state.limitSeconds = Math.min(Math.round(lim), QUEUE_LIMITS.maxLimitSeconds);
  const c = v[F.current] as Record<string, unknown> | null | undefined;
  if (c && typeof c === 'object' && typeof c.speechId === 'string' && typeof c.name === 'string' && typeof c.startedAt === 'string') {
    state.current = {
      speechId: c.speechId,
      name: person(c.name, QUEUE_LIMITS.maxName),
      company: person(c.company, QUEUE_LIMITS.maxCompany),
      kind: isKind(c.kind) ? c.kind : 'new-topic',
      startedAt: c.startedAt,
    };
  }
  return state;
}

/** Every speech of the meeting (all rooms), oldest first. */
export function readSpeeches(doc: Y.Doc): Speech[] {
  const out: Speech[] = [];
  for (const [id, v] of boundedEntries(speechMap(doc), ROOT_LIMITS[ROOT.speeches])) {
    const x = v as Record<string, unknown>;
    if (!x || typeof x !== 'object' || !str(x[S.name]) || !str(x[S.startedAt])) continue;
    out.push({
      id,
      room: str(x[S.room]) || MAIN_ROOM,
      name: person(x[S.name], QUEUE_LIMITS.maxName),
      company: person(x[S.company], QUEUE_LIMITS.maxCompany),
      kind: isKind(x[S.kind]) ? (x[S.kind] as QueueKind) : 'new-topic',
      agendaItemId: str(x[S.agendaItemId], 64),
      contributionId: str(x[S.contributionId], 64),
      startedAt: str(x[S.startedAt], 40),
      endedAt: str(x[S.endedAt], 40),
    });
  }
  return out.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : 1));
}

/** The entry of a browser (by its owner tag), if it waits. */
export function ownEntry(entries: readonly QueueEntry[], owner: string): QueueEntry | undefined {
  return owner ? entries.find((e) => e.owner === owner) : undefined;
}

/** Calls `changed` whenever the queue, the floor, the speeches or the polls change; returns the stop. */
export function observeParticipation(doc: Y.Doc, changed: () => void): () => void {
  const types = [queueMap(doc), floorMap(doc), speechMap(doc), doc.getMap(ROOT.polls)];
  for (const t of types) t.observeDeep(changed);
  return () => {
    for (const t of types) t.unobserveDeep(changed);
  };
}

// ------------------------------------------------------------------------------------------- writing

export interface NewEntry {
  room?: string;
  kind: QueueKind;
  name: string;
  company?: string;
  owner?: string;
  at: string;
  by: 'self' | 'chair';
}

/** The meeting's queue order (meta.queueOrder): 'points-of-order' unless the chair chose 'tc39'. */
export function queueOrderOf(doc: Y.Doc): QueueOrder {
  return readMeta(doc).queueOrder ?? 'points-of-order';
}

/**
 * Where a kind stands in an order, lower first: 'points-of-order' puts a point of order ahead of
 * everything else (the rest are one group, in arrival order); 'tc39' orders point of order, clarifying
 * question, reply, new topic (TC39's queue).
 */
export function kindPriority(order: QueueOrder, kind: QueueKind): number {
  if (order === 'tc39') return TC39_PRIORITY[kind];
  return kind === 'point-of-order' ? 0 : 1;
}

const TC39_PRIORITY: Record<QueueKind, number> = { 'point-of-order': 0, clarify: 1, reply: 2, 'new-topic': 3 };

/**
 * Adds someone to a room's queue and returns the entry's id, placed by the meeting's queue order
 * (queueOrderOf): just behind the last waiting entry of its kind or of a kind that goes before it. So by
 * default a point of order goes to the front (behind earlier points of order) and everything else to the
 * end. MeetingOpError for a bad kind or name, or a full queue.
 */
export function addToQueue(doc: Y.Doc, e: NewEntry): string {
  if (!isKind(e.kind)) throw new MeetingOpError(`kind: expected one of ${QUEUE_KINDS.join(', ')}`);
  const name = cleanName(e.name, QUEUE_LIMITS.maxName, 'name', true);
  const company = cleanName(e.company ?? '', QUEUE_LIMITS.maxCompany, 'company', false);
  const room = e.room ?? MAIN_ROOM;
  const waiting = readQueue(doc, room);
  if (waiting.length >= QUEUE_LIMITS.maxWaiting) throw new MeetingOpError(`the queue is full (${QUEUE_LIMITS.maxWaiting} waiting)`);
  const order = queueOrderOf(doc);
  const mine = kindPriority(order, e.kind);
  // Just after the last waiting entry of this kind or of one that goes before it (the front when there is
  // none), so a hand-moved entry never makes a new one jump ahead of a point of order.
  let last = -1;
  waiting.forEach((w, i) => {
    if (kindPriority(order, w.kind) <= mine) last = i;
  });
  const at = last + 1;
  const before = at > 0 ? waiting[at - 1].rank : null;
  const after = at < waiting.length ? waiting[at].rank : null;
  const id = newId();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    queueMap(doc).set(id, m);
    m.set(Q.room, room);
    m.set(Q.kind, e.kind);
    m.set(Q.name, name);
    m.set(Q.company, company);
    m.set(Q.owner, e.owner ?? '');
    m.set(Q.rank, rankBetween(before, after));
    m.set(Q.at, e.at);
    m.set(Q.by, e.by);
  });
  return id;
}

/**
 * The chair chooses the queue's order (meta.queueOrder) and the waiting entries of every room are put in
 * it at once, in one step: by kind as the order says, each kind in arrival order (the time asked). A
 * manual reorder made before is not kept; entries added later are placed by the new order.
 */
export function setQueueOrder(doc: Y.Doc, order: QueueOrder): void {
  doc.transact(() => {
    setMeta(doc, { queueOrder: order });
    const rooms = new Set<string>();
    queueMap(doc).forEach((m, id) => {
      const e = readEntry(id, m);
      if (e) rooms.add(e.room);
    });
    for (const room of rooms) {
      const sorted = readQueue(doc, room)
        .map((e, i) => ({ e, i }))
        .sort((a, b) => kindPriority(order, a.e.kind) - kindPriority(order, b.e.kind) || compareArrival(a.e, b.e) || a.i - b.i)
        .map((x) => x.e);
      // Each entry's rank strictly after the previous one's; an entry already there keeps its rank.
      let prev: string | null = null;
      for (const e of sorted) {
        const rank: string = prev === null || e.rank > prev ? e.rank : rankBetween(prev, null);
        if (rank !== e.rank) (queueMap(doc).get(e.id) as Y.Map<unknown>).set(Q.rank, rank);
        prev = rank;
      }
    }
  });
}

function compareArrival(a: QueueEntry, b: QueueEntry): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : 0;
}

/** Removes the entries of one owner from a room's queue; returns how many. */
export function withdrawOwn(doc: Y.Doc, owner: string, room: string = MAIN_ROOM): number {
  if (!owner) return 0;
  const mine = readQueue(doc, room).filter((e) => e.owner === owner);
  doc.transact(() => {
    for (const e of mine) queueMap(doc).delete(e.id);
  });
  return mine.length;
}

/** Removes one entry (the chair's "remove"). */
export function removeFromQueue(doc: Y.Doc, id: string): void {
  if (queueMap(doc).has(id)) queueMap(doc).delete(id);
}

/** Moves an entry to position `to` (0 = front) of its room's queue. */
export function moveInQueue(doc: Y.Doc, id: string, to: number): void {
  const entry = queueMap(doc).get(id);
  const me = readEntry(id, entry);
  if (!me || !(entry instanceof Y.Map)) return;
  const others = readQueue(doc, me.room).filter((e) => e.id !== id);
  const at = Math.max(0, Math.min(to, others.length));
  const before = at > 0 ? others[at - 1].rank : null;
  const after = at < others.length ? others[at].rank : null;
  entry.set(Q.rank, rankBetween(before, after));
}

/** Opens or closes a room's queue to delegates' requests (the chair can still add). */
export function setQueueOpen(doc: Y.Doc, open: boolean, room: string = MAIN_ROOM): void {
  writeFloor(doc, room, { ...readFloor(doc, room), open });
}

/** Sets the speaking limit (seconds, 0 = none). */
export function setSpeakingLimit(doc: Y.Doc, seconds: number, room: string = MAIN_ROOM): void {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > QUEUE_LIMITS.maxLimitSeconds) {
    throw new MeetingOpError(`the limit must be between 0 and ${QUEUE_LIMITS.maxLimitSeconds} seconds`);
  }
  writeFloor(doc, room, { ...readFloor(doc, room), limitSeconds: Math.round(seconds) });
}

export interface FloorContext {
  /** ISO time (server clock). */
  at: string;
  agendaItemId?: string | null;
  contributionId?: string | null;
  room?: string;
}

/**
 * Gives the floor to the first in the queue (or to `entryId`): ends the current speech, records the new
 * one with the agenda item and Tdoc the room is on, and takes the entry out of the queue. With nobody
 * waiting, the current speaker simply ends. Returns the new speaker, or null.
 */
export function callNext(doc: Y.Doc, ctx: FloorContext, entryId?: string): CurrentSpeaker | null {
  const room = ctx.room ?? MAIN_ROOM;
  const waiting = readQueue(doc, room);
  const next = entryId ? waiting.find((e) => e.id === entryId) : waiting[0];
  let current: CurrentSpeaker | null = null;
  doc.transact(() => {
    endCurrent(doc, room, ctx.at);
    if (!next) return;
    const speechId = newId();
    speechMap(doc).set(speechId, {
      [S.room]: room,
      [S.name]: next.name,
      [S.company]: next.company,
      [S.kind]: next.kind,
      [S.agendaItemId]: ctx.agendaItemId ?? '',
      [S.contributionId]: ctx.contributionId ?? '',
      [S.startedAt]: ctx.at,
      [S.endedAt]: '',
    });
    current = { speechId, name: next.name, company: next.company, kind: next.kind, startedAt: ctx.at };
    writeFloor(doc, room, { ...readFloor(doc, room), current });
    queueMap(doc).delete(next.id);
  });
  return current;
}

/** Writes a speech as meeting JSON has it (an import). */
export function restoreSpeech(doc: Y.Doc, sp: SpeechJson): void {
  speechMap(doc).set(sp.id, {
    [S.room]: sp.room,
    [S.name]: sp.name,
    [S.company]: sp.company,
    [S.kind]: sp.kind,
    [S.agendaItemId]: sp.agendaItemId,
    [S.contributionId]: sp.contributionId,
    [S.startedAt]: sp.startedAt,
    [S.endedAt]: sp.endedAt,
  });
}

/** The current speaker is done; nobody has the floor. */
export function endSpeech(doc: Y.Doc, at: string, room: string = MAIN_ROOM): void {
  doc.transact(() => endCurrent(doc, room, at));
}

function endCurrent(doc: Y.Doc, room: string, at: string): void {
  const floor = readFloor(doc, room);
  if (!floor.current) return;
  const rec = speechMap(doc).get(floor.current.speechId) as Record<string, unknown> | undefined;
  if (rec && typeof rec === 'object' && !rec[S.endedAt]) speechMap(doc).set(floor.current.speechId, { ...rec, [S.endedAt]: at });
  writeFloor(doc, room, { ...floor, current: null });
}

function writeFloor(doc: Y.Doc, room: string, f: FloorState): void {
  floorMap(doc).set(room, { [F.open]: f.open, [F.limitSeconds]: f.limitSeconds, [F.current]: f.current ? { ...f.current } : null });
}

/**
 * Reads the chair's quick add: "q+ Mary, Ericsson", "Mary (Ericsson)", "q+ poo Jane, Nokia" (poo, reply,
 * clar(ify) or topic before the name picks the kind). Null when there is no name.
 */
export function parseQuickAdd(text: string): { name: string; company: string; kind: QueueKind } | null {
  let s = text.trim().replace(/^q\+\s*/i, '');
  let kind: QueueKind = 'new-topic';
  const k = /^(poo|point of order|reply|clar(?:ify)?|topic)\b[:\s]*/i.exec(s);
  if (k) {
    const w = k[1].toLowerCase();
    kind = w.startsWith('p') ? 'point-of-order' : w === 'reply' ? 'reply' : w.startsWith('clar') ? 'clarify' : 'new-topic';
    s = s.slice(k[0].length);
  }
  let name = s;
  let company = '';
  const paren = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(s);
  if (paren) [name, company] = [paren[1], paren[2]];
  else if (s.includes(',')) [name, company] = [s.slice(0, s.indexOf(',')), s.slice(s.indexOf(',') + 1)];
  name = cleanPersonText(name).slice(0, QUEUE_LIMITS.maxName);
  company = cleanPersonText(company).slice(0, QUEUE_LIMITS.maxCompany);
  return name ? { name, company, kind } : null;
}

/** Whole seconds from an ISO time to `nowMs` (never negative). */
export function elapsedSeconds(startedAt: string, nowMs: number): number {
  const t = Date.parse(startedAt);
  return Number.isFinite(t) ? Math.max(0, Math.floor((nowMs - t) / 1000)) : 0;
}

/** "1:05" / "12:40" / "1:02:03". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
