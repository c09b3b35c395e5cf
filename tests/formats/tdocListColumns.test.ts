/**
 * Tdoc list columns we have no field for (3GPP's Contact, Release, Spec, CR ..., or a body's own) are kept in
 * each contribution's `columns` by the xlsx, csv and TdocsByAgenda importers, and written back by the xlsx
 * and csv exporters: the portal's columns in their place, others after the extra columns.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportMeeting, importMeeting } from '../../shared/formats/index.js';
import { importCsvTdocList } from '../../shared/formats/csvTdocList.js';
import { importHtmlTdocsByAgenda } from '../../shared/formats/htmlTdocsByAgenda.js';
import { EXTRA_COLUMNS, TDOC_LIST_COLUMNS } from '../../shared/formats/tdocColumns.js';
import { tdocListHeader, tdocListRows } from '../../shared/formats/tdocListRows.js';
import { COLUMNS_LIMITS, type MeetingJson } from '../../shared/document/meetingSchema.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { formatIssues, parseMeeting } from '../../shared/document/validateMeeting.js';
import { bytesOf, summary } from './sampleMeeting.js';

type Row = Record<string, ExcelJS.CellValue>;

const HEADER = ['TDoc', 'Title', 'Source', 'Contact', 'Agenda item', 'TDoc Status', 'Release', 'Spec', 'CR', 'Liaison ref', ''];
const ROWS: Row[] = [
  {
    TDoc: 'RP-250001',
    Title: 'CR to 38.331',
    Source: 'ACME',
    Contact: { text: 'Jane Roe', hyperlink: 'https://example.org/people/1' },
    'Agenda item': '9.1',
    'TDoc Status': 'agreed',
    Release: 'Rel-19',
    Spec: 38.331,
    CR: '0395',
    'Liaison ref': { richText: [{ text: 'LS ' }, { text: 'R2-1', font: { bold: true } }] },
    '': 'no header: not kept',
  },
  { TDoc: 'RP-250002', Title: 'Discussion', Source: 'Beta', 'Agenda item': '9.1', 'TDoc Status': 'noted' },
  { TDoc: 'RP-250003', Title: 'Reply LS', Source: 'Gamma', Contact: '  John\u00a0 Doe ', 'Agenda item': '9.2', 'Liaison ref': 'line one\r\nline two' },
];
const EXPECTED_COLUMNS: (Record<string, string> | undefined)[] = [
  { Contact: 'Jane Roe', Release: 'Rel-19', Spec: '38.331', CR: '0395', 'Liaison ref': 'LS R2-1' },
  undefined,
  { Contact: 'John Doe', 'Liaison ref': 'line one\nline two' },
];

async function sheet(header: readonly string[], rows: Row[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('TDoc_List');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(header.map((h) => r[h] ?? null));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The meeting without ids, links as numbers: what two imports of the same list must share. */
function comparable(m: MeetingJson) {
  return { ...summary(m), columns: m.contributions.map((c) => [c.number, c.columns]), extras: m.contributions.map((c) => [c.type, c.for, c.aliases]) };
}

/** An exported sheet read with exceljs: header and data rows as text. */
async function readSheet(data: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as never);
  const ws = wb.getWorksheet('TDoc_List')!;
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= ws.columnCount; i++) cells.push(String(row.getCell(i).value ?? ''));
    out.push(cells);
  });
  return out;
}

