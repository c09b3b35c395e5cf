/**
 * The whole meeting document: create it from meeting JSON, read it back as meeting JSON, and the
 * document-wide parts (meta, status vocabulary, what the room is on now).
 *
 * Reading is tolerant: entries from a newer or broken client are skipped or defaulted, dangling references
 * are cleared, and the result always satisfies the invariants that validateMeeting checks, so that
 * `parseMeeting(readMeeting(doc))` never fails.
 */
import * as Y from 'yjs';
import {
  ROOT,
  META_FIELDS,
  LIVE_FIELDS,
  PURPOSES,
  SCHEMA_VERSION,
  MEETING_FORMAT,
  MEETING_FORMAT_VERSION,
  ENTITY_KINDS,
  emptyMeta,
  emptyLive,
  REVISION_NUMBERINGS,
  type RevisionNumbering,
  type MeetingJson,
  type Meta,
  type Live,
  type Status,
  type Contribution,
  type Purpose,
  type Session,
  type Action,
  type Deliverable,
  type Objective,
} from './meetingSchema.js';
import { readAll, insertEntry, table } from './entityStore.js';
import { agendaPreorder } from './agendaTree.js';
import { compareRanked } from './ranks.js';
import { DEFAULT_STATUS, presetStatuses, statusId } from './statuses.js';
import { normalizeDate, normalizeTime } from '../time/dateTime.js';
import { MeetingOpError, compareActions } from './entityOps.js';
import { formatNumberBlock, parseNumberBlock } from './numberBlock.js';
import { readParticipationJson, writeParticipationJson } from '../participation/participationJson.js';
import { isTimeZone } from '../time/meetingPlaces.js';
import { readRoomsJson, writeRoomsJson } from './rooms.js';

const metaMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.meta);
const liveMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.live);
const statusArray = (doc: Y.Doc) => doc.getArray<Status>(ROOT.statuses);

/** Creates a new Y.Doc holding the meeting (which must already be valid: see parseMeeting). */
/**
 * Calls `changed` with 'meta', 'live' or 'statuses' whenever that part of the document changes (locally
 * or from a peer), so a cache re-reads it only then; returns the function that stops it.
 */
export function observeMeetingParts(doc: Y.Doc, changed: (part: 'meta' | 'live' | 'statuses') => void): () => void {
  const parts = [
    [metaMap(doc), () => changed('meta')],
    [liveMap(doc), () => changed('live')],
    [statusArray(doc), () => changed('statuses')],
  ] as const;
  for (const [type, f] of parts) type.observe(f);
  return () => {
    for (const [type, f] of parts) type.unobserve(f);
  };
}

export function createMeetingDoc(meeting: MeetingJson, doc: Y.Doc = new Y.Doc()): Y.Doc {
  writeMeeting(doc, meeting);
  return doc;
}

/** Writes a whole meeting into an empty document, in one transaction. */
export function writeMeeting(doc: Y.Doc, meeting: MeetingJson, origin: unknown = null): void {
  doc.transact(() => {
    setMeta(doc, { ...meeting.meta, schemaVersion: SCHEMA_VERSION });
    const st = statusArray(doc);
    if (st.length) st.delete(0, st.length);
    st.push(meeting.statuses.map((x) => ({ id: x.id, label: x.label, final: x.final })));
    for (const kind of ENTITY_KINDS) {
      for (const e of meeting[kind]) {
        insertEntry(doc, kind, e.id, e as unknown as Record<string, unknown>);
      }
    }
    setLive(doc, meeting.live);
    writeParticipationJson(doc, meeting);
    writeRoomsJson(doc, meeting);
  }, origin);
}

// ---------------------------------------------------------------------------------------------- meta

/** Reads the meta map tolerantly. */
export function readMeta(doc: Y.Doc): Meta {
  const m = metaMap(doc);
  const meta = emptyMeta() as unknown as Record<string, unknown>;
  for (const key of META_FIELDS) {
    const v = m.get(key);
    if (key === 'schemaVersion') meta[key] = typeof v === 'number' ? v : SCHEMA_VERSION;
    else if (typeof v === 'string') meta[key] = v;
  }
  if (!PURPOSES.includes(meta.purpose as Purpose)) meta.purpose = 'other';
  for (const key of ['startDate', 'endDate'] as const) meta[key] = normalizeDate(meta[key] as string) ?? '';
  // Optional extensions read as absent when empty or not valid (a peer's typo must not stop revisions).
  if (!REVISION_NUMBERINGS.includes(meta.revisionNumbering as RevisionNumbering)) delete meta.revisionNumbering;
  const block = typeof meta.numberBlock === 'string' ? parseNumberBlock(meta.numberBlock) : null;
  if (block) meta.numberBlock = formatNumberBlock(block);
  else delete meta.numberBlock;
  // A zone written by an older or broken peer ('Baltimore') reads as UTC: clocks and times stay computable.
  if (!isTimeZone(meta.timezone)) meta.timezone = 'UTC';
  return meta as unknown as Meta;
}

