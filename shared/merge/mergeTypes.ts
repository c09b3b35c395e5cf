/**
 * The words of the import merge (importMerge.ts): what it tells (the summary), what it is asked (the
 * options), the fields it tracks, and the context its planning phases share (planAgenda.ts,
 * planContributions.ts, planSessions.ts).
 */
import type * as Y from 'yjs';
import type { MeetingJson } from '../document/meetingSchema.js';
import { BASE_FIELDS, type FieldValue } from './importBase.js';

export type MergeKind = 'contribution' | 'agendaItem' | 'session' | 'meeting';

export interface MergeAdded {
  kind: MergeKind;
  id: string;
  label: string;
  title: string;
}
export interface FieldChange {
  field: string;
  from: FieldValue;
  to: FieldValue;
}
export interface MergeUpdated {
  kind: MergeKind;
  id: string;
  label: string;
  fields: FieldChange[];
}
export interface MergeConflict {
  kind: 'contribution' | 'agendaItem';
  id: string;
  label: string;
  field: string;
  /** Plenary's value, which stayed. */
  plenary: FieldValue;
  /** The file's value. */
  file: FieldValue;
}
/**
 * A field the file and Plenary disagree on that the merge settled without asking anyone (issue 25):
 * - `plenary-wrote`: Plenary's value was its own (a revision's copied title, source or cells; a carried
 *   Tdoc's), never changed by a person since: the file's value is taken;
 * - `portal-behind`: the portal still shows a status from before the room's decision (`available`,
 *   `reserved`): the room's decision stands;
 * - `link-kept`: the file no longer names the Tdoc this one revises (its row left the list): the link stays.
 */
export interface MergeSilent extends MergeConflict {
  /** Whose value the meeting has after the merge (`plenary` is Plenary's value before it). */
  took: 'file' | 'plenary';
  why: 'plenary-wrote' | 'portal-behind' | 'link-kept';
}
export interface MergeMissing {
  id: string;
  label: string;
  title: string;
  status: string;
}
export interface MergeSummary {
  added: MergeAdded[];
  updated: MergeUpdated[];
  /** File entries that matched and needed no change. */
  unchanged: number;
  conflicts: MergeConflict[];
  missing: MergeMissing[];
  /**
   * What the merge settled without asking (a compatible addition to the summary, issue 25): each field
   * where the file and Plenary differ that is not a conflict because nobody changed it in Plenary. The
   * fields taken from the file are in `updated` too.
   */
  silent: MergeSilent[];
}

export interface MergeOptions {
  /** Compute the summary only; the document is not touched. */
  dryRun?: boolean;
  /** Transaction origin of the merge (an UndoManager tracking it can undo the import). */
  origin?: unknown;
  /** Who the status changes are recorded as ('import' by default). */
  by?: string;
  /** 'list' (a file with Tdocs) or 'agenda'; by default from whether the file has contributions. */
  fileKind?: FileKind;
}

export type FileKind = 'list' | 'agenda';

/** Contribution fields the merge tracks; `type` and `for` only when the file has them. */
export const CONTRIBUTION_FIELDS = BASE_FIELDS.contribution;
export type ContributionField = (typeof CONTRIBUTION_FIELDS)[number];
/** Agenda item fields the merge tracks (each only when the file has it). */
export const AGENDA_FIELDS = BASE_FIELDS.agendaItem;
export type AgendaField = (typeof AGENDA_FIELDS)[number];

/** One step of applying a plan: run in order, in the merge's one transaction. */
export type Op = () => void;

/** A merge computed from reads only: what it would do (the summary) and how (the ops). */
export interface Plan {
  summary: MergeSummary;
  ops: Op[];
}

/** The file's item numbers and Tdoc numbers (trimmed), by the file's ids. */
export interface FileIndex {
  itemLabel: Map<string, string>;
  numberOf: Map<string, string>;
}

/**
 * What each planning phase reads (the document, the file and how it is taken) and adds to: the summary
 * and the ops, which the phases fill in turn (agenda, contributions, sessions, meta), in that order.
 */
export interface MergeContext {
  doc: Y.Doc;
  imported: MeetingJson;
  /** Who the status changes are recorded as. */
  by: string;
  kind: FileKind;
  files: FileIndex;
  summary: MergeSummary;
  ops: Op[];
}
