import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importXlsxTdocList } from '../../shared/formats/xlsxTdocList.js';
import { exportTdocListXlsx } from '../../shared/formats/tdocListXlsx.js';
import { TDOC_LIST_COLUMNS } from '../../shared/formats/tdocColumns.js';
import { ImportError } from '../../shared/formats/types.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { sampleMeeting } from './sampleMeeting.js';

type Row = Record<string, ExcelJS.CellValue>;

const OLD_FORM = TDOC_LIST_COLUMNS.filter((c) => !['UICC', 'ME', 'RAN', 'CN', 'Clauses Affected'].includes(c));

async function workbook(columns: readonly string[], rows: (Row | null)[], opts: { sheet?: string; extraSheetFirst?: boolean } = {}) {
  const wb = new ExcelJS.Workbook();
  if (opts.extraSheetFirst) wb.addWorksheet('Parameters').addRow(['Meeting', 'RAN#99']);
  const ws = wb.addWorksheet(opts.sheet ?? 'TDoc_List');
  ws.addRow([...columns]);
  for (const r of rows) ws.addRow(r ? columns.map((c) => r[c] ?? null) : []);
  return { wb, ws };
}

async function bytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const ROWS: Row[] = [
  {
    TDoc: { text: 'RP-252970', hyperlink: 'https://example.org/RP-252970.zip' },
    Title: 'Agenda for meeting RAN #110 held 08.12.-11.12.2025 in Baltimore, USA',
    Source: 'RAN Chair',
    Type: 'agenda',
    For: 'Approval',
    'Agenda item sort order': 3,
    'Agenda item': '3',
    'Agenda item description': 'Approval of the agenda',
    'TDoc sort order within agenda item': 100,
    'TDoc Status': 'approved',
  },
  {
    TDoc: 'RP-252971',
    Title: 'Draft report',
    Source: 'ETSI MCC',
    Type: 'report',
    For: 'Approval',
    Abstract: 'The report',
    'Secretary Remarks': 'see revision',
    'Agenda item sort order': 5,
    'Agenda item': '4',
    'Agenda item description': 'Approval of the meeting report',
    'TDoc sort order within agenda item': 100,
    'TDoc Status': 'revised',
    'Revised to': 'RP-253798',
  },
  {
    TDoc: 'RP\u2011253798',
    Title: '  Draft   report  (rev)',
    Source: 'ETSI MCC',
    'Agenda item sort order': 5,
    'Agenda item': '4',
    'Agenda item description': 'Approval of the meeting report',
    'TDoc sort order within agenda item': 200,
    'TDoc Status': 'Treated later',
  },
  {
    TDoc: 'RP-253000',
    Title: 'LS on something',
    Source: 'RAN2',
    'Agenda item sort order': 12,
    'Agenda item': '9.1.2',
    'Agenda item description': 'Sub-sub item',
    'TDoc Status': '',
    'Is revision of': 'RP-240001',
  },
  {
    TDoc: 'RP-253001',
    Title: { richText: [{ text: 'Under ' }, { text: '9.1', font: { bold: true } }] },
    Source: { formula: '"RAN"&"1"', result: 'RAN1' },
    'Agenda item sort order': 10,
    'Agenda item': '9',
    'Agenda item description': 'Work items',
    'TDoc Status': 'noted',
  },
];

