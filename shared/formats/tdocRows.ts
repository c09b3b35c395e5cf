/**
 * One Tdoc table row (cells already mapped to fields by tdocColumns) into the meeting builder. Shared by
 * the sheet, CSV, HTML, Markdown and Word importers so every format treats a row the same way.
 */
import type { MeetingBuilder } from './meetingBuilder.js';
import type { Where } from './builderInputs.js';
import { COLUMNS_LIMITS, UNUSABLE_COLUMN_NAMES } from '../document/meetingSchema.js';
import { cleanMultiline, cleanText, normalizeNumber } from './normalize.js';
import { mapTdocHeader, splitNumbers, tdocField, type TdocField } from './tdocColumns.js';

export type TdocCells = Partial<Record<TdocField, string>>;

/** True when any cell of a raw row has text. */
export const hasText = (row: readonly unknown[]): boolean => row.some((c) => c !== null && c !== undefined && String(c).trim() !== '');

/** Reads a cell map from a row of strings and a header map. */
export function cellsOf(row: readonly unknown[], header: Map<TdocField, number>): TdocCells {
  const out: TdocCells = {};
  for (const [f, i] of header) {
    const v = row[i];
    if (v !== undefined && v !== null && String(v).trim() !== '') out[f] = String(v);
  }
  return out;
}

/** A column no field takes (3GPP 'Contact', 'Release', 'CR', or any column of a body's own list). */
export interface ExtraColumn {
  /** Position in the row. */
  index: number;
  /** The header as written, cleaned (cleanText): the key in a contribution's `columns`. */
  name: string;
}

/**
 * The columns of a header row that name no field, so that their cells are kept in `columns` rather than
 * dropped. Blank headers are left out (there is no name to keep a cell under, and nothing to write back);
 * so are names longer than COLUMNS_LIMITS.maxKeyLength and columns past COLUMNS_LIMITS.maxKeys distinct
 * names, with a warning. Two columns with one name share it (the first non-empty cell of a row wins).
 */
export function extraColumns(headerCells: readonly unknown[], b: MeetingBuilder, where: Where): ExtraColumn[] {
  const out: ExtraColumn[] = [];
  const names = new Set<string>();
  let dropped = 0;
  for (let index = 0; index < headerCells.length; index++) {
    const name = cleanText(headerCells[index]);
    if (!name || tdocField(name) !== undefined) continue;
    if (name.length > COLUMNS_LIMITS.maxKeyLength) {
      b.warn(`column ${index + 1} has a header longer than ${COLUMNS_LIMITS.maxKeyLength} characters; its cells are not kept`, where);
      continue;
    }
    if (UNUSABLE_COLUMN_NAMES.includes(name)) {
      b.warn(`column ${index + 1} has the header "${name}", which cannot be kept as a name; its cells are not kept`, where);
      continue;
    }
    if (!names.has(name) && names.size >= COLUMNS_LIMITS.maxKeys) {
      dropped++;
      continue;
    }
    names.add(name);
    out.push({ index, name });
  }
  if (dropped) b.warn(`more than ${COLUMNS_LIMITS.maxKeys} columns without a field; the cells of the last ${dropped} are not kept`, where);
  return out;
}

/**
 * A row's text in the extra columns, by header (line breaks kept, spaces cleaned), for `columns`; undefined
 * when every such cell is empty (or, with `placeholder`, only holds it: TdocsByAgenda pages write '-').
 * A cell longer than COLUMNS_LIMITS.maxValueLength is cut there, with a warning.
 */
export function columnsOf(
  row: readonly unknown[],
  extras: readonly ExtraColumn[],
  b: MeetingBuilder,
  where: Where,
  placeholder?: string,
): Record<string, string> | undefined {
  // A Map, not an object: headers such as 'toString' must not be mistaken for ones already seen.
  let out: Map<string, string> | undefined;
  for (const { index, name } of extras) {
    const raw = row[index];
    if (raw === undefined || raw === null || raw === '' || out?.has(name)) continue;
    let v = cleanMultiline(raw);
    if (!v || v === placeholder) continue;
    if (v.length > COLUMNS_LIMITS.maxValueLength) {
      b.warn(`the "${name}" cell is longer than ${COLUMNS_LIMITS.maxValueLength} characters; cut there`, where);
      v = v.slice(0, COLUMNS_LIMITS.maxValueLength);
      if (/[\uD800-\uDBFF]$/.test(v)) v = v.slice(0, -1);
    }
    (out ??= new Map()).set(name, v);
  }
  return out && Object.fromEntries(out);
}

