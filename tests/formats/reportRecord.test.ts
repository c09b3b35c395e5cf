/**
 * The report (issue 17): per agenda item the conclusion and the time spent when the meeting has them, and
 * an annex listing what the next meeting would carry over; importing the report back reads nothing twice.
 */
import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { exportMeeting, importMeeting } from '../../shared/formats/index.js';
import { CARRIED_HEADING, formatSpent } from '../../shared/formats/reportModel.js';
import { bytesOf, sampleMeeting, summary } from './sampleMeeting.js';

function withOutcome() {
  const m = sampleMeeting();
  const item = m.agenda.find((a) => a.label === '5.2')!;
  item.conclusion = 'CRs on TS-0003 agreed; the token structure is postponed to SEC 24.';
  item.spentSeconds = 3_900;
  return m;
}

describe('the report of the record', () => {
  it('writes the conclusion and the time spent under their item, and the carried-over annex (md)', async () => {
    const m = withOutcome();
    const md = (await exportMeeting(m, 'md')).data as string;
    const start = md.indexOf('5.2 Enhancements');
    const section52 = md.slice(start, md.indexOf('\n#', start));
    expect(section52).toContain('**Conclusion: CRs on TS-0003 agreed; the token structure is postponed to SEC 24.**');
    expect(section52).toContain('**Time spent: 1 h 05 min**');
    // Under the item's table (issue 16).
    expect(section52.indexOf('**Conclusion:')).toBeGreaterThan(section52.lastIndexOf('| AI |'));
    const annex = md.slice(md.indexOf(`## ${CARRIED_HEADING}`));
    // Left open: the working statuses (Block Approve?, REPLY OPEN) and the document without a status; the open action.
    for (const n of ['SEC-2016-0097', 'SEC-2016-0110']) expect(annex).toContain(`| ${n} | Tdoc |`);
    expect(annex).toContain('| A-WG4-SEC22-1 | Action item |');
    for (const n of ['SEC-2016-0094R01', 'SEC-2016-0098']) expect(annex).not.toContain(n);
  });

  it('writes the same into the Word report', async () => {
    const out = await exportMeeting(withOutcome(), 'docx');
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(out.data as Uint8Array) })).value;
    expect(text).toContain('Conclusion: CRs on TS-0003 agreed');
    expect(text).toContain('Time spent: 1 h 05 min');
    expect(text).toContain(CARRIED_HEADING);
    expect(text.slice(text.indexOf(CARRIED_HEADING))).toContain('SEC-2016-0110');
  });

  for (const fmt of ['md', 'docx'] as const) {
    it(`reads a ${fmt} report with its annex back without doubling anything`, async () => {
      const m = sampleMeeting();
      const back = await importMeeting(bytesOf((await exportMeeting(m, fmt)).data), { format: fmt });
      expect(summary(back.meeting)).toEqual(summary(m));
      expect(back.meeting.actions).toHaveLength(m.actions.length);
    });
  }

  it('formats time spent in minutes and hours', () => {
    expect(formatSpent(25 * 60)).toBe('25 min');
    expect(formatSpent(3_900)).toBe('1 h 05 min');
    expect(formatSpent(20)).toBe('0 min');
  });
});
