/** Mutations of the week's sessions, action items, draft deliverables and objectives. */
import * as Y from 'yjs';
import type { Action, EntityOf, Session } from './meetingSchema.js';
import { readLive, setLive } from './meetingParts.js';
import { MeetingOpError, addEntity, addRanked, deleteEntity, getEntity, moveRanked, updateEntity, type FlatKind, type Placement } from './entityOps.js';
import { normalizeDate, normalizeTime } from '../time/dateTime.js';

export type { FlatKind };

// -------------------------------------------------------------------------------------------- sessions

export type NewSession = Partial<Session>;

/**
 * The session fields with date and times normalised ('9:00' -> '09:00', '2016-5-6' -> '2016-05-06');
 * throws MeetingOpError for what is not a date or a time, so the document only holds what the meeting JSON
 * allows.
 */
function normalizeSession<T extends Partial<Session>>(s: T): T {
  const out = { ...s };
  if (typeof s.date === 'string') {
    const d = normalizeDate(s.date);
    if (d === null) throw new MeetingOpError(`date: expected YYYY-MM-DD, got "${s.date}"`);
    out.date = d;
  }
  for (const key of ['start', 'end'] as const) {
    const v = s[key];
    if (typeof v !== 'string') continue;
    const t = normalizeTime(v);
    if (t === null) throw new MeetingOpError(`${key}: expected HH:MM, got "${v}"`);
    out[key] = t;
  }
  return out;
}

/** Adds a session to the schedule (sessions are ordered by date and start time); returns its id. */
export function addSession(doc: Y.Doc, s: NewSession): string {
  for (const a of s.agendaItemIds ?? []) getEntity(doc, 'agenda', a);
  return addEntity(doc, 'sessions', normalizeSession(s));
}

/** Edits a session; date and times as for addSession, agenda items must exist. */
export function updateSession(doc: Y.Doc, id: string, patch: Partial<Omit<Session, 'id'>>): void {
  for (const a of patch.agendaItemIds ?? []) getEntity(doc, 'agenda', a);
  updateEntity(doc, 'sessions', id, normalizeSession(patch));
}

export function deleteSession(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    if (readLive(doc).sessionId === id) setLive(doc, { sessionId: null });
    deleteEntity(doc, 'sessions', id);
  });
}

// ------------------------------------------------------------- actions, deliverables and objectives
// The flat lists the chair orders by hand (FlatKind): one API for the three.

/** What a new entry of a list starts with (an action item is open). */
const NEW_ENTRY: { [K in FlatKind]: Partial<EntityOf[K]> } = {
  actions: { status: 'open' },
  deliverables: {},
  objectives: {},
};

/** Adds an entry to a list at `after` (null: first; undefined: last); returns its id. */
export function addListEntry<K extends FlatKind>(doc: Y.Doc, kind: K, values: Partial<Omit<EntityOf[K], 'rank'>>, after?: Placement): string {
  return addRanked(doc, kind, checkEntry(doc, kind, { ...NEW_ENTRY[kind], ...values } as Partial<EntityOf[K]>), after);
}

/** Edits an entry's own fields (its place changes only through moveListEntry). */
export function updateListEntry<K extends FlatKind>(doc: Y.Doc, kind: K, id: string, patch: Partial<Omit<EntityOf[K], 'id' | 'rank'>>): void {
  updateEntity(doc, kind, id, checkEntry(doc, kind, patch as Partial<EntityOf[K]>));
}

/**
 * An action item's due date normalised ('2026-3-9' -> '2026-03-09', '' clears it) and its agenda item
 * checked to exist; MeetingOpError otherwise, before anything is written.
 */
function checkEntry<K extends FlatKind, T extends Partial<EntityOf[K]>>(doc: Y.Doc, kind: K, values: T): T {
  if (kind !== 'actions') return values;
  const a = { ...values } as Partial<Action>;
  if (typeof a.due === 'string' && a.due.trim() !== '') {
    const d = normalizeDate(a.due);
    if (d === null) throw new MeetingOpError(`due: expected YYYY-MM-DD, got "${a.due}"`);
    a.due = d;
  } else if (typeof a.due === 'string') a.due = '';
  if (typeof a.agendaItemId === 'string' && a.agendaItemId !== '') getEntity(doc, 'agenda', a.agendaItemId);
  return a as T;
}

/** Places an entry after another (null: first). */
export function moveListEntry(doc: Y.Doc, kind: FlatKind, id: string, after: Placement): void {
  moveRanked(doc, kind, id, after);
}

export function deleteListEntry(doc: Y.Doc, kind: FlatKind, id: string): void {
  deleteEntity(doc, kind, id);
}
