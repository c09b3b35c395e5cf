/**
 * CSV cells and spreadsheet formulas (OWASP "CSV injection"): a cell starting with = + - @, a tab or a
 * carriage return is a formula to Excel and LibreOffice, so the exporter writes it with a leading `'`
 * (which the spreadsheet shows as text and hides). Plain numbers ("-5", "+3.5") and dash placeholders
 * ("-", "--") are no formulas and stay as they are. A cell that already starts with apostrophes before
 * such a character gets one more, so the importer can take exactly one off and every value round-trips.
 */

const TRIGGER = /^'*[=+\-@\t\r]/;
const HARMLESS = /^([+-]?(\d+([.,]\d+)?|[.,]\d+)|-+)$/;

/** The cell as written to a CSV file: prefixed with `'` when a spreadsheet would run it. */
export function neutraliseFormula(cell: string): string {
  return TRIGGER.test(cell) && !HARMLESS.test(cell) ? `'${cell}` : cell;
}

/** The cell as read from a CSV file: one `'` taken off a neutralised formula (see neutraliseFormula). */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && TRIGGER.test(cell.slice(1)) && !HARMLESS.test(cell.slice(1)) ? cell.slice(1) : cell;
}
