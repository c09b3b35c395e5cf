import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { runPlenary, type CliRun } from '../helpers/runCli.js';

const SEED = fileURLToPath(new URL('../fixtures/agenda-sec23.txt', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'plenary-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plenary = (...args: string[]) => runPlenary(args);

function file(name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

const expectOneErrorLine = (run: CliRun, path: string) => {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith(`error: ${path}: `)).toBe(true);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
  return lines[0];
};

describe('plenary import', { timeout: 90_000 }, () => {
  let seedRun: CliRun;
  let seedJson = '';
  beforeAll(async () => {
    seedRun = await plenary('import', SEED);
    seedJson = seedRun.stdout;
  }, 90_000);

  it('prints the seed agenda as valid meeting JSON, exit 0, with the mistyped-number warning on stderr', () => {
    const run = seedRun;
    expect(run.code).toBe(0);
    const meeting = JSON.parse(run.stdout);
    const checked = parseMeeting(meeting);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    expect(meeting.meta.title).toContain('SEC 23');
    expect(meeting.agenda).toHaveLength(29);
    expect(meeting.sessions).toHaveLength(13);
    expect(meeting.contributions).toHaveLength(54);
    const warnings = run.stderr.split('\n').filter(Boolean);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: .*agenda-sec23\.txt: line 502: .*SEC-2016-0O89R02.*mistyped/);
  });

  it('reads the same file with --format text as with auto detection', async () => {
    const run = await plenary('import', SEED, '--format', 'text');
    expect(run.code).toBe(0);
    const a = JSON.parse(run.stdout);
    const b = JSON.parse(seedJson);
    const shape = (m: any) => [m.meta, m.agenda.map((x: any) => x.label), m.contributions.map((x: any) => x.number)];
    expect(shape(a)).toEqual(shape(b));
  });

  it('gives exported meeting JSON back unchanged', async () => {
    const path = file('seed.json', seedJson);
    const run = await plenary('import', path);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(seedJson);
  });

  it('fails with one error line and exit 2 for a missing file', async () => {
    const path = join(dir, 'no-such-agenda.txt');
    expect(expectOneErrorLine(await plenary('import', path), path)).toMatch(/cannot read/);
  });

  it('fails with one error line and exit 2 for garbage bytes', async () => {
    const bytes = new Uint8Array(2048);
    let x = 7;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    const path = file('garbage.txt', bytes);
    expect(expectOneErrorLine(await plenary('import', path), path)).toMatch(/binary data/);
  });

  it('fails with one error line and exit 2 for text that is no agenda', async () => {
    const path = file('letter.txt', 'Dear all,\nsee you in Seoul.\n');
    expect(expectOneErrorLine(await plenary('import', path), path)).toMatch(/no numbered agenda items/);
  });

  it('fails with one error line and exit 2 for broken JSON, naming the path of the error', async () => {
    const broken = JSON.parse(seedJson);
    broken.contributions[12].status = 'agred';
    const path = file('broken.json', JSON.stringify(broken));
    expect(expectOneErrorLine(await plenary('import', path), path)).toBe(
      `error: ${path}: contributions[12].status: unknown status "agred"`,
    );
    const truncated = file('truncated.json', seedJson.slice(0, 200));
    expect(expectOneErrorLine(await plenary('import', truncated), truncated)).toMatch(/not valid JSON/);
  });
});
