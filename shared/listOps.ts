/** Mutations of the week's sessions, action items, draft deliverables and objectives. */
import * as Y from 'yjs';
import type { Action, Deliverable, Objective, Session } from './meetingSchema.js';
import { readLive, setLive } from './meetingDoc.js';
import { MeetingOpError, addEntity, addRanked, deleteEntity, getEntity, moveRanked, updateEntity, type Placement } from './entityOps.js';
import { normalizeDate, normalizeTime } from './dateTime.js';

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

// --------------------------------------------------------------------------------------------- actions

/** Adds an action item (open by default) at `after`; returns its id. */
export function addAction(doc: Y.Doc, a: Partial<Omit<Action, 'rank'>>, after?: Placement): string {
  return addRanked(doc, 'actions', { status: 'open', ...a }, after);
}
export function updateAction(doc: Y.Doc, id: string, patch: Partial<Omit<Action, 'id' | 'rank'>>): void {
  updateEntity(doc, 'actions', id, patch);
}
export function moveAction(doc: Y.Doc, id: string, after: Placement): void {
  moveRanked(doc, 'actions', id, after);
}
export function deleteAction(doc: Y.Doc, id: string): void {
  deleteEntity(doc, 'actions', id);
}

// ---------------------------------------------------------------------------------------- deliverables

export function addDeliverable(doc: Y.Doc, d: Partial<Omit<Deliverable, 'rank'>>, after?: Placement): string {
  return addRanked(doc, 'deliverables', d, after);
}
export function updateDeliverable(doc: Y.Doc, id: string, patch: Partial<Omit<Deliverable, 'id' | 'rank'>>): void {
  updateEntity(doc, 'deliverables', id, patch);
}
export function moveDeliverable(doc: Y.Doc, id: string, after: Placement): void {
  moveRanked(doc, 'deliverables', id, after);
}
export function deleteDeliverable(doc: Y.Doc, id: string): void {
  deleteEntity(doc, 'deliverables', id);
}

// ------------------------------------------------------------------------------------------ objectives

export function addObjective(doc: Y.Doc, o: Partial<Omit<Objective, 'rank'>>, after?: Placement): string {
  return addRanked(doc, 'objectives', o, after);
}
export function updateObjective(doc: Y.Doc, id: string, patch: Partial<Omit<Objective, 'id' | 'rank'>>): void {
  updateEntity(doc, 'objectives', id, patch);
}
export function moveObjective(doc: Y.Doc, id: string, after: Placement): void {
  moveRanked(doc, 'objectives', id, after);
}
export function deleteObjective(doc: Y.Doc, id: string): void {
  deleteEntity(doc, 'objectives', id);
}
