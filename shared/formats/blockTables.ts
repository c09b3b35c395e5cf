/**
 * Tables in agendas and reports, recognised by their header names (or, for header-less contribution tables,
 * by document numbers in the first column) and read into the meeting:
 * Tdoc tables, agenda tables (AI / Topic / Specs / Rapporteur), schedules (scheduleTables.ts), action lists,
 * deliverables, and the cover table of meta data. A table that is none of these becomes notes.
 */
import type { BlockState } from './blockTypes.js';
import type { GridCell } from './htmlTable.js';
import type { Where } from './builderInputs.js';
import { cleanText, findDateRange, findTimeRange, weekdayIndex } from './normalize.js';
import { readDayRowSchedule, readSessionTable, readWeekPlan } from './scheduleTables.js';
import { foldHeader, mapTdocHeader } from './tdocColumns.js';
import { addTdocRow, cellsOf, hasText, isRepeatedHeader, type TdocCells } from './tdocRows.js';
import { PURPOSES, type Purpose } from '../document/meetingSchema.js';
import { purposeOf, venueOf } from './textAgendaMeta.js';
import { normalizeDate } from '../time/dateTime.js';

const LABEL_HEADERS = ['ai', 'ai#', 'agenda item', 'item', 'no', 'nr', '#', 'number', 'agenda item number'];
const TITLE_HEADERS = ['topic', 'title', 'subject', 'agenda item description', 'description', 'agenda title', 'agenda item title'];
const DOC_NUMBER = /^[A-Z][A-Za-z0-9]*[-\u2011][A-Za-z0-9\u2011-]*\d/;
const texts = (row: GridCell[]) => row.map((c) => c.text);

function headerIndex(row: GridCell[], names: string[]): number {
  return row.findIndex((c) => names.includes(foldHeader(c.text)));
}

