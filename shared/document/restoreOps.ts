/**
 * Restore (issue 17): an editor takes a past value back into the live meeting as a NEW change, which the
 * server records like any other (it never rewrites the past). The past values come from the meeting as
 * it stood then (`export.json?at=`).
 */
import * as Y from 'yjs';
import type { Contribution, EntityKind, EntityOf } from './meetingSchema.js';
import { entryMap } from './entityStore.js';
import { addEntity, updateEntity, MeetingOpError } from './entityOps.js';
import { setContributionStatus, type Actor } from './contributionOps.js';
import { readStatuses } from './meetingParts.js';

/** Fields of a contribution an editor can restore one by one. */
export const RESTORABLE_FIELDS = ['status', 'notes', 'title', 'source', 'abstract', 'secretaryRemarks'] as const;
export type RestorableField = (typeof RESTORABLE_FIELDS)[number];

/**
 * Sets one field of a live contribution to its past value. A status goes through setContributionStatus,
 * so the status history gains an entry like any other decision.
 */
export function restoreContributionField(doc: Y.Doc, past: Contribution, field: RestorableField, actor: Actor): void {
  if (!entryMap(doc, 'contributions', past.id)) throw new MeetingOpError(`Tdoc ${past.number} is not in the meeting now; restore the whole Tdoc`);
  if (field === 'status') {
    if (!readStatuses(doc).some((s) => s.id === past.status)) throw new MeetingOpError(`the status "${past.status}" is no longer in the vocabulary`);
    setContributionStatus(doc, past.id, past.status, actor);
    return;
  }
  updateEntity(doc, 'contributions', past.id, { [field]: past[field] ?? '' } as Partial<Contribution>);
}

/**
 * Brings back an entry that was deleted since (a Tdoc, an agenda item, an action ...) with the same id
 * and every field as it was; references to things that are gone read as none (the tolerant reader).
 */
export function restoreDeleted<K extends EntityKind>(doc: Y.Doc, kind: K, past: EntityOf[K]): string {
  if (entryMap(doc, kind, past.id)) throw new MeetingOpError(`"${past.id}" is in the meeting already`);
  return addEntity(doc, kind, { ...past });
}
