/**
 * Every file of the real-documents folder (PLENARY_REAL_DATA, default ../shared/fixtures/real from the
 * repository root): imported, counts checked against the file itself by an independent reading (exceljs
 * rows, raw HTML cells, raw Markdown lines, mammoth raw text), round trips, and a seeded mutation pass.
 * Prints the import time of the largest Tdoc list (no timed assertion: the machine is shared).
 */
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeWindows1252 } from '../../shared/formats/decodeText.js';
import { exportMeeting, importMeeting, ImportError, type ImportFormat } from '../../shared/formats/index.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { bytesOf, summary } from '../formats/sampleMeeting.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA = process.env.PLENARY_REAL_DATA ?? resolve(ROOT, '../shared/fixtures/real');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const FILES = walk(DATA).sort();
const FORMAT: Record<string, ImportFormat> = { '.xlsx': 'xlsx', '.docx': 'docx', '.htm': 'html', '.html': 'html', '.md': 'md', '.csv': 'csv' };
/** The folder's own README describes the files; it is not a meeting document. */
const isDoc = (f: string) => basename(f).toLowerCase() !== 'readme.md' && FORMAT[extname(f).toLowerCase()] !== undefined;
const cache = new Map<string, MeetingJson>();

async function load(f: string): Promise<MeetingJson> {
  if (!cache.has(f)) {
    const res = await importMeeting(readFileSync(f), { fileName: basename(f) });
    const v = parseMeeting(res.meeting);
    expect(v.ok, basename(f)).toBe(true);
    cache.set(f, res.meeting);
  }
  return cache.get(f)!;
}

/** Sheet rows as the portal's README counts them (header included), and data rows with a TDoc. */
async function sheetCounts(f: string): Promise<{ rows: number; tdocs: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f, { ignoreNodes: ['dataValidations'] } as never);
  const ws = wb.getWorksheet('TDoc_List')!;
  let rows = 0;
  let tdocs = 0;
  ws.eachRow((row, n) => {
    rows++;
    const v = row.getCell(1).value as unknown;
    const text = typeof v === 'object' && v && 'text' in v ? String((v as { text: unknown }).text) : String(v ?? '');
    if (n > 1 && text.trim()) tdocs++;
  });
  return { rows, tdocs };
}

/** Text of an exceljs cell value as a person reads it: hyperlink text, rich text runs, formula results. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return String(v);
  const o = v as { text?: unknown; richText?: { text: string }[]; result?: unknown };
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
  if ('text' in o) return cellText(o.text);
  if ('result' in o) return cellText(o.result);
  return String(v);
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Portal columns we have no field for, checked cell by cell after a round trip. */
const KEPT_COLUMNS = ['Contact', 'Release', 'Spec', 'CR'] as const;

/** [TDoc, column, text] for every non-empty cell of KEPT_COLUMNS in the source sheet, read with exceljs alone. */
async function sheetCells(f: string | Buffer, columns: readonly string[] = KEPT_COLUMNS): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  if (typeof f === 'string') await wb.xlsx.readFile(f, { ignoreNodes: ['dataValidations'] } as never);
  else await wb.xlsx.load(f as never, { ignoreNodes: ['dataValidations'] } as never);
  const ws = wb.getWorksheet('TDoc_List')!;
  const header = (ws.getRow(1).values as unknown[]).map((v) => squash(cellText(v)));
  const at = Object.fromEntries(columns.map((h) => [h, header.indexOf(h)]));
  const out: string[][] = [];
  ws.eachRow((row, n) => {
    const number = squash(cellText(row.getCell(header.indexOf('TDoc')).value));
    if (n === 1 || !number) return;
    for (const h of columns) {
      const text = at[h] > 0 ? squash(cellText(row.getCell(at[h]).value)) : '';
      if (text) out.push([number, h, text]);
    }
  });
  return out.sort();
}

/**
 * A page's Tdoc rows by a plain walk of its text, written apart from the importer (no HTML parser, no scanner
 * of ours): comments and styles cut out, rows split at `<tr` (and `<thead`, where the portal puts its header
 * cells without a row), cells at `<td`/`<th` (whatever closes them), tags stripped. The header row is the one
 * with a `TD#`/`TDoc` cell; after it, a row is a Tdoc when that column starts with a document number. The
 * agenda label of each Tdoc is its row's AI/Agenda cell, or the last one seen (the portal fills it once).
 */