export function readTable(st: BlockState, allRows: GridCell[][], where: Where, addNote: (t: string) => void): void {
  const b = st.b;
  // Leading empty rows are dropped so that rows[0] is the first row with text (the header, if any).
  const skip = allRows.findIndex((r) => r.some((c) => c.text));
  if (skip < 0) return;
  const rows = allRows.slice(skip);
  const nonEmpty = rows.filter((r) => r.some((c) => c.text));
  const head = rows[0];
  // Markdown tables: the header's line, then a separator line, then one line per row.
  const rowWhere = (i: number): Where => {
    const n = i + skip;
    return where.line !== undefined ? { line: where.line + (n === 0 ? 0 : n + 1) } : { row: n + 1 };
  };

  // Tdoc table with a header (unless its 'number' column holds agenda numbers: then it is an agenda table).
  const tdocHeader = mapTdocHeader(texts(head));
  const numCol = tdocHeader?.get('number') ?? -1;
  const numbers = rows.slice(1).map((r) => cleanText(r[numCol]?.text)).filter(Boolean);
  const agendaNumbers = numbers.length > 0 && numbers.every((n) => /^\d+(\.\d+)*\.?$/.test(n));
  if (tdocHeader && !agendaNumbers) {
    for (let i = 1; i < rows.length; i++) {
      const raw = rows[i].map((c) => c.lines.join('\n'));
      if (isRepeatedHeader(raw, tdocHeader)) continue;
      const cells: TdocCells = cellsOf(raw, tdocHeader);
      if (st.currentItem) delete cells.agendaLabel;
      addTdocRow(b, cells, rowWhere(i), st.currentItem, hasText(raw));
    }
    return;
  }
  const folded = head.map((c) => foldHeader(c.text));
  const has = (...names: string[]) => names.some((n) => folded.includes(n));

  if (has('date') && has('start', 'time', 'from')) return readSessionTable(st, rows, rowWhere);
  if (head.filter((c) => weekdayIndex(c.text) >= 0).length >= 2) return readWeekPlan(st, rows);
  if (has(...LABEL_HEADERS) && has(...TITLE_HEADERS)) {
    return readAgendaTable(st, rows, rowWhere, { cl: headerIndex(head, LABEL_HEADERS), ct: headerIndex(head, TITLE_HEADERS), from: 1 });
  }
  if (has('what', 'action', 'action item', 'description') && has('who', 'responsible', 'owner', 'status')) {
    return readActions(st, rows, rowWhere);
  }
  if (has('deliverable', 'name', 'document') && has('version')) return readDeliverables(st, rows);
  if (readMetaTable(st, nonEmpty)) return;
  if (rows.some((r) => r.some((c) => weekdayIndex(c.text) >= 0 && c.text.split(' ').length <= 2)) && rows.some((r) => r.some((c) => findTimeRange(c.text)))) {
    return readDayRowSchedule(st, rows, rowWhere);
  }
  const byContent = agendaColumns(rows);
  if (byContent) return readAgendaTable(st, rows, rowWhere, byContent);
  const numbered = nonEmpty.filter((r) => DOC_NUMBER.test(r.find((c) => c.text)?.text ?? ''));
  if (numbered.length >= Math.max(1, nonEmpty.length / 2)) {
    // Header-less contribution table (oneM2M): number, title, source, notes.
    rows.forEach((r, i) => {
      const cells = r.filter((c) => !c.spread);
      if (!cells.some((c) => c.text)) return;
      const first = cells[0]?.text ?? '';
      if (!DOC_NUMBER.test(first)) {
        // A row without a number in a numbered table: kept, and warned about by addTdocRow.
        addTdocRow(b, { number: '', title: cells.map((c) => c.text).join(' ') }, rowWhere(i), st.currentItem);
        return;
      }
      // 'REQ-2016-0045 (SEC-2016-0103)': a second number in brackets is an alias; other bracketed words, a note.
      const m = /^(\S+)\s*(?:\(([^)]+)\))?\s*(.*)$/.exec(first)!;
      const alias = m[2] && DOC_NUMBER.test(m[2].trim()) ? m[2] : undefined;
      const extra = [m[2] && !alias ? `(${m[2]})` : '', m[3]].filter(Boolean).join(' ');
      addTdocRow(
        b,
        {
          number: m[1],
          aliases: alias,
          title: cells[1]?.text,
          source: cells[2]?.text,
          notes: [extra, ...cells.slice(3).map((c) => c.lines.join('\n'))].filter(Boolean).join('\n'),
        },
        rowWhere(i),
        st.currentItem,
      );
    });
    return;
  }
  const text = nonEmpty.map((r) => r.filter((c) => !c.spread).map((c) => c.lines.join(' ')).join(' | ')).join('\n');
  const oneCell = nonEmpty.length === 1 && nonEmpty[0].filter((c) => !c.spread && c.text).length === 1;
  if (st.currentItem || st.session) addNote(text);
  else {
    st.details.push(text);
    // A one-cell table is a text box (a legend, a notice): prose, not entries.
    if (!oneCell) {
      const n = nonEmpty.length;
      b.warn(`a table of ${n} row${n === 1 ? '' : 's'} is not an agenda, document, schedule, action, deliverable or cover table; its text was not imported as entries`, where);
    }
  }
}

/** An agenda item number as agenda tables write it: '1', '2.1', '6.5.3', '7.' (not a spec number such as '23.501'). */
const ITEM_NUMBER = /^\d{1,2}(?:\.\d{1,2}){0,5}\.?$/;

/**
 * An agenda table known by its content, whatever its header says (3GPP agendas leave the header over the
 * item numbers empty): the leftmost column whose cells are mostly item numbers (at least two, and at least
 * two thirds of its non-empty cells), with text (not numbers) in the column to its right. The first row is a
 * header when its cell in that column is not an item number. Null when no column fits.
 */
export function agendaColumns(rows: GridCell[][]): { cl: number; ct: number; from: number } | null {
  const width = Math.max(0, ...rows.map((r) => r.length));
  // The item numbers come first or nearly so: only the first columns are tried, which keeps this linear.
  for (let cl = 0; cl + 1 < Math.min(width, 8); cl++) {
    const from = ITEM_NUMBER.test(cleanText(rows[0]?.[cl]?.text)) ? 0 : 1;
    let numbers = 0;
    let filled = 0;
    let titled = 0;
    for (let i = from; i < rows.length; i++) {
      const c = rows[i][cl];
      if (!c || c.spread || !c.text) continue;
      filled++;
      if (ITEM_NUMBER.test(cleanText(c.text))) {
        numbers++;
        const t = cleanText(rows[i][cl + 1]?.text);
        if (t && !/^[\d.,\s]+$/.test(t)) titled++;
      }
    }
    if (numbers >= 2 && numbers * 3 >= filled * 2 && titled * 2 >= numbers) return { cl, ct: cl + 1, from };
  }
  return null;
}

