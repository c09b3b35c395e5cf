/**
 * The tables of an HTML page read by a forgiving, linear scan of its tags (no DOM): what 3GPP pages need.
 * The portal's exports open cells with `<TD>` and close them with `</TH>`, put header cells in a `<THEAD>`
 * without a `<TR>`, and Word's TdocsByAgenda pages put their table after `</html>`; a DOM parser nests such
 * cells into each other and loses rows. Here a cell ends at any `</td>`/`</th>` or at the next cell, row or
 * table tag; a cell outside a row opens one, a row outside a table opens an implicit table. Comments,
 * scripts and styles are skipped (a number in a comment is no row); text outside tables is ignored.
 *
 * Tooltip texts (`<span class="tooltiptext">`, the portal's 'Treated' comments) are kept apart from the
 * cell's text, in `tips`. Every character is looked at a bounded number of times: linear in the input.
 */
import { decodeEntities, type GridCell } from './htmlTable.js';
import { cleanText } from './normalize.js';

interface RawCell {
  parts: string[];
  tips: string[];
  colspan: number;
  rowspan: number;
  bg?: string;
}

/** Spans beyond these are clamped (as in htmlTable.ts): a hostile colspan must not blow up the grid. */
const MAX_COLSPAN = 64;
const MAX_ROWSPAN = 10_000;

const BREAK_TAGS = new Set(['br', 'p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr']);
const SKIP_TAGS = new Set(['script', 'style', 'textarea', 'title']);

