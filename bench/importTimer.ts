/**
 * Times `importMeeting` on one file, in a process of its own so module loading and JIT state are those of a
 * fresh CLI run. Usage: tsx bench/importTimer.ts FILE TIMES. Prints one JSON line:
 * { ms: [first, ...], contributions, warnings } or { error }.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importMeeting } from '../shared/formats/index.js';

const [file, timesArg] = process.argv.slice(2);
const times = Number(timesArg ?? 3);
try {
  const bytes = new Uint8Array(readFileSync(file!));
  const ms: number[] = [];
  let contributions = 0;
  let warnings = 0;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const r = await importMeeting(bytes, { format: 'xlsx', fileName: basename(file!) });
    ms.push(performance.now() - t);
    contributions = r.meeting.contributions.length;
    warnings = r.warnings.length;
  }
  process.stdout.write(JSON.stringify({ ms, contributions, warnings }) + '\n');
} catch (e) {
  process.stdout.write(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }) + '\n');
}