const sortNumber = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(cleanText(v));
  return Number.isFinite(n) ? n : undefined;
};

/** True when a row repeats the header (a table continued on a new page): such a row carries no document. */
export function isRepeatedHeader(row: readonly unknown[], header: Map<TdocField, number>): boolean {
  const again = mapTdocHeader(row);
  return !!again && [...header].every(([f, i]) => again.get(f) === i);
}

/**
 * Adds the row: an agenda item (found or created by its label) and, when the row names a document or holds
 * a title, a contribution. Returns what it added. A row with nothing in it is skipped: there is nothing to lose;
 * a row with text only in columns we do not keep (`rawHasText`) is skipped with a warning. `columns` (from
 * columnsOf) goes with the contribution; it alone does not make a row a document.
 */
export function addTdocRow(
  b: MeetingBuilder,
  cells: TdocCells,
  where: Where,
  defaultItem: string | null = null,
  rawHasText = false,
  columns?: Record<string, string>,
): 'contribution' | 'item' | 'empty' {
  const label = cleanText(cells.agendaLabel);
  const agendaTitle = cleanText(cells.agendaTitle);
  let item = defaultItem;
  if (label || agendaTitle) item = b.itemByLabel(label, agendaTitle, sortNumber(cells.agendaSort));

  const { number } = normalizeNumber(cells.number ?? '');
  const hasContent = ['title', 'source', 'status', 'notes', 'abstract', 'type'].some((f) => cleanText(cells[f as TdocField]));
  if (!number && !hasContent) {
    if (label || agendaTitle) return 'item';
    if (rawHasText) b.warn('row has text only in columns that are not kept (no number, title, source or status); skipped', where);
    return 'empty';
  }
  if (!number) b.warn('row has a document but no document number; kept without a number', where);
  else if (/\s/.test(number)) b.warn(`document number "${number}" contains spaces`, where);

  const one = (v: string | undefined) => (v ? splitNumbers(normalizeNumber(v).number)[0] : undefined);
  const said = linksInComments(cells.notes ?? '');
  b.addContribution({
    number,
    title: cells.title,
    source: cells.source,
    status: cells.status,
    notes: cleanMultiline(cells.notes),
    agendaItem: item,
    aliases: cells.aliases ? splitNumbers(cells.aliases) : [],
    revisionOf: one(cells.revisionOf) ?? said.revisionOf,
    revisedTo: cells.revisedTo ? splitNumbers(normalizeNumber(cells.revisedTo).number) : said.revisedTo,
    mergedInto: one(cells.mergedInto) ?? said.mergedInto,
    type: cleanText(cells.type),
    for: cleanText(cells.for),
    abstract: cleanMultiline(cells.abstract),
    secretaryRemarks: cleanMultiline(cells.secretaryRemarks),
    sortKey: sortNumber(cells.tdocSort),
    columns,
    where,
  });
  return 'contribution';
}

const DOC = String.raw`([A-Z][A-Za-z0-9]*-[A-Za-z0-9-]*\d)`;
const REVISION_OF = new RegExp(String.raw`\bRevision of\s+(?:[a-z]+\s+)?` + DOC);
const REVISED_TO = new RegExp(String.raw`\bRevised (?:to|in|into)\s+` + DOC, 'g');
const MERGED = new RegExp(String.raw`\bMerged (?:into|in|to)\s+` + DOC);

/** Links a comment states in words: 'Revision of S2-2001774.', 'Revised to S2-2002313.', 'Merged into S2-1.' */
export function linksInComments(text: string): { revisionOf?: string; revisedTo: string[]; mergedInto?: string } {
  const t = normalizeNumber(text).number;
  return {
    revisionOf: REVISION_OF.exec(t)?.[1],
    revisedTo: [...t.matchAll(REVISED_TO)].map((m) => m[1]),
    mergedInto: MERGED.exec(t)?.[1],
  };
}
