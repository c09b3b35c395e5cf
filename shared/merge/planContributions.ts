/**
 * The import merge's second phase (importMerge.ts): the file's contributions matched to the meeting's by
 * number (or an alias), matched ones three-way merged field by field, new ones added under their items in
 * the file's order, and the rows an earlier import brought that the file no longer has told as missing.
 */
import type { Contribution, MeetingJson } from '../document/meetingSchema.js';
import { IMPORT_BASE_KEY } from '../document/meetingSchema.js';
import { readAll, readAllFields } from '../document/entityStore.js';
import { addStatus, readStatuses } from '../document/meetingParts.js';
import { allocatedItem } from '../document/contributionOps.js';
import { addEntity, rankAt, updateEntity } from '../document/entityOps.js';
import { newId } from '../document/ids.js';
import { DEFAULT_STATUS } from '../document/statuses.js';
import { type FieldValue, hasNoBase, readBase, sameValue, writeBase } from './importBase.js';
import { decide, docContributionValues, fileContributionValues, writeContributionField } from './mergeFields.js';
import type { ContributionField, FieldChange, MergeContext } from './mergeTypes.js';
import type { AgendaPlan } from './planAgenda.js';

/** A row the merge adds: its planned id, the file's row, its item and the row it follows there. */
interface NewRow {
  id: string;
  c: Contribution;
  item: string;
  after: string | undefined;
}

/** The file's rows matched to the document's. */
interface RowMatch {
  docRows: Contribution[];
  docById: Map<string, Contribution>;
  /** Number or alias (trimmed) → the row: the document's, then the ones this merge adds. */
  byNumber: Map<string, Contribution>;
  /** File contribution id → the document's id (existing or planned). */
  rowOf: Map<string, string>;
  /** The document's rows a file row matched (and not merged yet). */
  matched: Set<string>;
  newRows: NewRow[];
}

/** Plans the contributions, after the agenda (whose items they are matched and placed under). */
export function planContributions(ctx: MergeContext, agenda: AgendaPlan): void {
  const rows = matchRows(ctx, agenda.itemId);
  const needStatus = statusNeeds(ctx);
  planMatchedRows(ctx, rows, agenda.docItemLabel, needStatus);
  planNewRows(ctx, rows, needStatus);
  planMissing(ctx, rows);
}

/** Matches each file row to the document's by number or alias; a number never matches twice. */
function matchRows(ctx: MergeContext, itemId: Map<string, string>): RowMatch {
  const docRows = readAll(ctx.doc, 'contributions');
  const byNumber = new Map<string, Contribution>();
  for (const c of docRows) if (!byNumber.has(c.number.trim())) byNumber.set(c.number.trim(), c);
  for (const c of docRows) for (const al of c.aliases) if (!byNumber.has(al.trim())) byNumber.set(al.trim(), c);
  const rows: RowMatch = { docRows, docById: new Map(docRows.map((c) => [c.id, c])), byNumber, rowOf: new Map(), matched: new Set(), newRows: [] };
  const lastRowUnder = new Map<string, string>();
  for (const c of ctx.imported.contributions) {
    const number = c.number.trim();
    const hit = byNumber.get(number) ?? c.aliases.map((a) => byNumber.get(a.trim())).find((x) => x !== undefined);
    const item = c.agendaItemId ? (itemId.get(c.agendaItemId) ?? '') : '';
    if (hit && !rows.matched.has(hit.id)) {
      rows.matched.add(hit.id);
      rows.rowOf.set(c.id, hit.id);
      lastRowUnder.set(item, hit.id);
      continue;
    }
    if (hit) continue; // a second row of the file with a number already matched: never duplicated
    const id = newId();
    rows.rowOf.set(c.id, id);
    rows.newRows.push({ id, c, item, after: lastRowUnder.get(item) });
    lastRowUnder.set(item, id);
    byNumber.set(number, { ...c, id });
  }
  return rows;
}

/** A function that plans adding a status the meeting lacks (once each), as the file has it. */
function statusNeeds(ctx: MergeContext): (id: string) => void {
  const { doc, ops } = ctx;
  const statusIds = new Set(readStatuses(doc).map((s) => s.id));
  const fileStatusLabel = new Map(ctx.imported.statuses.map((s) => [s.id, s]));
  return (id: string) => {
    if (statusIds.has(id)) return;
    statusIds.add(id);
    const st = fileStatusLabel.get(id);
    ops.push(() => void addStatus(doc, st?.label ?? id, st?.final ?? true));
  };
}

/** Matched rows: three-way per field. */
function planMatchedRows(ctx: MergeContext, rows: RowMatch, docItemLabel: Map<string, string>, needStatus: (id: string) => void): void {
  const { doc, imported, summary, ops, by } = ctx;
  const { docById, matched, rowOf, byNumber } = rows;
  for (const c of imported.contributions) {
    const id = rowOf.get(c.id);
    const row = id ? docById.get(id) : undefined;
    if (!row || !matched.has(row.id)) continue;
    matched.delete(row.id); // once per row
    const key = IMPORT_BASE_KEY.contribution(row.id);
    const base = readBase(doc, 'contribution', key);
    const fileValues = fileContributionValues(c, ctx.files);
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
}

/** The file row with this number, if any. */
function fileIdByNumber(meeting: MeetingJson, number: string): string | undefined {
  return meeting.contributions.find((c) => c.number.trim() === number)?.id;
}

/** New rows, in the file's order under their items. */
function planNewRows(ctx: MergeContext, rows: RowMatch, needStatus: (id: string) => void): void {
  const { doc, files } = ctx;
  const { newRows, rowOf } = rows;
  for (const r of newRows) {
    ctx.summary.added.push({ kind: 'contribution', id: r.id, label: r.c.number, title: r.c.title });
    needStatus(r.c.status || DEFAULT_STATUS);
  }
  if (!newRows.length) return;
  ctx.ops.push(() => {
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

/** Rows an earlier import brought that the file no longer has (only a file with Tdocs says so). */
function planMissing(ctx: MergeContext, rows: RowMatch): void {
  if (!ctx.imported.contributions.length) return;
  const { doc } = ctx;
  // A meeting from before import bases: every row the file lacks is told.
  const legacy = hasNoBase(doc);
  const inFile = new Set([...rows.rowOf.values()]);
  for (const row of rows.docRows) {
    if (inFile.has(row.id)) continue;
    if (!legacy && !readBase(doc, 'contribution', IMPORT_BASE_KEY.contribution(row.id))) continue;
    ctx.summary.missing.push({ id: row.id, label: row.number, title: row.title, status: row.status });
  }
}
