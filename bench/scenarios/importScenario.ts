/**
 * Import: the real 3GPP Tdoc lists in the fixtures (the largest first) and a generated 10,000-row list,
 * each read by `importMeeting` in a fresh process: the first call (cold: lazy modules, JIT) and the median
 * of the warm calls after it.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { median } from '../stats.js';
import { tdocListXlsx } from '../tdocListXlsx.js';
import { fmt, notMeasured, type BenchOptions, type Section, type TargetCheck } from '../section.js';

const REAL_DIR = '/work/shared/fixtures/real/3gpp-tdoc-lists';
const TIMER = fileURLToPath(new URL('../importTimer.ts', import.meta.url));
const TARGET_MS = 1000;

interface Timed {
  ms?: number[];
  contributions?: number;
  warnings?: number;
  error?: string;
}

async function timeImport(file: string, times: number): Promise<Timed> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', TIMER, file, String(times)], { timeout: 300_000, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Timed;
}

export async function importScenario(opts: BenchOptions): Promise<Section> {
  let real: string[] = [];
  try {
    real = readdirSync(REAL_DIR)
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => join(REAL_DIR, f));
  } catch {
    /* no fixtures on this machine */
  }
  const rowsGenerated = opts.quick ? 2000 : 10000;
  opts.log(`import: generating a ${rowsGenerated}-row Tdoc list`);
  const generated = join(opts.workDir, `tdocs-${rowsGenerated}.xlsx`);
  writeFileSync(generated, await tdocListXlsx(rowsGenerated));
  const files = [...real.map((f) => ({ name: f.split('/').pop()!, file: f, real: true })), { name: `generated, ${rowsGenerated} rows`, file: generated, real: false }];
  const rows: string[][] = [];
  const results: { name: string; real: boolean; cold: number; warm: number; contributions: number; error?: string }[] = [];
  for (const f of files) {
    opts.log(`import: ${f.name}`);
    const t = await timeImport(f.file, opts.quick ? 2 : 4);
    if (t.error || !t.ms) {
      results.push({ name: f.name, real: f.real, cold: NaN, warm: NaN, contributions: 0, error: t.error ?? 'no timing' });
      rows.push([f.name, fmt(statSync(f.file).size / 1024, 0), '–', '–', '–', `error: ${t.error}`]);
      continue;
    }
    const cold = t.ms[0]!;
    const warm = median(t.ms.slice(1));
    results.push({ name: f.name, real: f.real, cold, warm, contributions: t.contributions ?? 0 });
    rows.push([f.name, fmt(statSync(f.file).size / 1024, 0), String(t.contributions), fmt(cold, 0), fmt(warm, 0), `${t.warnings} warnings`]);
  }
  const realOnes = results.filter((r) => r.real);
  if (realOnes.length === 0) return notMeasured('Import', `no real Tdoc lists in ${REAL_DIR}`, [`largest real Tdoc list imported ≤ ${TARGET_MS} ms`]);
  const checks: TargetCheck[] = [];
  const ok = realOnes.filter((r) => !r.error);
  if (ok.length === 0) {
    checks.push({ target: `largest real Tdoc list imported ≤ ${TARGET_MS} ms`, figure: `not measured: ${realOnes[0]!.error}`, met: null });
  } else {
    const largest = ok.reduce((a, b) => (b.contributions > a.contributions ? b : a));
    checks.push({ target: `largest real Tdoc list imported ≤ ${TARGET_MS} ms`, figure: `${fmt(largest.cold, 0)} ms cold, ${fmt(largest.warm, 0)} ms warm (${largest.name}, ${largest.contributions} Tdocs)`, met: largest.cold <= TARGET_MS });
  }
  return {
    title: 'Import',
    method: 'importMeeting(bytes, {format: "xlsx"}) from shared/formats, in a fresh process per file; "cold" is the first call, "warm" the median of the calls after it. The target is checked on the cold figure (what `npx plenary import` or an upload pays).',
    header: ['file', 'KB', 'Tdocs read', 'cold ms', 'warm ms', 'notes'],
    rows,
    checks,
    notes: [],
  };
}