describe('Tdoc list columns without a field', () => {
  it('xlsx: are kept in columns under their header as written, and change nothing else', async () => {
    const { meeting: m, warnings } = await importMeeting(await sheet(HEADER, ROWS), { format: 'xlsx' });
    expect(parseMeeting(m).ok).toBe(true);
    expect(warnings).toEqual([]);
    expect(m.contributions.map((c) => c.columns)).toEqual(EXPECTED_COLUMNS);
    expect(m.contributions.map((c) => 'columns' in c)).toEqual([true, false, true]);
    // The same list without those columns gives the same meeting but for `columns`.
    const bare = HEADER.filter((h) => ['TDoc', 'Title', 'Source', 'Agenda item', 'TDoc Status'].includes(h));
    const without = (await importMeeting(await sheet(bare, ROWS), { format: 'xlsx' })).meeting;
    expect({ ...comparable(m), columns: [] }).toEqual({ ...comparable(without), columns: [] });
    expect(without.contributions.some((c) => 'columns' in c)).toBe(false);
  });

  it('xlsx and csv: export into the portal columns and after the extra ones, and import back equal', async () => {
    const m = (await importMeeting(await sheet(HEADER, ROWS), { format: 'xlsx' })).meeting;
    const header = [...TDOC_LIST_COLUMNS, ...EXTRA_COLUMNS, 'Liaison ref'];
    expect(tdocListHeader(m.contributions)).toEqual(header);
    const at = (h: string) => header.indexOf(h);
    const xlsx = (await exportMeeting(m, 'xlsx')).data as Uint8Array;
    const csv = (await exportMeeting(m, 'csv')).data as string;
    const fromSheet = await readSheet(xlsx);
    const fromCsv = parse(csv, { bom: true, relax_column_count: true }) as string[][];
    for (const [what, rows] of [['xlsx', fromSheet], ['csv', fromCsv]] as const) {
      expect(rows[0], what).toEqual(header);
      const byNumber = new Map(rows.slice(1).map((r) => [r[at('TDoc')], r]));
      m.contributions.forEach((c, i) => {
        const r = byNumber.get(c.number)!;
        for (const h of ['Contact', 'Release', 'Spec', 'CR', 'Liaison ref']) expect(r[at(h)], `${what} ${c.number} ${h}`).toBe(EXPECTED_COLUMNS[i]?.[h] ?? '');
        for (const h of ['Contact ID', 'Version', 'Reply to']) expect(r[at(h)], `${what} ${h}`).toBe('');
      });
      const back = (await importMeeting(bytesOf(what === 'xlsx' ? xlsx : csv), { format: what })).meeting;
      expect(comparable(back), what).toEqual(comparable(m));
      // A second trip changes nothing more.
      const again = (await importMeeting(bytesOf((await exportMeeting(back, what)).data), { format: what })).meeting;
      expect(comparable(again), what).toEqual(comparable(m));
    }
  });

  it('appended headers come in first-seen order over the contributions; headers naming a field are not written', () => {
    const m = importCsvTdocList(
      new TextEncoder().encode(['TDoc,Title,Zeta,Alpha,Contact', 'X-1,One,,a1,', 'X-2,Two,z2,,c2', 'X-3,Three,z3,a3,'].join('\n')),
    ).meeting;
    expect(m.contributions.map((c) => c.columns)).toEqual([{ Alpha: 'a1' }, { Zeta: 'z2', Contact: 'c2' }, { Zeta: 'z3', Alpha: 'a3' }]);
    expect(tdocListHeader(m.contributions).slice(TDOC_LIST_COLUMNS.length + EXTRA_COLUMNS.length)).toEqual(['Alpha', 'Zeta']);
    m.contributions[0].columns = { Status: 'would read back as the status', 'TDoc Status': 'same', ' ': 'blank', Alpha: 'a1' };
    const rows = tdocListRows(m);
    expect(rows[0].slice(TDOC_LIST_COLUMNS.length + EXTRA_COLUMNS.length)).toEqual(['Alpha', 'Zeta']);
    expect(rows[1][rows[0].indexOf('TDoc Status')]).toBe('Available');
  });

  it('at most as many headers are appended as one list can bring, however many the contributions name', () => {
    const m = importCsvTdocList(new TextEncoder().encode('TDoc,Title\n' + Array.from({ length: 30 }, (_, i) => `X-${i},T${i}`).join('\n'))).meeting;
    m.contributions.forEach((c, i) => (c.columns = Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`H${i}-${k}`, 'v']))));
    const header = tdocListHeader(m.contributions);
    expect(header).toHaveLength(TDOC_LIST_COLUMNS.length + EXTRA_COLUMNS.length + COLUMNS_LIMITS.maxKeys);
    expect(header.at(-1)).toBe(`H${COLUMNS_LIMITS.maxKeys / 10 - 1}-9`);
    const rows = tdocListRows(m);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
  });

  it('csv: keeps quoted, multi-line and non-ASCII cells; blank headers and empty cells are not kept', () => {
    const csv = ['TDoc;Title;Source;Réf. LS;;Spec', 'S2-1;One;Nokia;"a; b\nc";ignored;23.501', 'S2-2;Two;Nokia;;ignored;'].join('\r\n');
    const { meeting: m, warnings } = importCsvTdocList(new TextEncoder().encode(csv));
    expect(warnings).toEqual([]);
    expect(m.contributions.map((c) => c.columns)).toEqual([{ 'Réf. LS': 'a; b\nc', Spec: '23.501' }, undefined]);
  });

  it('headers that are names of object properties are kept like any other; constructor and __proto__ left out with a warning', async () => {
    const csv = ['TDoc,Title,constructor,toString,__proto__,valueOf', 'S2-1,One,c,t,p,v'].join('\n');
    const { meeting: m, warnings } = importCsvTdocList(new TextEncoder().encode(csv));
    expect(Object.entries(m.contributions[0].columns!)).toEqual([['toString', 't'], ['valueOf', 'v']]);
    expect(warnings.map((w) => [w.line, w.message])).toEqual([
      [1, 'column 3 has the header "constructor", which cannot be kept as a name; its cells are not kept'],
      [1, 'column 5 has the header "__proto__", which cannot be kept as a name; its cells are not kept'],
    ]);
    // Through the shared document (Yjs refuses an object with an own `constructor`) and back through csv.
    const doc = createMeetingDoc(m);
    const back = (await importMeeting(bytesOf((await exportMeeting(readMeeting(doc), 'csv')).data), { format: 'csv' })).meeting;
    expect(Object.entries(back.contributions[0].columns!)).toEqual([['toString', 't'], ['valueOf', 'v']]);
  });

  it('TdocsByAgenda pages: Rel, Work Item and other columns are kept, "-" placeholders are not', () => {
    const td = (t: string) => `<td>${t}</td>`;
    const tr = (cells: string[]) => `<tr>${cells.map(td).join('')}</tr>\n`;
    const html =
      '<html><body><table>' +
      tr(['AI', 'TD#', 'Type', 'Doc For', 'Subject', 'Source', 'Rel', 'Work Item', 'Comments', 'Result']) +
      tr(['4.1', '-', '-', '-', 'Common issues', '-', '-', 'Puneet', 'Docs:=2', '-']) +
      tr(['4.1', 'S2-2000001', 'CR', 'Approval', '23.501 CR0001', 'Huawei', 'Rel-16', 'eNA', '', 'Agreed']) +
      tr(['4.1', 'S2-2000002', 'LS In', 'Action', 'LS on things', 'SA3', '-', '-', '', 'Noted']) +
      '</table></body></html>';
    const { meeting: m } = importHtmlTdocsByAgenda(new TextEncoder().encode(html));
    expect(m.contributions.map((c) => [c.number, c.columns])).toEqual([
      ['S2-2000001', { Rel: 'Rel-16', 'Work Item': 'eNA' }],
      ['S2-2000002', undefined],
    ]);
  });

  it('over-long headers, too many columns and over-long cells give warnings and a valid meeting, never a crash', () => {
    const many = Array.from({ length: COLUMNS_LIMITS.maxKeys + 3 }, (_, i) => `C${i}`);
    const longName = 'H'.repeat(COLUMNS_LIMITS.maxKeyLength + 1);
    const header = ['TDoc', 'Title', longName, 'Big', ...many];
    // Surrogate pairs after one letter: the cut falls inside a pair, which must not be split.
    const big = 'a' + '😀'.repeat(COLUMNS_LIMITS.maxValueLength / 2);
    const row = ['S2-1', 'One', 'x', `"${big}"`, ...many.map((c) => c.toLowerCase())];
    const { meeting: m, warnings } = importCsvTdocList(new TextEncoder().encode([header.join(','), row.join(',')].join('\n')));
    const res = parseMeeting(m);
    expect(res.ok, res.ok ? '' : formatIssues(res.errors)).toBe(true);
    const cols = m.contributions[0].columns!;
    expect(Object.keys(cols)).toHaveLength(COLUMNS_LIMITS.maxKeys);
    expect(cols).not.toHaveProperty(longName);
    expect(cols.Big).toBe('a' + '😀'.repeat(COLUMNS_LIMITS.maxValueLength / 2 - 1));
    expect(warnings.map((w) => w.message)).toEqual([
      `column 3 has a header longer than ${COLUMNS_LIMITS.maxKeyLength} characters; its cells are not kept`,
      `more than ${COLUMNS_LIMITS.maxKeys} columns without a field; the cells of the last 4 are not kept`,
      `the "Big" cell is longer than ${COLUMNS_LIMITS.maxValueLength} characters; cut there`,
    ]);
  });
});
