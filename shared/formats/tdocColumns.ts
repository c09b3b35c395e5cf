/**
 * Column names of Tdoc tables, in 3GPP's spelling (portal Tdoc lists, TdocsByAgenda pages) and ours, mapped
 * to one set of field keys. Sheets and tables are read by these header names, never by position, so a file
 * with the columns in another order (or extra columns) reads the same.
 */
import { cleanText } from './normalize.js';

export type TdocField =
  | 'number'
  | 'title'
  | 'source'
  | 'type'
  | 'for'
  | 'abstract'
  | 'secretaryRemarks'
  | 'agendaSort'
  | 'agendaLabel'
  | 'agendaTitle'
  | 'tdocSort'
  | 'status'
  | 'revisionOf'
  | 'revisedTo'
  | 'mergedInto'
  | 'notes'
  | 'aliases'
  | 'positions'
  | 'approval';

/** Lower-cased header names (spaces and punctuation folded) to fields. */
const ALIASES: Record<TdocField, string[]> = {
  number: ['tdoc', 'td#', 'td', 'tdoc#', 'tdoc number', 'number', 'document', 'doc', 'doc#', 'document number', 'contribution', 'tdoc no', 'doc no', 'no'],
  title: ['title', 'subject', 'document title'],
  source: ['source', 'sources', 'from', 'company', 'companies'],
  type: ['type', 'tdoc type', 'doc type'],
  for: ['for', 'doc for', 'purpose'],
  abstract: ['abstract', 'summary'],
  secretaryRemarks: ['secretary remarks', 'secretary remark', 'remarks'],
  agendaSort: ['agenda item sort order', 'agenda sort order'],
  agendaLabel: ['agenda item', 'ai', 'ai#', 'agenda', 'agenda item number', 'agenda label', 'item'],
  agendaTitle: ['agenda item description', 'agenda item title', 'agenda title', 'topic'],
  tdocSort: ['tdoc sort order within agenda item', 'sort order', 'tdoc sort order'],
  status: ['tdoc status', 'status', 'result', 'decision'],
  revisionOf: ['is revision of', 'revision of', 'revises', 'replaces'],
  revisedTo: ['revised to', 'revised in', 'revised into', 'replaced-by', 'replaced by'],
  mergedInto: ['merged to', 'merged into', 'merged in'],
  notes: ['comments', 'comment', 'notes', 'note'],
  aliases: ['aliases', 'also numbered'],
  // Written by our exports from the meeting's positions and rounds (issue 26); read back as nothing: the
  // meeting JSON carries them.
  positions: ['positions'],
  approval: ['e-mail approval', 'email approval'],
};

const LOOKUP = new Map<string, TdocField>();
/** The same names with only letters and digits kept: 'agendaItem', 'Agenda_Item', 'TD #' match too. */
const LOOKUP_ALNUM = new Map<string, TdocField>();
const alnum = (s: string) => s.replace(/[^a-z0-9]/g, '');
for (const [field, names] of Object.entries(ALIASES) as [TdocField, string[]][]) {
  for (const n of names) {
    LOOKUP.set(n, field);
    if (!LOOKUP_ALNUM.has(alnum(n))) LOOKUP_ALNUM.set(alnum(n), field);
  }
}
for (const [name, field] of [['agendaitemid', 'agendaLabel'], ['secretaryremarks', 'secretaryRemarks'], ['mergedinto', 'mergedInto']] as const) {
  LOOKUP_ALNUM.set(name, field);
}

/** Folds a header cell for lookup: case, spaces, trailing colons and dots. */
export function foldHeader(h: unknown): string {
  return cleanText(h).toLowerCase().replace(/[:.]+$/, '').replace(/\s+/g, ' ');
}

/** The field a header names, if any. */
export function tdocField(header: unknown): TdocField | undefined {
  const h = foldHeader(header);
  return h ? LOOKUP.get(h) ?? LOOKUP_ALNUM.get(alnum(h)) : undefined;
}

/**
 * Maps a header row to field → column index (first column wins when two name one field).
 * Returns null unless the row names a document number column and at least one more Tdoc field.
 */
export function mapTdocHeader(cells: readonly unknown[]): Map<TdocField, number> | null {
  const map = new Map<TdocField, number>();
  cells.forEach((c, i) => {
    const f = tdocField(c);
    if (f && !map.has(f)) map.set(f, i);
  });
  if (!map.has('number')) return null;
  const others = ['title', 'source', 'status', 'agendaLabel', 'type'].filter((f) => map.has(f as TdocField));
  return others.length >= 1 ? map : null;
}

/**
 * The 3GPP portal's TDoc_List columns, in the portal's order (the 36-column form of 2025; the older
 * 31-column form lacks UICC, ME, RAN, CN and Clauses Affected). Our exports write these first.
 */
export const TDOC_LIST_COLUMNS = [
  'TDoc',
  'Title',
  'Source',
  'Contact',
  'Contact ID',
  'Type',
  'For',
  'Abstract',
  'Secretary Remarks',
  'Agenda item sort order',
  'Agenda item',
  'Agenda item description',
  'TDoc sort order within agenda item',
  'TDoc Status',
  'Reservation date',
  'Uploaded',
  'Is revision of',
  'Revised to',
  'Release',
  'Spec',
  'Version',
  'Related WIs',
  'CR',
  'CR revision',
  'CR category',
  'TSG CR Pack',
  'UICC',
  'ME',
  'RAN',
  'CN',
  'Clauses Affected',
  'Reply to',
  'To',
  'Cc',
  'Original LS',
  'Reply in',
] as const;

/** What we hold that the portal's list has no column for: written after its columns. */
export const EXTRA_COLUMNS = ['Comments', 'Merged to', 'Aliases', 'Positions', 'E-mail approval'] as const;

/** Splits a cell listing several numbers ('S2-1, S2-2', 'S2-1 and S2-2', one a line) into numbers. */
export function splitNumbers(v: string): string[] {
  return v
    .split(/[,;\s]+(?:and\s+)?/)
    .map((x) => cleanText(x))
    .filter(Boolean);
}
