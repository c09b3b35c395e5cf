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
import { addMissingRooms } from '../document/rooms.js';
import * as Y from 'yjs';
import type { AgendaItem, Contribution, MeetingJson, Meta, Session } from '../document/meetingSchema.js';
import { IMPORT_BASE_KEY } from '../document/meetingSchema.js';
import { readAll, readAllFields } from '../document/entityStore.js';
import { agendaPreorder } from '../document/agendaTree.js';
import { addStatus, readMeta, readStatuses, setMeta } from '../document/meetingParts.js';
import { addAgendaItem, findAgendaItemByLabel, moveAgendaItem, updateAgendaItem } from '../document/agendaOps.js';
import { allocatedItem, moveContribution, setContributionStatus } from '../document/contributionOps.js';
import { MeetingOpError, addEntity, rankAt, updateEntity } from '../document/entityOps.js';
import { newId } from '../document/ids.js';
import { DEFAULT_STATUS } from '../document/statuses.js';
import { BASE_FIELDS, type BaseEntry, type FieldValue, hasNoBase, isBaseValue, readBase, sameValue, writeBase } from './importBase.js';

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
type AgendaField = (typeof AGENDA_FIELDS)[number];
/** Meta fields an import fills in when the meeting has them empty. */
const META_FILL = ['title', 'startDate', 'endDate', 'venue', 'chair', 'secretary', 'body'] as const;
/** Session fields an import fills in when they are empty. */
const SESSION_FILL = ['end', 'room', 'code', 'title', 'agendaNote'] as const;

/** The file's kind: a list with Tdocs, or an agenda without. */
export function fileKindOf(meeting: MeetingJson): FileKind {
  return meeting.contributions.length ? 'list' : 'agenda';
}

type Op = () => void;

/** Merges `imported` into the meeting (or, with dryRun, tells what it would do). */
export function mergeImport(doc: Y.Doc, imported: MeetingJson, opts: MergeOptions = {}): MergeSummary {
  const plan = planMerge(doc, imported, opts);
  if (!opts.dryRun) {
    doc.transact(() => {
      plan.ops.forEach((op) => op());
      // The file's session rooms the meeting does not have yet become rooms (issue 16).
      addMissingRooms(doc, imported.rooms);
    }, opts.origin ?? null);
  }
  return plan.summary;
}

/**
 * Writes the base for a meeting just made from `meeting` (its ids are the document's): what the first
 * import wrote. POST /api/meetings calls it, so the first re-import can already tell changes apart.
 */
