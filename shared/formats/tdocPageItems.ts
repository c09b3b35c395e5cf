/**
 * Agenda items written as rows of a Tdocs-by-agenda table (htmlTdocsByAgenda.ts), for pages whose items are
 * not in an AI column: "header rows" with `-` where the Tdoc number goes, the item's title under Subject,
 * `Docs:=N` under Comments and `-` in the other Tdoc cells, of one or more levels (issue 25).
 *
 * Some pages have two levels of such rows, told apart only by their background colour; the upper level
 * has a short word (an owner's name or a marker) in one cell, the work item's, where the lower level has
 * `-`: with no AI column (the lower rows are then the upper item's sub-items, never merged by title), or
 * with one where the lower rows repeat their upper item's number (SA2 #137-e: `4.1 Common issues` in
 * blue, then `4.1 LS with no input` in green). `headerLevels` gives each colour its level: colours whose
 * rows carry such a word first, then the others, each group in the order the page first shows it. The
 * top level nests by numbers as a page of one colour does.
 *
 * An item's number is only ever an agenda item number at the start of the title (`6.5.3 Title`, `AI 6.5.3:
 * Title`): a title's first word of letters and digits (`5G_ProSe`, `R18`) is part of the title.
 */
import type { GridCell } from './htmlTable.js';
import { cleanText, splitLabel } from './normalize.js';
import type { TdocField } from './tdocColumns.js';
import type { TdocCells } from './tdocRows.js';

export interface HeaderRow {
  label: string;
  title: string;
  /** The documents the row announces ('Docs:=N'). */
  docs?: number;
  /** A short word in a cell besides the title (the upper level's owner or marker), '' when none. */
  marker: string;
  /** The row's background colour ('' when the page gives none). */
  bg: string;
}

/** An agenda item number: '1', '2.1', '6.5.3', '7.' (not a spec number such as '23.501'). */
export const ITEM_NUMBER = /^\d{1,2}(?:\.\d{1,2}){0,5}\.?$/;
export const DOCS = /\(?\s*Docs\s*:?=\s*(\d+)\s*\)?/i;
/** Cells a header row leaves as placeholders. */
const PLACEHOLDER = /^-+$/;
/** The most a marker may be: a name or a short word. */
const MARKER = /^\S+(?:\s+\S+){0,3}$/;

/** A title with its item number split off when it starts with one ('AI 6.5.3: Title', '6.5.3 Title'). */
export function itemLabel(text: string): { label: string; title: string } {
  const t = cleanText(text).replace(/^\s*(?:AI|Agenda item)\s*#?\s*:?\s*(?=\d)/i, '').replace(/^(\S+?)\s*[-:–]\s+/, '$1 ');
  const [label, title] = splitLabel(t);
  if (label && ITEM_NUMBER.test(label)) return { label: label.replace(/\.$/, ''), title };
  return { label: '', title: label ? cleanText(text) : title };
}

/**
 * A header row: `-` where the Tdoc number goes, a title under Subject (or Topic), and besides it only
 * placeholders, `Docs:=N` and at most one short word. Null for anything else (a Tdoc, a row with text).
 */
export function headerRow(row: GridCell[], cells: TdocCells, header: Map<TdocField, number>): HeaderRow | null {
  const num = cleanText(cells.number);
  if (num && !PLACEHOLDER.test(num)) return null;
  const titleCol = header.get('title') ?? header.get('agendaTitle');
  if (titleCol === undefined) return null;
  const raw = cleanText(row[titleCol]?.text);
  if (!raw || PLACEHOLDER.test(raw) || row[titleCol].spread) return null;
  const aiCol = header.get('agendaLabel');
  const ai = aiCol === undefined ? '' : cleanText(row[aiCol]?.text).replace(/\.$/, '');
  if (ai && !ITEM_NUMBER.test(ai)) return null;
  let docs: number | undefined;
  const others: string[] = [];
  row.forEach((c, i) => {
    if (c.spread) return;
    const t = cleanText(c.text);
    const d = DOCS.exec(t);
    if (d) docs = Number(d[1]);
    if (i === titleCol || i === header.get('number') || i === aiCol) return;
    const rest = cleanText(t.replace(DOCS, ''));
    if (rest && !PLACEHOLDER.test(rest)) others.push(rest);
  });
  // Without the '-' where the number goes, only the announced count tells an item from a Tdoc.
  if (!num && docs === undefined) return null;
  if (others.length > 1 || (others.length === 1 && !MARKER.test(others[0]))) return null;
  // The AI cell's number, else one the title starts with.
  const { label, title } = ai ? { label: ai, title: cleanText(raw.replace(DOCS, '')) } : itemLabel(raw.replace(DOCS, ''));
  const bg = row[header.get('number') ?? 0]?.bg ?? row.find((c) => c.bg)?.bg ?? '';
  return { label, title, docs, marker: others[0] ?? '', bg };
}

/**
 * The level of each background colour of a page's header rows (1 the top), or null when the page has one
 * colour (or none): its items nest by their numbers.
 */
export function headerLevels(rows: readonly HeaderRow[]): Map<string, number> | null {
  const seen = new Map<string, { first: number; marked: number; count: number }>();
  rows.forEach((r, i) => {
    const s = seen.get(r.bg) ?? { first: i, marked: 0, count: 0 };
    s.count++;
    if (r.marker) s.marked++;
    seen.set(r.bg, s);
  });
  if (seen.size < 2) return null;
  const marked = (s: { marked: number; count: number }) => s.marked * 2 > s.count;
  const order = [...seen.entries()].sort(([, a], [, b]) => Number(marked(b)) - Number(marked(a)) || a.first - b.first);
  return new Map(order.map(([bg], i) => [bg, i + 1]));
}
