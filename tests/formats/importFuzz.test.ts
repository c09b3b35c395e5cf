/**
 * Seeded mutation fuzz of every importer: truncated, bit-flipped, spliced and wrong-format files must give
 * either a valid meeting or an ImportError, never another exception. Seeds are printed on failure; set
 * PLENARY_FUZZ=long for more rounds.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportMeeting, importMeeting, ImportError, type ImportFormat } from '../../shared/formats/index.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { seededRandom, type SeededRandom } from '../helpers/seededRandom.js';
import { bytesOf, sampleMeeting } from './sampleMeeting.js';
import { zipBytes } from './zipBytes.js';

const ROUNDS = process.env.PLENARY_FUZZ === 'long' ? 200 : 12;

const HTML = new TextEncoder().encode(
  '<html><body></body></html><table BORDER=1 & ><tr><td>AI</td><td>TD#</td><td>Subject</td><td>Source</td><td>Comments</td><td>Result</td></tr>' +
    '<tr><td>4.1</td><td>-</td><td>General</td><td>-</td><td>Docs:=2</td><td>-</td></tr>' +
    '<tr><td>4.1</td><td>S2-2000001</td><td>LS</td><td>SA3</td><td>Revision of S2-1.</td><td>OPEN</td></tr>' +
    '<tr><td>4.1</td><td>S2-2000002</td><td>CR</td><td>Nokia</td><td></td><td>Agreed</td></tr></table>',
);

/** The portal's Tdoc export: header cells in a THEAD without a row, cells opened by <TD> and closed by </TH>, tooltips, links. */
const portalCell = (t: string) => `<TD BORDERCOLOR=#000000><FONT FACE="Arial">\n${t || '&nbsp;'}\n</FONT></TH>\n`;
const PORTAL = new TextEncoder().encode(
  '<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html;charset=UTF-8"><TITLE>TDoc list</TITLE><style>.tooltip{}</style></HEAD><BODY>' +
    '<TABLE BORDER=1><THEAD>' +
    ['Agenda', 'Topic', 'TDoc', 'Title', 'Source', 'Type', 'For', 'Avail', 'Treated', 'Decision', 'Wdrn', 'Replaced-by', 'Replaces'].map((h) => `<TH>${h}</TH>`).join('') +
    '</THEAD>' +
    [
      ['1', 'Agenda', '<a href="docs\\S3-244600.zip">S3-244600</a>', 'Agenda', 'Chair', 'agenda', '', 'Yes', '<div class="tooltip">Yes<span class="tooltiptext">Revised.</span></div>', 'revised', 'No', 'S3&#8209;245134', ''],
      ['', '', '<a href="docs\\S3-245134.zip">S3-245134</a>', 'Agenda', 'Chair', 'agenda', '-', 'No', 'Yes', 'approved', 'No', '', 'S3&#8209;244600'],
      ['2', 'Reports', '', '', '', '', '', '', '', '', '', '', ''],
      ['2.1', 'SA report', '<a href="docs\\S3-244601.zip">S3-244601</a>', 'Report', 'MCC', 'report', 'Approval', 'Yes', 'No', '', 'Yes', '', ''],
    ]
      .map((r) => `<TR VALIGN=TOP>${r.map(portalCell).join('')}</TR>`)
      .join('\n') +
    '</TABLE></BODY></HTML>',
);

async function samples(): Promise<[ImportFormat, Uint8Array][]> {
  const m = sampleMeeting();
  const out: [ImportFormat, Uint8Array][] = [
    ['html', HTML],
    ['html', PORTAL],
    ['text', new Uint8Array(readFileSync(fileURLToPath(new URL('../fixtures/agenda-sec23.txt', import.meta.url))))],
  ];
  for (const f of ['md', 'docx', 'csv', 'xlsx', 'json'] as const) out.push([f, bytesOf((await exportMeeting(m, f)).data)]);
  return out;
}

function mutate(rng: SeededRandom, data: Uint8Array, others: Uint8Array[]): { what: string; bytes: Uint8Array } {
  const kind = rng.int(0, 4);
  if (kind === 0) {
    const n = rng.int(0, data.length - 1);
    return { what: `truncated to ${n}`, bytes: data.slice(0, n) };
  }
  if (kind === 1) {
    const out = data.slice();
    const flips = rng.int(1, 8);
    for (let i = 0; i < flips; i++) out[rng.int(0, out.length - 1)] ^= 1 << rng.int(0, 7);
    return { what: `${flips} bits flipped`, bytes: out };
  }
  if (kind === 2) {
    const out = data.slice();
    const at = rng.int(0, out.length - 1);
    for (let i = at; i < Math.min(out.length, at + rng.int(1, 64)); i++) out[i] = rng.int(0, 255);
    return { what: `bytes overwritten at ${at}`, bytes: out };
  }
  if (kind === 3) {
    const other = rng.pick(others);
    return { what: 'another format', bytes: other };
  }
  const cut = rng.int(0, data.length);
  const other = rng.pick(others);
  return { what: `spliced at ${cut}`, bytes: Uint8Array.from([...data.slice(0, cut), ...other.slice(rng.int(0, other.length))]) };
}

