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
}

/** Spans beyond these are clamped (as in htmlTable.ts): a hostile colspan must not blow up the grid. */
const MAX_COLSPAN = 64;
const MAX_ROWSPAN = 10_000;

const BREAK_TAGS = new Set(['br', 'p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr']);
const SKIP_TAGS = new Set(['script', 'style', 'textarea', 'title']);

const ATTR = new Map(
  ['colspan', 'rowspan', 'class'].map((name) => [name, new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i')]),
);
function attr(attrs: string, name: 'colspan' | 'rowspan' | 'class'): string | undefined {
  if (!attrs.trim()) return undefined;
  const m = ATTR.get(name)!.exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** Every table of the page, in the order they open, as grids with spans spread out (as rowsGrid in htmlTable.ts does for DOM rows). */
export function scanTables(html: string): GridCell[][][] {
  const done: { order: number; rows: RawCell[][] }[] = [];
  const stack: { order: number; rows: RawCell[][]; row: RawCell[] | null; cell: RawCell | null }[] = [];
  let opened = 0;
  /** Inside a tooltip span: the span depth at which it ends, else -1. */
  let tipDepth = -1;
  let spanDepth = 0;

  const top = () => stack[stack.length - 1];
  const closeCell = () => {
    const t = top();
    if (t) t.cell = null;
    tipDepth = -1;
  };
  const closeRow = () => {
    closeCell();
    const t = top();
    if (t?.row) {
      t.rows.push(t.row);
      t.row = null;
    }
  };
  const openTable = () => stack.push({ order: opened++, rows: [], row: null, cell: null });
  const closeTable = () => {
    closeRow();
    const t = stack.pop();
    if (t && t.rows.length) done.push({ order: t.order, rows: t.rows });
  };
  const openRow = () => {
    if (!stack.length) openTable();
    closeRow();
    top().row = [];
  };
  const text = (s: string) => {
    const c = top()?.cell;
    if (!c || !s) return;
    (tipDepth >= 0 ? c.tips : c.parts).push(s);
  };

  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    if (lt > i) text(html.slice(i, lt));
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
      text('<');
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
    const attrs = m[3];
    if (!closing && SKIP_TAGS.has(tag)) {
      const re = new RegExp(`<\\s*/\\s*${tag}\\s*>`, 'gi');
      re.lastIndex = i;
      const end = re.exec(html);
      i = end ? end.index + end[0].length : n;
      continue;
    }
    switch (tag) {
      case 'table':
        if (closing) closeTable();
        else openTable();
        break;
      case 'tr':
        if (closing) closeRow();
        else openRow();
        break;
      case 'thead':
      case 'tbody':
      case 'tfoot':
        closeRow();
        break;
      case 'td':
      case 'th':
        if (closing) closeCell();
        else {
          if (!top()?.row) openRow();
          closeCell();
          const cell: RawCell = {
            parts: [],
            tips: [],
            colspan: Math.min(MAX_COLSPAN, Math.max(1, parseInt(attr(attrs, 'colspan') ?? '1', 10) || 1)),
            rowspan: Math.min(MAX_ROWSPAN, Math.max(1, parseInt(attr(attrs, 'rowspan') ?? '1', 10) || 1)),
          };
          const t = top();
          t.row!.push(cell);
          t.cell = cell;
        }
        break;
      case 'span':
        if (closing) {
          spanDepth = Math.max(0, spanDepth - 1);
          if (tipDepth >= 0 && spanDepth <= tipDepth) {
            tipDepth = -1;
            text('\n');
          }
        } else {
          if (tipDepth < 0 && /\btooltiptext\b/i.test(attr(attrs, 'class') ?? '')) {
            text('\n');
            tipDepth = spanDepth;
          }
          spanDepth++;
        }
        break;
      default:
        if (BREAK_TAGS.has(tag)) text('\n');
    }
  }
  while (stack.length) closeTable();
  return done.sort((a, b) => a.order - b.order).map((t) => toGrid(t.rows));
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
      const cell: GridCell = { text: lines.join(' '), lines, spread: false, ...(tips.length ? { tips } : {}) };
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
