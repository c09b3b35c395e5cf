/**
 * Hostile files through the HTTP boundary: seeded mutations of every format (truncation, bit flips,
 * spliced formats, wrong Content-Type or file name), and huge or deeply nested input, uploaded to
 * `POST /api/meetings` of a server running as a child process (so a hung import shows as a missed
 * deadline instead of freezing the test). Every answer is 201 or a JSON 4xx within the deadline, and the
 * server stays up. tests/formats/importFuzz.test.ts fuzzes the importers in-process; this adds the
 * boundary, the deadline and the pathological sizes. Replay with `FUZZ_SEED=N`.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { exportMeeting, importMeeting, ImportError } from '../../shared/formats/index.js';
import { bytesOf, sampleMeeting } from '../formats/sampleMeeting.js';
import { zipBytes } from '../formats/zipBytes.js';
import { seededRandom, type SeededRandom } from '../helpers/seededRandom.js';
import { startServerProcess } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { scale, seedBase } from './stressLevel.js';

const UPLOADS = scale(24, 1_500);
/** Longest an upload may take before it counts as a hang (generous: a loaded 2-core machine). */
const DEADLINE_MS = 30_000;
const MAX_PAYLOAD = 4 * 1024 * 1024;

const TYPES: Record<string, string> = {
  text: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const enc = (s: string) => new TextEncoder().encode(s);

async function samples(): Promise<[string, Uint8Array][]> {
  const m = sampleMeeting();
  const out: [string, Uint8Array][] = [['text', new Uint8Array(readFileSync(fileURLToPath(new URL('../fixtures/agenda-sec23.txt', import.meta.url))))]];
  for (const f of ['md', 'docx', 'csv', 'xlsx', 'json'] as const) out.push([f, bytesOf((await exportMeeting(m, f)).data)]);
  out.push(['html', enc('<table><tr><td>AI</td><td>TD#</td><td>Subject</td><td>Source</td></tr><tr><td>4.1</td><td>S2-2000001</td><td>LS</td><td>SA3</td></tr></table>')]);
  return out;
}

/** Huge and deeply nested files, each with the format it claims to be. */
function pathological(): [string, string, Uint8Array][] {
  const deep = scale(20_000, 200_000);
  const table = '<table><tr><td>AI</td><td>TD#</td><td>Subject</td></tr><tr><td>1</td><td>S2-1</td><td>x</td></tr></table>';
  return [
    ['deep JSON arrays', 'json', enc('['.repeat(deep) + ']'.repeat(deep))],
    ['deep JSON in a field', 'json', enc(`{"format":"plenary-meeting","version":1,"meta":{"title":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}}`)],
    // node-html-parser is quadratic in unclosed nesting (20,000 levels ~3 s here; 200,000 would take minutes): GUARANTEES.md.
    ['deep HTML', 'html', enc('<div>'.repeat(scale(5_000, 20_000)) + table)],
    // Quadratic like deep HTML: 20,000 levels took 9 s of the reduced run (twice: G-FILE-1 and G-FILE-2).
    ['deep HTML tables', 'html', enc('<table><tr><td>'.repeat(scale(5_000, 20_000)) + 'x')],
    ['deep Markdown quotes', 'md', enc('> '.repeat(deep) + '# 1 Title\n')],
    ['deep Markdown lists', 'md', enc(Array.from({ length: 20_000 }, (_, i) => ' '.repeat(i % 400) + '- 1.' + i).join('\n'))],
    ['one huge text line', 'text', enc('1 '.repeat(scale(200_000, 1_800_000)))],
    ['many text lines', 'text', enc('1.1 Item\n'.repeat(scale(40_000, 400_000)))],
    ['CSV with a million columns', 'csv', enc('Tdoc,Title,' + ','.repeat(scale(100_000, 1_000_000)) + '\nS2-1,x\n')],
    ['CSV with an unclosed quote', 'csv', enc('Tdoc,Title\n"' + 'x'.repeat(3_000_000))],
    ['deep docx XML', 'docx', zipBytes({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document>' + '<w:p>'.repeat(8_000) + '</w:document>' })],
    ['deep xlsx XML', 'xlsx', zipBytes({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook>' + '<sheets>'.repeat(8_000), 'xl/worksheets/sheet1.xml': '<x/>' })],
  ];
}

function mutate(rng: SeededRandom, format: string, data: Uint8Array, all: [string, Uint8Array][]): { what: string; bytes: Uint8Array; type: string; name?: string } {
  const kind = rng.int(0, 5);
  const type = TYPES[format];
  if (kind === 0) return { what: 'truncated', bytes: data.slice(0, rng.int(0, data.length - 1)), type };
  if (kind === 1) {
    const out = data.slice();
    for (let i = rng.int(1, 16); i > 0; i--) out[rng.int(0, out.length - 1)] ^= 1 << rng.int(0, 7);
    return { what: 'bits flipped', bytes: out, type };
  }
  if (kind === 2) {
    const [, other] = rng.pick(all);
    const cut = rng.int(0, data.length);
    return { what: 'spliced', bytes: Uint8Array.from([...data.slice(0, cut), ...other.slice(rng.int(0, other.length))]), type };
  }
  if (kind === 3) return { what: 'wrong content type', bytes: data, type: TYPES[rng.pick(Object.keys(TYPES))] };
  if (kind === 4) return { what: 'wrong file name, no type', bytes: data, type: '', name: `agenda.${rng.pick(['docx', 'xlsx', 'csv', 'md', 'json', 'txt', 'html', 'pdf', 'doc', ''])}` };
  return { what: 'garbage', bytes: Uint8Array.from({ length: rng.int(0, 2048) }, () => rng.int(0, 255)), type: rng.chance(0.5) ? type : 'application/octet-stream' };
}

describe('hostile files', () => {
  it(`G-FILE-1: ${UPLOADS} mutated uploads and every pathological file get 201 or a JSON 4xx within the deadline, and the server stays up`, async () => {
    const seed = seedBase(5150);
    const rng = seededRandom(seed);
    const srv = await startServerProcess(tempDir('plenary-files-'), { env: { PLENARY_MAX_PAYLOAD: String(MAX_PAYLOAD) } });
    const base = await samples();
    const tally: Record<string, number> = {};
    const post = async (label: string, bytes: Uint8Array, type: string, name?: string) => {
      const headers: Record<string, string> = { authorization: `Bearer ${srv.adminToken}` };
      if (type) headers['content-type'] = type;
      if (name) headers['x-file-name'] = name;
      let res: Response;
      try {
        res = await fetch(`${srv.url}/api/meetings`, { method: 'POST', headers, body: Buffer.from(bytes), signal: AbortSignal.timeout(DEADLINE_MS) });
      } catch (e) {
        throw new Error(`${label} (seed ${seed}): no answer within ${DEADLINE_MS} ms (${(e as Error).message}); server log: ${srv.output.stderr.slice(-500)}`);
      }
      const body = await res.text();
      if (res.status !== 201 && !(res.status >= 400 && res.status < 500)) throw new Error(`${label} (seed ${seed}): HTTP ${res.status} ${body.slice(0, 300)}`);
      expect(res.headers.get('content-type'), label).toMatch(/^application\/json/);
      if (res.status !== 201) expect(typeof (JSON.parse(body) as { error: unknown }).error, label).toBe('string');
      tally[String(res.status)] = (tally[String(res.status)] ?? 0) + 1;
    };
    for (const [what, format, bytes] of pathological()) await post(what, bytes, TYPES[format]);
    // Over the limit: answered 413 as soon as the length is known, before the body is read.
    const over = await new Promise<{ status: number; type: string }>((resolve, reject) => {
      const req = request(`${srv.url}/api/meetings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${srv.adminToken}`, 'content-type': 'text/plain', 'content-length': MAX_PAYLOAD + 1 },
      });
      req.on('response', (res) => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']) }));
      req.on('error', reject);
      req.write(Buffer.alloc(64 * 1024, 0x41));
    });
    expect(over.status).toBe(413);
    expect(over.type).toMatch(/^application\/json/);
    for (let i = 0; i < UPLOADS; i++) {
      const [format, data] = base[i % base.length];
      const m = mutate(rng, format, data, base);
      await post(`#${i} ${format} ${m.what}`, m.bytes, m.type, m.name);
    }
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
    expect(srv.proc.exitCode).toBeNull();
    console.log(`hostile files (seed ${seed}): answers ${JSON.stringify(tally)}`);
  }, scale(180_000, 900_000));

  it('G-FILE-2: every importer refuses huge or deeply nested input with an ImportError (or reads it), never another error', async () => {
    for (const [what, format, bytes] of pathological()) {
      if (bytes.length > MAX_PAYLOAD) continue;
      try {
        const r = await importMeeting(bytes, { format: format as never });
        expect(r.meeting.format, what).toBe('plenary-meeting');
      } catch (e) {
        if (!(e instanceof ImportError)) throw new Error(`${what}: ${(e as Error)?.stack ?? e}`);
      }
    }
  }, 180_000);
});