function readAgendaTable(st: BlockState, rows: GridCell[][], rowWhere: (i: number) => Where, at: { cl: number; ct: number; from: number }): void {
  const head = at.from > 0 ? rows[0] : [];
  const { cl, ct } = at;
  const cs = headerIndex(head, ['specs', 'spec', 'specifications', 'ts/tr']);
  const cr = headerIndex(head, ['rapporteur', 'rapporteurs', 'presenter', 'presenters']);
  for (let i = at.from; i < rows.length; i++) {
    const r = rows[i];
    const label = cleanText(r[cl]?.text).replace(/\.$/, '');
    const lines = r[ct]?.lines ?? [];
    if (!label && !lines.length) continue;
    if (!label) st.b.warn(`agenda row without an item number: "${lines[0] ?? ''}"`, rowWhere(i));
    // An item a document table already named (label only) is completed rather than repeated.
    const id = label ? st.b.itemByLabel(label, lines[0] ?? '') : st.b.addItem({ label, title: lines[0] ?? '' }, 'label');
    st.b.updateItem(id, {
      notes: subItems(st, label, lines.slice(1)).join('\n'),
      specs: cs >= 0 ? (r[cs]?.lines ?? []).join(' ').split(/[,;\s]+/).filter(Boolean).join(', ') : undefined,
      rapporteur: cr >= 0 ? (r[cr]?.lines ?? []).join('; ') : undefined,
    });
  }
}

/** A paragraph that starts with an item number and a title: '6.1 Sub-title', '6.1. Sub-title'. */
const NUMBERED_LINE = /^(\d{1,2}(?:\.\d{1,2}){1,5})\.?\s+(\S.*)$/;

/**
 * The paragraphs of an agenda row's Topic cell after its title: one that starts with a child number of
 * the row ('6.1 Sub-title' in row 6, '6.1.2 ...' too) is an item under it (issue 25), the paragraphs after
 * it its notes, until the next such one. Returns the paragraphs before the first: the row item's notes.
 */
function subItems(st: BlockState, label: string, rest: string[]): string[] {
  const own: string[] = [];
  let current: { id: string; notes: string[] } | null = null;
  const close = () => {
    if (current?.notes.length) st.b.updateItem(current.id, { notes: current.notes.join('\n') });
  };
  for (const line of rest) {
    const m = label ? NUMBERED_LINE.exec(cleanText(line)) : null;
    if (m && m[1].startsWith(`${label}.`)) {
      close();
      current = { id: st.b.itemByLabel(m[1], m[2]), notes: [] };
    } else (current ? current.notes : own).push(line);
  }
  close();
  return own;
}

function readActions(st: BlockState, rows: GridCell[][], rowWhere: (i: number) => Where): void {
  const head = rows[0];
  const c = {
    ref: headerIndex(head, ['ref', 'reference', 'id', 'number', 'no', 'action id']),
    what: headerIndex(head, ['what', 'action', 'action item', 'description']),
    who: headerIndex(head, ['who', 'responsible', 'owner']),
    status: headerIndex(head, ['status', 'state']),
    notes: headerIndex(head, ['notes', 'note', 'comments']),
    // The report's columns since issue 25: the agenda item (its number) and the due date.
    item: headerIndex(head, ['item', 'agenda item']),
    due: headerIndex(head, ['due', 'due date', 'deadline']),
  };
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    if (!r.some((x) => x.text)) continue;
    const get = (k: number) => (k >= 0 ? (r[k]?.lines ?? []).join('\n') : '');
    const status = /clos|done|complet/i.test(get(c.status)) ? 'closed' : 'open';
    if (get(c.status) && !/^(open|closed?|done|completed?)$/i.test(cleanText(get(c.status)))) {
      st.b.warn(`action status "${cleanText(get(c.status))}" read as ${status}`, rowWhere(i));
    }
    const label = cleanText(get(c.item)).replace(/\.$/, '');
    const item = label ? st.b.findByLabel(label) : undefined;
    const due = normalizeDate(cleanText(get(c.due))) || '';
    // What cannot be linked or is not a date stays in the notes, with its header.
    const extra = [label && !item ? `Item: ${label}` : '', get(c.due).trim() && !due ? `Due: ${cleanText(get(c.due))}` : ''].filter(Boolean);
    st.b.addAction({
      ref: cleanText(get(c.ref)),
      what: get(c.what),
      who: cleanText(get(c.who)),
      status,
      notes: [get(c.notes), ...extra].filter(Boolean).join('\n'),
      ...(due ? { due } : {}),
      ...(item ? { agendaItemId: item } : {}),
    });
  }
}

