/**
 * Table rows and bullet lines of an agenda saved as text: document numbers, contribution rows, action
 * rows, draft deliverable lines and bullets. Pure functions over one row or line; the importer decides
 * which one applies where.
 */
import type { TextCell } from './textAgendaLines.js';
import { normalizeDate } from '../time/dateTime.js';

/**
 * Columns of a contribution table, by position (-1: none). Every other column, except `skip`ped ones (a
 * running index), is kept in the notes.
 */
export interface ContributionColumns {
  number: number;
  title: number;
  source: number;
  skip: number[];
}

/** Without a header row: number, title, source, then notes (after a short index cell, if any). */
export const DEFAULT_COLUMNS: ContributionColumns = { number: 0, title: 1, source: 2, skip: [] };

export interface ContributionDraft {
  number: string;
  aliases: string[];
  title: string;
  source: string;
  notes: string;
  line: number;
}

/** Columns of an action table (-1: none); `labels` are the header's words, for columns kept in notes. */
export interface ActionColumns {
  ref: number;
  what: number;
  who: number;
  status: number;
  /** The due date and the agenda item (issue 25; the report's action table has both), -1: none. */
  due?: number;
  item?: number;
  labels: string[];
}

/** An action table without a header row. */
export const DEFAULT_ACTION_COLUMNS: ActionColumns = { ref: 0, what: 1, who: 2, status: 3, labels: [] };

export interface ActionDraft {
  ref: string;
  what: string;
  who: string;
  status: 'open' | 'closed';
  notes: string;
  /** YYYY-MM-DD when the row's due cell is a date. */
  due?: string;
  /** The agenda item's number as the row writes it; the meeting's builder links it. */
  itemLabel?: string;
}

const SEGMENT = /^[\p{L}\p{N}]{1,16}$/u;

/**
 * A document number: letters first, hyphen-separated segments, a run of at least three digits
 * (`SEC-2016-0094R02`, `S3-161234`, `TP-2016-0110`); also one with a letter O where a digit belongs.
 */
export function looksLikeDocNumber(token: string): boolean {
  if (token.length < 5 || token.length > 40 || !/^\p{L}/u.test(token)) return false;
  const parts = token.split('-');
  if (parts.length < 2 || parts.length > 5 || !parts.every((p) => SEGMENT.test(p))) return false;
  return parts.slice(1).some((p) => /\d{3}/.test(p) || /^\d[\dOoIl]{2,}/.test(p));
}

/** The document numbers a cell names, in order (`TST-2016-0091 / SEC-2016-0104` gives both). */
export function docNumbersIn(text: string): string[] {
  return text
    .slice(0, 2000)
    .replace(/[\u2010-\u2013]/g, '-')
    .split(/[\s,;()[\]/&+]+/)
    .map((t) => t.replace(/^[.:]+|[.:]+$/g, ''))
    .filter(looksLikeDocNumber);
}

/**
 * True when a digit group of the number holds a letter O (or I, l) between digits, as in
 * `SEC-2016-0O89R02`: most likely a typo for a zero (or one).
 */
export function looksMistyped(number: string): boolean {
  return number.split('-').slice(1).some((part) => {
    const core = part.replace(/R\d{1,2}$/, '');
    return core.length >= 3 && /^[\dOoIl]+$/.test(core) && /[OoIl]/.test(core) && (core.match(/\d/g)?.length ?? 0) >= 2;
  });
}

