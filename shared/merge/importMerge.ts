/**
 * Bringing a newer file into a live meeting (issue 11): a three-way merge of the file, Plenary's document
 * and what the last import wrote (importBase.ts), in ONE transaction with the caller's origin, so an
 * UndoManager tracking that origin takes the whole import back.
 *
 * Rules:
 * - contributions are matched by number (or an alias), agenda items by their number (label), sessions by
 *   date and start; nothing is ever duplicated;
 * - new ones are added (contributions under their items, in the file's order; new items under their
 *   parents);
 * - a field the file changed is applied unless Plenary changed it since the last import: then Plenary's
 *   value stays and the pair is a conflict (settleConflict takes one side). The Tdoc list's other cells
 *   (`columns`) are nobody's to edit live: the file's always hold;
 * - contributions an earlier import brought that the file no longer has are never deleted: `missing`;
 * - agenda items and sessions keep one base per kind of file (a list with Tdocs, an agenda without), so
 *   an agenda .docx brought into a meeting made from a Tdoc list (or the reverse) only fills in what is
 *   missing: empty titles, the time plan, empty meta fields.
 *
 * The plan is computed first from reads only; a dry run returns it, an import applies it.
 */
import * as Y from 'yjs';
import type { MeetingJson } from '../document/meetingSchema.js';
import { IMPORT_BASE_KEY } from '../document/meetingSchema.js';
import { addMissingRooms } from '../document/rooms.js';
import { updateAgendaItem } from '../document/agendaOps.js';
import { MeetingOpError } from '../document/entityOps.js';
import { readBase, writeBase } from './importBase.js';
import { agendaValues, fileContributionValues, fileIndex, writeContributionField } from './mergeFields.js';
import {
  AGENDA_FIELDS,
  type AgendaField,
  CONTRIBUTION_FIELDS,
  type ContributionField,
  type FileKind,
  type MergeConflict,
  type MergeContext,
  type MergeOptions,
  type MergeSummary,
  type Plan,
} from './mergeTypes.js';
import { planAgenda } from './planAgenda.js';
import { planContributions } from './planContributions.js';
import { planMeta, planSessions } from './planSessions.js';

export type { ContributionField, FieldChange, FileKind, MergeAdded, MergeConflict, MergeKind, MergeMissing, MergeOptions, MergeSilent, MergeSummary, MergeUpdated } from './mergeTypes.js';
export { AGENDA_FIELDS, CONTRIBUTION_FIELDS } from './mergeTypes.js';

/** The file's kind: a list with Tdocs, or an agenda without. */
export function fileKindOf(meeting: MeetingJson): FileKind {
  return meeting.contributions.length ? 'list' : 'agenda';
}

/** Merges `imported` into the meeting (or, with dryRun, tells what it would do). */
export function mergeImport(doc: Y.Doc, imported: MeetingJson, opts: MergeOptions = {}): MergeSummary {
  const plan = planMerge(doc, imported, opts);
  if (!opts.dryRun) applyPlan(doc, plan, imported, opts.origin ?? null);
  return plan.summary;
}

/**
 * Writes the base for a meeting just made from `meeting` (its ids are the document's): what the first
 * import wrote. POST /api/meetings calls it, so the first re-import can already tell changes apart. A Tdoc
 * carried over from the previous meeting (`carriedFrom`) came with what Plenary wrote, not with a list of
 * this meeting: its base is Plenary's own, so the new meeting's list fills it in without asking and does
 * not report it missing.
 */
export function recordInitialImport(doc: Y.Doc, meeting: MeetingJson, origin: unknown = null): void {
  const kind = fileKindOf(meeting);
  const files = fileIndex(meeting);
  doc.transact(() => {
    for (const c of meeting.contributions) writeBase(doc, 'contribution', IMPORT_BASE_KEY.contribution(c.id), fileContributionValues(c, files), c.carriedFrom !== undefined);
    for (const a of meeting.agenda) writeBase(doc, 'agendaItem', IMPORT_BASE_KEY.agendaItem(kind, a.id), agendaValues(a));
  }, origin);
}

/**
 * Settles a conflict: 'file' writes the file's value into the field (and the base); 'plenary' keeps
 * Plenary's value and records the file's as imported, so the next import of the same file is quiet.
 */
export function settleConflict(doc: Y.Doc, conflict: MergeConflict, choice: 'file' | 'plenary', opts: { origin?: unknown; by?: string; fileKind?: FileKind } = {}): void {
  doc.transact(() => {
    if (conflict.kind === 'contribution') {
      const field = conflict.field as ContributionField;
      if (!CONTRIBUTION_FIELDS.includes(field)) throw new MeetingOpError(`unknown field "${conflict.field}"`);
      if (choice === 'file') writeContributionField(doc, conflict.id, field, conflict.file, opts.by ?? 'import');
      writeBase(doc, 'contribution', IMPORT_BASE_KEY.contribution(conflict.id), { [field]: conflict.file });
    } else {
      const field = conflict.field as AgendaField;
      if (!AGENDA_FIELDS.includes(field)) throw new MeetingOpError(`unknown field "${conflict.field}"`);
      if (choice === 'file') updateAgendaItem(doc, conflict.id, { [field]: String(conflict.file) });
      for (const kind of opts.fileKind ? [opts.fileKind] : (['list', 'agenda'] as const)) {
        const key = IMPORT_BASE_KEY.agendaItem(kind, conflict.id);
        if (opts.fileKind || readBase(doc, 'agendaItem', key)) writeBase(doc, 'agendaItem', key, { [field]: conflict.file });
      }
    }
  }, opts.origin ?? null);
}

// ---------------------------------------------------------------------------------------------- plan

/**
 * Plans the merge from reads only, in its phases: the agenda items (planAgenda.ts), then the
 * contributions under them (planContributions.ts), then the sessions and the meta (planSessions.ts).
 * Each phase adds to the one summary and list of ops, in that order.
 */
function planMerge(doc: Y.Doc, imported: MeetingJson, opts: MergeOptions): Plan {
  const ctx: MergeContext = {
    doc,
    imported,
    by: opts.by ?? 'import',
    kind: opts.fileKind ?? fileKindOf(imported),
    files: fileIndex(imported),
    summary: { added: [], updated: [], unchanged: 0, conflicts: [], missing: [], silent: [] },
    ops: [],
  };
  const agenda = planAgenda(ctx);
  planContributions(ctx, agenda);
  planSessions(ctx, agenda.itemId);
  planMeta(ctx);
  return { summary: ctx.summary, ops: ctx.ops };
}

/** Applies a plan in one transaction with `origin`, so an UndoManager tracking it takes the whole import back. */
function applyPlan(doc: Y.Doc, plan: Plan, imported: MeetingJson, origin: unknown): void {
  doc.transact(() => {
    plan.ops.forEach((op) => op());
    // The file's session rooms the meeting does not have yet become rooms (issue 16).
    addMissingRooms(doc, imported.rooms);
  }, origin);
}
