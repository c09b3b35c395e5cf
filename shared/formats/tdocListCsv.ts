/**
 * The meeting's Tdoc list as CSV (RFC 4180: comma separated, CRLF, quotes doubled), in the portal's column
 * order. Starts with a UTF-8 BOM so Excel reads the accents right.
 *
 * Cells a spreadsheet would read as a formula (starting with = + - @, a tab or a CR: `=HYPERLINK(...)`,
 * `+cmd|' /C calc'!A0`) are neutralised with a leading `'` (OWASP's rule); plain numbers ("-5") and
 * dash placeholders ("-") are left as they are. So that a list round-trips, a cell that already starts
 * with apostrophes before such a character gets one more; the CSV importer takes one off (csvFormula.ts).
 */
import type { MeetingJson } from '../document/meetingSchema.js';
import type { ExportResult } from './types.js';
import { tdocListRows } from './tdocListRows.js';
import { neutraliseFormula } from './csvFormula.js';

function csvCell(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : neutraliseFormula(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportTdocListCsv(m: MeetingJson): ExportResult {
  const text = tdocListRows(m)
    .map((r) => r.map(csvCell).join(','))
    .join('\r\n');
  return { data: '\uFEFF' + text + '\r\n', contentType: 'text/csv; charset=utf-8' };
}