export function recordInitialImport(doc: Y.Doc, meeting: MeetingJson, origin: unknown = null): void {
  const kind = fileKindOf(meeting);
  const files = fileIndex(meeting);
  doc.transact(() => {
    for (const c of meeting.contributions) writeBase(doc, 'contribution', IMPORT_BASE_KEY.contribution(c.id), fileContributionValues(c, files));
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

interface FileIndex {
  itemLabel: Map<string, string>;
  numberOf: Map<string, string>;
}

function fileIndex(meeting: MeetingJson): FileIndex {
  return {
    itemLabel: new Map(meeting.agenda.map((a) => [a.id, a.label.trim()])),
    numberOf: new Map(meeting.contributions.map((c) => [c.id, c.number.trim()])),
  };
}

/** A contribution's tracked values as the file has them. */
function fileContributionValues(c: Contribution, files: FileIndex): Partial<Record<ContributionField, FieldValue>> {
  const out: Partial<Record<ContributionField, FieldValue>> = {
    title: c.title,
    source: c.source,
    status: c.status,
    agendaItem: (c.agendaItemId && files.itemLabel.get(c.agendaItemId)) || '',
    revisionOf: (c.revisionOf && files.numberOf.get(c.revisionOf)) || '',
    columns: c.columns ?? {},
    aliases: c.aliases ?? [],
  };
  if (c.type !== undefined) out.type = c.type;
  if (c.for !== undefined) out.for = c.for;
  return out;
}

function agendaValues(a: AgendaItem): Partial<Record<AgendaField, string>> {
  const out: Partial<Record<AgendaField, string>> = {};
  for (const f of AGENDA_FIELDS) if (a[f] !== undefined) out[f] = a[f];
  return out;
}

interface Plan {
  summary: MergeSummary;
  ops: Op[];
}

/** One field's three-way decision. */
type Decision = 'same' | 'apply' | 'keep' | 'conflict';

function decide(file: FieldValue, plenary: FieldValue, base: BaseEntry | undefined, field: string, fill: boolean): Decision {
  if (sameValue(file, plenary)) return 'same';
  const plenaryEmpty = sameValue(plenary, '');
  if (fill || !base || !(field in base)) return plenaryEmpty ? 'apply' : fill ? 'keep' : 'conflict';
  if (isBaseValue(base, field, plenary)) return 'apply';
  if (isBaseValue(base, field, file)) return 'keep';
  return 'conflict';
}

function planMerge(doc: Y.Doc, imported: MeetingJson, opts: MergeOptions): Plan {
  const summary: MergeSummary = { added: [], updated: [], unchanged: 0, conflicts: [], missing: [] };
  const ops: Op[] = [];
  const by = opts.by ?? 'import';
  const kind = opts.fileKind ?? fileKindOf(imported);
  const files = fileIndex(imported);
  const legacy = hasNoBase(doc);

  // ----------------------------------------------------------------------------------- agenda items
  const docItems = agendaPreorder(readAll(doc, 'agenda')).map((n) => n.item);
  const byLabel = new Map<string, AgendaItem[]>();
  for (const a of docItems) {
    const l = a.label.trim();
    byLabel.set(l, [...(byLabel.get(l) ?? []), a]);
  }
  const used = new Set<string>();
  const docItemsById = new Map(docItems.map((a) => [a.id, a]));
  /** Labels of the items this merge adds, by their planned id. */
  const addedLabels = new Map<string, string>();
  /** File item id → the document's item id (existing or planned). */
  const itemId = new Map<string, string>();
  const lastChildOf = new Map<string | null, string>();
  for (const a of imported.agenda) {
    const label = a.label.trim();
    const match = (byLabel.get(label) ?? []).find((x) => !used.has(x.id) && (label !== '' || x.title.trim() === a.title.trim()));
    const parent = a.parentId ? (itemId.get(a.parentId) ?? null) : null;
    if (match) {
      used.add(match.id);
      itemId.set(a.id, match.id);
      const previousSibling = lastChildOf.get(parent);
      lastChildOf.set(parent, match.id);
      const key = IMPORT_BASE_KEY.agendaItem(kind, match.id);
      const base = readBase(doc, 'agendaItem', key);
      const fill = !base;
      const values = agendaValues(a);
      const changes: FieldChange[] = [];
      const record: Record<string, FieldValue> = {};
      // Structure the meeting lacks: an item at the top level (a flat Tdoc list's) goes under the parent
      // the agenda gives it, the first time a file of this kind comes in.
      const moveUnder = fill && match.parentId === null && parent !== null && parent !== match.id ? parent : undefined;
      if (moveUnder !== undefined) {
        const parentLabel = docItemsById.get(moveUnder)?.label ?? addedLabels.get(moveUnder) ?? '';
        changes.push({ field: 'parent', from: '', to: parentLabel.trim() });
        const after = previousSibling;
        ops.push(() => {
          try {
            moveAgendaItem(doc, match.id, moveUnder, after);
          } catch (e) {
            if (!(e instanceof MeetingOpError)) throw e;
            // A sibling moved elsewhere meanwhile (or a cycle): last under the parent, or left where it is.
            try {
              moveAgendaItem(doc, match.id, moveUnder);
            } catch (again) {
              if (!(again instanceof MeetingOpError)) throw again;
            }
          }
        });
      }
      for (const [field, fileValue] of Object.entries(values) as [AgendaField, string][]) {
        const plenary = match[field] ?? '';
        const d = decide(fileValue, plenary, base, field, fill);
        if (d === 'apply') changes.push({ field, from: plenary, to: fileValue });
        if (d === 'conflict') summary.conflicts.push({ kind: 'agendaItem', id: match.id, label, field, plenary, file: fileValue });
        else record[field] = fileValue;
      }
      if (changes.length) {
        summary.updated.push({ kind: 'agendaItem', id: match.id, label, fields: changes });
        const patch = Object.fromEntries(changes.filter((c) => c.field !== 'parent').map((c) => [c.field, c.to as string]));
        ops.push(() => updateAgendaItem(doc, match.id, patch));
      } else if (!summary.conflicts.some((c) => c.id === match.id)) summary.unchanged++;
      ops.push(() => writeBase(doc, 'agendaItem', key, record));
    } else {
      const id = newId();
      itemId.set(a.id, id);
      addedLabels.set(id, label);
      const after = lastChildOf.has(parent) ? lastChildOf.get(parent) : undefined;
      lastChildOf.set(parent, id);
      summary.added.push({ kind: 'agendaItem', id, label, title: a.title });
      ops.push(() => {
        const item = { id, parentId: parent, label: a.label, title: a.title, ...agendaValues(a), notes: a.notes, presenters: a.presenters, documents: a.documents };
        try {
          addAgendaItem(doc, item, after);
        } catch (e) {
          // The item it followed in the file was moved elsewhere in Plenary: last among its siblings.
          if (!(e instanceof MeetingOpError) || after === undefined) throw e;
          addAgendaItem(doc, item);
        }
        writeBase(doc, 'agendaItem', IMPORT_BASE_KEY.agendaItem(kind, id), agendaValues(a));
      });
    }
  }
  const docItemLabel = new Map(docItems.map((a) => [a.id, a.label.trim()]));

  // ---------------------------------------------------------------------------------- contributions
  const docRows = readAll(doc, 'contributions');
  const docById = new Map(docRows.map((c) => [c.id, c]));
  const byNumber = new Map<string, Contribution>();
  for (const c of docRows) if (!byNumber.has(c.number.trim())) byNumber.set(c.number.trim(), c);
  for (const c of docRows) for (const al of c.aliases) if (!byNumber.has(al.trim())) byNumber.set(al.trim(), c);
  const statusIds = new Set(readStatuses(doc).map((s) => s.id));
  const fileStatusLabel = new Map(imported.statuses.map((s) => [s.id, s]));
  const needStatus = (id: string) => {
    if (statusIds.has(id)) return;
    statusIds.add(id);
    const st = fileStatusLabel.get(id);
    ops.push(() => void addStatus(doc, st?.label ?? id, st?.final ?? true));
  };
  const rowOf = new Map<string, string>(); // file contribution id → doc id
  const matched = new Set<string>();
  const newRows: { id: string; c: Contribution; item: string; after: string | undefined }[] = [];
  const lastRowUnder = new Map<string, string>();
  for (const c of imported.contributions) {
    const number = c.number.trim();
    const hit = byNumber.get(number) ?? c.aliases.map((a) => byNumber.get(a.trim())).find((x) => x !== undefined);
    const item = c.agendaItemId ? (itemId.get(c.agendaItemId) ?? '') : '';
    if (hit && !matched.has(hit.id)) {
      matched.add(hit.id);
      rowOf.set(c.id, hit.id);
      lastRowUnder.set(item, hit.id);
      continue;
    }
    if (hit) continue; // a second row of the file with a number already matched: never duplicated
    const id = newId();
    rowOf.set(c.id, id);
    newRows.push({ id, c, item, after: lastRowUnder.get(item) });
    lastRowUnder.set(item, id);
    byNumber.set(number, { ...c, id });
  }

  // Matched rows: three-way per field.
  for (const c of imported.contributions) {
    const id = rowOf.get(c.id);
    const row = id ? docById.get(id) : undefined;
    if (!row || !matched.has(row.id)) continue;
    matched.delete(row.id); // once per row
    const key = IMPORT_BASE_KEY.contribution(row.id);
    const base = readBase(doc, 'contribution', key);
    const fileValues = fileContributionValues(c, files);
    const plenaryValues = docContributionValues(row, docItemLabel, docById);
    const changes: FieldChange[] = [];
    const record: Record<string, FieldValue> = {};
    let conflicted = false;
    for (const [field, fileValue] of Object.entries(fileValues) as [ContributionField, FieldValue][]) {
      const plenary = plenaryValues[field] ?? '';
      // The list's other cells are nobody's to edit live (a revision made in Plenary copies its
      // original's): the file's always hold.
      const d = field === 'columns' ? (sameValue(fileValue, plenary) ? 'same' : 'apply') : decide(fileValue, plenary, base, field, false);
      if (d === 'conflict') {
        conflicted = true;
        summary.conflicts.push({ kind: 'contribution', id: row.id, label: row.number, field, plenary, file: fileValue });
        continue;
      }
      record[field] = fileValue;
      if (d === 'apply') changes.push({ field, from: plenary, to: fileValue });
    }
    if (changes.length) {
      summary.updated.push({ kind: 'contribution', id: row.id, label: row.number, fields: changes });
      for (const ch of changes) if (ch.field === 'status') needStatus(String(ch.to));
      ops.push(() => {
        for (const ch of changes) writeContributionField(doc, row.id, ch.field as ContributionField, ch.to, by, (n) => rowOf.get(fileIdByNumber(imported, n) ?? '') ?? byNumber.get(n)?.id);
      });
    } else if (!conflicted) summary.unchanged++;
    ops.push(() => writeBase(doc, 'contribution', key, record));
  }

  // New rows, in the file's order under their items.
  for (const r of newRows) {
    summary.added.push({ kind: 'contribution', id: r.id, label: r.c.number, title: r.c.title });
    needStatus(r.c.status || DEFAULT_STATUS);
  }
  if (newRows.length) {
    ops.push(() => {
      const siblings = new Map<string, { id: string; rank: string }[]>();
      for (const x of readAllFields(doc, 'contributions', ['agendaItemId', 'rank'])) {
        const item = allocatedItem(doc, x);
        siblings.set(item, [...(siblings.get(item) ?? []), { id: x.id, rank: x.rank }]);
      }
      for (const r of newRows) {
        const list = siblings.get(r.item) ?? [];
        const rank = rankAt(list, r.after !== undefined && list.some((x) => x.id === r.after) ? r.after : undefined);
        list.push({ id: r.id, rank });
        siblings.set(r.item, list);
        const { title, source, notes, aliases, type, for: forField, abstract, secretaryRemarks, columns } = r.c;
        addEntity(doc, 'contributions', {
          id: r.id,
          number: r.c.number,
          title,
          source,
          notes,
          aliases,
          type,
          for: forField,
          abstract,
          secretaryRemarks,
          columns,
          agendaItemId: r.item,
          rank,
          status: r.c.status || DEFAULT_STATUS,
          history: [],
        });
        writeBase(doc, 'contribution', IMPORT_BASE_KEY.contribution(r.id), fileContributionValues(r.c, files));
      }
      for (const r of newRows) {
        const target = r.c.revisionOf ? rowOf.get(r.c.revisionOf) : undefined;
        if (target) updateEntity(doc, 'contributions', r.id, { revisionOf: target });
      }
    });
  }

  // Rows an earlier import brought that the file no longer has (only a file with Tdocs says so).
  if (imported.contributions.length) {
    const inFile = new Set([...rowOf.values()]);
    for (const row of docRows) {
      if (inFile.has(row.id)) continue;
      if (!legacy && !readBase(doc, 'contribution', IMPORT_BASE_KEY.contribution(row.id))) continue;
      summary.missing.push({ id: row.id, label: row.number, title: row.title, status: row.status });
    }
  }

  planSessions(doc, imported, itemId, summary, ops);
  planMeta(doc, imported.meta, summary, ops);
  return { summary, ops };
}

/** The file row with this number, if any. */
function fileIdByNumber(meeting: MeetingJson, number: string): string | undefined {
  return meeting.contributions.find((c) => c.number.trim() === number)?.id;
}

/** A document row's tracked values, in the form the file's are compared. */
function docContributionValues(row: Contribution, itemLabel: Map<string, string>, byId: Map<string, Contribution>): Record<ContributionField, FieldValue> {
  return {
    title: row.title,
    source: row.source,
    status: row.status,
    agendaItem: (row.agendaItemId && itemLabel.get(row.agendaItemId)) || '',
    revisionOf: (row.revisionOf && byId.get(row.revisionOf)?.number.trim()) || '',
    columns: row.columns ?? {},
    aliases: row.aliases,
    type: row.type ?? '',
    for: row.for ?? '',
  };
}

/**
 * Writes one tracked field of a row from its compared form: an item number becomes the item, a Tdoc
 * number the row it names, a status goes through the history.
 */
function writeContributionField(
  doc: Y.Doc,
  id: string,
  field: ContributionField,
  value: FieldValue,
  by: string,
  rowByNumber: (n: string) => string | undefined = () => undefined,
): void {
  switch (field) {
    case 'status': {
      const status = String(value) || DEFAULT_STATUS;
      if (!readStatuses(doc).some((s) => s.id === status)) addStatus(doc, status);
      setContributionStatus(doc, id, status, { by });
      return;
    }
    case 'agendaItem': {
      const label = String(value);
      const item = label ? findAgendaItemByLabel(doc, label) : '';
      if (item === undefined) throw new MeetingOpError(`no agenda item "${label}"`);
      moveContribution(doc, id, item);
      return;
    }
    case 'revisionOf': {
      const number = String(value);
      let target: string | null = null;
      if (number) {
        target = rowByNumber(number) ?? readAllFields(doc, 'contributions', ['number']).find((c) => c.number.trim() === number)?.id ?? null;
        if (!target) throw new MeetingOpError(`no contribution "${number}"`);
      }
      updateEntity(doc, 'contributions', id, { revisionOf: target });
      return;
    }
    case 'columns':
      updateEntity(doc, 'contributions', id, { columns: value as Record<string, string> });
      return;
    case 'aliases':
      updateEntity(doc, 'contributions', id, { aliases: value as string[] });
      return;
    default:
      updateEntity(doc, 'contributions', id, { [field]: String(value) });
  }
}

/**
 * Sessions: matched by date and start; a new one is added (its items found by number), a matched one
 * gets its empty fields filled. The time plan is the agenda's to give, so no conflicts here.
 */
function planSessions(doc: Y.Doc, imported: MeetingJson, itemId: Map<string, string>, summary: MergeSummary, ops: Op[]): void {
  if (!imported.sessions.length) return;
  const docSessions = readAll(doc, 'sessions');
  const keyOf = (s: Pick<Session, 'date' | 'start'>) => `${s.date} ${s.start}`;
  const used = new Set<string>();
  // Parallel sessions share a date and start: among those not matched yet, the one most alike (room,
  // code, title), else the first in order.
  const matchOf = (s: Session): Session | undefined => {
    if (!s.date || !s.start) return undefined;
    const candidates = docSessions.filter((d) => !used.has(d.id) && d.date === s.date && d.start === s.start);
    const score = (d: Session) => Number(d.room === s.room) + Number(d.code === s.code) + Number(d.title === s.title);
    return candidates.sort((a, b) => score(b) - score(a))[0];
  };
  for (const s of imported.sessions) {
    const items = s.agendaItemIds.map((x) => itemId.get(x)).filter((x): x is string => x !== undefined);
    const label = s.code || keyOf(s);
    const hit = matchOf(s);
    if (hit) used.add(hit.id);
    if (!hit) {
      const id = newId();
      summary.added.push({ kind: 'session', id, label, title: s.title });
      ops.push(() => void addEntity(doc, 'sessions', { ...s, id, agendaItemIds: items }));
      continue;
    }
    const changes: FieldChange[] = [];
    for (const f of SESSION_FILL) if (!hit[f] && s[f]) changes.push({ field: f, from: hit[f], to: s[f] });
    if (!hit.agendaItemIds.length && items.length) changes.push({ field: 'agendaItemIds', from: [], to: items });
    if (!changes.length) {
      summary.unchanged++;
      continue;
    }
    summary.updated.push({ kind: 'session', id: hit.id, label, fields: changes });
    ops.push(() => updateEntity(doc, 'sessions', hit.id, Object.fromEntries(changes.map((c) => [c.field, c.to])) as Partial<Session>));
  }
}

/** Meta fields the meeting has empty and the file has (dates, venue, time zone ...). */
function planMeta(doc: Y.Doc, fileMeta: Meta, summary: MergeSummary, ops: Op[]): void {
  const meta = readMeta(doc);
  const changes: FieldChange[] = [];
  for (const f of META_FILL) {
    const v = fileMeta[f];
    if (typeof v === 'string' && v && !meta[f]) changes.push({ field: f, from: '', to: v });
  }
  if (meta.timezone === 'UTC' && fileMeta.timezone && fileMeta.timezone !== 'UTC') changes.push({ field: 'timezone', from: meta.timezone, to: fileMeta.timezone });
  if (!changes.length) return;
  summary.updated.push({ kind: 'meeting', id: '', label: meta.title || fileMeta.title, fields: changes });
  ops.push(() => setMeta(doc, Object.fromEntries(changes.map((c) => [c.field, c.to])) as Partial<Meta>));
}
