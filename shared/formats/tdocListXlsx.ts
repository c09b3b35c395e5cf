/** The meeting's Tdoc list as an .xlsx workbook with one `TDoc_List` sheet, in the portal's column order. */
import ExcelJS from 'exceljs';
import type { MeetingJson } from '../meetingSchema.js';
import type { ExportResult } from './types.js';
import { tdocListRows } from './tdocListRows.js';
import { xmlSafe } from './normalize.js';

/** Column widths (characters) for the columns we fill; the rest keep a narrow default. */
const WIDTHS: Record<string, number> = {
  TDoc: 14,
  Title: 60,
  Source: 30,
  Type: 12,
  For: 12,
  Abstract: 40,
  'Secretary Remarks': 30,
  'Agenda item': 10,
  'Agenda item description': 40,
  'TDoc Status': 14,
  'Is revision of': 14,
  'Revised to': 14,
  Comments: 40,
  'Merged to': 14,
};

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportTdocListXlsx(m: MeetingJson): Promise<ExportResult> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Plenary';
  const ws = wb.addWorksheet('TDoc_List');
  const rows = tdocListRows(m);
  ws.addRows(rows.map((r) => r.map((c) => (typeof c === 'string' ? xmlSafe(c) : c))));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: rows[0].length } };
  rows[0].forEach((h, i) => {
    ws.getColumn(i + 1).width = WIDTHS[String(h)] ?? 12;
  });
  const buf = await wb.xlsx.writeBuffer();
  return { data: new Uint8Array(buf as ArrayBuffer), contentType: XLSX_TYPE };
}
