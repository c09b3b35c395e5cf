/**
 * Named random operations on one replica of a meeting document, for the convergence fuzz. Each calls the
 * shared mutations exactly as the board does; an operation that has become impossible on this replica
 * (its target was deleted, a move under itself, an unknown status) throws MeetingOpError, which the
 * fuzz expects. Ids and times come from the seed, so a run replays exactly.
 */
import * as Y from 'yjs';
import type { SeededRandom } from '../helpers/seededRandom.js';
import { readAll, entryText, table } from '../../shared/document/entityStore.js';
import { addAgendaItem, deleteAgendaItem, moveAgendaItem, updateAgendaItem } from '../../shared/document/agendaOps.js';
import { effectiveParents } from '../../shared/document/agendaTree.js';
import {
  allocatedItem,
  addContribution,
  deleteContribution,
  mergeContribution,
  moveContribution,
  reviseContribution,
  setContributionStatus,
  updateContribution,
} from '../../shared/document/contributionOps.js';
import { addListEntry, addSession, deleteListEntry, deleteSession, moveListEntry, updateListEntry, updateSession, type FlatKind } from '../../shared/document/listOps.js';
import { addStatus, readStatuses, setLive, setMeta, setStatuses } from '../../shared/document/meetingParts.js';
import { addRoom, readRooms, removeRoom, renameRoom, setLiveOf } from '../../shared/document/rooms.js';
import type { EntityKind, EntityOf } from '../../shared/document/meetingSchema.js';

/** What an operation gets: the seeded source, the replica's document and a unique id prefix. */
export interface OpContext {
  rng: SeededRandom;
  doc: Y.Doc;
  /** Unique per (replica, step): new ids start with it. */
  idPrefix: string;
  actor: { by: string; at: string };
}

type Op = (ctx: OpContext) => void;

const ids = (doc: Y.Doc, kind: EntityKind) => readAll(doc, kind).map((e) => e.id);

/** A placement among `siblingIds`: after one of them, first (null) or last (undefined). */
function placement(rng: SeededRandom, siblingIds: string[]): string | null | undefined {
  const r = rng.next();
  if (r < 0.25) return null;
  if (r < 0.5 || siblingIds.length === 0) return undefined;
  return rng.pick(siblingIds);
}

/** Siblings as the board shows them (the agenda as read), so placements name rows a secretary sees. */
function agendaSiblings(doc: Y.Doc, parentId: string | null): string[] {
  const parents = effectiveParents(readAll(doc, 'agenda'));
  return [...parents].filter(([, p]) => p === parentId).map(([id]) => id);
}

function contributionSiblings(doc: Y.Doc, agendaItemId: string): string[] {
  return readAll(doc, 'contributions').filter((c) => allocatedItem(doc, c) === agendaItemId).map((c) => c.id);
}

