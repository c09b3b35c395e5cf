/**
 * The Tdoc tables of an HTML page (htmlTdocsByAgenda.ts) read row by row into a meeting builder: a table's
 * header row (or a table continuing the last one after a Word page break), then each row as a repeated
 * header, an agenda item or a Tdoc, and the counts the page states checked at the end.
 *
 * Agenda items are read from an AI column (`6.5.3` with `-` as TD#: SA2's item rows, or a Tdoc row naming
 * its item), or from rows of their own (tdocPageItems.ts): header rows with `-` as TD# and the title under
 * Subject, of one level or of two told apart by their background colour (each nested under the nearest
 * upper one, never merged by title), and rows spanning the table (`6.5.3 Title (Docs:=4)`).
 */
import { MeetingBuilder } from './meetingBuilder.js';
import type { GridCell } from './htmlTable.js';
import { cleanText, normalizeNumber } from './normalize.js';
import { mapTdocHeader, type TdocField } from './tdocColumns.js';
import { addTdocRow, cellsOf, columnsOf, extraColumns, hasText, isRepeatedHeader, type ExtraColumn, type TdocCells } from './tdocRows.js';
import { DOCS, ITEM_NUMBER, headerLevels, headerRow, itemLabel, type HeaderRow } from './tdocPageItems.js';
import { ImportError } from './types.js';

/** A Tdoc number at the start of a cell: 'S2-1901234', 'S3‑245134' (odd hyphens folded first). */
const DOC_NUMBER = /^[A-Z][A-Za-z0-9]*-[A-Za-z0-9-]*\d/;
/** The portal's 'Wdrn' column (withdrawn: Yes/No). */
const WITHDRAWN_HEADER = /^(wdrn|withdrawn)$/i;

/** Where reading the page's tables is (the header in force, the current item), and what it counted. */
export interface TdocPage {
  b: MeetingBuilder;
  /** Tables with a Tdoc header row. */
  tables: number;
  /** The Tdoc header in force: a table without a header row continues the last one (a page break in Word). */
  header: Map<TdocField, number> | null;
  extras: ExtraColumn[];
  withdrawnCol: number;
  currentItem: string | null;
  /** The current item's number ('' for an unnumbered one). */
  currentLabel: string;
  /** Levels of header rows by background colour (tdocPageItems.ts), null for a page of one level. */
  levels: Map<string, number> | null;
  /** The items opened by rows of their own, latest last, with their levels and numbers. */
  open: { id: string; level: number; label: string }[];
  /** The item a sub-item (level 2 and deeper) was put under, by its id: an item's count includes its sub-items'. */
  parentOf: Map<string, string>;
  /** Rows of the tables before the one being read. */
  rowNo: number;
  /** The documents each item announces ('Docs:=N'), by item id, with the row saying so. */
  expected: Map<string, { count: number; row: number; name: string }>;
  /** Tdoc rows read under each item, by item id. */
  found: Map<string, number>;
  /** Tdoc numbers read (a Tdoc listed twice is one document of the page's total). */
  distinct: Set<string>;
  /** Rows read as a Tdoc without a number, and the first one's row. */
  numberless: { count: number; row: number };
}

/** Every table of the page (scanTables' grids) that is a Tdoc list, or continues one, read into `b`. */
export function readTdocTables(grids: GridCell[][][], b: MeetingBuilder): TdocPage {
  const page = newPage(b);
  // First the header rows alone, for the levels their colours give (a scratch builder takes the warnings).
  const scratch = newPage(new MeetingBuilder());
  const heads: HeaderRow[] = [];
  eachRow(scratch, grids, (row, cells) => {
    const head = cells ? headerRow(row, cells, scratch.header!) : null;
    if (head) heads.push(head);
  });
  page.levels = headerLevels(heads);
  eachRow(page, grids, (row, cells, raw, where) => {
    if (cells && !readItemRow(page, row, cells, where)) readTdocRow(page, row, raw, cells, where);
  });
  return page;
}

function newPage(b: MeetingBuilder): TdocPage {
  return {
    b,
    tables: 0,
    header: null,
    extras: [],
    withdrawnCol: -1,
    currentItem: null,
    currentLabel: '',
    levels: null,
    open: [],
    parentOf: new Map(),
    rowNo: 0,
    expected: new Map(),
    found: new Map(),
    distinct: new Set(),
    numberless: { count: 0, row: 0 },
  };
}

/** Calls `visit` for each row under a header in force; `cells` undefined for a repeated header row. */
function eachRow(page: TdocPage, grids: GridCell[][][], visit: (row: GridCell[], cells: TdocCells | undefined, raw: string[], where: { row: number }) => void): void {
  for (const grid of grids) {
    const from = firstTdocRow(page, grid);
    if (from >= 0) {
      for (let i = from; i < grid.length; i++) {
        const row = grid[i];
        const raw = row.map((c) => c.lines.join('\n'));
        const repeated = isRepeatedHeader(row.map((c) => c.text), page.header!);
        visit(row, repeated ? undefined : cellsOf(raw, page.header!), raw, { row: page.rowNo + i + 1 });
      }
    }
    page.rowNo += grid.length;
  }
}

