/**
 * The rows of a page's tables read by scanning its tags, without building a DOM: linear in the page and
 * small in memory, for large flat Tdoc lists (a 28 MB page through node-html-parser takes gigabytes and
 * minutes). It gives up (undefined) on anything but flat tables (a table inside a table, a row or cell
 * outside one), and the caller then parses the page as before; on the pages it reads, it finds the same
 * rows and cells as htmlTable.ts's pageRowGroups and rowsGrid (tests/formats/htmlRowScan.test.ts checks
 * this on every page of the test and real fixtures).
 */
import { htmlLines, type RawCell } from './htmlTable.js';

const TAG = /<(\/?)(table|tr|td|th)\b([^>]*)>/gi;
const ATTR = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
const COLSPAN = ATTR('colspan');
const ROWSPAN = ATTR('rowspan');

/** Each table's rows of raw cells, in page order; undefined when the page is not a set of flat tables. */
export function scanTableRows(html: string): RawCell[][][] | undefined {
  // Comments may hold tags; the DOM reader drops them too.
  html = html.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  const tables: RawCell[][][] = [];
  let table: RawCell[][] | null = null;
  let row: RawCell[] | null = null;
  let cell: { start: number; colspan?: string; rowspan?: string } | null = null;
  const endCell = (at: number) => {
    if (cell && row) row.push({ lines: htmlLines(html.slice(cell.start, at)), colspan: cell.colspan, rowspan: cell.rowspan });
    cell = null;
  };
  const endRow = (at: number) => {
    endCell(at);
    if (row && table) table.push(row);
    row = null;
  };
  for (const m of html.matchAll(TAG)) {
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    const at = m.index!;
    if (tag === 'table') {
      if (closing) {
        if (!table) return undefined;
        endRow(at);
        tables.push(table);
        table = null;
      } else {
        if (table) return undefined;
        table = [];
      }
    } else if (tag === 'tr') {
      if (!table) return undefined;
      endRow(at);
      if (!closing) row = [];
    } else {
      if (!table) return undefined;
      // A cell outside a row belongs to no row (as in the DOM reader).
      if (!row) continue;
      endCell(at);
      if (!closing) {
        const attrs = m[3];
        cell = { start: at + m[0].length, colspan: attrValue(COLSPAN, attrs), rowspan: attrValue(ROWSPAN, attrs) };
      }
    }
  }
  if (table) return undefined;
  return tables.filter((t) => t.length > 0);
}

function attrValue(re: RegExp, attrs: string): string | undefined {
  const m = re.exec(attrs);
  return m ? m[1] ?? m[2] ?? m[3] : undefined;
}
