/** Small meeting documents for the unit tests of the shared mutations. */
import * as Y from 'yjs';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { emptyLive, emptyMeta, type MeetingJson } from '../../shared/document/meetingSchema.js';
import { presetStatuses } from '../../shared/document/statuses.js';

/** An empty, valid meeting JSON with the 3GPP vocabulary; `patch` replaces whole parts. */
export function emptyMeeting(patch: Partial<MeetingJson> = {}): MeetingJson {
  return {
    format: 'plenary-meeting',
    version: 1,
    meta: { ...emptyMeta(), title: 'Test meeting' },
    statuses: presetStatuses('3gpp'),
    agenda: [],
    sessions: [],
    contributions: [],
    actions: [],
    deliverables: [],
    objectives: [],
    live: emptyLive(),
    ...patch,
  };
}

/** A fresh document holding an empty meeting. */
export function emptyMeetingDoc(patch: Partial<MeetingJson> = {}): Y.Doc {
  return createMeetingDoc(emptyMeeting(patch));
}

/** A second replica of `doc` (same state, own client id). */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Exchanges every missing update between two replicas, both ways. */
export function syncBoth(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** The agenda as `label` (indented by depth, two spaces a level), in reading order. */
export function outline(doc: Y.Doc): string[] {
  const agenda = readMeeting(doc).agenda;
  const depth = new Map<string, number>();
  return agenda.map((a) => {
    const d = a.parentId === null ? 0 : (depth.get(a.parentId) ?? 0) + 1;
    depth.set(a.id, d);
    return `${'  '.repeat(d)}${a.label}`;
  });
}

/** The contributions' numbers under an agenda item ('' = unallocated), in reading order. */
export function numbersUnder(doc: Y.Doc, agendaItemId: string): string[] {
  return readMeeting(doc)
    .contributions.filter((c) => c.agendaItemId === agendaItemId)
    .map((c) => c.number);
}
