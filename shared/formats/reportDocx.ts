/**
 * The meeting report as a Word document (the `docx` package): title and meta table, attendance placeholder,
 * objectives, per agenda item a heading (level by depth, at most Heading 6) with its notes and a document
 * table (AI, TD#, Title, Source, Comments, Result, Revision of, Revised to, Merged to), then action items,
 * schedule and deliverables. A secretary can edit it into the draft report; Plenary's Word importer reads
 * it back by headings and header names.
 */
import type { Paragraph, Table, TableCell } from 'docx';
import { loadDocx } from './lazyLibraries.js';
import { cachedPart } from './docxPartCache.js';
import type { MeetingJson } from '../document/meetingSchema.js';
import type { ExportContext, ExportResult } from './types.js';
import { xmlSafe } from './normalize.js';
import {
  ACTION_COLUMNS,
  ATTENDANCE_PLACEHOLDER,
  ATTENDANCE_PEOPLE_COLUMNS,
  ATTENDANCE_RECORDED,
  ATTENDANCE_SESSION_COLUMNS,
  SPEAKING_ITEM_COLUMNS,
  SPEAKING_ORG_COLUMNS,
  SPEAKING_SPEAKER_COLUMNS,
  CARRIED_COLUMNS,
  CARRIED_HEADING,
  DELIVERABLE_COLUMNS,
  DOC_COLUMNS,
  POLL_COLUMNS,
  POSITION_COLUMNS,
  POSITIONS_HEADING,
  RECORD_HEADING,
  ROUND_COLUMNS,
  SESSION_COLUMNS,
  SPEECH_COLUMNS,
  UNALLOCATED_HEADING,
  itemFacts,
  itemHeading,
  reportModel,
} from './reportModel.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Docx = Awaited<ReturnType<typeof loadDocx>>;

/** The report's building blocks over the loaded docx library. */
function blocks(d: Docx) {
  const levels = [
    d.HeadingLevel.HEADING_1,
    d.HeadingLevel.HEADING_2,
    d.HeadingLevel.HEADING_3,
    d.HeadingLevel.HEADING_4,
    d.HeadingLevel.HEADING_5,
    d.HeadingLevel.HEADING_6,
  ] as const;
  const heading = (text: string, level: number) => new d.Paragraph({ text: xmlSafe(text), heading: levels[Math.min(6, Math.max(1, level)) - 1] });
  const cell = (text: string, bold = false): TableCell => {
    const lines = xmlSafe(text).split('\n');
    return new d.TableCell({
      children: lines.map((l) => new d.Paragraph({ children: [new d.TextRun({ text: l, bold, size: 18 })] })),
    });
  };
  const table = (header: readonly string[], rows: string[][]): Table[] => {
    if (rows.length === 0) return [];
    return [
      new d.Table({
        width: { size: 100, type: d.WidthType.PERCENTAGE },
        rows: [
          new d.TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
          ...rows.map((r) => new d.TableRow({ children: r.map((c) => cell(c)) })),
        ],
      }),
    ];
  };
  return { heading, table };
}

export async function exportReportDocx(m: MeetingJson, ctx?: ExportContext): Promise<ExportResult> {
  const d = await loadDocx();
  const { heading, table } = blocks(d);
  const { Document, Packer, TextRun } = d;
  const Paragraph = d.Paragraph;
  const r = reportModel(m, ctx);
  const children: (Paragraph | Table)[] = [heading(r.title, 1), ...table(['Field', 'Value'], r.meta)];
  if (r.attendance) {
    children.push(heading('Attendance', 2), new Paragraph(xmlSafe(ATTENDANCE_RECORDED)), ...table(ATTENDANCE_SESSION_COLUMNS, r.attendance.sessions));
    if (r.attendance.people.length) children.push(new Paragraph(''), ...table(ATTENDANCE_PEOPLE_COLUMNS, r.attendance.people));
  } else children.push(heading('Attendance', 2), new Paragraph(ATTENDANCE_PLACEHOLDER));
  if (r.objectives.length) {
    children.push(heading('Objectives', 2), ...r.objectives.map((o) => new Paragraph({ text: xmlSafe(o), bullet: { level: 0 } })));
  }
  children.push(heading('Agenda and documents', 2));
  for (const { item, depth, docs, outcome } of r.items) {
    const title = itemHeading(item) || '-';
    const facts = itemFacts(item);
    // Each item's part is prepared once per content (docxPartCache.ts): a status change redoes one item.
    const key = JSON.stringify(['item', depth, title, facts, item.notes, docs, outcome]);
    children.push(
      cachedPart(key, docs.length, () => {
        const part: (Paragraph | Table)[] = [heading(title, 3 + depth)];
        if (facts) part.push(new Paragraph({ children: [new TextRun({ text: xmlSafe(facts), italics: true })] }));
        for (const line of xmlSafe(item.notes).split('\n')) if (line.trim()) part.push(new Paragraph(line));
        part.push(...table(DOC_COLUMNS, docs));
        // Under the item's table: what was concluded, and the time it took.
        for (const line of outcome) part.push(new Paragraph({ children: [new TextRun({ text: xmlSafe(line), bold: true })] }));
        return part;
      }),
    );
  }
  if (r.unallocated.length) {
    children.push(cachedPart(JSON.stringify(['unallocated', r.unallocated]), r.unallocated.length, () => [heading(UNALLOCATED_HEADING, 2), ...table(DOC_COLUMNS, r.unallocated)]));
  }
  if (r.actions.length) children.push(heading('Action items', 2), ...table(ACTION_COLUMNS, r.actions));
  if (r.sessions.length) children.push(heading('Schedule', 2), ...table(r.sessionColumns, r.sessions));
  if (r.deliverables.length) children.push(heading('Deliverables', 2), ...table(DELIVERABLE_COLUMNS, r.deliverables));
  if (r.positions.length || r.rounds.length) {
    children.push(heading(POSITIONS_HEADING, 2), ...table(POSITION_COLUMNS, r.positions));
    if (r.positions.length && r.rounds.length) children.push(new Paragraph(''));
    children.push(...table(ROUND_COLUMNS, r.rounds));
  }
  if (r.speeches.length || r.polls.length) {
    children.push(heading(RECORD_HEADING, 2), ...table(SPEECH_COLUMNS, r.speeches));
    if (r.speeches.length && r.polls.length) children.push(new Paragraph(''));
    children.push(...table(POLL_COLUMNS, r.polls));
    if (r.speaking.byOrganisation.length) {
      children.push(new Paragraph('Speaking time per organisation, per speaker and per agenda item:'), ...table(SPEAKING_ORG_COLUMNS, r.speaking.byOrganisation));
      children.push(new Paragraph(''), ...table(SPEAKING_SPEAKER_COLUMNS, r.speaking.bySpeaker), new Paragraph(''), ...table(SPEAKING_ITEM_COLUMNS, r.speaking.byItem));
    }
  }
  if (r.carried.length) children.push(heading(CARRIED_HEADING, 2), ...table(CARRIED_COLUMNS, r.carried));
  const doc = new Document({
    creator: 'Plenary',
    title: xmlSafe(r.title),
    description: 'Draft meeting report',
    sections: [{ children }],
  });
  const buf = await Packer.toBuffer(doc);
  return { data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), contentType: DOCX_TYPE };
}
