/**
 * Mutations of contributions (Tdocs): add, edit, move, delete, set a status, revise, merge.
 */
import * as Y from 'yjs';
import { derivedId } from './ids.js';
import type { Contribution } from './meetingSchema.js';
import { appendHistory, entryMap, readAllFields } from './entityStore.js';
import { readStatuses, readLive, setLive } from './meetingParts.js';
import { DEFAULT_STATUS } from './statuses.js';
import { recordOwnValues } from './importBase.js';
import {
  MeetingOpError,
  addEntity,
  deleteEntity,
  findEntity,
  getEntity,
  rankAt,
  updateEntity,
  type Placement,
} from './entityOps.js';

/** Who does an edit and when (ISO time; now when omitted). */
export interface Actor {
  by: string;
  at?: string;
}

export type NewContribution = Partial<Omit<Contribution, 'rank' | 'history' | 'revisionOf'>> & {
  number: string;
  revisionOf?: string | null;
};

/**
 * The agenda item a contribution is effectively under: its own, or '' (unallocated) when that item is gone
 * (deleted by a peer at the same time), which is also how readMeeting shows it.
 */
export function allocatedItem(doc: Y.Doc, c: Pick<Contribution, 'agendaItemId'>): string {
  return c.agendaItemId && entryMap(doc, 'agenda', c.agendaItemId) ? c.agendaItemId : '';
}

/** The rows under an agenda item ('' = unallocated, including rows whose item is gone): ids and ranks. */
function rowsOf(doc: Y.Doc, agendaItemId: string, exceptId?: string): { id: string; rank: string }[] {
  return readAllFields(doc, 'contributions', ['agendaItemId', 'rank']).filter(
    (x) => x.id !== exceptId && allocatedItem(doc, x) === agendaItemId,
  );
}

/** Adds a contribution to an agenda item ('' for unallocated) at `after` among its rows; returns its id. */
export function addContribution(doc: Y.Doc, c: NewContribution, after?: Placement): string {
  const agendaItemId = c.agendaItemId ?? '';
  if (agendaItemId) getEntity(doc, 'agenda', agendaItemId);
  const status = c.status ?? DEFAULT_STATUS;
  assertStatus(doc, status);
  let id = '';
  doc.transact(() => {
    const rank = rankAt(rowsOf(doc, agendaItemId), after);
    id = addEntity(doc, 'contributions', { aliases: [], ...c, agendaItemId, status, rank, history: [] });
  });
  return id;
}

export type ContributionPatch = Partial<
  Pick<Contribution, 'number' | 'aliases' | 'title' | 'source' | 'notes' | 'type' | 'for' | 'abstract' | 'secretaryRemarks'>
>;

/** Edits a contribution's own fields. Status, place and links have their own mutations. */
export function updateContribution(doc: Y.Doc, id: string, patch: ContributionPatch): void {
  const { number, aliases, title, source, notes, type, for: forField, abstract, secretaryRemarks } = patch;
  updateEntity(doc, 'contributions', id, { number, aliases, title, source, notes, type, for: forField, abstract, secretaryRemarks });
}

/** Moves a contribution to an agenda item ('' = unallocated) at `after` among that item's rows. */
export function moveContribution(doc: Y.Doc, id: string, agendaItemId: string, after?: Placement): void {
  getEntity(doc, 'contributions', id);
  if (agendaItemId) getEntity(doc, 'agenda', agendaItemId);
  doc.transact(() => {
    const rank = rankAt(rowsOf(doc, agendaItemId, id), after);
    updateEntity(doc, 'contributions', id, { agendaItemId, rank });
  });
}

/**
 * Deletes a contribution. Rows that were revisions of it keep their own data, and its number as the Tdoc
 * they revise (`revisionOfNumber`): exports still say what they revise; restored, it is their link again.
 */
export function deleteContribution(doc: Y.Doc, id: string): void {
  const number = findEntity(doc, 'contributions', id)?.number.trim();
  doc.transact(() => {
    if (readLive(doc).contributionId === id) setLive(doc, { contributionId: null });
    if (number) {
      for (const r of readAllFields(doc, 'contributions', ['revisionOf', 'revisionOfNumber'])) {
        if (r.revisionOf === id && !r.revisionOfNumber) updateEntity(doc, 'contributions', r.id, { revisionOfNumber: number });
      }
    }
    deleteEntity(doc, 'contributions', id);
  });
}

