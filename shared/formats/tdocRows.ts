/**
 * One Tdoc table row (cells already mapped to fields by tdocColumns) into the meeting builder. Shared by
 * the sheet, CSV, HTML, Markdown and Word importers so every format treats a row the same way.
 */
import type { MeetingBuilder, Where } from './meetingBuilder.js';
import { cleanMultiline, cleanText, normalizeNumber } from './normalize.js';
import { mapTdocHeader, splitNumbers, type TdocField } from './tdocColumns.js';

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
 * a row with text only in columns we do not keep (`rawHasText`) is skipped with a warning.
 */
export function addTdocRow(
  b: MeetingBuilder,
  cells: TdocCells,
  where: Where,
  defaultItem: string | null = null,
  rawHasText = false,
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
