/**
 * 3GPP portal Tdoc lists (.xlsx): the `TDoc_List` sheet, in its 31- and 36-column forms or any sheet whose
 * header row names a Tdoc column and one more known column. Columns are found by header name; those no
 * field takes (Contact, Release, Spec, CR ..., or a body's own) are kept per row in `columns`.
 *
 * The portal's files declare data validation over a million rows; exceljs takes ~20 s unless those nodes are
 * skipped (FACTS.md), so they are, with everything else a Tdoc list does not need (excelFastLoad.ts).
 */
import type ExcelJS from 'exceljs';
import { MeetingBuilder } from './meetingBuilder.js';
import { cleanText, findDateRange } from './normalize.js';
import { mapTdocHeader } from './tdocColumns.js';
import { addTdocRow, cellsOf, columnsOf, extraColumns, hasText, isRepeatedHeader } from './tdocRows.js';
import { ImportError, type ImportContext, type ImportResult } from './types.js';
import { assertZip, libraryError } from './zipInput.js';
import { loadWorkbookForText } from './excelFastLoad.js';

/** Plain text of an exceljs cell value (hyperlinks, rich text, formulas, dates). */
export function excelCellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('text' in o) return excelCellText(o.text as ExcelJS.CellValue);
    if ('result' in o) return excelCellText(o.result as ExcelJS.CellValue);
    if ('error' in o) return '';
  }
  return '';
}

/** Reads the rows of a sheet as arrays of strings (1-based row numbers kept). */
function sheetRows(ws: ExcelJS.Worksheet): { n: number; cells: string[] }[] {
  const out: { n: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = excelCellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
    out.push({ n, cells });
  });
  return out;
}

export async function importXlsxTdocList(data: Uint8Array, ctx: ImportContext = {}): Promise<ImportResult> {
  await assertZip(data, 'Excel (.xlsx)');
  let wb: ExcelJS.Workbook;
  try {
    wb = await loadWorkbookForText(data);
  } catch (e) {
    throw libraryError('Excel (.xlsx)', e);
  }
  if (wb.worksheets.length === 0) throw new ImportError('not an Excel workbook (the file has no sheets)');
  const sheets = [...wb.worksheets].sort((a, b) => Number(b.name === 'TDoc_List') - Number(a.name === 'TDoc_List'));
  for (const ws of sheets) {
    const rows = sheetRows(ws);
    const headerAt = rows.slice(0, 10).findIndex((r) => mapTdocHeader(r.cells));
    if (headerAt < 0) continue;
    const header = mapTdocHeader(rows[headerAt].cells)!;
    const b = new MeetingBuilder('3gpp');
    b.meta.body = '3GPP';
    b.meta.title = titleFromFileName(ctx.fileName) || ws.name;
    // Columns we have no field for (Contact, Release, Spec, CR ...) are kept in each row's `columns`.
    const extras = extraColumns(rows[headerAt].cells, b, { row: rows[headerAt].n });
    let count = 0;
    for (const r of rows.slice(headerAt + 1)) {
      if (isRepeatedHeader(r.cells, header)) continue;
      const where = { row: r.n };
      const kind = addTdocRow(b, cellsOf(r.cells, header), where, null, hasText(r.cells), columnsOf(r.cells, extras, b, where));
      if (kind === 'contribution') count++;
    }
    if (count === 0 && b.itemCount === 0) b.warn(`sheet "${ws.name}" has a Tdoc header but no rows: an empty meeting`);
    metaFromAgendaRow(b, rows.slice(headerAt + 1).map((r) => cellsOf(r.cells, header)));
    b.zoneFromVenue();
    return { meeting: b.build(), warnings: b.warnings };
  }
  throw new ImportError(
    `no Tdoc list sheet: none of ${wb.worksheets.map((w) => `"${w.name}"`).join(', ')} has a header row with a TDoc column`,
  );
}

/** 'TDoc_List_Meeting_RAN-110.xlsx' → 'RAN-110'. */
function titleFromFileName(name = ''): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const m = /meeting[_ -]+(.+?)\.\w+$/i.exec(base);
  return m ? m[1] : '';
}

/** The agenda Tdoc's title says when and where ('... held 08.12.-11.12.2025 in Baltimore, USA'). */
function metaFromAgendaRow(b: MeetingBuilder, rows: ReturnType<typeof cellsOf>[]): void {
  const agenda = rows.find((r) => cleanText(r.type).toLowerCase() === 'agenda' && /\bheld\b/i.test(r.title ?? ''));
  if (!agenda?.title) return;
  const title = cleanText(agenda.title);
  const held = /held\s+(.+?)(?:\s+in\s+(.+))?$/i.exec(title);
  if (!held) return;
  const { start, end } = findDateRange(held[1]);
  if (start) b.meta.startDate = start;
  if (end) b.meta.endDate = end;
  if (held[2]) b.meta.venue = held[2];
  else if (/\belectronic meeting\b|\be-meeting\b/i.test(title)) b.meta.venue = 'e-meeting';
  const name = /meeting\s+(.+?)\s+held/i.exec(title);
  if (name) b.meta.title = name[1];
}
