/** The meeting's Tdoc list as an .xlsx workbook with one `TDoc_List` sheet, in the portal's column order. */
import type ExcelJS from 'exceljs';
import { loadExcel } from './lazyLibraries.js';
import type { MeetingJson } from '../document/meetingSchema.js';
import type { ExportResult } from './types.js';
import { tdocListRows } from './tdocListRows.js';
import { xmlSafe } from './normalize.js';
import { plannedTimes, sessionLength, sessionTimes } from '../time/plannedTime.js';

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
  const wb = new (await loadExcel()).Workbook();
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
  addTimeSheet(wb, m);
  const buf = await wb.xlsx.writeBuffer();
  return { data: new Uint8Array(buf as ArrayBuffer), contentType: XLSX_TYPE };
}

/** Header of the `Time` sheet (issue 16): minutes planned and spent per agenda item, then per session. */
export const TIME_SHEET_HEADER = ['Agenda item', 'Title', 'Planned (min)', 'Spent (min)'] as const;

/**
 * A `Time` sheet when the meeting has time spent: per agenda item its planned and spent minutes, then per
 * session (its length, and the time on its items). No Tdoc column, so importers pass over it.
 */
function addTimeSheet(wb: ExcelJS.Workbook, m: MeetingJson): void {
  if (!m.agenda.some((a) => (a.spentSeconds ?? 0) > 0)) return;
  const planned = plannedTimes(m.agenda, m.sessions);
  const min = (s: number | undefined) => (s === undefined ? '' : Math.round(s / 6) / 10);
  const ws = wb.addWorksheet('Time');
  ws.addRow([...TIME_SHEET_HEADER]);
  for (const a of m.agenda) ws.addRow([xmlSafe(a.label), xmlSafe(a.title), min(planned.get(a.id)?.seconds), min(a.spentSeconds ?? 0)]);
  if (m.sessions.length) {
    const spent = new Map(m.agenda.map((a) => [a.id, a.spentSeconds ?? 0]));
    ws.addRow([]);
    ws.addRow(['Session', 'Title', 'Planned (min)', 'Spent (min)']).font = { bold: true };
    sessionTimes(m.sessions, (id) => spent.get(id) ?? 0).forEach((t, i) => {
      const s = m.sessions[i];
      ws.addRow([xmlSafe([s.code, s.date, s.start && s.end ? `${s.start}-${s.end}` : ''].filter(Boolean).join(' ')), xmlSafe(s.title), min(sessionLength(s) || undefined), min(t.spentSeconds)]);
    });
  }
  ws.getRow(1).font = { bold: true };
  ws.getColumn(2).width = 50;
  ws.getColumn(3).width = 14;
  ws.getColumn(4).width = 14;
}