/**
 * A table's header row (in its first five) is put in force and the rows after it are read; a table
 * without one continues the last only when its rows carry Tdoc numbers where that header said. The
 * index of the first row to read, or -1 for a table that is not read.
 */
function firstTdocRow(page: TdocPage, grid: GridCell[][]): number {
  const headerAt = grid.slice(0, 5).findIndex((r) => mapTdocHeader(r.map((c) => c.text)));
  if (headerAt >= 0) {
    const head = grid[headerAt].map((c) => c.text);
    page.header = mapTdocHeader(head)!;
    page.extras = extraColumns(head, page.b, { row: page.rowNo + headerAt + 1 });
    page.withdrawnCol = head.findIndex((h) => WITHDRAWN_HEADER.test(cleanText(h)));
    page.tables++;
    return headerAt + 1;
  }
  // No header: a continuation only when its rows carry Tdoc numbers where the header said.
  const numCol = page.header?.get('number') ?? -1;
  if (!page.header || !grid.some((r) => DOC_NUMBER.test(normalizeNumber(r[numCol]?.text ?? '').number))) return -1;
  return 0;
}

/** True when the row names no item in an AI column (an item, if any, is the row itself). */
function isItemless(page: TdocPage, cells: TdocCells): boolean {
  return !page.header!.has('agendaLabel') || !cleanText(cells.agendaLabel);
}

/** One cell with text, first in the row, the rest spread from it or empty: a row across the table. */
function isSpanning(row: GridCell[]): boolean {
  const own = row.filter((c) => !c.spread && c.text);
  return row.length > 1 && own.length === 1 && own[0] === row[0];
}

/**
 * A row across the table, or an item number where the Tdoc number goes, that is an agenda item:
 * '6.5.3 Title (Docs:=4)', 'AI 6.5.3: Title', 'Agenda item 6.5.3 - Title'. Null for a Tdoc row.
 */
function spanningItem(row: GridCell[], num: string): { label: string; title: string; docs?: number } | null {
  if (DOC_NUMBER.test(normalizeNumber(num).number)) return null;
  const own = row.filter((c) => !c.spread && c.text);
  const docsCell = own.map((c) => DOCS.exec(c.text)).find(Boolean);
  const texts = [...new Set(own.map((c) => cleanText(c.text.replace(DOCS, ''))).filter((t) => t && t !== '-'))];
  const docs = docsCell ? Number(docsCell[1]) : undefined;
  if (ITEM_NUMBER.test(num)) return { label: num.replace(/\.$/, ''), title: texts.find((t) => t !== num) ?? '', docs };
  const spans = isSpanning(row);
  if ((num !== '' && num !== '-' && !spans) || texts.length !== 1) return null;
  const item = itemLabel(texts[0]);
  if (!item.label && !spans && docs === undefined) return null;
  return { ...item, docs };
}

/**
 * Opens an item the page names in a row of its own. At the top level (or on a page of one level) it is
 * placed by its number, an unnumbered one at the top; at a lower level (`level` from the row's colour)
 * under the latest item of a higher level with its number (SA2 #137-e's sub-groups repeat it), else the
 * latest of a higher level, and never merged with an earlier item of the same title.
 */
function openItem(page: TdocPage, item: { label: string; title: string; docs?: number }, level: number | undefined, where: { row: number }): void {
  const { b } = page;
  let id: string;
  const lvl = level ?? 1;
  if (lvl > 1) {
    const above = page.open.filter((o) => o.level < lvl);
    const parent = (item.label ? above.findLast((o) => o.label === item.label) : undefined) ?? above.at(-1);
    id = b.addItem({ label: item.label, title: item.title }, parent?.id ?? null);
    if (parent) page.parentOf.set(id, parent.id);
  } else id = item.label ? b.itemByLabel(item.label, item.title) : b.addItem({ label: '', title: item.title }, 'label');
  page.open = [...page.open.filter((o) => o.level < lvl), { id, level: lvl, label: item.label }];
  page.currentItem = id;
  page.currentLabel = item.label;
  if (item.docs !== undefined) page.expected.set(id, { count: item.docs, row: where.row, name: item.label || `"${item.title}"` });
}

/** A row that opens an agenda item (and may announce its document count): true when it is one. */
function readItemRow(page: TdocPage, row: GridCell[], cells: TdocCells, where: { row: number }): boolean {
  const h = page.header!;
  const num = cleanText(cells.number);
  // '-' where the number goes: an item row (SA2's, with or without an AI cell), of a level by its colour.
  const head = headerRow(row, cells, h);
  if (head) {
    openItem(page, head, page.levels?.get(head.bg), where);
    return true;
  }
  if (isItemless(page, cells) || isSpanning(row)) {
    const item = spanningItem(row, num);
    if (item) {
      openItem(page, item, undefined, where);
      return true;
    }
  }
  if ((num === '-' || num === '') && cells.agendaLabel && (num === '-' || !h.has('title') || !cleanText(cells.title))) {
    // An agenda item row: '-' (or nothing) in the document columns, its number under AI, its title under Subject or Topic.
    const label = cleanText(cells.agendaLabel);
    const title = cleanText(cells.agendaTitle) || cleanText(cells.title);
    const docs = /Docs:=\s*(\d+)/.exec(cells.notes ?? '');
    openItem(page, { label, title: title === '-' ? '' : title, docs: docs ? Number(docs[1]) : undefined }, undefined, where);
    return true;
  }
  return false;
}