function assertStatus(doc: Y.Doc, status: string): void {
  if (!readStatuses(doc).some((s) => s.id === status)) {
    throw new MeetingOpError(`unknown status "${status}"`);
  }
}

/**
 * Sets a contribution's status and appends {status, at, by} to its history. Any status but `merged` also
 * drops the row's merge link: a merge taken back must not keep pointing at the other row.
 */
export function setContributionStatus(doc: Y.Doc, id: string, status: string, actor: Actor): void {
  assertStatus(doc, status);
  const entry = entryMap(doc, 'contributions', id);
  if (!entry) throw new MeetingOpError(`no contribution with id "${id}"`);
  const at = actor.at ?? new Date().toISOString();
  doc.transact(() => {
    entry.set('status', status);
    appendHistory(entry, 'history', { status, at, by: actor.by });
    if (status !== 'merged' && typeof entry.get('mergedInto') === 'string') updateEntity(doc, 'contributions', id, { mergedInto: null });
  });
}

const REVISION = /^(.*?)([Rr])(\d+)$/;

/** The number of the next revision: 'SEC-2016-0094R02' -> 'SEC-2016-0094R03', 'ARC-2016-0244' -> '...R01'. */
export function nextRevisionNumber(number: string): string {
  const m = REVISION.exec(number.trim());
  if (!m) return `${number.trim()}R01`;
  const n = String(Number(m[3]) + 1).padStart(m[3].length, '0');
  return `${m[1]}${m[2]}${n}`;
}

/** The number without its revision suffix. */
export function baseNumber(number: string): string {
  const m = REVISION.exec(number.trim());
  return m ? m[1] : number.trim();
}

export interface ReviseOptions extends Actor {
  /** The new row's number, for bodies whose revisions get new numbers (3GPP). Default: next revision. */
  number?: string;
  /** Id for the new row (tests; default random). */
  id?: string;
}

/**
 * Revises a contribution in one step: the old row becomes `revised`, and a new row with the next revision
 * number (or the given one) links back through `revisionOf` and sits right after it, in the same item.
 * Returns the new row's id.
 *
 * A given number that a `reserved` row already holds (3GPP allocates revision numbers ahead) turns that
 * row into the revision: it moves right after the old one, links back, and becomes available. A given
 * number held by any other row is refused, as a duplicate.
 */
export function reviseContribution(doc: Y.Doc, id: string, opts: ReviseOptions): string {
  const old = getEntity(doc, 'contributions', id);
  // Check everything before writing: a refused revision must not leave the old row `revised` alone.
  assertStatus(doc, 'revised');
  assertStatus(doc, DEFAULT_STATUS);
  if (opts.id && entryMap(doc, 'contributions', opts.id)) throw new MeetingOpError(`contribution "${opts.id}" exists already`);
  const numbers = readAllFields(doc, 'contributions', ['number', 'status']);
  let number = opts.number?.trim();
  let reserved: string | undefined;
  if (!number) {
    // Skip numbers already taken (the row may have been revised before).
    const taken = new Set(numbers.map((c) => c.number));
    number = nextRevisionNumber(old.number);
    while (taken.has(number)) number = nextRevisionNumber(number);
  } else {
    const holders = numbers.filter((c) => c.number.trim() === number);
    reserved = holders.find((c) => c.status === 'reserved' && c.id !== id)?.id;
    if (holders.length && !reserved) throw new MeetingOpError(`contribution "${number}" exists already`);
  }
  let newId = '';
  doc.transact(() => {
    setContributionStatus(doc, id, 'revised', opts);
    if (reserved) {
      newId = reserved;
      fillReservedRevision(doc, reserved, old, opts);
      return;
    }
    newId = addContribution(
      doc,
      {
        id: opts.id ?? revisionId(doc, id, number),
        number,
        title: old.title,
        source: old.source,
        agendaItemId: allocatedItem(doc, old),
        type: old.type,
        for: old.for,
        // The Tdoc list's other cells (Release, Spec, Related WIs ...) hold for the revision too; those the
        // portal allocates to each Tdoc (Contact, Reservation date, Uploaded ...) start empty.
        columns: withoutAllocatedColumns(old.columns),
        status: DEFAULT_STATUS,
        revisionOf: id,
      },
      id,
    );
    // What the revision starts with is Plenary's own copy: the next portal list replaces it without asking.
    recordOwnValues(doc, getEntity(doc, 'contributions', newId));
  });
  return newId;
}

