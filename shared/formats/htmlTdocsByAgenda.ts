/**
 * 3GPP 'Tdocs by agenda' pages (.htm): Word-exported HTML in windows-1252 holding one table with the columns
 * AI, TD#, Type, Doc For, Subject, Source, Rel, Work Item, Comments, Result. A row with '-' for TD# opens an
 * agenda item (its Subject is the item's title, 'Docs:=N' its announced count); the others are documents,
 * with Result as their status (working markers such as OPEN or 'Block Approve?' kept as statuses). Columns
 * no field takes (Rel, Work Item, or any other) are kept per document in `columns`, '-' placeholders left out.
 *
 * Any HTML table whose header row names a document number column is read the same way, so exports of other
 * tools work too: the portal's Tdoc export and agenda with allocation (Agenda, Topic, TDoc, Title, Source, Type,
 * For, Avail, Treated, Decision, Wdrn, Replaced-by, Replaces; the Agenda/Topic cells filled on an item's first
 * row only), and pages whose agenda items are rows of their own without an AI column. Tables are read by a
 * linear tag scan (htmlTableScan.ts), which copes with the portal's `<TD>...</TH>` cells and with the Word
 * pages' table after `</html>`. A page stating "Total documents: N" must hold N Tdoc rows, or it is refused.
 */
import { MeetingBuilder } from './meetingBuilder.js';
import { cleanText, normalizeNumber, splitLabel } from './normalize.js';
import { mapTdocHeader, type TdocField } from './tdocColumns.js';
import { addTdocRow, cellsOf, columnsOf, extraColumns, hasText, isRepeatedHeader, type ExtraColumn, type TdocCells } from './tdocRows.js';
import { isGenericPageTitle, meetingNameFromTdocs, nameFromNumbers } from './meetingName.js';
import { ImportError, type ImportContext, type ImportResult } from './types.js';
import { decodeText, decodeWindows1252 } from './decodeText.js';
import { decodeEntities, type GridCell } from './htmlTable.js';
import { scanTables } from './htmlTableScan.js';
import { htmlBlocks } from './htmlBlocks.js';
import { wordAgenda } from './wordAgenda.js';

/** A page's text: UTF-8 when it is valid UTF-8 (or says so), else windows-1252 as Word writes it. */
export function decodeHtml(data: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(data.subarray(0, 4096));
  const declared = /charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared && /^(windows-1252|cp1252|iso-8859-1|latin1|us-ascii|ascii)$/.test(declared)) {
    // The portal writes some pages in UTF-8 under a windows-1252 label: bytes that are valid UTF-8 are read so
    // (windows-1252 text with accents is almost never valid UTF-8).
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      return decodeWindows1252(data);
    }
  }
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return new TextDecoder(declared).decode(data);
    } catch {
      /* unknown label: fall through */
    }
  }
  return decodeText(data);
}

/** A Tdoc number at the start of a cell: 'S2-1901234', 'S3‑245134' (odd hyphens folded first). */
const DOC_NUMBER = /^[A-Z][A-Za-z0-9]*-[A-Za-z0-9-]*\d/;
/** The portal's 'Wdrn' column (withdrawn: Yes/No). */
const WITHDRAWN_HEADER = /^(wdrn|withdrawn)$/i;

/** An agenda item number: '1', '2.1', '6.5.3', '7.' (not a spec number such as '23.501'). */
const ITEM_NUMBER = /^\d{1,2}(?:\.\d{1,2}){0,5}\.?$/;
const DOCS = /\(?\s*Docs\s*:?=\s*(\d+)\s*\)?/i;

/** One cell with text, first in the row, the rest spread from it or empty: a row across the table. */
function isSpanning(row: GridCell[]): boolean {
  const own = row.filter((c) => !c.spread && c.text);
  return row.length > 1 && own.length === 1 && own[0] === row[0];
}

/**
 * A row that is an agenda item rather than a Tdoc, in a table without an AI column (or one it spans): no Tdoc
 * number, and either one cell across the table, or one text beside placeholders ('-', 'Docs:=N') that starts
 * with an item number, or an item number where the Tdoc number goes with the title beside it.
 * '6.5.3 Title (Docs:=4)', 'AI 6.5.3: Title', 'Agenda item 6.5.3 - Title'. Null for a Tdoc row.
 */