const HEADER_WORDS: [RegExp, keyof ContributionColumns][] = [
  [/^(t?doc(ument)?s?|tdoc ?(no|number|#)|doc(ument)? ?(no|number|#)|number|contribution|input)$/, 'number'],
  [/^(title|subject|document title|tdoc title)$/, 'title'],
  [/^(source|sources|company|companies|from|author|authors|originator|submitted by)$/, 'source'],
  [/^(#|no\.?|nr\.?|index|ai|item)$/, 'skip'],
];

const headerWord = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/:$/, '').toLowerCase();

/** A contribution table's header row (`Tdoc | Title | Source | Comments`) to its columns, or null. */
export function contributionHeader(cells: TextCell[]): ContributionColumns | null {
  const cols: Partial<ContributionColumns> = { skip: [] };
  cells.forEach((c, i) => {
    const w = headerWord(c.text);
    const kind = HEADER_WORDS.find(([re]) => re.test(w))?.[1];
    if (kind === 'skip') cols.skip!.push(i);
    else if (kind && cols[kind] === undefined) cols[kind] = i;
  });
  if (cols.number === undefined || cols.title === undefined) return null;
  return { number: cols.number, title: cols.title, source: cols.source ?? -1, skip: cols.skip! };
}

/** An action table's header row (`REFERENCE | WHAT | WHO | STATUS`) to its columns, or null. */
export function actionHeader(cells: TextCell[]): ActionColumns | null {
  const words = cells.map((c) => headerWord(c.text));
  const find = (re: RegExp) => words.findIndex((w) => re.test(w));
  const what = find(/^(what|action|actions|description|task)$/);
  const who = find(/^(who|owner|responsible|assignee|by whom)$/);
  if (what < 0 || who < 0) return null;
  const ref = find(/^(ref|reference|action ?(no|number|id|#)|no|#|id)\.?$/);
  const labels = cells.map((c) => c.text.replace(/\s+/g, ' ').trim().replace(/:$/, ''));
  const due = find(/^(due|due date|deadline|by when|target date)$/);
  const item = find(/^(item|agenda item|ai|agenda)$/);
  return { ref, what, who, status: find(/^(status|state)$/), ...(due >= 0 ? { due } : {}), ...(item >= 0 ? { item } : {}), labels };
}

const cellText = (cells: TextCell[], i: number) => (i >= 0 && i < cells.length ? cells[i].text.trim() : '');
const flat = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

/** A table row whose number column starts with a document number, as a contribution; else null. */
export function contributionOfRow(cells: TextCell[], columns: ContributionColumns): ContributionDraft | null {
  let cols = columns;
  if (cols === DEFAULT_COLUMNS && !startsWithDocNumber(cellText(cells, 0))) {
    // A running index before the number: `1 | SEC-2016-0094 | title | source`.
    const at = cells.findIndex((c) => startsWithDocNumber(c.text.trim()));
    if (at < 1 || at > 2 || cells.slice(0, at).some((c) => c.text.trim().length > 6)) return null;
    cols = { number: at, title: at + 1, source: at + 2, skip: Array.from({ length: at }, (_, i) => i) };
  }
  const numberCell = cellText(cells, cols.number);
  if (!startsWithDocNumber(numberCell)) return null;
  const numbers = docNumbersIn(numberCell);
  const used = new Set([cols.number, cols.title, cols.source, ...cols.skip]);
  const noteCols = cells.map((_, i) => i).filter((i) => !used.has(i));
  return {
    number: numbers[0],
    aliases: numbers.slice(1),
    title: flat(cellText(cells, cols.title)),
    source: flat(cellText(cells, cols.source)),
    notes: noteCols.map((i) => cellText(cells, i)).filter(Boolean).join('\n'),
    line: cells[cols.number]?.line ?? cells[0].line,
  };
}

function startsWithDocNumber(text: string): boolean {
  const numbers = docNumbersIn(text);
  const firstWord = text.split(/[\s,;()/]+/)[0].replace(/[\u2010-\u2013]/g, '-').replace(/^[.:]+|[.:]+$/g, '');
  return numbers.length > 0 && numbers[0] === firstWord;
}

/** An action row to an action; null for an empty row. */
export function actionOfRow(cells: TextCell[], cols: ActionColumns): ActionDraft | null {
  const what = cellText(cells, cols.what);
  const ref = cellText(cells, cols.ref);
  if (!what && !ref) return null;
  const status = cellText(cells, cols.status).toLowerCase();
  const due = normalizeDate(cellText(cells, cols.due ?? -1)) || undefined;
  const itemLabel = flat(cellText(cells, cols.item ?? -1)) || undefined;
  // A due cell that is not a date stays in the notes, with its header.
  const used = new Set([cols.ref, cols.what, cols.who, cols.status, ...(due ? [cols.due] : []), ...(itemLabel ? [cols.item] : [])]);
  const notes = cells
    .map((c, i) => {
      const v = c.text.trim();
      if (used.has(i) || !v) return '';
      return cols.labels[i] ? `${cols.labels[i]}: ${v}` : v;
    })
    .filter(Boolean)
    .join('\n');
  return {
    ref: flat(ref),
    what,
    who: flat(cellText(cells, cols.who)),
    status: /^(closed?|done|completed?|finished|resolved)\b/.test(status) ? 'closed' : 'open',
    notes,
    ...(due ? { due } : {}),
    ...(itemLabel ? { itemLabel } : {}),
  };
}

/** A bullet line's text without its bullet (`· text`, `• text`, `- text`, `o<TAB>text`), or null. */
export function bulletText(line: string): string | null {
  const m = /^\s*(?:[·•▪◦‣∙●○■□§➢►➤]|[-–*o](?=\s))\s*/u.exec(line);
  return m ? line.slice(m[0].length).trim() : null;
}

export interface DeliverableDraft {
  name: string;
  version: string;
  reference: string;
  note: string;
}

/**
 * A draft deliverable line: `TS-0003 Rel-2 Baseline: v2.1.0 (SEC-2016-0077)`, or without the colon when the
 * version starts with v (`TS-0001 v2.10.0 in ARC-2016-0300`). The reference is the document number after
 * the version (else what follows it, e.g. `available on portal`); the note keeps any other words
 * (`in SEC-2016-0075`).
 */
export function deliverableOfLine(text: string): DeliverableDraft | null {
  const t = text.slice(0, 1000);
  let name: string;
  let rest: string;
  const colon = t.indexOf(':');
  const vAt = t.search(/\sv\d+\.\d+/i);
  if (colon > 0 && colon <= 120 && (vAt < 0 || colon < vAt)) {
    name = t.slice(0, colon).trim();
    rest = t.slice(colon + 1).trim();
  } else if (vAt > 0 && vAt <= 120) {
    name = t.slice(0, vAt).trim().replace(/[\s,;-]+$/, '');
    rest = t.slice(vAt).trim();
  } else return null;
  if (!name || !/\bT[SR][- ]?\d|baseline|draft|\bspec/i.test(name)) return null;
  const vm = /^(v\d+(?:\.\d+){1,3}|\d+\.\d+\.\d+)\b\s*/i.exec(rest);
  if (!vm) return null;
  const after = rest.slice(vm[0].length).trim();
  const inner = after.replace(/^\((.*)\)$/, '$1').trim();
  const doc = docNumbersIn(inner)[0];
  return {
    name,
    version: vm[1],
    reference: doc ?? inner,
    note: doc && inner !== doc ? inner : '',
  };
}