const ATTR = new Map(
  ['colspan', 'rowspan', 'class', 'bgcolor', 'style'].map((name) => [name, new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i')]),
);
function attr(attrs: string, name: 'colspan' | 'rowspan' | 'class' | 'bgcolor' | 'style'): string | undefined {
  if (!attrs.trim()) return undefined;
  const m = ATTR.get(name)!.exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** A tag's background colour: `bgcolor`, else CSS `background(-color)`, lower case; undefined when none. */
function background(attrs: string): string | undefined {
  const v = attr(attrs, 'bgcolor') ?? /background(?:-color)?\s*:\s*([^;"']+)/i.exec(attr(attrs, 'style') ?? '')?.[1];
  const c = v?.trim().toLowerCase();
  return c || undefined;
}

/** Every table of the page, in the order they open, as grids with spans spread out (as rowsGrid in htmlTable.ts does for DOM rows). */
export function scanTables(html: string): GridCell[][][] {
  const tables = new TableBuilder();
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      tables.text(html.slice(i));
      break;
    }
    if (lt > i) tables.text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    // A tag starts with a letter (or '/' and a letter); anything else is a stray '<' of the text, or a
    // declaration ('<!DOCTYPE', Word's '<![if ...]>'), skipped to its '>'.
    const c1 = html.charCodeAt(lt + 1);
    const isDecl = c1 === 33 /* ! */ || c1 === 63; /* ? */
    const nameAt = c1 === 47 /* / */ ? lt + 2 : lt + 1;
    if (!isDecl && !/[a-zA-Z]/.test(html[nameAt] ?? '')) {
      tables.text('<');
      i = lt + 1;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    i = gt + 1;
    if (isDecl) continue;
    const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9:]*)([\s\S]*)>$/.exec(html.slice(lt, gt + 1))!;
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    if (!closing && SKIP_TAGS.has(tag)) {
      const re = new RegExp(`<\\s*/\\s*${tag}\\s*>`, 'gi');
      re.lastIndex = i;
      const end = re.exec(html);
      i = end ? end.index + end[0].length : n;
      continue;
    }
    tables.tag(tag, closing, m[3]);
  }
  return tables.finish();
}

interface OpenTable {
  order: number;
  rows: RawCell[][];
  row: RawCell[] | null;
  /** The open row's background colour, for its cells without their own. */
  rowBg?: string;
  cell: RawCell | null;
}

/**
 * The tables as scanTables' tags and text build them: the open tables (a table inside a cell nests), each
 * with its open row and cell, and the tooltip span the text is in, if any. One call per tag or text run.
 */
class TableBuilder {
  private readonly done: { order: number; rows: RawCell[][] }[] = [];
  private readonly stack: OpenTable[] = [];
  private opened = 0;
  /** Inside a tooltip span: the span depth at which it ends, else -1. */
  private tipDepth = -1;
  private spanDepth = 0;

  /** Text of the page: the open cell's (or its tooltip's); outside a cell it is ignored. */
  text(s: string): void {
    const c = this.top()?.cell;
    if (!c || !s) return;
    (this.tipDepth >= 0 ? c.tips : c.parts).push(s);
  }

  /** A tag (its name in lower case) with its attributes' text. */
  tag(tag: string, closing: boolean, attrs: string): void {
    switch (tag) {
      case 'table':
        if (closing) this.closeTable();
        else this.openTable();
        break;
      case 'tr':
        if (closing) this.closeRow();
        else this.openRow(attrs);
        break;
      case 'thead':
      case 'tbody':
      case 'tfoot':
        this.closeRow();
        break;
      case 'td':
      case 'th':
        if (closing) this.closeCell();
        else this.openCell(attrs);
        break;
      case 'span':
        if (closing) this.closeSpan();
        else this.openSpan(attrs);
        break;
      default:
        if (BREAK_TAGS.has(tag)) this.text('\n');
    }
  }

  /** The tables still open closed, and every table with rows as a grid, in the order they opened. */
  finish(): GridCell[][][] {
    while (this.stack.length) this.closeTable();
    return this.done.sort((a, b) => a.order - b.order).map((t) => toGrid(t.rows));
  }

  private top(): OpenTable {
    return this.stack[this.stack.length - 1];
  }

  private openTable(): void {
    this.stack.push({ order: this.opened++, rows: [], row: null, cell: null });
  }

  private closeTable(): void {
    this.closeRow();
    const t = this.stack.pop();
    if (t && t.rows.length) this.done.push({ order: t.order, rows: t.rows });
  }

  private openRow(attrs = ''): void {
    if (!this.stack.length) this.openTable();
    this.closeRow();
    this.top().row = [];
    this.top().rowBg = background(attrs);
  }

  private closeRow(): void {
    this.closeCell();
    const t = this.top();
    if (t?.row) {
      t.rows.push(t.row);
      t.row = null;
    }
  }

  private openCell(attrs: string): void {
    if (!this.top()?.row) this.openRow();
    this.closeCell();
    const cell: RawCell = {
      parts: [],
      tips: [],
      colspan: Math.min(MAX_COLSPAN, Math.max(1, parseInt(attr(attrs, 'colspan') ?? '1', 10) || 1)),
      rowspan: Math.min(MAX_ROWSPAN, Math.max(1, parseInt(attr(attrs, 'rowspan') ?? '1', 10) || 1)),
    };
    const t = this.top();
    const bg = background(attrs) ?? t.rowBg;
    if (bg) cell.bg = bg;
    t.row!.push(cell);
    t.cell = cell;
  }

  private closeCell(): void {
    const t = this.top();
    if (t) t.cell = null;
    this.tipDepth = -1;
  }

  private openSpan(attrs: string): void {
    if (this.tipDepth < 0 && /\btooltiptext\b/i.test(attr(attrs, 'class') ?? '')) {
      this.text('\n');
      this.tipDepth = this.spanDepth;
    }
    this.spanDepth++;
  }

  private closeSpan(): void {
    this.spanDepth = Math.max(0, this.spanDepth - 1);
    if (this.tipDepth >= 0 && this.spanDepth <= this.tipDepth) {
      this.tipDepth = -1;
      this.text('\n');
    }
  }
}

function linesOf(parts: string[]): string[] {
  return decodeEntities(parts.join(''))
    .split('\n')
    .map(cleanText)
    .filter(Boolean);
}

/** Rows of raw cells to a grid, rowspan and colspan spread out (a merged cell's text in every place it covers). */
function toGrid(rows: RawCell[][]): GridCell[][] {
  const grid: GridCell[][] = [];
  const pending: (GridCell & { left: number })[] = [];
  for (const tr of rows) {
    const out: GridCell[] = [];
    let col = 0;
    const fillPending = () => {
      while (pending[col] && pending[col].left > 0) {
        pending[col].left--;
        const p = pending[col];
        out[col] = { text: p.text, lines: p.lines, spread: true, ...(p.tips ? { tips: p.tips } : {}) };
        col++;
      }
    };
    for (const td of tr) {
      fillPending();
      const lines = linesOf(td.parts);
      const tips = linesOf(td.tips);
      const cell: GridCell = { text: lines.join(' '), lines, spread: false, ...(tips.length ? { tips } : {}), ...(td.bg ? { bg: td.bg } : {}) };
      for (let k = 0; k < td.colspan; k++) {
        out[col] = k === 0 ? cell : { ...cell, spread: true };
        if (td.rowspan > 1) pending[col] = { ...cell, spread: true, left: td.rowspan - 1 };
        col++;
      }
    }
    fillPending();
    for (let k = 0; k < out.length; k++) if (!out[k]) out[k] = { text: '', lines: [], spread: false };
    grid.push(out);
  }
  return grid;
}
