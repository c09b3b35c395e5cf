/** The meeting's Tdoc list as an .xlsx workbook with one `TDoc_List` sheet, in the portal's column order. */
import ExcelJS from 'exceljs';
import type { MeetingJson } from '../meetingSchema.js';
import type { ExportResult } from './types.js';
import { tdocListRows } from './tdocListRows.js';
import { xmlSafe } from './normalize.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportTdocListXlsx(m: MeetingJson): Promise<ExportResult> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Plenary';
  const ws = wb.addWorksheet('TDoc_List');
  const rows = tdocListRows(m);
  ws.addRows(rows.map((r) => r.map((c) => (typeof c === 'string' ? xmlSafe(c) : c))));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buf = await wb.xlsx.writeBuffer();
  return { data: new Uint8Array(buf as ArrayBuffer), contentType: XLSX_TYPE };
}