/** Ids of `list` in reading order, by (rank, id). */
function inOrder(list: { id: string; rank: string }[]): { id: string; rank: string }[] {
  return [...list].sort((a, b) => (a.rank !== b.rank ? (a.rank < b.rank ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Checks that `id` reads where it was placed among `siblings`: first, last, or right after `after` (or after
 * the siblings sharing `after`'s rank, which only concurrent inserts create: no rank fits between those).
 */
function assertPlaced(siblings: { id: string; rank: string }[], id: string, after: string | null | undefined): void {
  const list = inOrder(siblings);
  const at = list.findIndex((x) => x.id === id);
  if (at < 0) throw new Error(`${id} is not among its new siblings`);
  if (after === null && at !== 0) throw new Error(`${id} was placed first but reads at ${at}`);
  if (after === undefined && at !== list.length - 1) throw new Error(`${id} was placed last but reads at ${at} of ${list.length}`);
  if (typeof after === 'string') {
    const anchor = list.findIndex((x) => x.id === after);
    let expected = anchor + 1;
    while (expected < list.length && list[expected].id !== id && list[expected].rank === list[anchor].rank) expected++;
    if (at !== expected) throw new Error(`${id} was placed after ${after} (at ${anchor}) but reads at ${at}`);
  }
}

function editText(rng: SeededRandom, text: Y.Text): void {
  if (text.length > 0 && rng.chance(0.35)) {
    const at = rng.int(0, text.length - 1);
    text.delete(at, rng.int(1, Math.min(4, text.length - at)));
  } else {
    text.insert(rng.int(0, text.length), rng.word(1, 5) + (rng.chance(0.2) ? '\n' : ' '));
  }
}

export const addAgendaItemOp: Op = ({ rng, doc, idPrefix }) => {
  const parentId = rng.chance(0.3) ? null : rng.maybePick(ids(doc, 'agenda')) ?? null;
  addAgendaItem(doc, { id: `a${idPrefix}`, parentId, label: String(rng.int(1, 12)), title: rng.word() }, placement(rng, agendaSiblings(doc, parentId)));
};

export const editAgendaItemOp: Op = ({ rng, doc }) => {
  const id = rng.maybePick(ids(doc, 'agenda'));
  if (!id) return;
  updateAgendaItem(doc, id, rng.chance(0.5) ? { title: rng.word() } : { label: `${rng.int(1, 9)}.${rng.int(1, 9)}`, duration: `${rng.int(5, 30)} min` });
};

/** Moves an item anywhere, including under its own descendant (refused locally) or crosswise with a peer. */
export const moveAgendaItemOp: Op = ({ rng, doc }) => {
  const all = ids(doc, 'agenda');
  const id = rng.maybePick(all);
  if (!id) return;
  const parentId = rng.chance(0.2) ? null : rng.pick(all);
  const before = effectiveParents(readAll(doc, 'agenda'));
  const where = placement(rng, agendaSiblings(doc, parentId).filter((x) => x !== id));
  moveAgendaItem(doc, id, parentId, where);
  // A move changes the place of the moved item only: every other item keeps the parent it was shown under.
  const after = effectiveParents(readAll(doc, 'agenda'));
  assertPlaced(readAll(doc, 'agenda').filter((a) => after.get(a.id) === parentId), id, where);
  for (const [other, p] of before) {
    if (other !== id && after.get(other) !== p) throw new Error(`moving ${id} moved ${other} too (from under ${p} to under ${after.get(other)})`);
  }
  if (after.get(id) !== parentId) throw new Error(`moved ${id} under ${parentId} but it reads under ${after.get(id)}`);
};

export const deleteAgendaItemOp: Op = ({ rng, doc }) => {
  const id = rng.maybePick(ids(doc, 'agenda'));
  if (!id) return;
  const before = effectiveParents(readAll(doc, 'agenda'));
  deleteAgendaItem(doc, id);
  // Its sub-items go up to its parent; every other item stays where it was shown.
  const after = effectiveParents(readAll(doc, 'agenda'));
  for (const [other, p] of before) {
    if (other === id) continue;
    const expected = p === id ? before.get(id) : p;
    if (after.get(other) !== expected) throw new Error(`deleting ${id} put ${other} under ${after.get(other)}, expected ${expected}`);
  }
};

export const addContributionOp: Op = ({ rng, doc, idPrefix }) => {
  const agendaItemId = rng.chance(0.1) ? '' : rng.maybePick(ids(doc, 'agenda')) ?? '';
  // Now and then a number reserved ahead for a revision (3GPP style), which a revision may then take.
  const reserve = rng.chance(0.15);
  const number = reserve ? `S2-${rng.int(2000000, 2000030)}` : `SEC-2016-${String(rng.int(1, 999)).padStart(4, '0')}${rng.chance(0.3) ? `R0${rng.int(1, 3)}` : ''}`;
  const status = reserve ? 'reserved' : undefined;
  addContribution(doc, { id: `c${idPrefix}`, number, status, title: rng.word(), source: rng.word(), agendaItemId }, placement(rng, contributionSiblings(doc, agendaItemId)));
};

export const editContributionOp: Op = ({ rng, doc }) => {
  const id = rng.maybePick(ids(doc, 'contributions'));
  if (!id) return;
  const r = rng.next();
  if (r < 0.4) updateContribution(doc, id, { title: rng.word(), source: rng.word() });
  else if (r < 0.7) updateContribution(doc, id, { aliases: [rng.word()], type: 'CR' });
  else {
    // The notes field as a form writes it: the whole new text, merged into the Y.Text by difference.
    const cur = readAll(doc, 'contributions').find((c) => c.id === id)?.notes ?? '';
    const at = rng.int(0, cur.length);
    updateContribution(doc, id, { notes: cur.slice(0, at) + rng.word(1, 4) + cur.slice(at + rng.int(0, 3)) });
  }
};

export const moveContributionOp: Op = ({ rng, doc }) => {
  const id = rng.maybePick(ids(doc, 'contributions'));
  if (!id) return;
  const agendaItemId = rng.chance(0.1) ? '' : rng.maybePick(ids(doc, 'agenda')) ?? '';
  const where = placement(rng, contributionSiblings(doc, agendaItemId).filter((x) => x !== id));
  moveContribution(doc, id, agendaItemId, where);
  assertPlaced(readAll(doc, 'contributions').filter((c) => allocatedItem(doc, c) === agendaItemId), id, where);
};

export const deleteContributionOp: Op = ({ rng, doc }) => {
  const id = rng.maybePick(ids(doc, 'contributions'));
  if (id) deleteContribution(doc, id);
};

/** Sets a status from the vocabulary, or now and then a word it does not know (refused). */
export const setStatusOp: Op = ({ rng, doc, actor }) => {
  const id = rng.maybePick(ids(doc, 'contributions'));
  if (!id) return;
  const status = rng.chance(0.05) ? 'agred' : rng.pick(readStatuses(doc)).id;
  setContributionStatus(doc, id, status, actor);
};

export const reviseContributionOp: Op = ({ rng, doc, idPrefix, actor }) => {
  const id = rng.maybePick(ids(doc, 'contributions'));
  if (!id) return;
  const number = rng.chance(0.3) ? `S2-${rng.int(2000000, 2000030)}` : undefined;
  const revision = reviseContribution(doc, id, { ...actor, number, id: `r${idPrefix}` });
  // The revision sits right after the row it revises.
  const item = allocatedItem(doc, readAll(doc, 'contributions').find((c) => c.id === id)!);
  assertPlaced(readAll(doc, 'contributions').filter((c) => allocatedItem(doc, c) === item), revision, id);
};

export const mergeContributionOp: Op = ({ rng, doc, actor }) => {
  const all = ids(doc, 'contributions');
  if (all.length < 2) return;
  mergeContribution(doc, rng.pick(all), rng.pick(all), actor);
};

/** Types into or deletes from the notes of an agenda item or a contribution (concurrent typing merges). */
export const editNotesOp: Op = ({ rng, doc }) => {
  const kind = rng.chance(0.5) ? 'agenda' : 'contributions';
  const id = rng.maybePick(ids(doc, kind));
  if (!id) return;
  const text = entryText(doc, kind, id, 'notes');
  if (text) doc.transact(() => editText(rng, text));
};

/**
 * Writes an agenda item's conclusion: typed into its shared text as the board does (chair and secretary at
 * once), or replaced as a whole by difference, as a form or an import writes it.
 */
export const editConclusionOp: Op = ({ rng, doc }) => {
  const id = rng.maybePick(ids(doc, 'agenda'));
  if (!id) return;
  if (rng.chance(0.7)) {
    const text = entryText(doc, 'agenda', id, 'conclusion');
    if (text) doc.transact(() => editText(rng, text));
  } else {
    const cur = readAll(doc, 'agenda').find((a) => a.id === id)?.conclusion ?? '';
    updateAgendaItem(doc, id, { conclusion: rng.chance(0.1) ? '' : `${cur} ${rng.word(1, 3)} agreed`.trim() });
  }
};

export const sessionOp: Op = ({ rng, doc, idPrefix }) => {
  const all = ids(doc, 'sessions');
  const agendaItemIds = rng.shuffle(ids(doc, 'agenda')).slice(0, rng.int(0, 3));
  // Now and then what a person types: '9:30' is normalised, '25:00' refused.
  const time = () => (rng.chance(0.1) ? rng.pick(['9:30', '14.00', '25:00', 'noon', '']) : `${String(rng.int(8, 18)).padStart(2, '0')}:${rng.pick(['00', '30'])}`);
  const r = rng.next();
  if (r < 0.4 || all.length === 0) {
    addSession(doc, { id: `s${idPrefix}`, date: `2016-05-${rng.int(16, 20)}`, start: time(), end: time(), code: `S${rng.int(1, 9)}`, room: rng.word(), agendaItemIds });
  } else if (r < 0.8) {
    updateSession(doc, rng.pick(all), rng.chance(0.5) ? { agendaItemIds } : { start: time(), room: rng.word() });
  } else {
    deleteSession(doc, rng.pick(all));
  }
};

/** Adds, edits, moves or deletes an entry of a hand-ordered list (actions, deliverables, objectives). */
function listOp<K extends FlatKind>(
  kind: K,
  idLetter: string,
  fresh: (rng: SeededRandom) => Partial<Omit<EntityOf[K], 'rank'>>,
  patch: (rng: SeededRandom) => Partial<Omit<EntityOf[K], 'id' | 'rank'>>,
): Op {
  return ({ rng, doc, idPrefix }) => {
    const all = ids(doc, kind);
    const r = rng.next();
    if (r < 0.35 || all.length === 0) addListEntry(doc, kind, { id: `${idLetter}${idPrefix}`, ...fresh(rng) }, placement(rng, all));
    else if (r < 0.6) updateListEntry(doc, kind, rng.pick(all), patch(rng));
    else if (r < 0.85) {
      const id = rng.pick(all);
      moveListEntry(doc, kind, id, placement(rng, all.filter((x) => x !== id)));
    } else deleteListEntry(doc, kind, rng.pick(all));
  };
}

export const actionOp = listOp(
  'actions',
  'x',
  (rng) => ({ ref: `A${rng.int(1, 9)}`, what: rng.word(), who: 'All' }),
  (rng) => ({ status: rng.pick(['open', 'closed'] as const), notes: rng.word() }),
);
export const deliverableOp = listOp(
  'deliverables',
  'd',
  (rng) => ({ name: `TS-${rng.int(1, 40)}`, version: `0.${rng.int(1, 9)}.0` }),
  (rng) => ({ version: `1.${rng.int(0, 9)}.0` }),
);
export const objectiveOp = listOp(
  'objectives',
  'o',
  (rng) => ({ text: rng.word() }),
  (rng) => ({ text: rng.word() }),
);

/** Points the room at an item, a contribution or a session, or clears it, or sets the banner. */
export const setLiveOp: Op = ({ rng, doc }) => {
  const r = rng.next();
  if (r < 0.3) setLive(doc, { agendaItemId: rng.maybePick(ids(doc, 'agenda')) ?? null });
  else if (r < 0.6) setLive(doc, { contributionId: rng.maybePick(ids(doc, 'contributions')) ?? null });
  else if (r < 0.75) setLive(doc, { sessionId: rng.maybePick(ids(doc, 'sessions')) ?? null });
  else if (r < 0.9) setLive(doc, { banner: rng.word() });
  else setLive(doc, { agendaItemId: null, contributionId: null, sessionId: null, banner: '' });
};

/**
 * Parallel rooms (issue 16): points one room's live pointer somewhere (the main room's is `live`), or adds,
 * renames or removes a room.
 */
export const roomOp: Op = ({ rng, doc }) => {
  const rooms = readRooms(doc);
  const r = rng.next();
  if (r < 0.75) {
    const room = rng.pick(rooms).id;
    const f = rng.next();
    if (f < 0.35) setLiveOf(doc, room, { agendaItemId: rng.maybePick(ids(doc, 'agenda')) ?? null });
    else if (f < 0.65) setLiveOf(doc, room, { contributionId: rng.maybePick(ids(doc, 'contributions')) ?? null });
    else if (f < 0.8) setLiveOf(doc, room, { sessionId: rng.maybePick(ids(doc, 'sessions')) ?? null });
    else setLiveOf(doc, room, { banner: rng.word() });
  } else if (r < 0.85) addRoom(doc, rng.pick(['Breakout A', 'Breakout B', 'Drafting']));
  else if (r < 0.93) renameRoom(doc, rng.pick(rooms).id, rng.pick(['Salle 1', 'Salle 2', 'Breakout C', rng.word()]));
  else if (rooms.length > 1) removeRoom(doc, rng.pick(rooms.slice(1)).id);
};

/** Adds a status word, or replaces the vocabulary by part of it (leaving statuses in use unknown). */
export const vocabularyOp: Op = ({ rng, doc }) => {
  if (rng.chance(0.7)) addStatus(doc, rng.pick(['Agreed in principle', 'Reply open', 'Not Treated', 'For e-mail approval']));
  else setStatuses(doc, readStatuses(doc).filter(() => rng.chance(0.8)));
};

export const metaOp: Op = ({ rng, doc }) => {
  const r = rng.next();
  if (r < 0.4) setMeta(doc, { title: rng.word() });
  else if (r < 0.8) setMeta(doc, { chair: rng.word(), purpose: rng.pick(['decision', 'discussion'] as const) });
  else setMeta(doc, { startDate: rng.pick(['2016-05-16', '2016-5-17', 'Monday']) });
};

/**
 * A broken or newer client: writes a value of the wrong kind straight into an entry, bypassing the
 * mutations. Reading must stay valid and identical on every replica.
 */
export const brokenPeerOp: Op = ({ rng, doc }) => {
  const kind = rng.pick(['agenda', 'contributions', 'sessions', 'actions', 'deliverables', 'objectives'] as const);
  const id = rng.maybePick(ids(doc, kind));
  if (!id) return;
  const entry = table(doc, kind).get(id);
  if (!(entry instanceof Y.Map)) return;
  const field = rng.pick(['rank', 'parentId', 'status', 'agendaItemId', 'revisionOf', 'history', 'aliases', 'date', 'start', 'agendaItemIds', 'notes', 'title', 'newField']);
  const value = rng.pick<unknown>(['', 'a0', 'Agreed', 'gone', 42, null, true, ['x', 1], { status: 7 }, '9:00', rng.pick(ids(doc, 'agenda').concat(['x']))]);
  doc.transact(() => entry.set(field, value));
};

/** The operations with their weights. */
export const FUZZ_OPS: readonly [Op, number][] = [
  [addAgendaItemOp, 6],
  [editAgendaItemOp, 3],
  [moveAgendaItemOp, 8],
  [deleteAgendaItemOp, 3],
  [addContributionOp, 8],
  [editContributionOp, 3],
  [moveContributionOp, 5],
  [deleteContributionOp, 2],
  [setStatusOp, 6],
  [reviseContributionOp, 4],
  [mergeContributionOp, 2],
  [editNotesOp, 6],
  [editConclusionOp, 4],
  [sessionOp, 3],
  [actionOp, 2],
  [deliverableOp, 2],
  [objectiveOp, 2],
  [setLiveOp, 3],
  [roomOp, 3],
  [vocabularyOp, 1],
  [metaOp, 1],
  [brokenPeerOp, 1],
];

/** Picks an operation by weight. */
export function pickOp(rng: SeededRandom): Op {
  const total = FUZZ_OPS.reduce((n, [, w]) => n + w, 0);
  let r = rng.next() * total;
  for (const [op, w] of FUZZ_OPS) {
    if ((r -= w) < 0) return op;
  }
  return FUZZ_OPS[0][0];
}

/**
 * Moves that make a cycle when they meet: on each of 2 or 3 replicas, one of the same items goes under the
 * next one (A under B on the first, B under A on the second; or A->B, B->C, C->A). Each move is valid
 * where it is made. Returns a description for the trace.
 */
export function crosswiseMoves(rng: SeededRandom, docs: Y.Doc[]): string {
  const common = readAll(docs[0], 'agenda')
    .map((a) => a.id)
    .filter((id) => docs.every((d) => readAll(d, 'agenda').some((a) => a.id === id)));
  if (common.length < docs.length) return 'crosswise: too few items';
  const items = rng.shuffle(common).slice(0, docs.length);
  docs.forEach((doc, i) => {
    const parentId = items[(i + 1) % items.length];
    moveAgendaItem(doc, items[i], parentId, placement(rng, agendaSiblings(doc, parentId).filter((x) => x !== items[i])));
  });
  return `crosswise ${items.join('>')}`;
}
