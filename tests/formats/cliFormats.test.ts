import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportMeeting } from '../../shared/formats/index.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { bytesOf, sampleMeeting } from './sampleMeeting.js';
import { zipBytes } from './zipBytes.js';
import { runPlenary } from '../helpers/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'plenary-formats-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plenary = (...args: string[]) => runPlenary(args, { stdoutEncoding: 'latin1' });

const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

describe('plenary import/export of the bodies\' formats', { timeout: 120_000 }, () => {
  it('refuses a cut-short .xlsx, a random zip and a page posing as .xlsx with exit 2 and one line', async () => {
    const xlsx = bytesOf((await exportMeeting(sampleMeeting(), 'xlsx')).data);
    const cases = [
      [file('cut.xlsx', xlsx.subarray(0, 2000)), []],
      [file('random.docx', zipBytes({ 'a.txt': 'a' })), []],
      [file('page.xlsx', '<html><body><p>hello</p></body></html>'), ['--format', 'xlsx']],
    ] as const;
    for (const [path, extra] of cases) {
      const run = await plenary('import', path, ...extra);
      expect(run.code, path).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.split('\n').filter(Boolean);
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^error: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      expect(run.stderr).not.toMatch(/\n\s+at |node:internal/);
    }
  });

  it('imports a CSV with warnings on stderr, and exports docx, ics and htm (G-WEEK-6) from meeting JSON', async () => {
    const csv = file('list.csv', 'TDoc,Title,Source,Agenda item\nS2-1,A,X,1\n,orphan,Y,1\n');
    const run = await plenary('import', csv);
    expect(run.code).toBe(0);
    expect(parseMeeting(JSON.parse(run.stdout)).ok).toBe(true);
    expect(run.stderr).toMatch(/^warning: .*list\.csv: line 3: /);
    const json = file('m.json', bytesOf((await exportMeeting(sampleMeeting(), 'json')).data));
    const docx = await plenary('export', json, '--format', 'docx');
    expect(docx.code).toBe(0);
    expect(docx.stdout.startsWith('PK')).toBe(true);
    const ics = await plenary('export', json, '--format', 'ics');
    expect(ics.stdout).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const htm = await plenary('export', json, '--format', 'htm');
    expect(htm.code).toBe(0);
    expect(Buffer.from(htm.stdout, 'latin1').toString('utf8')).toBe((await exportMeeting(sampleMeeting(), 'htm')).data);
  });

  it('refuses a Tdoc page short of its own total (exit 2, one line), and --summary prints Tdocs per item on stderr, stdout unchanged', async () => {
    const short = file('short.htm', '<table><tr><td>AI</td><td>TD#</td><td>Subject</td></tr><tr><td>1</td><td>S2-1900001</td><td>x</td></tr></table><p>Total documents: 2</p>');
    const bad = await plenary('import', short);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(`error: ${short}: the page says "Total documents: 2" but its table has 1 Tdoc rows; the page is cut short or not of a known layout, and a board missing Tdocs is not imported\n`);

    const page = file(
      'page.htm',
      '<table><tr><td>AI</td><td>TD#</td><td>Subject</td></tr>' +
        '<tr><td>1</td><td>-</td><td>Opening</td></tr><tr><td>1</td><td>S2-1</td><td>a</td></tr>' +
        '<tr><td>2</td><td>-</td><td>Work</td></tr><tr><td>2.1</td><td>S2-2</td><td>b</td></tr><tr><td>2.1</td><td>S2-3</td><td>c</td></tr>' +
        '</table><p>Total documents: 3</p>',
    );
    const plain = await plenary('import', page);
    const withSummary = await plenary('import', page, '--summary');
    expect(withSummary.code).toBe(0);
    const strip = (json: string) => json.replace(/"(id|agendaItemId|parentId|revisionOf|mergedInto)":\s*"[^"]*"/g, '');
    expect(strip(withSummary.stdout)).toBe(strip(plain.stdout));
    expect(plain.stderr).toBe('');
    expect(withSummary.stderr).toBe(`summary: ${page}: Tdocs per agenda item\n1  1 Opening\n0  2 Work (2 with sub-items)\n2    2.1\n3 Tdocs, 3 agenda items, 0 sessions; time zone UTC\n`);
  });
});
