/**
 * An HTML table (node-html-parser element) as a grid of cells with rowspan/colspan spread out, so a merged
 * cell's text appears in every row and column it covers. Each cell keeps its paragraphs for callers that
 * treat the first line as a title and the rest as notes. Nested tables belong to their own grids.
 */
import type { HTMLElement } from 'node-html-parser';
import { cleanText } from './normalize.js';

export interface GridCell {
  /** The cell's text on one line. */
  text: string;
  /** Its paragraphs (p, li, br-separated lines), cleaned, empty ones dropped. */
  lines: string[];
  /** True in the rows/columns a merged cell spreads into (not its first position). */
  spread: boolean;
  /** Tooltip texts of the cell (htmlTableScan.ts: the portal's comments behind a 'Yes'), kept apart from `text`. */
  tips?: string[];
  /**
   * The cell's background colour as the page gives it (its own `bgcolor` or CSS background, else its
   * row's), lower case (`#99ccff`); htmlTableScan.ts only. Some pages tell two levels of agenda rows apart
   * by it alone.
   */
  bg?: string;
}

/** Spans beyond these are clamped: real tables are narrow, and a hostile colspan must not blow up the grid. */
const MAX_COLSPAN = 64;
const MAX_ROWSPAN = 10_000;

function cellLines(td: HTMLElement): string[] {
  return htmlLines(td.innerHTML);
}

/** A cell's inner HTML to its lines (p, li, div, headings and br end a line; tags dropped, entities decoded). */
export function htmlLines(inner: string): string[] {
  const html = checkBoxes(inner)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|div|h\d)>/gi, '\n');
  const txt = html.replace(/<[^>]*>/g, '');
  return decodeEntities(txt)
    .split('\n')
    .map(cleanText)
    .filter(Boolean);
}

/**
 * Word's check boxes as mammoth writes them (`<input type="checkbox" checked>`) as the marks a reader sees:
 * ☒ ticked, ☐ not, so that a cover table's "Intended purpose" says which box is ticked.
 */
export function checkBoxes(html: string): string {
  return html.replace(/<input\b[^>]*\btype\s*=\s*["']?checkbox["']?[^>]*>/gi, (tag) => (/\bchecked\b/i.test(tag) ? ' ☒ ' : ' ☐ '));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (all, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

/** The table's own rows (not those of nested tables). */
export function tableRows(table: HTMLElement): HTMLElement[] {
  return table.querySelectorAll('tr').filter((tr) => closestTable(tr) === table);
}

/** Rows of the table (its own rows, not those of nested tables), spans spread out. */
export function tableGrid(table: HTMLElement): GridCell[][] {
  return rowsGrid(tableRows(table));
}

/** A grid from a list of rows, spans spread out. */
export function rowsGrid(rows: HTMLElement[]): GridCell[][] {
  return spreadGrid(
    rows.map((tr) =>
      (tr.childNodes as HTMLElement[])
        .filter((td) => td.nodeType === 1 && /^(td|th)$/i.test(td.tagName ?? ''))
        .map((td) => ({ lines: cellLines(td), colspan: td.getAttribute('colspan'), rowspan: td.getAttribute('rowspan') })),
    ),
  );
}

/** A cell as read from the page: its lines and its span attributes (as written). */
export interface RawCell {
  lines: string[];
  colspan?: string;
  rowspan?: string;
}

/** Rows of raw cells to a grid, spans spread out. */
export function spreadGrid(rows: RawCell[][]): GridCell[][] {
  const grid: GridCell[][] = [];
  const pending: (GridCell & { left: number })[] = []; // by column: cells spanning down
  rows.forEach((cells, r) => {
    const out: GridCell[] = [];
    let col = 0;
    const fillPending = () => {
      while (pending[col] && pending[col].left > 0) {
        pending[col].left--;
        out[col] = { text: pending[col].text, lines: pending[col].lines, spread: true };
        col++;
      }
    };
    for (const td of cells) {
      fillPending();
      const lines = td.lines;
      const cell: GridCell = { text: lines.join(' '), lines, spread: false };
      const cs = Math.min(MAX_COLSPAN, Math.max(1, parseInt(td.colspan ?? '1', 10) || 1));
      const rs = Math.min(MAX_ROWSPAN, Math.max(1, parseInt(td.rowspan ?? '1', 10) || 1));
      for (let k = 0; k < cs; k++) {
        out[col] = k === 0 ? cell : { ...cell, spread: true };
        if (rs > 1) pending[col] = { ...cell, spread: true, left: rs - 1 };
        col++;
      }
    }
    fillPending();
    for (let i = 0; i < out.length; i++) if (!out[i]) out[i] = { text: '', lines: [], spread: false };
    grid[r] = out;
  });
  return grid;
}

function closestTable(el: HTMLElement): HTMLElement | null {
  let p = el.parentNode as HTMLElement | null;
  while (p && p.tagName !== 'TABLE') p = p.parentNode as HTMLElement | null;
  return p;
}
