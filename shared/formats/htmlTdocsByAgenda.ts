/**
 * 3GPP 'Tdocs by agenda' pages (.htm): Word-exported HTML in windows-1252 holding one table with the columns
 * AI, TD#, Type, Doc For, Subject, Source, Rel, Work Item, Comments, Result. A row with '-' for TD# opens an
 * agenda item (its Subject is the item's title, 'Docs:=N' its announced count); the others are documents,
 * with Result as their status (working markers such as OPEN or 'Block Approve?' kept as statuses). Columns
 * no field takes (Rel, Work Item, or any other) are kept per document in `columns`, '-' placeholders left out.
 *
 * Any HTML table whose header row names a document number column is read the same way, so exports of other
 * tools work too. The pages put their table after `</html>`; closing body/html tags are dropped before parsing
 * so nothing after them is lost.
 */
import { parse, type HTMLElement } from 'node-html-parser';
import { MeetingBuilder } from './meetingBuilder.js';
import { cleanText } from './normalize.js';
import { mapTdocHeader } from './tdocColumns.js';
import { addTdocRow, cellsOf, columnsOf, extraColumns, hasText, isRepeatedHeader } from './tdocRows.js';
import { ImportError, type ImportContext, type ImportResult } from './types.js';
import { decodeText, decodeWindows1252 } from './decodeText.js';
import { htmlLines, pageRowGroups, rowsGrid, spreadGrid, type GridCell } from './htmlTable.js';
import { scanTableRows } from './htmlRowScan.js';

/** Pages larger than this are read by scanning their tags when they hold only flat tables. */
export const SCAN_ABOVE_CHARS = 4 * 1024 * 1024;
import { htmlBlocks } from './htmlBlocks.js';
import { wordAgenda } from './wordAgenda.js';

/** A page's text: UTF-8 when it is valid UTF-8 (or says so), else windows-1252 as Word writes it. */
export function decodeHtml(data: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(data.subarray(0, 4096));
  const declared = /charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared && /^(windows-1252|cp1252|iso-8859-1|latin1|us-ascii|ascii)$/.test(declared)) return decodeWindows1252(data);
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return new TextDecoder(declared).decode(data);
    } catch {
      /* unknown label: fall through */
    }
  }
  return decodeText(data);
}

export function importHtmlTdocsByAgenda(data: Uint8Array, ctx: ImportContext = {}): ImportResult {
  const text = decodeHtml(data);
  if (/\u0000/.test(text.slice(0, 4096))) throw new ImportError('not an HTML page (it holds binary data)');
  if (!/<\s*(table|tr|td|html|body)\b/i.test(text)) throw new ImportError('not an HTML page with a table');
  const page = text.replace(/<\/\s*(body|html)\s*>/gi, '');
  // A large page of flat tables is read by scanning its tags (linear, small in memory); others as a DOM.
  const scanned = page.length > SCAN_ABOVE_CHARS ? scanTableRows(page) : undefined;
  const root = scanned ? undefined : parse(page, { comment: false });
  const b = new MeetingBuilder('3gpp');
  b.meta.body = '3GPP';
  b.meta.title = titleOf(root, page, ctx.fileName);

  const expected = new Map<string, { count: number; row: number }>();
  const found = new Map<string, number>();
  let tables = 0;
  const groups: (() => GridCell[][])[] = scanned ? scanned.map((rows) => () => spreadGrid(rows)) : pageRowGroups(root!).map((rows) => () => rowsGrid(rows));
  for (const gridOf of groups) {
    const grid = gridOf();
    const headerAt = grid.slice(0, 5).findIndex((r) => mapTdocHeader(r.map((c) => c.text)));
    if (headerAt < 0) continue;
    tables++;
    const header = mapTdocHeader(grid[headerAt].map((c) => c.text))!;
    const extras = extraColumns(grid[headerAt].map((c) => c.text), b, { row: headerAt + 1 });
    for (let i = headerAt + 1; i < grid.length; i++) {
      const raw = grid[i].map((c) => c.text);
      if (isRepeatedHeader(raw, header)) continue;
      const cells = cellsOf(raw, header);
      const where = { row: i + 1 };
      const num = cleanText(cells.number);
      if ((num === '-' || num === '') && cells.agendaLabel) {
        // An agenda item row: '-' in the document columns, its title under Subject.
        const label = cleanText(cells.agendaLabel);
        const title = cleanText(cells.title ?? cells.agendaTitle);
        b.itemByLabel(label, title === '-' ? '' : title);
        const docs = /Docs:=\s*(\d+)/.exec(cells.notes ?? '');
        if (docs) expected.set(label, { count: Number(docs[1]), row: i + 1 });
        continue;
      }
      for (const k of Object.keys(cells) as (keyof typeof cells)[]) if (cleanText(cells[k]) === '-') delete cells[k];
      const columns = columnsOf(raw, extras, b, where, '-');
      if (addTdocRow(b, cells, where, null, hasText(raw.filter((t) => t !== '-')), columns) === 'contribution' && cells.agendaLabel) {
        const l = cleanText(cells.agendaLabel);
        found.set(l, (found.get(l) ?? 0) + 1);
      }
    }
  }
  if (tables === 0) {
    // Not a Tdoc list: perhaps an agenda saved from Word as a web page.
    try {
      return wordAgenda(htmlBlocks(text.replace(/<\/\s*(body|html)\s*>/gi, '')), text, 'the page');
    } catch (e) {
      if (e instanceof ImportError) {
        throw new ImportError('neither a Tdoc list (no header row with a TD# or TDoc column) nor an agenda (no numbered headings or agenda table) in the page');
      }
      throw e;
    }
  }
  for (const [label, e] of expected) {
    const n = found.get(label) ?? 0;
    // Fewer than announced may mean a page cut short; more is a stale count and says nothing is missing.
    if (n < e.count) b.warn(`agenda item ${label} announces ${e.count} documents (Docs:=${e.count}) but ${n} are listed; the page may be cut short`, { row: e.row });
  }
  const total = /Total documents:\s*(?:<[^>]*>\s*)*(\d+)/i.exec(text);
  if (total && Number(total[1]) !== b.contributionCount) {
    b.warn(`the page says "Total documents: ${total[1]}" but ${b.contributionCount} are listed`);
  }
  if (!total && b.contributionCount > 0 && /Temporary Documents List/i.test(text)) {
    b.warn('the page has no "Total documents" footer; it may be cut short');
  }
  return { meeting: b.build(), warnings: b.warnings };
}

function titleOf(root: HTMLElement | undefined, page: string, fileName = ''): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const m = /TdocsByAgenda[_ -]+(.+?)\.html?$/i.exec(base);
  if (m) return m[1];
  const title = root ? root.querySelector('title')?.text : htmlLines(/<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(page)?.[1] ?? '').join(' ');
  return cleanText(title) || base.replace(/\.html?$/i, '');
}