function pageCounts(f: string): { tdocs: number; total: number | null; labels: Map<string, string>; items: Set<string> } {
  const bytes = readFileSync(f);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = decodeWindows1252(bytes);
  }
  const plain = (html: string) =>
    html
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;?/gi, ' ')
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&amp;/g, '&')
      .replace(/[\u2010-\u2015]/g, '-')
      .replace(/\s+/g, ' ')
      .trim();
  const body = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<style[\s\S]*?<\/style>/gi, '');
  const rows = body.split(/<tr\b|<thead\b/i).slice(1).map((r) => r.split(/<t[dh]\b[^>]*>/i).slice(1).map(plain));
  const headerAt = rows.findIndex((r) => r.some((c) => /^(TD#|TDoc)$/i.test(c)));
  const numCol = headerAt < 0 ? -1 : rows[headerAt].findIndex((c) => /^(TD#|TDoc)$/i.test(c));
  const aiCol = headerAt < 0 ? -1 : rows[headerAt].findIndex((c) => /^(AI|Agenda)$/i.test(c));
  const labels = new Map<string, string>();
  const items = new Set<string>();
  let tdocs = 0;
  let label = '';
  for (const r of rows.slice(headerAt + 1)) {
    if (aiCol >= 0 && r[aiCol]) {
      label = r[aiCol];
      items.add(label);
    }
    const number = /^[A-Z][A-Za-z0-9]*-\d+/.exec(r[numCol] ?? '')?.[0];
    if (!number) continue;
    tdocs++;
    labels.set(number, label);
  }
  const total = /Total documents:\s*(?:<[^>]*>\s*)*(\d+)/i.exec(text);
  return { tdocs, total: total ? Number(total[1]) : null, labels, items };
}

/** Tdocs the folder's README states for each page. */
const README_PAGE_TDOCS: Record<string, number> = {
  '2020.02.29_TdocsByAgenda_SA2-137E.htm': 713,
  '2023.02.14_TdocsByAgenda_SA2-155.htm': 991,
  'TDoc_Export_SA3-119_2025-08-18.html': 569,
};

/** Known sizes from the folder's README (sheet rows, header included). */
const README_SHEET_ROWS: Record<string, number> = { 'TDoc_List_Meeting_RAN-110.xlsx': 911, 'TDoc_List_Meeting_RAN-90-e.xlsx': 814 };

describe(`real documents in ${DATA}`, () => {
  it('has documents of every kind the importers claim', () => {
    const kinds = new Set(FILES.filter(isDoc).map((f) => FORMAT[extname(f).toLowerCase()]));
    expect([...kinds].sort()).toEqual(['docx', 'html', 'md', 'xlsx']);
  });

  for (const f of FILES.filter(isDoc)) {
    const name = basename(f);
    const fmt = FORMAT[extname(f).toLowerCase()];
    it(`${name}: imports with counts that match the file`, async () => {
      const m = await load(f);
      if (fmt === 'xlsx') {
        const { rows, tdocs } = await sheetCounts(f);
        if (README_SHEET_ROWS[name]) expect(rows).toBe(README_SHEET_ROWS[name]);
        expect(m.contributions).toHaveLength(tdocs);
        expect(m.contributions.every((c) => c.number && c.agendaItemId)).toBe(true);
        expect(m.meta.body).toBe('3GPP');
      } else if (fmt === 'html') {
        const { tdocs, total, labels, items } = pageCounts(f);
        if (README_PAGE_TDOCS[name]) expect(tdocs).toBe(README_PAGE_TDOCS[name]);
        expect(m.contributions).toHaveLength(tdocs);
        if (total !== null) expect(m.contributions).toHaveLength(total);
        expect(new Set(m.contributions.map((c) => c.number)).size).toBe(tdocs);
        // Each Tdoc under the item its row names, and every item of the page (also those without a Tdoc) on the board.
        const labelOf = new Map(m.agenda.map((a) => [a.id, a.label]));
        expect(new Map(m.contributions.map((c) => [c.number, labelOf.get(c.agendaItemId ?? '') ?? '']))).toEqual(labels);
        expect(new Set(m.agenda.map((a) => a.label))).toEqual(items);
        // Every document number the page mentions (the folder README counts these: 838 for SA2-137E) is kept:
        // as a contribution, in the title, source (incoming LSs) or comments of one, or as a revision link to a
        // Tdoc outside the page (revisionOfNumber, revisedToNumbers).
        const mentioned = new Set(decodeWindows1252(readFileSync(f)).match(/\b[A-Z][A-Z0-9]{0,3}-\d{6,7}\b/g) ?? []);
        const kept = m.contributions
          .map((c) => `${c.number} ${c.title} ${c.source} ${c.notes} ${c.revisionOfNumber ?? ''} ${(c.revisedToNumbers ?? []).join(' ')}`)
          .join('\n');
        expect([...mentioned].filter((n) => !kept.includes(n))).toEqual([]);
        console.log(`${name}: ${tdocs} Tdocs listed, ${mentioned.size} document numbers mentioned, all kept`);
      } else if (fmt === 'md') {
        const text = readFileSync(f, 'utf8');
        const budgets = text.split('\n').filter((l) => /^\s*[*+-]\s+\d+\s*min\b/.test(l)).length;
        const days = text.split('\n').filter((l) => /^##\s+\w+day,/.test(l)).length;
        expect(m.agenda.filter((a) => a.duration)).toHaveLength(budgets);
        expect(m.sessions).toHaveLength(days);
        expect(m.sessions.every((s) => s.date && s.start && s.end && s.room)).toBe(true);
        const drafts = new Set(text.match(/draft-[a-z0-9-]+?(?=-\d\d\b|[/)]|\.html)/g) ?? []);
        expect(new Set(m.agenda.flatMap((a) => a.documents ?? []))).toEqual(drafts);
      } else if (fmt === 'docx') {
        const raw = (await mammoth.extractRawText({ path: f })).value.split('\n').map((s) => s.trim());
        const labels = raw.filter((p) => /^\d{1,2}(\.\d{1,2})*$/.test(p) && !/^\d{2}\.\d{3}$/.test(p));
        expect(m.agenda.map((a) => a.label)).toEqual(labels);
        expect(m.sessions.length).toBeGreaterThan(0);
        expect(m.sessions.every((s) => s.date >= m.meta.startDate && s.date <= m.meta.endDate)).toBe(true);
      }
    });

    it(`${name}: survives export and re-import as far as each format carries it`, async () => {
      const m = await load(f);
      const a = summary(m);
      for (const out of ['md', 'docx', 'csv', 'xlsx'] as const) {
        const back = (await importMeeting(bytesOf((await exportMeeting(m, out)).data), { format: out })).meeting;
        const b = summary(back);
        expect(b.contributions, `${name} via ${out}`).toEqual(a.contributions);
        expect(b.agenda.map((x) => x.item), `${name} via ${out}`).toEqual(a.agenda.map((x) => x.item));
        if (out === 'md' || out === 'docx') {
          expect(b.agenda, `${name} via ${out}`).toEqual(a.agenda);
          expect(b.sessions, `${name} via ${out}`).toEqual(a.sessions);
        }
      }
    });

    if (fmt === 'xlsx') {
      it(`${name}: Contact, Release, Spec and CR cells survive import, xlsx export and import`, async () => {
        const m = await load(f);
        const back = (await importMeeting(bytesOf((await exportMeeting(m, 'xlsx')).data), { format: 'xlsx' })).meeting;
        const kept = back.contributions
          .filter((c) => c.number)
          .flatMap((c) => KEPT_COLUMNS.filter((h) => c.columns?.[h]).map((h) => [c.number, h, squash(c.columns![h])]))
          .sort();
        const source = await sheetCells(f);
        expect(source.length).toBeGreaterThan(0);
        expect(kept).toEqual(source);
        console.log(`${name}: ${source.length} Contact/Release/Spec/CR cells kept through xlsx`);
      });
    }

    if (fmt === 'xlsx') {
      it(`${name}: G-WEEK-2 plenary import then export keeps every "Is revision of" and "Revised to", earlier meetings' Tdocs included, and none in Comments`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'plenary-links-'));
        try {
          const imported = spawnSync(process.execPath, ['bin/plenary.js', 'import', f], { cwd: ROOT, maxBuffer: 1 << 28 });
          expect(imported.status).toBe(0);
          writeFileSync(join(dir, 'm.json'), imported.stdout);
          const exported = spawnSync(process.execPath, ['bin/plenary.js', 'export', join(dir, 'm.json'), '--format', 'xlsx'], { cwd: ROOT, maxBuffer: 1 << 28 });
          expect(exported.status).toBe(0);
          const LINKS = ['Is revision of', 'Revised to'];
          const back = await sheetCells(exported.stdout, [...LINKS, 'Comments']);
          const source = await sheetCells(f, LINKS);
          // Each link cell as the portal wrote it (a list of numbers in any order), and no link in Comments.
          const norm = (rows: string[][]) => rows.filter(([, h]) => LINKS.includes(h)).map(([n, h, v]) => [n, h, v.split(/[,\s]+/).sort().join(', ')]).sort();
          expect(norm(back)).toEqual(norm(source));
          expect(back.filter(([, h, v]) => h === 'Comments' && /Revision of|Revised to/.test(v))).toEqual([]);
          console.log(`${name}: ${source.length} revision link cells kept through plenary import and export`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    it(`${name}: mutated copies give a meeting or an ImportError, nothing else`, async () => {
      const data = readFileSync(f);
      for (let round = 0; round < 4; round++) {
        const rng = seededRandom(round * 7919 + data.length);
        const bytes = round === 0 ? data.subarray(0, rng.int(1, data.length - 1)) : Uint8Array.from(data);
        if (round > 0) for (let i = 0; i < round * 3; i++) bytes[rng.int(0, bytes.length - 1)] ^= 1 << rng.int(0, 7);
        for (const format of [fmt, rng.pick(['xlsx', 'docx', 'html', 'md', 'csv'] as const)]) {
          try {
            const res = await importMeeting(bytes, { format, fileName: name });
            expect(parseMeeting(res.meeting).ok).toBe(true);
          } catch (e) {
            if (!(e instanceof ImportError)) throw new Error(`seed ${round * 7919 + data.length} ${name} as ${format}: ${(e as Error).stack}`);
          }
        }
      }
    });
  }

  it('the CLI refuses a cut-short real Tdoc list and a real page posing as a workbook: exit 2, one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-real-cli-'));
    try {
      const xlsx = FILES.find((f) => extname(f) === '.xlsx')!;
      const htm = FILES.find((f) => extname(f) === '.htm')!;
      const cut = join(dir, 'cut.xlsx');
      writeFileSync(cut, readFileSync(xlsx).subarray(0, 100_000));
      const posing = join(dir, 'page.xlsx');
      writeFileSync(posing, readFileSync(htm));
      for (const [file, args] of [[cut, []], [posing, ['--format', 'xlsx']]] as const) {
        const run = spawnSync(process.execPath, ['bin/plenary.js', 'import', file, ...args], { cwd: ROOT, encoding: 'utf8' });
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(new RegExp(`^error: ${file}: \\S`))]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a meeting gets the time zone of its venue: RAN #110 (Baltimore) America/New_York; the e-meeting RAN #90-e UTC and a warning', async () => {
    const ran110 = FILES.find((f) => basename(f) === 'TDoc_List_Meeting_RAN-110.xlsx');
    const ran90 = FILES.find((f) => basename(f) === 'TDoc_List_Meeting_RAN-90-e.xlsx');
    if (ran110) {
      const { meeting } = await importMeeting(readFileSync(ran110), { fileName: basename(ran110) });
      expect(meeting.meta).toMatchObject({ venue: 'Baltimore, USA', timezone: 'America/New_York' });
    }
    if (ran90) {
      const { meeting, warnings } = await importMeeting(readFileSync(ran90), { fileName: basename(ran90) });
      expect(meeting.meta.timezone).toBe('UTC');
      expect(warnings.map((w) => w.message)).toContain('the meeting is held online ("e-meeting"): its time zone is left as UTC; set the zone the meeting keeps its times in (Meeting tab)');
    }
  });

  it('the folder README is refused or read cleanly, never crashes', async () => {
    for (const f of FILES.filter((x) => !isDoc(x))) {
      await importMeeting(readFileSync(f), { fileName: basename(f) }).then(
        (r) => expect(parseMeeting(r.meeting).ok).toBe(true),
        (e) => expect(e).toBeInstanceOf(ImportError),
      );
    }
  });

  it('reports the import time of each Tdoc list (the largest is the target: under a second)', async () => {
    const lists = FILES.filter((f) => extname(f) === '.xlsx');
    for (const f of lists) {
      const data = readFileSync(f);
      const times: string[] = [];
      let count = 0;
      for (let i = 0; i < 3; i++) {
        // CPU time next to wall time: on a shared, loaded machine the wall clock says more about the neighbours.
        const t = performance.now();
        const cpu = process.cpuUsage();
        count = (await importMeeting(data, { fileName: basename(f) })).meeting.contributions.length;
        const used = process.cpuUsage(cpu);
        times.push(`${Math.round(performance.now() - t)} ms wall / ${Math.round((used.user + used.system) / 1000)} ms CPU`);
      }
      console.log(`import of ${basename(f)} (${data.length} bytes, ${count} Tdocs): ${times.join(', ')}`);
      expect(count).toBeGreaterThan(0);
    }
  });
});
