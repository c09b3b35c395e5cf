/**
 * Generic mutations shared by every entity kind: insert at a place among siblings, update, delete.
 * Each runs in one transaction, so a peer never sees half an edit.
 */
import * as Y from 'yjs';
import { FIELDS, type EntityKind, type EntityOf } from './meetingSchema.js';
import { entryMap, insertEntry, readAll, readEntry, table, writeFields } from './entityStore.js';
import { compareRanked, rankBetween, ranksBetween } from './ranks.js';
import { newId } from './ids.js';

/** Thrown by a mutation asked to do something impossible (unknown id, a move under itself ...). */
export class MeetingOpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MeetingOpError';
  }
}

/**
 * Where to place an entry among its siblings: after the sibling with this id; `null` = first;
 * `undefined` = last.
 */
export type Placement = string | null | undefined;

/** Reads one entry, or throws when there is none. */
export function getEntity<K extends EntityKind>(doc: Y.Doc, kind: K, id: string): EntityOf[K] {
  const e = readEntry(kind, id, table(doc, kind).get(id));
  if (!e) throw new MeetingOpError(`no ${kindName(kind)} with id "${id}"`);
  return e;
}

/** Reads one entry, or undefined. */
export function findEntity<K extends EntityKind>(doc: Y.Doc, kind: K, id: string): EntityOf[K] | undefined {
  return readEntry(kind, id, table(doc, kind).get(id)) ?? undefined;
}

/** The rank that puts an entry at `after` among `siblings` (which must not contain the entry itself). */
export function rankAt(siblings: { id: string; rank: string }[], after: Placement): string {
  const sorted = [...siblings].sort(compareRanked);
  if (after === undefined) return rankBetween(sorted.at(-1)?.rank ?? null, null);
  if (after === null) return rankBetween(null, sorted[0]?.rank ?? null);
  const i = sorted.findIndex((s) => s.id === after);
  if (i < 0) throw new MeetingOpError(`cannot place after "${after}": not a sibling`);
  // Siblings sharing the anchor's rank (made by concurrent inserts) sort by id, and no rank fits between
  // them: the new entry goes right after the last of them.
  let j = i + 1;
  while (j < sorted.length && sorted[j].rank === sorted[i].rank) j++;
  return rankBetween(sorted[j - 1].rank, sorted[j]?.rank ?? null);
}

/** Siblings of a ranked kind, as given by a predicate over entries. */
export function siblings<K extends EntityKind>(
  doc: Y.Doc,
  kind: K,
  isSibling: (e: EntityOf[K]) => boolean,
  exceptId?: string,
): (EntityOf[K] & { rank: string })[] {
  return readAll(doc, kind).filter((e) => e.id !== exceptId && isSibling(e)) as (EntityOf[K] & { rank: string })[];
}

/** Inserts a new entry with the given values; returns its id. */
export function addEntity<K extends EntityKind>(
  doc: Y.Doc,
  kind: K,
  values: Partial<EntityOf[K]>,
): string {
  const id = values.id ?? newId();
  if (typeof id !== 'string' || id === '') throw new MeetingOpError(`a ${kindName(kind)} id must be a non-empty string`);
  if (table(doc, kind).has(id)) throw new MeetingOpError(`${kindName(kind)} "${id}" exists already`);
  assertAllowedValues(kind, values as Record<string, unknown>);
  doc.transact(() => insertEntry(doc, kind, id, values as Record<string, unknown>));
  return id;
}

/** Sets some fields of an entry. `id` and fields the kind does not have are ignored. */
export function updateEntity<K extends EntityKind>(doc: Y.Doc, kind: K, id: string, patch: Partial<EntityOf[K]>): void {
  const entry = entryMap(doc, kind, id);
  if (!entry) throw new MeetingOpError(`no ${kindName(kind)} with id "${id}"`);
  const known = new Set(FIELDS[kind].map((f) => f.name));
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) if (known.has(k) && k !== 'id') values[k] = v;
  assertAllowedValues(kind, values);
  doc.transact(() => writeFields(kind, entry, values));
}

/** Refuses a value outside a field's fixed set (an action's status is open or closed), before writing. */
function assertAllowedValues(kind: EntityKind, values: Record<string, unknown>): void {
  for (const spec of FIELDS[kind]) {
    const v = values[spec.name];
    if (spec.oneOf && v !== undefined && !spec.oneOf.includes(v as string)) {
      throw new MeetingOpError(`${spec.name}: expected one of ${spec.oneOf.join(', ')}, got "${String(v)}"`);
    }
  }
}

/** Deletes an entry (no error if it is already gone: a concurrent delete is not a failure). */
export function deleteEntity(doc: Y.Doc, kind: EntityKind, id: string): void {
  doc.transact(() => table(doc, kind).delete(id));
}

export type FlatKind = 'deliverables' | 'objectives' | 'actions';

/**
 * The entries of a flat list with their ranks. Action items may come without one (the rank is optional in
 * meeting JSON, and they then read by ref); before the first placement among them, every one gets a rank
 * in the order they read, so that "after X" means after X as shown. Inside a transaction.
 */
function rankedList(doc: Y.Doc, kind: FlatKind, exceptId?: string): { id: string; rank: string }[] {
  const all = readAll(doc, kind) as { id: string; rank?: string; ref?: string }[];
  if (kind === 'actions' && all.some((a) => a.rank === undefined)) {
    all.sort(compareActions);
    const ranks = ranksBetween(null, null, all.length);
    all.forEach((a, i) => {
      a.rank = ranks[i];
      writeFields(kind, entryMap(doc, kind, a.id)!, { rank: ranks[i] });
    });
  }
  return (all as { id: string; rank: string }[]).filter((e) => e.id !== exceptId);
}

/**
 * The order action items read in: by rank; ones without a rank (imported) first, by ref; then by id.
 * Shared with readMeeting so that placement and reading agree.
 */
export function compareActions(a: { id: string; rank?: string; ref?: string }, b: { id: string; rank?: string; ref?: string }): number {
  const ra = a.rank ?? '';
  const rb = b.rank ?? '';
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (a.rank === undefined && b.rank === undefined && a.ref !== b.ref) return (a.ref ?? '') < (b.ref ?? '') ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Adds an entry of a flat ranked list (deliverables, objectives, actions) at a place. */
export function addRanked<K extends FlatKind>(doc: Y.Doc, kind: K, values: Partial<EntityOf[K]>, after?: Placement): string {
  if (after) getEntity(doc, kind, after);
  let id = '';
  doc.transact(() => {
    const rank = rankAt(rankedList(doc, kind), after);
    id = addEntity(doc, kind, { ...values, rank } as Partial<EntityOf[K]>);
  });
  return id;
}

/** Moves an entry of a flat ranked list. */
export function moveRanked(doc: Y.Doc, kind: FlatKind, id: string, after: Placement): void {
  getEntity(doc, kind, id);
  if (after) getEntity(doc, kind, after);
  if (after === id) throw new MeetingOpError(`cannot place a ${kindName(kind)} after itself`);
  doc.transact(() => {
    const rank = rankAt(rankedList(doc, kind, id), after);
    updateEntity(doc, kind, id, { rank });
  });
}

const NAMES: Record<EntityKind, string> = {
  agenda: 'agenda item',
  contributions: 'contribution',
  sessions: 'session',
  actions: 'action item',
  deliverables: 'deliverable',
  objectives: 'objective',
};

export function kindName(kind: EntityKind): string {
  return NAMES[kind];
}
