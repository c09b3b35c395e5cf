import { describe, expect, it } from 'vitest';
import { importHtmlTdocsByAgenda } from '../../shared/formats/htmlTdocsByAgenda.js';
import { ImportError } from '../../shared/formats/types.js';
import { parseMeeting } from '../../shared/validateMeeting.js';

/** Encodes text as windows-1252 (the characters used here are in its 0x80-0xFF range or ASCII). */
function cp1252(s: string): Uint8Array {
  const map: Record<string, number> = { '\u2026': 0x85, '\u2013': 0x96, '\u2019': 0x92, é: 0xe9 };
  return Uint8Array.from([...s].map((ch) => map[ch] ?? ch.charCodeAt(0)));
}

const td = (t: string) => `<TD BGCOLOR=#FFFFFF><FONT FACE="Arial">${t}</FONT></TD>`;
const row = (cells: string[]) => `<TR VALIGN=TOP>${cells.map(td).join('  ')}</TR>\n`;
const HEAD = row(['<b> AI </b>', '<b> TD# </b>', '<b> Type </b>', '<b> Doc For </b>', '<b> Subject </b>', '<b> Source </b>', '<b> Rel </b>', '<b> Work Item </b>', '<b> Comments </b>', '<b> Result </b>']);

function page(body: string, footer = '<P>Total documents: <B>5 </B></P>'): Uint8Array {
  return cp1252(
    `<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252"><title>Chairman's notes</title></head><body><p>IPR reminder</p></body></html>\n` +
      `<P>Temporary Documents List</P><table style="border:1px" TABLE BORDER=1 WIDTH=1000 & >\n<THEAD>${HEAD}</THEAD><TBODY>\n${body}</TBODY></table>${footer}</BODY></HTML>`,
  );
}

const BODY =
  row(['4.1', '-', '-', '-', 'Common issues', '-', '-', 'Puneet', 'Docs:=3', '-']) +
  row(['4.1', '<a name=S2-2000001><b> S2\u20132000001</b></a>', 'LS In', 'Action', 'LS on things\u2026', 'SA WG3', 'Rel-16', '', 'Revision of S2-1912345. Response drafted in S2-2000002', 'REPLY OPEN']) +
  row(['4.1', 'S2-2000002', 'LS OUT', 'Approval', '[Draft] Reply LS', 'Nokia', 'Rel-16', '', 'Revision of S2-2000001.', 'Block Approve?']) +
  row(['4.1', 'S2-2000003', 'CR', 'Approval', '23.501 CR0001', 'Huawei', 'Rel-16', '', 'Merged into S2-2000002', 'Merged']) +
  row(['9.1.1', '-', '-', '-', 'Study on something', '-', '-', 'X', 'Docs:=2', '-']) +
  row(['9.1.1', 'S2-2000004', 'P-CR', 'Approval', 'Caf\u00e9 solution', 'Orange', 'Rel-17', '', '', 'OPEN']) +
  row(['9.1.1', 'S2-2000005', 'P-CR', 'Approval', 'Another', 'Orange', 'Rel-17', '', 'WITHDRAWN', 'Withdrawn']);

describe('importHtmlTdocsByAgenda', () => {
  it('reads agenda groups, documents, results (working markers kept) and links from a windows-1252 page, even after </html>', () => {
    const { meeting: m, warnings } = importHtmlTdocsByAgenda(page(BODY), { fileName: '2020.02.29_TdocsByAgenda_SA2-137E.htm' });
    expect(parseMeeting(m).ok).toBe(true);
    expect(m.meta.title).toBe('SA2-137E');
    expect(m.agenda.map((a) => [a.label, a.title])).toEqual([
      ['4.1', 'Common issues'],
      ['9.1.1', 'Study on something'],
    ]);
    expect(m.contributions.map((c) => [c.number, c.status])).toEqual([
      ['S2-2000001', 'reply-open'],
      ['S2-2000002', 'block-approve'],
      ['S2-2000003', 'merged'],
      ['S2-2000004', 'open'],
      ['S2-2000005', 'withdrawn'],
    ]);
    const [a, b, c, d] = m.contributions;
    expect(a).toMatchObject({ title: 'LS on things\u2026', type: 'LS In', for: 'Action', notes: 'Revision of S2-1912345. Response drafted in S2-2000002' });
    expect(b.revisionOf).toBe(a.id);
    expect(c.mergedInto).toBe(b.id);
    expect(d.title).toBe('Café solution');
    expect(m.statuses.filter((s) => !s.final).map((s) => s.label)).toEqual(expect.arrayContaining(['REPLY OPEN', 'Block Approve?', 'OPEN']));
    expect(warnings.map((w) => w.message)).toEqual(['REPLY OPEN', 'Block Approve?', 'OPEN'].map((x) => `status "${x}" is not in the vocabulary; added as a working status`));
  });

  it('warns when a group announces more documents than the page lists; refuses a page whose total disagrees', () => {
    const cut = BODY.split('\n').slice(0, 6).join('\n');
    const { meeting: m, warnings } = importHtmlTdocsByAgenda(page(cut, ''), {});
    expect(m.contributions).toHaveLength(4);
    const pageWarnings = (list: { message: string }[]) => list.map((w) => w.message).filter((x) => !x.startsWith('status '));
    expect(pageWarnings(warnings)).toEqual([
      expect.stringContaining('9.1.1 announces 2 documents'),
      expect.stringContaining('no "Total documents" footer'),
    ]);
    expect(() => importHtmlTdocsByAgenda(page(BODY, '<P>Total documents: <B>7 </B></P>'))).toThrow(
      new ImportError('the page says "Total documents: 7" but its table has 5 Tdoc rows; the page is cut short or not of a known layout, and a board missing Tdocs is not imported'),
    );
  });

  it('reads an agenda saved from Word as a web page (headings and contribution tables)', () => {
    const page = cp1252(
      '<html><head><meta charset=windows-1252></head><body><div class=WordSection1><h1>1 Opening</h1><h1>5 CRs</h1><h2>5.2 Enhancements</h2>' +
        '<table><tr><td>SEC-2016-0094R02</td><td>TS-0003 CR Role Based Access Control</td><td>Datang</td><td>R01: Remove AppID</td></tr></table></div></body></html>',
    );
    const { meeting: m } = importHtmlTdocsByAgenda(page);
    expect(m.agenda.map((a) => a.label)).toEqual(['1', '5', '5.2']);
    expect(m.contributions.map((c) => [c.number, m.agenda.find((a) => a.id === c.agendaItemId)?.label])).toEqual([['SEC-2016-0094R02', '5.2']]);
  });

  it('refuses a page without a Tdoc table and bytes that are not a page', () => {
    expect(() => importHtmlTdocsByAgenda(cp1252('<html><body><table><tr><td>a</td></tr></table></body></html>'))).toThrow(/neither a Tdoc list/);
    expect(() => importHtmlTdocsByAgenda(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]))).toThrow(ImportError);
  });
});
