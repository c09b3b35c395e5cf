/** Mutations of the agenda tree a secretary performs: add, edit, move and delete items. */
import * as Y from 'yjs';
import type { AgendaItem } from './meetingSchema.js';
import { readAll, readAllFields } from './entityStore.js';
import { agendaPreorder, effectiveParents, isAncestor } from './agendaTree.js';
import { ranksBetween, compareRanked } from './ranks.js';
import { readLive, setLive } from './meetingParts.js';
import {
  MeetingOpError,
  addEntity,
  deleteEntity,
  getEntity,
  rankAt,
  updateEntity,
  type Placement,
} from './entityOps.js';

export interface NewAgendaItem {
  id?: string;
  parentId?: string | null;
  label?: string;
  title?: string;
  notes?: string;
  specs?: string;
  rapporteur?: string;
  duration?: string;
  presenters?: string;
  documents?: string[];
}

/**
 * The items directly under `parentId` as the agenda reads (effective parents: an item whose parent is gone,
 * or that a concurrent move put in a cycle, is at the top level), without `exceptId`.
 */
function childrenOf(doc: Y.Doc, parentId: string | null, exceptId?: string): AgendaItem[] {
  const all = readAll(doc, 'agenda');
  const parents = effectiveParents(all);
  return all.filter((a) => a.id !== exceptId && (parents.get(a.id) ?? null) === parentId);
}

/** Adds an agenda item under `parentId` (null: top level) at `after` among its siblings; returns its id. */
export function addAgendaItem(doc: Y.Doc, item: NewAgendaItem, after?: Placement): string {
  const parentId = item.parentId ?? null;
  if (parentId !== null) getEntity(doc, 'agenda', parentId);
  let id = '';
  doc.transact(() => {
    const rank = rankAt(childrenOf(doc, parentId), after);
    id = addEntity(doc, 'agenda', { ...item, parentId, rank });
  });
  return id;
}

export type AgendaPatch = Partial<Omit<AgendaItem, 'id' | 'parentId' | 'rank'>>;

/** Edits an item's number, title, notes or extension fields. */
export function updateAgendaItem(doc: Y.Doc, id: string, patch: AgendaPatch): void {
  updateEntity(doc, 'agenda', id, patch);
}

/**
 * Moves an item (with its subtree) under `parentId` at `after`. Refuses to move an item under itself.
 *
 * An item lifted out of a cycle (see agendaTree.ts) still names its old parent; once a move breaks the
 * cycle, that name would count again and the item would jump under it. So a move first writes down where
 * such items are shown (the top level), and the agenda stays as the secretary saw it.
 */
export function moveAgendaItem(doc: Y.Doc, id: string, parentId: string | null, after?: Placement): void {
  getEntity(doc, 'agenda', id);
  const all = readAll(doc, 'agenda');
  const parents = effectiveParents(all);
  if (parentId !== null) {
    getEntity(doc, 'agenda', parentId);
    if (isAncestor(parents, id, parentId)) throw new MeetingOpError('cannot move an agenda item under itself');
  }
  doc.transact(() => {
    keepLiftedItemsOnTop(doc, all, parents);
    const rank = rankAt(childrenOf(doc, parentId, id), after);
    updateEntity(doc, 'agenda', id, { parentId, rank });
  });
}

/**
 * Writes parentId null for every item that reads at the top level only because it was lifted out of a
 * cycle, so that breaking the cycle does not move it. Inside a transaction.
 */
function keepLiftedItemsOnTop(doc: Y.Doc, all: readonly AgendaItem[], parents: Map<string, string | null>): void {
  const ids = new Set(all.map((a) => a.id));
  for (const a of all) {
    if (a.parentId !== null && a.parentId !== a.id && ids.has(a.parentId) && parents.get(a.id) === null) {
      updateEntity(doc, 'agenda', a.id, { parentId: null });
    }
  }
}

/**
 * Deletes an agenda item. Nothing under it is lost: its sub-items take its place under its parent, and its
 * contributions move to its parent item (or become unallocated at the top level). Sessions forget it and the
 * live pointer leaves it.
 */
export function deleteAgendaItem(doc: Y.Doc, id: string): void {
  getEntity(doc, 'agenda', id);
  doc.transact(() => {
    const all = readAll(doc, 'agenda');
    const parents = effectiveParents(all);
    const item = all.find((a) => a.id === id)!;
    // Where the item is as the agenda reads, not as its raw fields say (they may dangle or make a cycle).
    const parentId = parents.get(id) ?? null;
    const kids = all.filter((a) => parents.get(a.id) === id).sort(compareRanked);
    if (kids.length) {
      const sibs = all.filter((a) => (parents.get(a.id) ?? null) === parentId && a.id !== id).sort(compareRanked);
      const next = sibs.find((s) => compareRanked(s, item) > 0);
      const ranks = ranksBetween(item.rank, next?.rank ?? null, kids.length);
      kids.forEach((k, i) => updateEntity(doc, 'agenda', k.id, { parentId, rank: ranks[i] }));
    }
    for (const c of readAllFields(doc, 'contributions', ['agendaItemId'])) {
      if (c.agendaItemId === id) updateEntity(doc, 'contributions', c.id, { agendaItemId: parentId ?? '' });
    }
    // An action item of the deleted item goes with its contributions: to the parent, or to no item.
    for (const a of readAll(doc, 'actions')) {
      if (a.agendaItemId === id) updateEntity(doc, 'actions', a.id, { agendaItemId: parentId ?? '' });
    }
    for (const s of readAll(doc, 'sessions')) {
      if (s.agendaItemIds.includes(id)) {
        updateEntity(doc, 'sessions', s.id, { agendaItemIds: s.agendaItemIds.filter((x) => x !== id) });
      }
    }
    if (readLive(doc).agendaItemId === id) setLive(doc, { agendaItemId: null });
    deleteEntity(doc, 'agenda', id);
  });
}

/** The id of the agenda item with this label (the first in agenda order when the label repeats). */
export function findAgendaItemByLabel(doc: Y.Doc, label: string): string | undefined {
  return agendaPreorder(readAll(doc, 'agenda')).find((n) => n.item.label === label)?.item.id;
}
