/**
 * Time planned and spent in the exports (issue 16): the report's schedule gains Planned and Spent columns
 * and items a "Time planned" line once the meeting has time spent; the workbook gains a Time sheet; both
 * still import back to the same meeting; a meeting without time spent is exported as before.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { exportMeeting, importMeeting } from '../../shared/formats/index.js';
import { SESSION_TIME_COLUMNS } from '../../shared/formats/reportModel.js';
import { TIME_SHEET_HEADER } from '../../shared/formats/tdocListXlsx.js';
import { bytesOf, sampleMeeting, summary } from './sampleMeeting.js';

function timed() {
  const m = sampleMeeting();
  const s = m.sessions[0];
  s.start = '09:00';
  s.end = '10:30';
  const first = m.agenda.find((a) => s.agendaItemIds.includes(a.id))!;
  first.spentSeconds = 50 * 60;
  first.duration = '45 min';
  return { m, first };
}

describe('time in the exports', () => {
  it('writes planned against spent into the report (md) and reads it back unchanged', async () => {
    const { m, first } = timed();
    const md = (await exportMeeting(m, 'md')).data as string;
    expect(md).toContain(`| ${SESSION_TIME_COLUMNS.join(' | ')} |`);
    expect(md).toContain('| 1 h 30 min | 50 min |');
    const start = md.indexOf(`${first.label} ${first.title}`);
    const section = md.slice(start, md.indexOf('\n#', start));
    expect(section).toContain('**Time spent: 50 min**');
    expect(section).toContain('**Time planned: 45 min**');
    const back = await importMeeting(bytesOf(md), { format: 'md' });
    expect(summary(back.meeting).contributions).toEqual(summary(m).contributions);
    expect(back.meeting.sessions.map((x) => [x.start, x.end])).toEqual(m.sessions.map((x) => [x.start, x.end]));
  });

  it('adds a Time sheet to the workbook that the Tdoc importer passes over', async () => {
    const { m, first } = timed();
    const data = (await exportMeeting(m, 'xlsx')).data as Uint8Array;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Time')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...TIME_SHEET_HEADER]);
    const row = (ws.getSheetValues() as unknown[][]).find((r) => r && r[1] === first.label)!;
    expect(row.slice(3, 5)).toEqual([45, 50]);
    const back = await importMeeting(data, { format: 'xlsx' });
    expect(back.meeting.contributions.map((c) => c.number)).toEqual(m.contributions.map((c) => c.number));
  });

  it('leaves the exports of a meeting without time spent as they were', async () => {
    const m = sampleMeeting();
    const md = (await exportMeeting(m, 'md')).data as string;
    expect(md).not.toContain('| Planned | Spent |');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await exportMeeting(m, 'xlsx')).data as Uint8Array) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Time')).toBeUndefined();
  });
});