/**
 * Sets some meta fields. Dates are normalised ('2016-5-6' -> '2016-05-06'); a date that is not one, an
 * unknown purpose or a time zone that is not an IANA zone (or UTC) is refused with MeetingOpError before
 * anything is written.
 */
export function setMeta(doc: Y.Doc, patch: Partial<Meta>): void {
  const values: Record<string, unknown> = { ...patch };
  for (const key of ['startDate', 'endDate'] as const) {
    const v = patch[key];
    if (typeof v !== 'string') continue;
    const d = normalizeDate(v);
    if (d === null) throw new MeetingOpError(`${key}: expected YYYY-MM-DD, got "${v}"`);
    values[key] = d;
  }
  if (patch.purpose !== undefined && !PURPOSES.includes(patch.purpose)) {
    throw new MeetingOpError(`purpose: expected one of ${PURPOSES.join(', ')}, got "${patch.purpose}"`);
  }
  const numbering = patch.revisionNumbering as string | undefined;
  if (numbering !== undefined && numbering !== '' && !REVISION_NUMBERINGS.includes(numbering as RevisionNumbering)) {
    throw new MeetingOpError(`revisionNumbering: expected one of ${REVISION_NUMBERINGS.join(', ')}, got "${numbering}"`);
  }
  if (typeof patch.numberBlock === 'string' && patch.numberBlock.trim() !== '') {
    const block = parseNumberBlock(patch.numberBlock);
    if (!block) throw new MeetingOpError(`numberBlock: expected a block of numbers like S2-2403100-S2-2403199, got "${patch.numberBlock}"`);
    values.numberBlock = formatNumberBlock(block);
  } else if (typeof patch.numberBlock === 'string') values.numberBlock = '';
  if (patch.timezone !== undefined && !isTimeZone(patch.timezone)) {
    throw new MeetingOpError(`timezone: expected an IANA time zone such as Europe/Paris, or UTC, got "${patch.timezone}"`);
  }
  const m = metaMap(doc);
  doc.transact(() => {
    for (const key of META_FIELDS) {
      const v = values[key];
      if (v === undefined) continue;
      if (m.get(key) !== v) m.set(key, v);
    }
  });
}

// ------------------------------------------------------------------------------------------ statuses

/** The meeting's status vocabulary, in display order (the 3GPP preset when the document has none). */
export function readStatuses(doc: Y.Doc): Status[] {
  const seen = new Set<string>();
  const out: Status[] = [];
  for (const x of statusArray(doc).toArray()) {
    if (!x || typeof x !== 'object' || typeof x.id !== 'string') continue;
    const id = statusId(x.id);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    out.push({ id, label: typeof x.label === 'string' ? x.label : id, final: x.final === true });
  }
  return out.length ? out : presetStatuses('3gpp');
}

/** Replaces the status vocabulary. */
export function setStatuses(doc: Y.Doc, statuses: readonly Status[]): void {
  const st = statusArray(doc);
  doc.transact(() => {
    st.delete(0, st.length);
    st.push(statuses.map((x) => ({ id: x.id, label: x.label, final: x.final })));
  });
}

/** Adds a status word to the vocabulary (if its id is new) and returns its id. */
export function addStatus(doc: Y.Doc, label: string, final = true): string {
  const id = statusId(label);
  if (!id) throw new MeetingOpError(`status "${label}" has no letters or digits`);
  const st = statusArray(doc);
  if (!st.toArray().some((x) => x && x.id === id)) st.push([{ id, label: label.trim(), final }]);
  return id;
}

// ---------------------------------------------------------------------------------------------- live

/** What the room is on now. */
export function readLive(doc: Y.Doc): Live {
  const m = liveMap(doc);
  const live = emptyLive();
  for (const key of LIVE_FIELDS) {
    const v = m.get(key);
    if (key === 'banner') live.banner = typeof v === 'string' ? v : '';
    else (live as unknown as Record<string, unknown>)[key] = typeof v === 'string' && v !== '' ? v : null;
  }
  return live;
}

/** Sets what the room is on now (any subset of item, contribution, session, banner). */
export function setLive(doc: Y.Doc, patch: Partial<Live>): void {
  const m = liveMap(doc);
  doc.transact(() => {
    for (const key of LIVE_FIELDS) {
      const v = patch[key];
      if (v === undefined) continue;
      const val = key === 'banner' ? String(v ?? '') : v || null;
      if (m.get(key) !== val) m.set(key, val);
    }
  });
}

// ------------------------------------------------------------------------------------- whole meeting

