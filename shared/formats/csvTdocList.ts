/**
 * Tdoc lists as CSV: a header row naming the columns in 3GPP's words ('TDoc', 'Agenda item', 'TDoc Status')
 * or ours ('number', 'agenda item', 'status'), then one row per document. Comma, semicolon or tab separated
 * (guessed from the header line); UTF-8 with or without BOM, else windows-1252. Columns no field takes are
 * kept per row in `columns`, under their header. A leading `'` that neutralises a formula is taken off
 * (csvFormula.ts), so an exported list reads back as it was.
 */
import { parse } from 'csv-parse/sync';
import { MeetingBuilder } from './meetingBuilder.js';
import { mapTdocHeader } from './tdocColumns.js';
import { addTdocRow, cellsOf, columnsOf, extraColumns, hasText, isRepeatedHeader } from './tdocRows.js';
import { ImportError, type ImportContext, type ImportResult } from './types.js';
import { decodeText } from './decodeText.js';
import { restoreFormula } from './csvFormula.js';

export function importCsvTdocList(data: Uint8Array, _ctx: ImportContext = {}): ImportResult {
  const text = decodeText(data);
  if (text.includes('\u0000')) throw new ImportError('not a CSV file (it holds binary data)');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  let records: string[][];
  let lines: number[];
  try {
    const parsed = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    // Cells the exporter neutralised as formulas ("'=...") come back as they were (csvFormula.ts).
    records = parsed.map((p) => p.record.map(restoreFormula));
    // info.lines is where a record ends; a warning points at the line where it starts.
    lines = parsed.map((_, i) => (i === 0 ? 1 : parsed[i - 1].info.lines + 1));
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new ImportError(`not a readable CSV file (${(e as Error).message.split('\n')[0].slice(0, 120)})`, line ? { line } : {});
  }
  const headerAt = records.slice(0, 10).findIndex((r) => mapTdocHeader(r));
  if (headerAt < 0) throw new ImportError('no header row naming a document number column (TDoc, TD#, number) and a title, source, status or agenda item column', { line: 1 });
  const header = mapTdocHeader(records[headerAt])!;
  const b = new MeetingBuilder('3gpp');
  const extras = extraColumns(records[headerAt], b, { line: lines[headerAt] });
  for (let i = headerAt + 1; i < records.length; i++) {
    const row = records[i];
    if (row.length > records[headerAt].length && row.slice(records[headerAt].length).some((c) => c.trim())) {
      b.warn(`row has ${row.length} cells, the header ${records[headerAt].length}; extra cells ignored`, { line: lines[i] });
    }
    if (isRepeatedHeader(row, header)) continue;
    const where = { line: lines[i] };
    addTdocRow(b, cellsOf(row, header), where, null, hasText(row), columnsOf(row, extras, b, where));
  }
  if (b.itemCount === 0 && b.contributionCount === 0) b.warn('the list has a header but no rows: an empty meeting');
  return { meeting: b.build(), warnings: b.warnings };
}
