/**
 * The meeting's Tdoc list as CSV (RFC 4180: comma separated, CRLF, quotes doubled), in the portal's column
 * order. Starts with a UTF-8 BOM so Excel reads the accents right.
 */
import type { MeetingJson } from '../meetingSchema.js';
import type { ExportResult } from './types.js';
import { tdocListRows } from './tdocListRows.js';

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportTdocListCsv(m: MeetingJson): ExportResult {
  const text = tdocListRows(m)
    .map((r) => r.map(csvCell).join(','))
    .join('\r\n');
  return { data: '\uFEFF' + text + '\r\n', contentType: 'text/csv; charset=utf-8' };
}