/** Sort of contributions: agenda order, then rank; unallocated ones last. */
export function sortContributions(list: Contribution[], agendaOrder: Map<string, number>): Contribution[] {
  const pos = (c: Contribution) => agendaOrder.get(c.agendaItemId) ?? Number.MAX_SAFE_INTEGER;
  return list.sort((a, b) => pos(a) - pos(b) || compareRanked(a, b));
}

/** Reads the whole document as meeting JSON (CONTRACT.md §6), in the contract's orders. */
export function readMeeting(doc: Y.Doc): MeetingJson {
  const meta = readMeta(doc);
  const statuses = readStatuses(doc);

  const tree = agendaPreorder(readAll(doc, 'agenda'));
  const agenda = tree.map((n) => ({ ...n.item, parentId: n.parentId }));
  const agendaOrder = new Map(agenda.map((a, i) => [a.id, i]));

  const contributions = readAll(doc, 'contributions');
  const contributionIds = new Set(contributions.map((c) => c.id));
  const statusIds = new Set(statuses.map((x) => x.id));
  const unknownStatuses = new Set<string>();
  for (const c of contributions) {
    if (c.agendaItemId && !agendaOrder.has(c.agendaItemId)) c.agendaItemId = '';
    if (c.revisionOf !== null && (!contributionIds.has(c.revisionOf) || c.revisionOf === c.id)) c.revisionOf = null;
    if (c.mergedInto != null && (!contributionIds.has(c.mergedInto) || c.mergedInto === c.id)) c.mergedInto = null;
    c.status = statusId(c.status) || DEFAULT_STATUS;
    c.history = c.history.map((h) => ({ ...h, status: statusId(h.status) })).filter((h) => h.status !== '');
    // A status word from a peer with a newer vocabulary (or one taken out of the list since): keep it,
    // and make the vocabulary know it.
    for (const st of [c.status, ...c.history.map((h) => h.status)]) if (!statusIds.has(st)) unknownStatuses.add(st);
  }
  // Sorted, not in map iteration order: that order differs between replicas.
  for (const id of [...unknownStatuses].sort()) statuses.push({ id, label: id, final: false });
  sortContributions(contributions, agendaOrder);

  const sessions = readAll(doc, 'sessions');
  for (const s of sessions) {
    s.agendaItemIds = [...new Set(s.agendaItemIds)].filter((id) => agendaOrder.has(id));
    s.date = normalizeDate(s.date) ?? '';
    s.start = normalizeTime(s.start) ?? '';
    s.end = normalizeTime(s.end) ?? '';
  }
  sortList('sessions', sessions);
  const actions = sortList('actions', readAll(doc, 'actions'));
  const deliverables = sortList('deliverables', readAll(doc, 'deliverables'));
  const objectives = sortList('objectives', readAll(doc, 'objectives'));

  const live = readLive(doc);
  const sessionIds = new Set(sessions.map((x) => x.id));
  if (live.agendaItemId && !agendaOrder.has(live.agendaItemId)) live.agendaItemId = null;
  if (live.contributionId && !contributionIds.has(live.contributionId)) live.contributionId = null;
  if (live.sessionId && !sessionIds.has(live.sessionId)) live.sessionId = null;

  return {
    format: MEETING_FORMAT,
    version: MEETING_FORMAT_VERSION,
    // The JSON holds what this version understands, whatever version wrote the document.
    meta: { ...meta, schemaVersion: SCHEMA_VERSION },
    statuses,
    agenda,
    sessions,
    contributions,
    actions,
    deliverables,
    objectives,
    live,
    ...readParticipationJson(doc, { agenda: new Set(agendaOrder.keys()), contributions: contributionIds }),
    ...readRoomsJson(doc, live, { agenda: new Set(agendaOrder.keys()), contributions: contributionIds, sessions: sessionIds }),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type ListEntries = { sessions: Session; actions: Action; deliverables: Deliverable; objectives: Objective };

/**
 * Sorts a list as the meeting JSON orders it (in place; returns it): sessions by date, start and id;
 * action items by compareActions; deliverables and objectives by rank. One order for every reader.
 */
export function sortList<K extends keyof ListEntries>(kind: K, list: ListEntries[K][]): ListEntries[K][] {
  if (kind === 'sessions') (list as Session[]).sort((a, b) => cmp(a.date, b.date) || cmp(a.start, b.start) || cmp(a.id, b.id));
  else if (kind === 'actions') (list as Action[]).sort(compareActions);
  else (list as (Deliverable | Objective)[]).sort(compareRanked);
  return list;
}

/** How many contributions (Tdocs) the document holds, without reading them. */
export function contributionCount(doc: Y.Doc): number {
  return table(doc, 'contributions').size;
}

/** True when the document has never been given a meeting (no meta written). */
export function isEmptyMeetingDoc(doc: Y.Doc): boolean {
  return metaMap(doc).size === 0 && table(doc, 'agenda').size === 0 && table(doc, 'contributions').size === 0;
}