function itemRow(row: GridCell[], num: string): { label: string; title: string; docs?: number } | null {
  if (DOC_NUMBER.test(normalizeNumber(num).number)) return null;
  const own = row.filter((c) => !c.spread && c.text);
  const spans = isSpanning(row);
  const docsCell = own.map((c) => DOCS.exec(c.text)).find(Boolean);
  const texts = [...new Set(own.map((c) => cleanText(c.text.replace(DOCS, ''))).filter((t) => t && t !== '-'))];
  const docs = docsCell ? Number(docsCell[1]) : undefined;
  if (ITEM_NUMBER.test(num)) {
    const title = texts.find((t) => t !== num) ?? '';
    return { label: num.replace(/\.$/, ''), title, docs };
  }
  if (num !== '' && num !== '-' && !spans) return null;
  if (texts.length !== 1) return null;
  const text = texts[0].replace(/^\s*(?:AI|Agenda item)\s*#?\s*:?\s*/i, '').replace(/^(\S+?)\s*[-:–]\s+/, '$1 ');
  const [label, title] = splitLabel(text);
  if (!label && !spans && docs === undefined) return null;
  return { label, title, docs };
}

export function importHtmlTdocsByAgenda(data: Uint8Array, ctx: ImportContext = {}): ImportResult {
  const text = decodeHtml(data);
  if (/\u0000/.test(text.slice(0, 4096))) throw new ImportError('not an HTML page (it holds binary data)');
  if (!/<\s*(table|tr|td|html|body)\b/i.test(text)) throw new ImportError('not an HTML page with a table');
  const b = new MeetingBuilder('3gpp');
  b.meta.body = '3GPP';
  b.meta.title = titleOf(text, ctx.fileName);

  const page = readTdocTables(text, b);
  if (page.tables === 0) {
    // Not a Tdoc list: perhaps an agenda saved from Word as a web page.
    try {
      return wordAgenda(htmlBlocks(fixCellClosers(text.replace(/<\/\s*(body|html)\s*>/gi, ''))), text, 'the page');
    } catch (e) {
      if (e instanceof ImportError) {
        throw new ImportError('neither a Tdoc list (no header row with a TD# or TDoc column) nor an agenda (no numbered headings or agenda table) in the page');
      }
      throw e;
    }
  }
  checkCounts(text, page);
  b.zoneFromVenue();
  const meeting = b.build();
  // The Word export's <title> names no meeting: the agenda Tdoc does (meetingName.ts).
  if (isGenericPageTitle(meeting.meta.title)) {
    meeting.meta.title = meetingNameFromTdocs(meeting.contributions) ?? (nameFromNumbers(meeting.contributions) || 'Tdocs by agenda item');
  }
  return { meeting, warnings: b.warnings };
}

/** Where reading the page's tables is (the header in force, the current item), and what it counted. */
interface TdocPage {
  b: MeetingBuilder;
  /** Tables with a Tdoc header row. */
  tables: number;
  /** The Tdoc header in force: a table without a header row continues the last one (a page break in Word). */
  header: Map<TdocField, number> | null;
  extras: ExtraColumn[];
  withdrawnCol: number;
  currentItem: string | null;
  currentLabel: string;
  /** Rows of the tables before the one being read. */
  rowNo: number;
  /** The documents each item announces ('Docs:=N'), by label, with the row saying so. */
  expected: Map<string, { count: number; row: number }>;
  /** Tdoc rows read under each item, by label. */
  found: Map<string, number>;
  /** Tdoc numbers read (a Tdoc listed twice is one document of the page's total). */
  distinct: Set<string>;
}

/** Reads every table of the page that is a Tdoc list (or continues one) into `b`, row by row. */
function readTdocTables(text: string, b: MeetingBuilder): TdocPage {
  const page: TdocPage = {
    b,
    tables: 0,
    header: null,
    extras: [],
    withdrawnCol: -1,
    currentItem: null,
    currentLabel: '',
    rowNo: 0,
    expected: new Map(),
    found: new Map(),
    distinct: new Set(),
  };
  for (const grid of scanTables(text)) {
    const from = firstTdocRow(page, grid);
    if (from >= 0) for (let i = from; i < grid.length; i++) readRow(page, grid[i], { row: page.rowNo + i + 1 });
    page.rowNo += grid.length;
  }
  return page;
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

/** One row under the header in force: a repeated header (skipped), an agenda item, or a Tdoc. */
function readRow(page: TdocPage, row: GridCell[], where: { row: number }): void {
  const h = page.header!;
  const raw = row.map((c) => c.lines.join('\n'));
  if (isRepeatedHeader(row.map((c) => c.text), h)) return;
  const cells = cellsOf(raw, h);
  if (readItemRow(page, row, cells, where)) return;
  readTdocRow(page, row, raw, cells, where);
}

/** A row that opens an agenda item (and may announce its document count): true when it is one. */
function readItemRow(page: TdocPage, row: GridCell[], cells: TdocCells, where: { row: number }): boolean {
  const { b } = page;
  const h = page.header!;
  const num = cleanText(cells.number);
  // With an AI column of its own, a row is read by it (below); a row across the table is read here.
  const item = h.has('agendaLabel') && cleanText(cells.agendaLabel) && !isSpanning(row) ? null : itemRow(row, num);
  if (item) {
    // An agenda item written as a row of its own in a table without an AI column.
    page.currentItem = b.itemByLabel(item.label, item.title);
    page.currentLabel = item.label || `#${page.currentItem}`;
    if (item.docs !== undefined) page.expected.set(page.currentLabel, { count: item.docs, row: where.row });
    return true;
  }
  if ((num === '-' || num === '') && cells.agendaLabel && (num === '-' || !h.has('title') || !cleanText(cells.title))) {
    // An agenda item row: '-' (or nothing) in the document columns, its title under Subject or Topic.
    const label = cleanText(cells.agendaLabel);
    const title = cleanText(cells.agendaTitle) || cleanText(cells.title);
    page.currentItem = b.itemByLabel(label, title === '-' ? '' : title);
    page.currentLabel = label;
    const docs = /Docs:=\s*(\d+)/.exec(cells.notes ?? '');
    if (docs) page.expected.set(label, { count: Number(docs[1]), row: where.row });
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
  if (label || cleanText(cells.agendaTitle)) {
    page.currentItem = b.itemByLabel(label, cleanText(cells.agendaTitle));
    page.currentLabel = label || `#${page.currentItem}`;
  }
  delete cells.agendaLabel;
  delete cells.agendaTitle;
  // Comments behind a tooltip (the portal's 'Treated' column) join the notes.
  const tips = row.flatMap((c) => (c.spread ? [] : c.tips ?? []));
  if (tips.length) cells.notes = [cells.notes, ...tips].filter(Boolean).join('\n');
  if (page.withdrawnCol >= 0 && /^y(es)?$/i.test(cleanText(raw[page.withdrawnCol])) && !cleanText(cells.status)) cells.status = 'Withdrawn';
  const columns = columnsOf(raw, page.extras, b, where, '-');
  if (addTdocRow(b, cells, where, page.currentItem, hasText(raw.filter((t) => t !== '-')), columns) === 'contribution') {
    if (cleanText(cells.number)) page.distinct.add(cleanText(cells.number).toUpperCase());
    if (page.currentItem) page.found.set(page.currentLabel, (page.found.get(page.currentLabel) ?? 0) + 1);
  }
}

/**
 * The counts the page states: an item with fewer documents than it announces is warned of; a "Total
 * documents: N" the table does not hold refuses the page; a Tdoc list without that footer is warned of.
 */
function checkCounts(text: string, page: TdocPage): void {
  const { b } = page;
  for (const [label, e] of page.expected) {
    const n = page.found.get(label) ?? 0;
    // Fewer than announced may mean a page cut short; more is a stale count and says nothing is missing.
    if (n < e.count) b.warn(`agenda item ${label} announces ${e.count} documents (Docs:=${e.count}) but ${n} are listed; the page may be cut short`, { row: e.row });
  }
  const total = /Total documents:\s*(?:<[^>]*>\s*)*(\d+)/i.exec(text);
  if (total && Number(total[1]) !== b.contributionCount && Number(total[1]) !== page.distinct.size) {
    throw new ImportError(
      `the page says "Total documents: ${total[1]}" but its table has ${b.contributionCount} Tdoc rows; the page is cut short or not of a known layout, and a board missing Tdocs is not imported`,
    );
  }
  if (!total && b.contributionCount > 0 && /Temporary Documents List/i.test(text)) {
    b.warn('the page has no "Total documents" footer; it may be cut short');
  }
}

/**
 * The portal's `<TD>...</TH>`: each cell closer made to match its opener, so a DOM parser (htmlBlocks) does not
 * nest the cells into each other. One pass over the cell tags.
 */
export function fixCellClosers(html: string): string {
  let open = 'td';
  return html.replace(/<(\/?)\s*(td|th)\b/gi, (all, slash: string, tag: string) => {
    if (!slash) {
      open = tag.toLowerCase();
      return all;
    }
    return `</${open}`;
  });
}

function titleOf(text: string, fileName = ''): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const m = /TdocsByAgenda[_ -]+(.+?)\.html?$/i.exec(base);
  if (m) return m[1];
  const title = cleanText(decodeEntities(/<title[^>]*>([^<]*)<\/title/i.exec(text.slice(0, 20000))?.[1] ?? ''));
  // The portal titles every export 'TDoc list': the file name says which meeting.
  if (/^tdoc list$/i.test(title) && base) return base.replace(/\.html?$/i, '');
  if (isGenericPageTitle(title)) return '';
  return title || base.replace(/\.html?$/i, '');
}
