import { AlignmentType, CheckBox, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDocxAgenda } from '../../shared/formats/docxAgenda.js';
import { exportReportDocx } from '../../shared/formats/reportDocx.js';
import { ImportError } from '../../shared/formats/types.js';
import { importTextAgenda } from '../../shared/formats/textAgenda.js';
import { readPageHeading } from '../../shared/formats/tdocsPageHeading.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { sampleMeeting } from './sampleMeeting.js';

const cell = (lines: string | string[], merge?: 'restart' | 'continue') =>
  new TableCell({
    children: (Array.isArray(lines) ? lines : [lines]).map((l) => new Paragraph(l)),
    ...(merge ? { verticalMerge: merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
  });
const table = (rows: (string | string[])[][]) => new Table({ rows: rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })) });
const h = (text: string, level: 1 | 2) => new Paragraph({ text, heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 });

async function docx(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

describe('importDocxAgenda', () => {
  it('reads the oneM2M layout: cover table, auto-numbered headings, header-less contribution tables, day/room/time schedule', async () => {
    const data = await docx([
      new Paragraph('Agenda'),
      table([
        ['Meeting title:', 'SEC 23 F2F meeting (TP 23)'],
        ['Chair:', 'Francois Ennesser'],
        ['Secretary:', 'Karen Hughes, ETSI'],
        ['Meeting Date:', '2016-05-16 to 2016-05-20'],
        ['Meeting Details:', ['Ordinary face-to-face meeting during TP23', 'in Seoul, South Korea']],
        ['Intended purpose of document:', ['|_| Discussion', '|X| Decision']],
      ]),
      new Paragraph('oneM2M Procedure Notice: boilerplate'),
      h('Opening of meeting', 1),
      h('Schedule for WG4 SEC', 2),
      table([
        ['TUESDAY'],
        ['Kumkang 3', '8:30-10:00', ['SEC Session S2', 'Agenda Item 5.1, 5.2']],
        ['Kumkang 4', '17:00- 18:30', ['Drafting Session D2', 'Agenda Item 5.1']],
      ]),
      h('Approval of previous Minutes and draft deliverables', 1),
      new Paragraph({ text: 'TS-0003 Rel-2 Baseline: v2.1.0 (SEC-2016-0077)', bullet: { level: 0 } }),
      new Paragraph({ text: 'TR-0019 draft baseline: v0.5.0 available on portal', bullet: { level: 0 } }),
      h('Review of Objectives for the Meeting', 1),
      new Paragraph({ text: 'Freeze and / or approval of intended deliverables', bullet: { level: 0 } }),
      h('Corrections and enhancements CRs', 1),
      h('Enhancements to TS-0003 (Rel-2)', 2),
      table([
        ['SEC-2016-0094R02', 'TS-0003 CR Role Based Access Control', 'Datang', ['R01: Remove AppID', 'R02: Merge PDP and PIP']],
        ['SEC\u20112016-0098', 'TS-0003 CR Token Structure', 'Datang', ''],
        ['REQ-2016-0045 (SEC-2016-0103)', 'Work item on a secure element', 'ETSI TC SCP', ''],
        ['SEC-2016-0099 (late)', 'Late one', 'Qualcomm', 'Ex part of 71'],
        ['see the chair', 'for this one', '', ''],
      ]),
      h('Action points', 2),
      table([
        ['Action', 'Who', 'Status'],
        ['Clean-up TS-0001', 'All', 'OPEN'],
      ]),
    ]);
    const { meeting: m, warnings } = await importDocxAgenda(data, { fileName: 'agenda.docx' });
    expect(parseMeeting(m).ok).toBe(true);
    expect(m.meta).toMatchObject({
      title: 'SEC 23 F2F meeting (TP 23)',
      chair: 'Francois Ennesser',
      startDate: '2016-05-16',
      endDate: '2016-05-20',
      purpose: 'decision',
      details: 'Ordinary face-to-face meeting during TP23\nin Seoul, South Korea',
      body: 'oneM2M',
    });
    expect(m.agenda.map((a) => `${a.label} ${a.title}`)).toEqual([
      '1 Opening of meeting',
      '1.1 Schedule for WG4 SEC',
      '2 Approval of previous Minutes and draft deliverables',
      '3 Review of Objectives for the Meeting',
      '4 Corrections and enhancements CRs',
      '4.1 Enhancements to TS-0003 (Rel-2)',
    ]);
    expect(m.contributions.map((c) => [c.number, c.aliases, c.source])).toEqual([
      ['SEC-2016-0094R02', [], 'Datang'],
      ['SEC-2016-0098', [], 'Datang'],
      ['REQ-2016-0045', ['SEC-2016-0103'], 'ETSI TC SCP'],
      ['SEC-2016-0099', [], 'Qualcomm'],
      ['', [], ''],
    ]);
    expect(m.contributions[3].notes).toBe('(late)\nEx part of 71');
    expect(m.contributions[4].title).toBe('see the chair for this one');
    expect(warnings).toEqual([expect.objectContaining({ row: 5, message: expect.stringContaining('no document number') })]);
    expect(m.contributions[0].notes).toBe('R01: Remove AppID\nR02: Merge PDP and PIP');
    expect(m.sessions.map((s) => [s.date, s.start, s.end, s.room, s.code, s.title])).toEqual([
      ['2016-05-17', '08:30', '10:00', 'Kumkang 3', 'S2', 'SEC Session'],
      ['2016-05-17', '17:00', '18:30', 'Kumkang 4', 'D2', 'Drafting Session'],
    ]);
    expect(m.actions.map((a) => [a.what, a.who, a.status])).toEqual([['Clean-up TS-0001', 'All', 'open']]);
    expect(m.deliverables.map((d) => [d.name, d.version, d.reference, d.note])).toEqual([
      ['TS-0003', 'v2.1.0', 'SEC-2016-0077', 'Rel-2 Baseline'],
      ['TR-0019', 'v0.5.0', '', 'draft baseline available on portal'],
    ]);
    expect(m.objectives.map((o) => o.text)).toEqual(['Freeze and / or approval of intended deliverables']);
  });

  it('reads the 3GPP layout: agenda table AI / Topic / Specs / Rapporteur and a weekly time plan with merged slots', async () => {
    const slot = (t: string[], rest: (string | string[])[], merge: 'restart' | 'continue') =>
      new TableRow({ children: [cell(t, merge), ...rest.map((c) => cell(c))] });
    const data = await docx([
      new Paragraph('SA WG2 Meeting #135 S2-190xxxx'),
      new Paragraph('Oct 14 - 18, 2019, Split, Croatia'),
      table([
        ['AI#', 'Topic', 'Specs', 'Rapporteur'],
        ['1', 'Opening of the meeting', '', ''],
        ['7', ['Rel-16 Maintenance', 'Please do not submit documents directly'], ['23.501', '23.502'], ''],
        ['7.1', 'eV2XARC', '', 'LaeYoung Kim (LG Electronics)'],
        ['7.10.2', 'eNS', '', ''],
      ]),
      new Table({
        rows: [
          new TableRow({ children: ['', 'Monday', 'Tuesday'].map((t) => cell(t)) }),
          slot(['08:00', 'Q1', '10:00'], ['Opening (1)', '\u2660 eNS (7.10.2)'], 'restart'),
          slot([''], ['', 'eV2XARC (7.1)'], 'continue'),
        ],
      }),
    ]);
    const { meeting: m } = await importDocxAgenda(data);
    expect(m.meta).toMatchObject({
      title: 'SA WG2 Meeting #135 S2-190xxxx',
      startDate: '2019-10-14',
      endDate: '2019-10-18',
      venue: 'Split, Croatia',
      timezone: 'Europe/Zagreb',
    });
    const label = new Map(m.agenda.map((a) => [a.id, a.label]));
    expect(m.agenda.map((a) => [a.label, a.parentId ? label.get(a.parentId) : null])).toEqual([
      ['1', null],
      ['7', null],
      ['7.1', '7'],
      ['7.10.2', '7'],
    ]);
    expect(m.agenda[1]).toMatchObject({ title: 'Rel-16 Maintenance', notes: 'Please do not submit documents directly', specs: '23.501, 23.502' });
    expect(m.agenda[2].rapporteur).toBe('LaeYoung Kim (LG Electronics)');
    expect(m.sessions.map((s) => [s.date, s.start, s.end, s.agendaItemIds.map((id) => label.get(id))])).toEqual([
      ['2019-10-14', '08:00', '10:00', ['1']],
      ['2019-10-15', '08:00', '10:00', ['7.10.2']],
      ['2019-10-15', '08:00', '10:00', ['7.1']],
    ]);
  });

  it('G-WEEK-9 fills Chair, Secretary and purpose where the agenda names them: a cover table with Word check boxes, or front-matter lines', async () => {
    const boxes = (ticked: string) =>
      new Paragraph({
        children: ['Decision', 'Discussion', 'Information'].flatMap((p) => [new CheckBox({ checked: p === ticked }), new TextRun(` ${p}`)]),
      });
    const cover = await docx([
      new Paragraph('Agenda'),
      new Table({
        rows: [
          new TableRow({ children: [cell('Meeting title:'), cell('SEC 23 F2F meeting (TP 23)')] }),
          new TableRow({ children: [cell('Chair:'), cell('Francois Ennesser')] }),
          new TableRow({ children: [cell('Secretary:'), cell('Karen Hughes, ETSI')] }),
          new TableRow({ children: [cell('Meeting Details:'), cell(['Ordinary face-to-face meeting during TP23', 'in Seoul, South Korea'])] }),
          new TableRow({ children: [cell('Intended purpose of document:'), new TableCell({ children: [boxes('Discussion')] })] }),
        ],
      }),
      h('Opening of meeting', 1),
    ]);
    const a = (await importDocxAgenda(cover)).meeting.meta;
    expect(a).toMatchObject({ chair: 'Francois Ennesser', secretary: 'Karen Hughes, ETSI', purpose: 'discussion', venue: 'Seoul, South Korea' });

    const lines = await docx([
      new Paragraph('3GPP TSG SA WG2 Meeting #170'),
      new Paragraph('Chair: Jane Roe (ACME)'),
      new Paragraph('Secretary: John Doe (ETSI MCC)'),
      new Paragraph('Document for: Approval'),
      h('Opening of meeting', 1),
      h('Approval of the agenda', 1),
    ]);
    const b = (await importDocxAgenda(lines)).meeting;
    expect(b.meta).toMatchObject({ title: '3GPP TSG SA WG2 Meeting #170', chair: 'Jane Roe (ACME)', secretary: 'John Doe (ETSI MCC)', purpose: 'decision' });
    expect(b.agenda.map((x) => x.title)).toEqual(['Opening of meeting', 'Approval of the agenda']);

    const sec23 = importTextAgenda(new Uint8Array(readFileSync(new URL('../fixtures/agenda-sec23.txt', import.meta.url)))).meeting.meta;
    expect(sec23).toMatchObject({ chair: 'Francois Ennesser', secretary: 'Karen Hughes (ETSI)', purpose: 'decision' });
  });

  it('G-WEEK-9 reads the dates and venue of a Tdocs-by-agenda page from its heading line, else from its links\' meeting folder', () => {
    const table = '<table><tr><td>TD#</td><td>Type</td><td>Subject</td></tr></table>';
    expect(readPageHeading(`<html><body><p><b>3GPP TSG SA WG2 Meeting #155, Athens, Greece, 27 February – 3 March 2023</b></p><p>Tdocs by agenda</p>${table}</body></html>`)).toMatchObject({
      venue: 'Athens, Greece',
      startDate: '2023-02-27',
      endDate: '2023-03-03',
    });
    const folder = readPageHeading(`<html><body><h3>Tdocs by agenda</h3>${table}<a href="https://www.3gpp.org/ftp/tsg_sa/WG2_Arch/TSGS2_155_Athens_2023-02/Docs/S2-2302173.zip">S2-2302173</a></body></html>`);
    expect(folder).toMatchObject({ venue: 'Athens' });
    expect(folder.startDate).toBeUndefined();
  });

  it('reads an agenda written as a numbered list, nesting included', async () => {
    const level = (n: number) => ({ level: n, format: LevelFormat.DECIMAL, text: n === 0 ? '%1.' : '%1.%2.', alignment: AlignmentType.START });
    const item = (text: string, lvl: number) => new Paragraph({ text, numbering: { reference: 'agenda', level: lvl } });
    const doc = new Document({
      numbering: { config: [{ reference: 'agenda', levels: [level(0), level(1)] }] },
      sections: [{ children: [new Paragraph('ETSI TC XYZ meeting #12'), item('Opening', 0), item('Welcome', 1), item('Approval of the agenda', 0), item('AOB', 0)] }],
    });
    const { meeting: m } = await importDocxAgenda(new Uint8Array(await Packer.toBuffer(doc)));
    const label = new Map(m.agenda.map((a) => [a.id, a.label]));
    expect(m.agenda.map((a) => [a.label, a.title, a.parentId ? label.get(a.parentId) : null])).toEqual([
      ['1', 'Opening', null],
      ['1.1', 'Welcome', '1'],
      ['2', 'Approval of the agenda', null],
      ['3', 'AOB', null],
    ]);
    expect(m.meta.title).toBe('ETSI TC XYZ meeting #12');
  });

  it('refuses a zip that is not a Word file, a cut-short file and a document without an agenda', async () => {
    const report = (await exportReportDocx(sampleMeeting())).data as Uint8Array;
    await expect(importDocxAgenda(report.subarray(0, report.length - 100))).rejects.toBeInstanceOf(ImportError);
    await expect(importDocxAgenda(await docx([new Paragraph('Hello')]))).rejects.toThrow(/no agenda/);
    await expect(importDocxAgenda(new TextEncoder().encode('not a zip at all, just text'))).rejects.toThrow(/not a Word/);
  });

  it('knows an agenda table by its item numbers whatever its header says (an empty header over the numbers, or none)', async () => {
    const agenda = [
      ['1', 'Opening of the meeting', '', 'Chair'],
      ['2', 'Approval of the agenda', '', ''],
      ['6', 'Release 16', '', ''],
      ['6.5', 'Work items', '', ''],
      ['6.5.3', ['Enhanced slicing', 'Stage 2 only'], '23.501, 23.502', 'Nokia'],
      ['7.', 'Any other business', '', ''],
    ];
    const cases: [string, string[][]][] = [
      ['empty header', [['', 'Topic', 'Specs', 'Rapporteur']]],
      ['odd header', [['Point', 'What', 'Specs', 'Rapporteur']]],
      ['no header', []],
    ];
    for (const [name, header] of cases) {
      const { meeting: m, warnings } = await importDocxAgenda(await docx([new Paragraph('3GPP TSG SA WG2 Meeting #135'), table([...header, ...agenda])]));
      expect(m.agenda.map((a) => [a.label, a.title]), name).toEqual([
        ['1', 'Opening of the meeting'],
        ['2', 'Approval of the agenda'],
        ['6', 'Release 16'],
        ['6.5', 'Work items'],
        ['6.5.3', 'Enhanced slicing'],
        ['7', 'Any other business'],
      ]);
      const deep = m.agenda.find((a) => a.label === '6.5.3')!;
      expect(m.agenda.find((a) => a.id === deep.parentId)?.label).toBe('6.5');
      expect(deep.notes).toBe('Stage 2 only');
      if (header.length) expect(deep).toMatchObject({ specs: '23.501, 23.502', rapporteur: 'Nokia' });
      expect(warnings.filter((w) => /not an agenda/.test(w.message)), name).toEqual([]);
    }
  });

  it('does not take a table of spec numbers or a list of counts for an agenda', async () => {
    const { meeting: m } = await importDocxAgenda(
      await docx([
        h('1 Specs', 1),
        table([
          ['Spec', 'Version'],
          ['23.501', '16.3.0'],
          ['23.502', '16.3.0'],
        ]),
      ]),
    );
    expect(m.agenda.map((a) => a.label)).toEqual(['1']);
  });
});