describe('importXlsxTdocList', () => {
  it('reads the 36-column TDoc_List sheet by header names: tree, sort orders, statuses, links, optional fields', async () => {
    const { wb } = await workbook(TDOC_LIST_COLUMNS, [ROWS[0], null, ROWS[2], ROWS[1], ROWS[3], null, ROWS[4]]);
    const { meeting: m, warnings } = await importXlsxTdocList(await bytes(wb), { fileName: 'TDoc_List_Meeting_RAN-110.xlsx' });
    expect(parseMeeting(m).ok).toBe(true);
    expect(m.contributions.map((c) => c.number)).toEqual(['RP-252970', 'RP-252971', 'RP-253798', 'RP-253001', 'RP-253000']);
    expect(m.agenda.map((a) => a.label)).toEqual(['3', '4', '9', '9.1.2']);
    const byLabel = new Map(m.agenda.map((a) => [a.label, a]));
    expect(byLabel.get('9.1.2')!.parentId).toBe(byLabel.get('9')!.id);
    const [agenda, report, rev, , sub] = m.contributions;
    expect(agenda.status).toBe('approved');
    expect(report).toMatchObject({ status: 'revised', type: 'report', for: 'Approval', abstract: 'The report', secretaryRemarks: 'see revision' });
    expect(rev).toMatchObject({ title: 'Draft report (rev)', revisionOf: report.id, status: 'treated-later' });
    expect(m.statuses.find((s) => s.id === 'treated-later')?.label).toBe('Treated later');
    // A revision of a document outside the list (an earlier meeting's) keeps its number as the link, not a note.
    expect(sub).toMatchObject({ status: 'available', revisionOf: null, revisionOfNumber: 'RP-240001', notes: '' });
    expect(m.meta).toMatchObject({ title: 'RAN #110', startDate: '2025-12-08', endDate: '2025-12-11', venue: 'Baltimore, USA', body: '3GPP' });
    expect(warnings).toEqual([{ row: 4, message: 'status "Treated later" is not in the vocabulary; added as a final decision' }]);
  });

  it('reads the Tdoc sheet of a workbook whose other sheets, notes and links it skips', async () => {
    const { wb, ws } = await workbook(TDOC_LIST_COLUMNS, ROWS, { extraSheetFirst: true });
    ws.getCell('A2').note = 'a comment on the agenda Tdoc';
    const packs = wb.addWorksheet('CR_Packs_List');
    packs.addRow(['TDoc', 'Title', 'Source']);
    packs.addRow([{ text: 'RP-9', hyperlink: 'https://example.org' }, 'not a contribution of this list', 'X']);
    const { meeting: m } = await importXlsxTdocList(await bytes(wb));
    expect(m.contributions.map((c) => c.number)).toEqual(expect.arrayContaining(['RP-252970', 'RP-253798']));
    expect(m.contributions.map((c) => c.number)).not.toContain('RP-9');
  });

  it('reads the older 31-column form and columns in another order, on a sheet that is not the first', async () => {
    const cols = [...OLD_FORM].reverse();
    const { wb } = await workbook(cols, ROWS, { sheet: 'Sheet1', extraSheetFirst: true });
    const { meeting: m } = await importXlsxTdocList(await bytes(wb));
    expect(m.contributions).toHaveLength(ROWS.length);
    expect(m.contributions.find((c) => c.number === 'RP-252971')?.title).toBe('Draft report');
    expect(m.contributions.find((c) => c.number === 'RP-253001')).toMatchObject({ title: 'Under 9.1', source: 'RAN1' });
  });

  it('fills merged cells from their first cell and warns about a row without a number instead of dropping it', async () => {
    const { wb, ws } = await workbook(TDOC_LIST_COLUMNS, [ROWS[1], { ...ROWS[2], 'Agenda item': null, 'Agenda item description': null }, { Title: 'orphan row', Source: 'X' }]);
    const c = TDOC_LIST_COLUMNS.indexOf('Agenda item') + 1;
    ws.mergeCells(2, c, 3, c);
    ws.mergeCells(2, c + 1, 3, c + 1);
    const { meeting: m, warnings } = await importXlsxTdocList(await bytes(wb));
    expect(m.contributions.map((x) => m.agenda.find((a) => a.id === x.agendaItemId)?.label ?? '')).toEqual(['4', '4', '']);
    expect(m.contributions[2]).toMatchObject({ number: '', title: 'orphan row' });
    expect(warnings).toEqual([
      expect.objectContaining({ row: 3, message: expect.stringContaining('"Treated later"') }),
      expect.objectContaining({ row: 4, message: expect.stringContaining('no document number') }),
    ]);
  });

  it('refuses a workbook without a Tdoc sheet, a zip that is no workbook, and a cut-short file', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Budget').addRow(['Item', 'Cost']);
    await expect(importXlsxTdocList(await bytes(wb))).rejects.toThrow(/no Tdoc list sheet.*"Budget"/);
    const good = await bytes((await workbook(TDOC_LIST_COLUMNS, ROWS)).wb);
    await expect(importXlsxTdocList(good.subarray(0, good.length >> 1))).rejects.toBeInstanceOf(ImportError);
    await expect(importXlsxTdocList(new TextEncoder().encode('TDoc,Title\nA-1,x\n'))).rejects.toThrow(/not a zip/);
  });

  it('writes the portal column order and reads its own file back', async () => {
    const m = sampleMeeting();
    const out = await exportTdocListXlsx(m);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.data as Uint8Array) as never);
    const ws = wb.getWorksheet('TDoc_List')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 36)).toEqual([...TDOC_LIST_COLUMNS]);
    const back = await importXlsxTdocList(out.data as Uint8Array);
    expect(back.meeting.contributions.map((c) => c.number)).toEqual(m.contributions.map((c) => c.number));
  });
});