async function check(format: ImportFormat, bytes: Uint8Array, label: string): Promise<'ok' | 'refused'> {
  try {
    const res = await importMeeting(bytes, { format });
    const v = parseMeeting(res.meeting);
    if (!v.ok) throw new Error(`${label}: invalid meeting ${JSON.stringify(v.errors.slice(0, 2))}`);
    return 'ok';
  } catch (e) {
    if (e instanceof ImportError) {
      // The CLI folds any line breaks into one line; our own importers write one line to begin with.
      if (format !== 'json') expect(e.describe(), label).not.toMatch(/\n/);
      return 'refused';
    }
    throw new Error(`${label}: ${(e as Error)?.stack ?? String(e)}`);
  }
}

describe('importer fuzz', () => {
  it('refuses random zips, empty files and garbage in every format with an ImportError', async () => {
    const zip = zipBytes({ 'hello.txt': 'hello', 'data/x.xml': '<x/>' });
    for (const f of ['docx', 'xlsx', 'html', 'md', 'csv', 'json', 'text'] as const) {
      for (const bytes of [zip, new Uint8Array(0), Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) & 0xff)]) {
        expect(await check(f, bytes, `${f} garbage`)).toBe('refused');
      }
    }
    await expect(importMeeting(zip, { fileName: 'x.docx' })).rejects.toBeInstanceOf(ImportError);
  });

  it('never throws anything but ImportError on mutated files (seeded)', async () => {
    const base = await samples();
    const all = base.map(([, b]) => b);
    const tally: Record<string, number> = {};
    for (const [n, [format, data]] of base.entries()) {
      for (let round = 0; round < ROUNDS; round++) {
        const seed = (format.charCodeAt(0) << 16) + (n << 10) + round;
        const rng = seededRandom(seed);
        const { what, bytes } = mutate(rng, data, all);
        const r = await check(format, bytes, `seed ${seed} (${format}, ${what})`);
        tally[`${format}:${r}`] = (tally[`${format}:${r}`] ?? 0) + 1;
      }
    }
    // Truncations of zips and most byte flips are refused; the test's point is that nothing else escapes.
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(base.length * ROUNDS);
  }, 120_000);
});

describe('importer limits', () => {
  it('reads the portal export sample whole before mutating it', async () => {
    const { meeting: m } = await importMeeting(PORTAL, { format: 'html' });
    expect(m.contributions.map((c) => [c.number, c.status])).toEqual([
      ['S3-244600', 'revised'],
      ['S3-245134', 'approved'],
      ['S3-244601', 'withdrawn'],
    ]);
    expect(m.agenda.map((a) => a.label)).toEqual(['1', '2', '2.1']);
  });

  it('scans pathological HTML (stray and unclosed tags, an endless comment, thousands of open cells) without stalling', async () => {
    const page = '<html><table><tr><td>TD#</td><td>Title</td></tr>' + '<tr><td>S2-1<td>a < b <'.repeat(5_000) + '<!-- ' + '<td x="'.repeat(20_000);
    const res = await importMeeting(new TextEncoder().encode(page), { format: 'html' });
    expect(res.meeting.contributions).toHaveLength(5_000);
  });

  it('refuses a zip whose directory declares gigabytes (a zip bomb) before unpacking it', async () => {
    const zip = zipBytes({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    const view = new DataView(zip.buffer);
    const eocd = zip.length - 22;
    const cd = view.getUint32(eocd + 16, true);
    view.setUint32(cd + 24, 0xfff00000, true);
    await expect(importMeeting(zip, { format: 'docx' })).rejects.toThrow(/unpack to more than/);
    await expect(importMeeting(zip, { format: 'xlsx' })).rejects.toThrow(/unpack to more than/);
  });

  it('reads pathological Markdown lines (unclosed brackets and emphasis) without stalling', async () => {
    const line = '* 5 min - ' + '[**_'.repeat(50_000) + ' x';
    const res = await importMeeting(new TextEncoder().encode(`# T\n## Monday, 4 November 2030\n### A\n${line}\n`), { format: 'md' });
    expect(res.meeting.agenda).toHaveLength(2);
  });
});

describe('format detection', () => {
  it('tells CSV and Markdown apart without an extension, and refuses old binary Office files clearly', async () => {
    const { detectFormat } = await import('../../shared/formats/index.js');
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(detectFormat(enc('TDoc;Title;Source\nS2-1;a;b\n'))).toBe('csv');
    expect(detectFormat(enc('# HTTP WG agenda\n\n## Monday, 1 July 2024\n'))).toBe('md');
    expect(detectFormat(enc('\tAgenda\n\n\tMeeting title:\n'))).toBe('text');
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(() => detectFormat(ole, 'agenda.doc')).toThrow(/old binary Word or Excel/);
    await expect(importMeeting(ole, { format: 'xlsx' })).rejects.toThrow(/save it as .docx or .xlsx/);
  });
});
