/**
 * The whole meeting document: create it from meeting JSON and read it back as meeting JSON. The
 * document-wide parts (meta, status vocabulary, what the room is on now) are in meetingParts.ts.
 *
 * Reading is tolerant: entries from a newer or broken client are skipped or defaulted, dangling references
 * are cleared, and the result always satisfies the invariants that validateMeeting checks, so that
 * `parseMeeting(readMeeting(doc))` never fails.
 */
import * as Y from 'yjs';
import {
  ROOT,
  SCHEMA_VERSION,
  MEETING_FORMAT,
  MEETING_FORMAT_VERSION,
  ENTITY_KINDS,
  type MeetingJson,
  type Status,
  type Contribution,
  type Session,
  type Action,
  type Deliverable,
  type Objective,
} from './meetingSchema.js';
import { readAll, insertEntry, table } from './entityStore.js';
import { agendaPreorder } from './agendaTree.js';
import { compareRanked } from './ranks.js';
import { DEFAULT_STATUS, statusId } from './statuses.js';
import { normalizeDate, normalizeTime } from '../time/dateTime.js';
import { compareActions } from './entityOps.js';
import { readParticipationJson, writeParticipationJson } from '../participation/participationJson.js';
import { readRoomsJson, writeRoomsJson } from './rooms.js';
import { readPositionsJson, writePositionsJson } from '../positions/positionsJson.js';

import { readLive, readMeta, readStatuses, setLive, setMeta } from './meetingParts.js';

const statusArray = (doc: Y.Doc) => doc.getArray<Status>(ROOT.statuses);

/** Creates a new Y.Doc holding the meeting (which must already be valid: see parseMeeting). */
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
    writePositionsJson(doc, meeting);
  }, origin);
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
  for (const a of actions) {
    // An item deleted by one editor while another linked the action to it: the action keeps no link.
    if (a.agendaItemId !== undefined && a.agendaItemId !== '' && !agendaOrder.has(a.agendaItemId)) a.agendaItemId = '';
    if (a.due !== undefined && a.due !== '') a.due = normalizeDate(a.due) ?? '';
  }
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
    ...readPositionsJson(doc, { contributions: contributionIds }),
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
  return doc.getMap(ROOT.meta).size === 0 && table(doc, 'agenda').size === 0 && table(doc, 'contributions').size === 0;
}