/**
 * Tdoc list columns whose cells the 3GPP portal allocates to each Tdoc when its number is reserved or
 * its file uploaded (tdocColumns.ts, TDOC_LIST_COLUMNS; the portal's HTML export's Avail, Treated and
 * Wdrn; a CR's revision number): a revision made in Plenary starts without them, and the merge of the
 * next portal list fills them. Compared without case.
 */
export const PORTAL_ALLOCATED_COLUMNS: readonly string[] = ['Contact', 'Contact ID', 'Reservation date', 'Uploaded', 'CR revision', 'Avail', 'Treated', 'Wdrn'];

const ALLOCATED = new Set(PORTAL_ALLOCATED_COLUMNS.map((h) => h.toLowerCase()));

/** A row's `columns` without the cells the portal allocates to each Tdoc; undefined when none is left. */
export function withoutAllocatedColumns(columns: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!columns) return undefined;
  const kept = Object.entries(columns).filter(([h]) => !ALLOCATED.has(h.trim().toLowerCase()));
  return kept.length ? Object.fromEntries(kept) : undefined;
}

/**
 * The new row's id, the same on every replica that revises `id` to `number`: when the chair and the
 * secretary revise one Tdoc at the same moment, both write one entry and the meeting gets one revision,
 * not two rows with the same number. Random when that id is taken (a row renumbered by hand).
 */
function revisionId(doc: Y.Doc, id: string, number: string): string | undefined {
  const derived = derivedId('revision', id, number);
  return entryMap(doc, 'contributions', derived) ? undefined : derived;
}

/** Makes a reserved row the revision of `old`: place, link, missing fields, and status available. */
function fillReservedRevision(doc: Y.Doc, reservedId: string, old: Contribution, actor: Actor): void {
  const row = getEntity(doc, 'contributions', reservedId);
  const agendaItemId = allocatedItem(doc, old);
  const rank = rankAt(rowsOf(doc, agendaItemId, reservedId), old.id);
  const patch = {
    agendaItemId,
    rank,
    revisionOf: old.id,
    title: row.title || old.title,
    source: row.source || old.source,
    type: row.type || old.type,
    for: row.for || old.for,
    // The reserved row has the portal's own cells; a row without any takes the original's but those allocated.
    columns: row.columns ?? withoutAllocatedColumns(old.columns),
  };
  updateEntity(doc, 'contributions', reservedId, patch);
  setContributionStatus(doc, reservedId, DEFAULT_STATUS, actor);
  // The fields this wrote are Plenary's: the next list's values replace them without asking.
  const copied = (['title', 'source', 'type', 'for'] as const).filter((f) => !row[f] && patch[f]);
  recordOwnValues(doc, getEntity(doc, 'contributions', reservedId), ['status', 'agendaItem', 'revisionOf', ...copied, ...(row.columns ? [] : (['columns'] as const))]);
}

/** Merges a contribution into another: its status becomes `merged` and it links to the one it went into. */
export function mergeContribution(doc: Y.Doc, id: string, intoId: string, actor: Actor): void {
  if (id === intoId) throw new MeetingOpError('cannot merge a contribution into itself');
  getEntity(doc, 'contributions', intoId);
  doc.transact(() => {
    setContributionStatus(doc, id, 'merged', actor);
    updateEntity(doc, 'contributions', id, { mergedInto: intoId });
  });
}

/** The ids of rows that revise `id` (its "Revised to"), in no particular order. */
export function revisedTo(contributions: readonly Contribution[], id: string): Contribution[] {
  return contributions.filter((c) => c.revisionOf === id);
}
