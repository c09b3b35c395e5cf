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
import { type FieldValue, hasNoBase, readBase, sameValue, wasImported, writeBase } from './importBase.js';
import { decideContributionField, docContributionValues, fileContributionValues, writeContributionField } from './mergeFields.js';
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
  planNumberLinks(ctx, rows);
  planMissing(ctx, rows);
}

/**
 * Rows of the meeting that name the Tdoc they revise by number (it was outside the meeting) while the
 * meeting now has that Tdoc (this file brought it): the number becomes the link. Same value, so not told.
 */
function planNumberLinks(ctx: MergeContext, rows: RowMatch): void {
  const { doc } = ctx;
  for (const r of rows.docRows) {
    const number = r.revisionOfNumber?.trim();
    const target = !r.revisionOf && number ? rows.byNumber.get(number)?.id : undefined;
    if (target && target !== r.id) ctx.ops.push(() => updateEntity(doc, 'contributions', r.id, { revisionOf: target, revisionOfNumber: null }));
  }
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
  const { docById, matched, rowOf } = rows;
  const revisers = revisersByNumber(rows.docRows);
  const fileRowByNumber = new Map<string, string>();
  for (const c of ctx.imported.contributions) if (!fileRowByNumber.has(c.number.trim())) fileRowByNumber.set(c.number.trim(), c.id);
  const rowByNumber = (n: string) => rowOf.get(fileRowByNumber.get(n) ?? '') ?? rows.byNumber.get(n)?.id;
  for (const c of ctx.imported.contributions) {
    const id = rowOf.get(c.id);
    const row = id ? docById.get(id) : undefined;
    if (!row || !matched.has(row.id)) continue;
    matched.delete(row.id); // once per row
    planMatchedRow(ctx, c, row, { docItemLabel, docById, revisers, rowByNumber, needStatus });
  }
}

/** What planning one matched row reads besides the row and the file's. */
interface RowReads {
  docItemLabel: Map<string, string>;
  docById: Map<string, Contribution>;
  /** Numbers of the document's rows that revise each row, by that row's id. */
  revisers: Map<string, Set<string>>;
  /** The row a Tdoc number names after the merge (the file's rows first, then the document's). */
  rowByNumber: (n: string) => string | undefined;
  needStatus: (id: string) => void;
}

/** One matched row: each tracked field decided (decideContributionField), the changes and the base planned. */
function planMatchedRow(ctx: MergeContext, c: Contribution, row: Contribution, reads: RowReads): void {
  const { doc, summary, ops, by } = ctx;
  const key = IMPORT_BASE_KEY.contribution(row.id);
  const base = readBase(doc, 'contribution', key);
  const fileValues = fileContributionValues(c, ctx.files);
  const plenaryValues = docContributionValues(row, reads.docItemLabel, reads.docById);
  const changes: FieldChange[] = [];
  const record: Record<string, FieldValue> = {};
  let conflicted = false;
  for (const [field, fileValue] of Object.entries(fileValues) as [ContributionField, FieldValue][]) {
    const plenary = plenaryValues[field] ?? '';
    const { d, why } = decideContributionField(field, fileValue, plenary, base);
    if (why) summary.silent.push({ kind: 'contribution', id: row.id, label: row.number, field, plenary, file: fileValue, took: d === 'apply' ? 'file' : 'plenary', why });
    if (d === 'conflict') {
      conflicted = true;
      summary.conflicts.push({ kind: 'contribution', id: row.id, label: row.number, field, plenary, file: fileValue });
      continue;
    }
    // A value kept without asking is not recorded as imported: the next list is compared with the last one's.
    if (!why || d === 'apply') record[field] = fileValue;
    if (d === 'apply') changes.push({ field, from: plenary, to: fileValue });
  }
  const revisedTo = revisedToChange(c, row, reads.revisers.get(row.id));
  if (revisedTo) changes.push(revisedTo);
  if (changes.length) {
    summary.updated.push({ kind: 'contribution', id: row.id, label: row.number, fields: changes });
    for (const ch of changes) if (ch.field === 'status') reads.needStatus(String(ch.to));
    ops.push(() => {
      for (const ch of changes) {
        if (ch.field === 'revisedTo') updateEntity(doc, 'contributions', row.id, { revisedToNumbers: ch.to as string[] });
        else writeContributionField(doc, row.id, ch.field as ContributionField, ch.to, by, reads.rowByNumber);
      }
    });
  } else if (!conflicted) summary.unchanged++;
  ops.push(() => writeBase(doc, 'contribution', key, record));
}

/** Numbers of the rows that revise each row (by its id), from the document's revision links. */
function revisersByNumber(docRows: readonly Contribution[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of docRows) if (r.revisionOf) out.set(r.revisionOf, (out.get(r.revisionOf) ?? new Set()).add(r.number.trim()));
  return out;
}

/**
 * The file's "Revised to" numbers that no link gives (Tdocs outside the list): the portal's fact, so the
 * file's hold, except that a file without them never empties the row's (issue 25: a merge never empties a
 * link), and a number the meeting already links as this row's revision is not kept twice.
 */
function revisedToChange(c: Contribution, row: Contribution, linked: Set<string> | undefined): FieldChange | undefined {
  const file = (c.revisedToNumbers ?? []).filter((n) => !linked?.has(n.trim()));
  const plenary = row.revisedToNumbers ?? [];
  if (!file.length || sameValue(file, plenary)) return undefined;
  return { field: 'revisedTo', from: plenary, to: file };
}

/** New rows, in the file's order under their items. */
function planNewRows(ctx: MergeContext, rows: RowMatch, needStatus: (id: string) => void): void {
  const { doc, files } = ctx;
  const { newRows } = rows;
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
      const { title, source, notes, aliases, type, for: forField, abstract, secretaryRemarks, columns, revisedToNumbers } = r.c;
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
        ...(revisedToNumbers?.length ? { revisedToNumbers } : {}),
        agendaItemId: r.item,
        rank,
        status: r.c.status || DEFAULT_STATUS,
        history: [],
      });
      writeBase(doc, 'contribution', IMPORT_BASE_KEY.contribution(r.id), fileContributionValues(r.c, files));
    }
    for (const r of newRows) {
      // A Tdoc of the file, or one the meeting has that the file does not (a Tdoc carried over from the
      // previous meeting, or whose row left the list) by its number; one outside both stays a number.
      const outside = r.c.revisionOfNumber?.trim();
      const target = r.c.revisionOf ? rows.rowOf.get(r.c.revisionOf) : outside ? rows.byNumber.get(outside)?.id : undefined;
      if (target && target !== r.id) updateEntity(doc, 'contributions', r.id, { revisionOf: target });
      else if (outside) updateEntity(doc, 'contributions', r.id, { revisionOfNumber: outside });
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
    // Only what an import brought: not a revision made in Plenary or a Tdoc carried over, not listed yet.
    if (!legacy && !wasImported(readBase(doc, 'contribution', IMPORT_BASE_KEY.contribution(row.id)))) continue;
    ctx.summary.missing.push({ id: row.id, label: row.number, title: row.title, status: row.status });
  }
}
