/**
 * A generated 3GPP portal Tdoc list (.xlsx) of any length, with the portal's sheet name and columns, so the
 * import scenario can time a list far longer than any real one at hand.
 */
import ExcelJS from 'exceljs';
import { benchMeeting } from './benchMeeting.js';

const COLUMNS = [
  'TDoc', 'Title', 'Source', 'Contact', 'Contact ID', 'Type', 'For', 'Abstract', 'Secretary Remarks', 'Agenda item sort order',
  'Agenda item', 'Agenda item description', 'TDoc sort order within agenda item', 'TDoc Status', 'Reservation date', 'Uploaded',
  'Is revision of', 'Revised to', 'Release', 'Spec', 'Version', 'Related WIs', 'CR', 'CR revision', 'CR category',
];

/** The workbook bytes of a `rows`-row Tdoc list. */
export async function tdocListXlsx(rows: number): Promise<Buffer> {
  const meeting = benchMeeting(rows, 7);
  const items = new Map(meeting.agenda.map((a, i) => [a.id, { label: a.label, title: a.title, order: i + 1 }]));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('TDoc_List');
  ws.addRow(COLUMNS);
  meeting.contributions.forEach((c, i) => {
    const item = items.get(c.agendaItemId)!;
    ws.addRow([
      c.number.replace(/^S2-/, 'RP-'), c.title, c.source, 'A. Delegate', String(10000 + (i % 500)), c.type ?? 'discussion', c.for ?? 'Discussion', '', '',
      String(item.order), item.label, item.title, String(i + 1), i % 5 === 0 ? 'agreed' : 'available', '10/29/2025 11:55:52 PM',
      '2025-10-29T23:58:02.443Z', '', '', 'Rel-19', '', '', '', '', '', '',
    ]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