/** A Tdoc row: its number, item (when the row names one), notes, status and other columns, added to `b`. */
function readTdocRow(page: TdocPage, row: GridCell[], raw: string[], cells: TdocCells, where: { row: number }): void {
  const { b } = page;
  for (const k of Object.keys(cells) as (keyof typeof cells)[]) if (cleanText(cells[k]) === '-') delete cells[k];
  // The number is the cell's first Tdoc number ('S2-1901234' over 'late', 'S2-1901234 (rev 1)'), an odd
  // hyphen folded; what else the cell says joins the notes.
  if (cells.number) {
    const all = normalizeNumber(cells.number.replace(/\n/g, ' ')).number;
    const m = /^([A-Z][A-Za-z0-9]*-[A-Za-z0-9-]*\d)\b\s*(.*)$/.exec(all);
    cells.number = m ? m[1] : all;
    if (m?.[2]) cells.notes = [m[2], cells.notes].filter(Boolean).join('\n');
  }
  const label = cleanText(cells.agendaLabel);
  const agendaTitle = cleanText(cells.agendaTitle);
  // A row naming the item it is under (the AI cell of every SA2 row) stays under it, even when an
  // earlier item has the same number.
  if ((label || agendaTitle) && !(label === page.currentLabel && !agendaTitle && page.currentItem)) {
    page.currentItem = b.itemByLabel(label, agendaTitle);
    page.currentLabel = label;
  }
  delete cells.agendaLabel;
  delete cells.agendaTitle;
  // Comments behind a tooltip (the portal's 'Treated' column) join the notes.
  const tips = row.flatMap((c) => (c.spread ? [] : c.tips ?? []));
  if (tips.length) cells.notes = [cells.notes, ...tips].filter(Boolean).join('\n');
  if (page.withdrawnCol >= 0 && /^y(es)?$/i.test(cleanText(raw[page.withdrawnCol])) && !cleanText(cells.status)) cells.status = 'Withdrawn';
  const columns = columnsOf(raw, page.extras, b, where, '-');
  if (addTdocRow(b, cells, where, page.currentItem, hasText(raw.filter((t) => t !== '-')), columns) === 'contribution') {
    const number = cleanText(cells.number);
    if (number) page.distinct.add(number.toUpperCase());
    else if (!page.numberless.count++) page.numberless.row = where.row;
    if (page.currentItem) page.found.set(page.currentItem, (page.found.get(page.currentItem) ?? 0) + 1);
  }
}

/**
 * The counts the page states: an item with fewer documents than it announces is warned of; a "Total
 * documents: N" the table does not hold refuses the page, and so does a row read as a Tdoc without a
 * number on a page with that total (a row of a layout not known: an agenda item not recognised as one);
 * a Tdoc list without that footer is warned of.
 */
export function checkCounts(text: string, page: TdocPage): void {
  const { b } = page;
  // An item's documents include its sub-items' (an upper row's Docs:=N counts the rows under its lower ones).
  const under = new Map(page.found);
  for (const [id, n] of page.found) {
    for (let p = page.parentOf.get(id), hops = 0; p && hops < 100; p = page.parentOf.get(p), hops++) under.set(p, (under.get(p) ?? 0) + n);
  }
  for (const [id, e] of page.expected) {
    const n = under.get(id) ?? 0;
    // Fewer than announced may mean a page cut short; more is a stale count and says nothing is missing.
    if (n < e.count) b.warn(`agenda item ${e.name} announces ${e.count} documents (Docs:=${e.count}) but ${n} are listed; the page may be cut short`, { row: e.row });
  }
  const total = /Total documents:\s*(?:<[^>]*>\s*)*(\d+)/i.exec(text);
  // The total counts the page's documents: every row read as a Tdoc, or (a Tdoc listed under two items is
  // one document) every number once, but only when every such row has a number: a row read as a Tdoc
  // without one must be one of the documents counted, else it is a row of a layout not known.
  const n = total ? Number(total[1]) : undefined;
  if (n !== undefined && n !== b.contributionCount && (page.numberless.count > 0 || n !== page.distinct.size)) {
    const numberless = page.numberless.count
      ? `, ${page.numberless.count} of them (the first at row ${page.numberless.row}) with text and no Tdoc number, not agenda items of a known layout; a board with rows taken for Tdocs is not imported`
      : '; the page is cut short or not of a known layout, and a board missing Tdocs is not imported';
    throw new ImportError(`the page says "Total documents: ${n}" but its table has ${b.contributionCount} Tdoc rows${numberless}`);
  }
  if (!total && b.contributionCount > 0 && /Temporary Documents List/i.test(text)) {
    b.warn('the page has no "Total documents" footer; it may be cut short');
  }
}