function readDeliverables(st: BlockState, rows: GridCell[][]): void {
  const head = rows[0];
  const c = {
    name: headerIndex(head, ['deliverable', 'name', 'document']),
    version: headerIndex(head, ['version']),
    reference: headerIndex(head, ['reference', 'ref', 'tdoc', 'in']),
    note: headerIndex(head, ['note', 'notes', 'comments', 'status']),
  };
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    if (!r.some((x) => x.text)) continue;
    const get = (k: number) => (k >= 0 ? cleanText(r[k]?.text) : '');
    st.b.addDeliverable({ name: get(c.name), version: get(c.version), reference: get(c.reference), note: get(c.note) });
  }
}

const META_KEYS: [RegExp, MetaKey][] = [
  [/^(meeting )?title$/, 'title'],
  [/^(chair|chairs|chairman|chairperson|chairwoman|convenor)$/, 'chair'],
  [/^(secretary|secretariat|meeting secretary)$/, 'secretary'],
  [/^(meeting )?dates?$/, 'dates'],
  [/^(meeting )?(venue|location|place)$/, 'venue'],
  [/^(meeting )?details$/, 'details'],
  [/^(intended )?purpose( of (the )?document)?$|^document for$/, 'purpose'],
  [/^time ?zone$/, 'timezone'],
  [/^body$/, 'body'],
];
type MetaKey = 'title' | 'chair' | 'secretary' | 'dates' | 'venue' | 'details' | 'purpose' | 'timezone' | 'body';

/** The meta field a cover table's key cell or a front-matter line's key names ('Chair:', 'Intended purpose of document'). */
export function metaKey(text: string): MetaKey | undefined {
  const key = foldHeader(text).replace(/\s+/g, ' ');
  return key.length > 40 ? undefined : META_KEYS.find(([re]) => re.test(key))?.[1];
}

/** A cover table: rows of 'Key:' | value. True when at least two keys were recognised. */
function readMetaTable(st: BlockState, rows: GridCell[][]): boolean {
  const hits = rows
    .map((r) => {
      const cells = r.filter((c) => !c.spread);
      const k = metaKey(cells[0]?.text ?? '');
      return k && cells.length >= 2 ? { k, cell: cells[1] } : null;
    })
    .filter((x) => x !== null);
  if (hits.length < 2) return false;
  for (const { k, cell } of hits) setMetaField(st, k, cell.lines);
  if (!st.b.meta.venue && st.b.meta.details) st.b.meta.venue = venueOf(st.b.meta.details);
  return true;
}

/**
 * One meta field from the lines a cover table's cell (or a front-matter line) gives it: dates as a range,
 * the purpose by its ticked box (else the word it names: `Document for: Approval` is a decision), the
 * others as written.
 */
export function setMetaField(st: BlockState, k: MetaKey, lines: string[]): void {
  const m = st.b.meta;
  const v = cleanText(lines.join(' '));
  if (!v) return;
  if (k === 'dates') {
    const r = findDateRange(v);
    m.startDate = r.start;
    m.endDate = r.end || r.start;
  } else if (k === 'purpose') {
    const ticked = purposeOf(lines.join('\n'));
    const named = /approv|decision|agree|endorse/i.test(v) ? 'decision' : PURPOSES.find((x) => v.toLowerCase().includes(x));
    m.purpose = ticked !== 'other' || /[☒☐|[\]]/.test(v) ? ticked : ((named ?? 'other') as Purpose);
  } else if (k === 'details') m.details = lines.join('\n');
  else m[k] = v;
}
