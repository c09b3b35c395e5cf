/**
 * The tag scan of large flat pages (htmlRowScan.ts) reads the same rows and cells as the DOM reader
 * (node-html-parser, htmlTable.ts) on every page it accepts: the test pages here, and every HTML page of
 * the real documents (PLENARY_REAL_DATA) when they are present. It refuses what it cannot read flat.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { decodeHtml, importHtmlTdocsByAgenda, SCAN_ABOVE_CHARS } from '../../shared/formats/htmlTdocsByAgenda.js';
import { pageRowGroups, rowsGrid, spreadGrid } from '../../shared/formats/htmlTable.js';
import { scanTableRows } from '../../shared/formats/htmlRowScan.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA = process.env.PLENARY_REAL_DATA ?? resolve(ROOT, '../shared/fixtures/real');

function htmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? htmlFiles(p) : /\.html?$/i.test(n) ? [p] : [];
  });
}

const domGrids = (page: string) => pageRowGroups(parse(page, { comment: false })).map(rowsGrid);
const scanGrids = (page: string) => scanTableRows(page)?.map(spreadGrid);

const SAMPLE =
  '<html><head><title>List &amp; more</title></head><body><p>intro</p><TABLE border=1><THEAD><TR><TH>AI</TH><TH>TD#</TH><TH>Subject</TH><TH>Source</TH></TR></THEAD>' +
  '<TBODY><TR VALIGN=TOP><TD rowspan="2">4.1</TD><td><a name=x><b> S2-2000001</b></a></td><td>LS on <i>things</i><br>second line</td><td colspan=1>SA3 &amp; SA2</td></TR>' +
  "<tr><td>S2-2000002</td><td><p>Reply</p><p>notes</p></td><td colspan='1'>Nokia</td></tr>" +
  '<tr><td>5</td><td>S2-2000003</td><td colspan=2>Wide cell</td><td>Extra</td></tr></TBODY></TABLE><table><tr><td>AI</td></tr></table></body></html>';

describe('the tag scan of flat tables', () => {
  it('reads the same grid as the DOM reader on a page with spans, line breaks and entities', () => {
    expect(scanGrids(SAMPLE)).toEqual(domGrids(SAMPLE));
  });

  it('refuses nested tables and rows outside a table, so the DOM reader takes those; comments are dropped as it does', () => {
    expect(scanTableRows('<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>')).toBeUndefined();
    expect(scanTableRows('<tr><td>x</td></tr>')).toBeUndefined();
    const commented = '<table><tr><td>x<!-- <td> --></td><td>y</td></tr></table>';
    expect(scanGrids(commented)).toEqual(domGrids(commented));
  });

  it('reads the same grid as the DOM reader on every real HTML page it accepts', () => {
    const files = htmlFiles(DATA);
    let compared = 0;
    for (const f of files) {
      const page = decodeHtml(readFileSync(f)).replace(/<\/\s*(body|html)\s*>/gi, '');
      const scanned = scanGrids(page);
      if (!scanned) continue;
      expect(scanned, f).toEqual(domGrids(page));
      compared++;
    }
    console.log(`tag scan = DOM on ${compared} of ${files.length} real HTML pages`);
  });

  it('imports a large flat page (over the scan threshold) as the DOM reader does a small one of the same rows', () => {
    const head = '<html><head><title>Big list</title></head><body><table><tr><td>AI</td><td>TD#</td><td>Subject</td><td>Source</td></tr>';
    const row = (i: number) => `<tr><td>${(i % 40) + 1}</td><td>S2-${2_000_000 + i}</td><td>Title ${i} &amp; more words to fill the page</td><td>Company ${i % 30}</td></tr>`;
    let rows = '';
    let n = 0;
    while (rows.length < SCAN_ABOVE_CHARS + 1000) rows += row(n++);
    const big = importHtmlTdocsByAgenda(new TextEncoder().encode(head + rows + '</table></body></html>'));
    expect(big.meeting.contributions).toHaveLength(n);
    expect(big.meeting.meta.title).toBe('Big list');
    const small = importHtmlTdocsByAgenda(new TextEncoder().encode(head + row(n - 1) + '</table></body></html>'));
    const last = big.meeting.contributions.find((c) => c.number === `S2-${2_000_000 + n - 1}`)!;
    const { id: _a, agendaItemId: _b, rank: _c, ...lastFields } = last;
    const { id: _d, agendaItemId: _e, rank: _f, ...smallFields } = small.meeting.contributions[0];
    expect(lastFields).toEqual(smallFields);
  });
});
