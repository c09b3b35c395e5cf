import { describe, expect, it } from 'vitest';
import { importHtmlTdocsByAgenda } from '../../shared/formats/htmlTdocsByAgenda.js';
import { ImportError } from '../../shared/formats/types.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';

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
    expect(warnings.map((w) => w.message)).toEqual([
      ...['REPLY OPEN', 'Block Approve?', 'OPEN'].map((x) => `status "${x}" is not in the vocabulary; added as a working status`),
      // SA2-137E: an e-meeting (the 'E' after its number), so no venue gives the zone.
      'the meeting is held online: its time zone is left as UTC; set the zone the meeting keeps its times in (Meeting tab)',
    ]);
    expect(m.meta.timezone).toBe('UTC');
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

/** Row shapes found in real TdocsByAgenda pages and portal exports, each of which once lost Tdocs. */
describe('importHtmlTdocsByAgenda: every Tdoc row, whatever its shape', () => {
  const numbers = (m: { contributions: { number: string }[] }) => m.contributions.map((c) => c.number);
  const itemOf = (m: { agenda: { id: string; label: string }[] }, c: { agendaItemId: string | null }) => m.agenda.find((a) => a.id === c.agendaItemId)?.label;

  it('reads an AI cell spanning rows (rowspan), a title spanning columns (colspan), numbers in links and with odd hyphens', () => {
    const body =
      row(['4.1', '-', '-', '-', 'Common issues', '-', '-', 'X', 'Docs:=4', '-']) +
      `<TR><TD ROWSPAN=3>4.1</TD>${td('<a href="https://www.3gpp.org/ftp/S2-1900001.zip"><span>S2-1900001</span></a>')}${td('CR')}${td('Approval')}<TD COLSPAN=2>Spanning title and source</TD>${td('Rel-16')}${td('')}${td('')}${td('Noted')}</TR>\n` +
      `<TR>${td('S2&#8208;1900002')}${td('CR')}${td('Approval')}${td('Hyphen U+2010')}${td('A')}${td('')}${td('')}${td('')}${td('Agreed')}</TR>\n` +
      `<TR>${td('<a name="S2-1900003"></a><a href="x">S2&#8209;1900003</a>')}${td('CR')}${td('Approval')}${td('No-break hyphen')}${td('B')}${td('')}${td('')}${td('')}${td('Agreed')}</TR>\n` +
      row(['4.1', 'S2\u20131900004<br>(late)', 'CR', 'Approval', 'En dash', 'C', '', '', '', 'Agreed']);
    const { meeting: m } = importHtmlTdocsByAgenda(page(body, '<P>Total documents: <B>4 </B></P>'));
    expect(m.contributions[3].notes).toBe('(late)');
    expect(numbers(m)).toEqual(['S2-1900001', 'S2-1900002', 'S2-1900003', 'S2-1900004']);
    expect(m.contributions.map((c) => itemOf(m, c))).toEqual(['4.1', '4.1', '4.1', '4.1']);
    expect(m.contributions[0]).toMatchObject({ title: 'Spanning title and source', source: 'Spanning title and source', status: 'noted' });
  });

  it('gives an agenda from items written as rows spanning the table (no AI column) and puts each Tdoc under its item', () => {
    const head = row(['<b>TD#</b>', '<b>Type</b>', '<b>Doc For</b>', '<b>Subject</b>', '<b>Source</b>', '<b>Comments</b>', '<b>Result</b>']);
    const span = (t: string) => `<TR><TD COLSPAN=7 BGCOLOR=#99CCFF><B>${t}</B></TD></TR>\n`;
    const doc = (n: string, t: string) => row([n, 'CR', 'Approval', t, 'Nokia', '', 'Agreed']);
    const body =
      span('2 Agenda (Docs:=1)') +
      doc('S2-1900010', 'Agenda') +
      span('6.5.3 - Enhancements to something') +
      doc('S2-1900011', 'One') +
      doc('S2-1900012', 'Two') +
      span('AI 7.1: Other business') +
      doc('S2-1900013', 'Three');
    const html = `<html><body><P>Temporary Documents List</P><TABLE>${head}${body}</TABLE><P>Total documents: 4</P></body></html>`;
    const { meeting: m, warnings } = importHtmlTdocsByAgenda(new TextEncoder().encode(html));
    expect(m.agenda.map((a) => [a.label, a.title])).toEqual([
      ['2', 'Agenda'],
      ['6.5.3', 'Enhancements to something'],
      ['7.1', 'Other business'],
    ]);
    expect(m.contributions.map((c) => [c.number, itemOf(m, c)])).toEqual([
      ['S2-1900010', '2'],
      ['S2-1900011', '6.5.3'],
      ['S2-1900012', '6.5.3'],
      ['S2-1900013', '7.1'],
    ]);
    expect(m.contributions.every((c) => c.number)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('reads item rows without an AI column written in the Tdoc columns: "-" as number and the item in Subject, or its number as TD#', () => {
    const head = row(['<b>TD#</b>', '<b>Type</b>', '<b>Doc For</b>', '<b>Subject</b>', '<b>Source</b>', '<b>Comments</b>', '<b>Result</b>']);
    const doc = (n: string, t: string) => row([n, 'CR', 'Approval', t, 'Nokia', 'Revision of S2-1800001.', 'Agreed']);
    const body =
      row(['-', '-', '-', '5.1 General (Docs:=1)', '-', '-', '-']) +
      doc('S2-1900021', 'One') +
      row(['', '', '', 'AI 5.2: Specific', '', 'Docs:=2', '']) +
      doc('S2-1900022', 'Two') +
      doc('S2-1900023', 'Three') +
      row(['6.1', '', '', 'Release 16', '', '', '']) +
      doc('S2-1900024', 'Four') +
      row(['', 'CR', 'Approval', 'A Tdoc without its number', 'Ericsson', '', 'Noted']);
    const html = `<html><body><TABLE>${head}${body}</TABLE><P>Total documents: 5</P></body></html>`;
    const { meeting: m, warnings } = importHtmlTdocsByAgenda(new TextEncoder().encode(html));
    expect(m.agenda.map((a) => [a.label, a.title])).toEqual([
      ['5.1', 'General'],
      ['5.2', 'Specific'],
      ['6.1', 'Release 16'],
    ]);
    expect(m.contributions.map((c) => [c.number, itemOf(m, c)])).toEqual([
      ['S2-1900021', '5.1'],
      ['S2-1900022', '5.2'],
      ['S2-1900023', '5.2'],
      ['S2-1900024', '6.1'],
      ['', '6.1'],
    ]);
    expect(warnings.map((w) => w.message)).toEqual(['row has a document but no document number; kept without a number']);
  });

  it('reads rows split across several tables (a continuation without its header) and ignores numbers in prose and comments', () => {
    const first = BODY.split('\n').slice(0, 4).join('\n');
    const rest = BODY.split('\n').slice(4).join('\n');
    const html =
      `<html><body><p>Late documents S2-2000099 and S2-2000098 are listed below.</p>` +
      `<table><tr><td>Note: S2-2000097 was withdrawn before the meeting</td></tr></table>` +
      `<!-- <TR><TD>4.1</TD><TD>S2-2000096</TD><TD>CR</TD><TD>Approval</TD><TD>Commented out</TD></TR> -->` +
      `<table>${HEAD}${first}</table><p>page break S2-2000095</p><table>${rest}</table><p>Total documents: 5</p></body></html>`;
    const { meeting: m } = importHtmlTdocsByAgenda(new TextEncoder().encode(html));
    expect(numbers(m)).toEqual(['S2-2000001', 'S2-2000002', 'S2-2000003', 'S2-2000004', 'S2-2000005']);
    expect(m.contributions.map((c) => itemOf(m, c))).toEqual(['4.1', '4.1', '4.1', '9.1.1', '9.1.1']);
  });

  it('meets the total with a Tdoc listed under two items (one document, two rows), with a warning', () => {
    const body = BODY + row(['9.1.1', 'S2-2000004', 'P-CR', 'Approval', 'Caf\u00e9 solution', 'Orange', 'Rel-17', '', 'Also here', 'OPEN']);
    const { meeting: m, warnings } = importHtmlTdocsByAgenda(page(body));
    expect(m.contributions).toHaveLength(6);
    expect(warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/S2-2000004/));
  });

  it('refuses a page whose table holds fewer Tdoc rows than its own total, naming both numbers', () => {
    const cut = BODY.split('\n').slice(0, 5).join('\n');
    expect(() => importHtmlTdocsByAgenda(page(cut))).toThrow(/says "Total documents: 5" but its table has 3 Tdoc rows/);
  });
});

describe('importHtmlTdocsByAgenda: the portal Tdoc export (agenda with allocation)', () => {
  // The portal's own markup: header cells in a THEAD without a row, data cells opened by <TD> and closed by </TH>.
  const th = (t: string) => `<TH BGCOLOR=#FFFFFF><FONT style=FONT-SIZE:8pt FACE="Arial">\n${t}\n</FONT></TH>\n`;
  const cell = (t: string) => `<TD BORDERCOLOR=#000000><FONT style=FONT-SIZE:8pt FACE="Arial">\n${t || '&nbsp;'}\n</FONT></TH>\n`;
  const HEADERS = ['Agenda', 'Topic', 'TDoc', 'Title', 'Source', 'Type', 'For', 'Avail', 'Treated', 'Decision', 'My Approval/Comments', 'Wdrn', 'Replaced-by', 'Replaces'];
  const link = (n: string) => `<a name="${n}" target="_blank" href="docs\\${n}.zip">${n}</a>`;
  const tr = (cells: string[]) => `<TR VALIGN=TOP>\n${cells.map(cell).join('')}</TR>\n`;
  const exportPage = (rows: string, charset = 'UTF-8') =>
    `<HTML>\n<HEAD>\n<META HTTP-EQUIV="Content-Type" CONTENT="text/html;charset=${charset}">\n<TITLE>TDoc list</TITLE></HEAD>\n<BODY>\n<P>Tdoc List</P>\n` +
    `<TABLE BORDER=1>\n<THEAD>\n${HEADERS.map(th).join('')}</THEAD>\n${rows}</TABLE>\n</BODY>\n</HTML>`;
  const ROWS =
    tr(['1', 'Agenda and Meeting Objectives', link('S3-244600'), 'Agenda', 'SA WG3 Chair', 'agenda', '', 'Yes', '<div class="tooltip">Yes<span class="tooltiptext">It was pointed out that agenda 5.15 needed to be added.</span></div>', 'revised', '', 'No', 'S3&#8209;245134', '']) +
    tr(['', '', link('S3-245134'), 'Agenda', 'SA WG3 Chair', 'agenda', '-', 'No', 'Yes', 'approved', '', 'No', '', 'S3&#8209;244600']) +
    tr(['2', 'Meeting Reports', '', '', '', '', '', '', '', '', '', '', '', '']) +
    tr(['2.1', 'Previous SA3 meeting report', link('S3-244601'), 'Report from last meeting', 'MCC', 'report', 'Approval', 'Yes', 'Yes', 'approved', '', 'No', '', '']) +
    tr(['', '', link('S3-244602'), 'Withdrawn paper', 'Caf\u00e9 Telecom \u2013 R&amp;D', 'discussion', 'Discussion', 'No', 'No', '', '', 'Yes', '', '']) +
    tr(['2.2', 'SA3-LI Report', '', '', '', '', '', '', '', '', '', '', '', '']);

  it('reads items (also those without a Tdoc), type, for, availability, treated with its comment, decision, withdrawn and revision links', () => {
    const { meeting: m, warnings } = importHtmlTdocsByAgenda(new TextEncoder().encode(exportPage(ROWS)), { fileName: 'TDoc_Export_SA3-119.html' });
    expect(parseMeeting(m).ok).toBe(true);
    expect(m.meta.title).toBe('TDoc_Export_SA3-119');
    expect(m.agenda.map((a) => [a.label, a.title])).toEqual([
      ['1', 'Agenda and Meeting Objectives'],
      ['2', 'Meeting Reports'],
      ['2.1', 'Previous SA3 meeting report'],
      ['2.2', 'SA3-LI Report'],
    ]);
    const byNumber = new Map(m.contributions.map((c) => [c.number, c]));
    expect([...byNumber.keys()]).toEqual(['S3-244600', 'S3-245134', 'S3-244601', 'S3-244602']);
    expect(m.contributions.map((c) => m.agenda.find((a) => a.id === c.agendaItemId)?.label)).toEqual(['1', '1', '2.1', '2.1']);
    const a = byNumber.get('S3-244600')!;
    expect(a).toMatchObject({ type: 'agenda', status: 'revised', notes: 'It was pointed out that agenda 5.15 needed to be added.', columns: { Avail: 'Yes', Treated: 'Yes', Wdrn: 'No' } });
    expect(byNumber.get('S3-245134')).toMatchObject({ status: 'approved', revisionOf: a.id });
    expect(byNumber.get('S3-244601')).toMatchObject({ for: 'Approval', status: 'approved' });
    expect(byNumber.get('S3-244602')).toMatchObject({ status: 'withdrawn', source: 'Caf\u00e9 Telecom \u2013 R&D', columns: { Avail: 'No', Treated: 'No', Wdrn: 'Yes' } });
    expect(warnings).toEqual([]);
  });

  it('reads the same export written in windows-1252, and UTF-8 bytes under a windows-1252 label', () => {
    const { meeting: m } = importHtmlTdocsByAgenda(cp1252(exportPage(ROWS, 'windows-1252')));
    expect(m.contributions).toHaveLength(4);
    expect(m.contributions[3].source).toBe('Caf\u00e9 Telecom \u2013 R&D');
    const { meeting: u } = importHtmlTdocsByAgenda(new TextEncoder().encode(exportPage(ROWS, 'windows-1252')));
    expect(u.contributions[3].source).toBe('Caf\u00e9 Telecom \u2013 R&D');
  });
});

describe('importHtmlTdocsByAgenda: agenda pages', () => {
  it('knows an agenda table by its item numbers, under an empty header, in the portal markup (<TD> closed by </TH>)', () => {
    const c = (t: string) => `<TD><FONT FACE="Arial">${t}</FONT></TH>`;
    const r = (cells: string[]) => `<TR>${cells.map(c).join('')}</TR>\n`;
    const html =
      '<HTML><BODY><P>3GPP TSG SA WG3 Meeting #119, Maastricht, Netherlands</P><TABLE>' +
      r(['', 'Topic', 'Specs', 'Rapporteur']) +
      r(['1', 'Opening', '', '']) +
      r(['2.1', 'Reports', '', 'MCC']) +
      r(['6.5.3', 'Enhancements', '33.501', 'Ericsson']) +
      '</TABLE></BODY></HTML>';
    const { meeting: m } = importHtmlTdocsByAgenda(new TextEncoder().encode(html));
    expect(m.agenda.map((a) => [a.label, a.title, a.rapporteur ?? ''])).toEqual([
      ['1', 'Opening', ''],
      ['2.1', 'Reports', 'MCC'],
      ['6.5.3', 'Enhancements', 'Ericsson'],
    ]);
  });
});
