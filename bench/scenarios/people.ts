/**
 * Registered delegates (issue 24): a 600-person registration list imported through the API (the first
 * time: 600 new people and links; again: 600 unchanged), then 600 people's own links open at once on one
 * meeting while an editor makes 20 status changes a second, against the same fan-out with 600 sockets on
 * the shared delegate link. The fan-out targets are issue 6's (docs/BENCHMARKS.md): p99 ≤ 15 ms, nothing
 * missing, ≤ 20 KB of server memory per follower.
 */
import { startPlenary, type ServerUnderTest } from '../serverProcess.js';
import type { SyncTarget } from '../syncTarget.js';
import { fmt, type BenchOptions, type Section, type TargetCheck } from '../section.js';
import { alternateAll } from './alternate.js';
import { fanoutRun } from './fanoutRun.js';
import { FANOUT_HEADER, FANOUT_TARGETS, fanoutMedians, fanoutRow } from './fanout.js';

export const PEOPLE_TARGETS = { people: 600, importMs: 2000 };

/** A registration list of `n` people as a portal writes it (semicolons, first and last name, company, e-mail). */
export function registrationList(n: number): string {
  const rows = ['First name;Last name;Company;E-mail;Attendance type'];
  for (let i = 0; i < n; i++) rows.push(`Given${i};Family${i};Company ${i % 60};delegate${i}@company${i % 60}.example;${i % 4 === 0 ? 'Remote' : 'On-site'}`);
  return rows.join('\r\n') + '\r\n';
}

function httpBase(target: SyncTarget): string {
  return target.serverUrl.replace(/^ws/, 'http').replace(/\/sync$/, '');
}

/** Imports the list as the secretary's page does; answers the wall time and the server's counts. */
async function importList(target: SyncTarget, list: string): Promise<{ ms: number; added: number; unchanged: number }> {
  const t0 = performance.now();
  const res = await fetch(`${httpBase(target)}/api/meetings/${target.room}/people`, {
    method: 'POST',
    headers: { authorization: `Bearer ${target.editorParams.token}`, 'content-type': 'text/csv' },
    body: list,
  });
  const body = (await res.json()) as { added?: number; unchanged?: number; error?: string };
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`POST people: ${res.status} ${body.error ?? ''}`);
  return { ms, added: body.added ?? 0, unchanged: body.unchanged ?? 0 };
}

export async function peopleScenario(opts: BenchOptions): Promise<Section> {
  const n = PEOPLE_TARGETS.people;
  const edits = opts.quick ? 40 : 160;
  const imports: { first: number; again: number }[] = [];
  const prepare = async (_server: ServerUnderTest, target: SyncTarget) => {
    const first = await importList(target, registrationList(n));
    const again = await importList(target, registrationList(n));
    if (first.added !== n || again.unchanged !== n) throw new Error(`the import gave ${first.added} added, then ${again.unchanged} unchanged`);
    imports.push({ first: first.ms, again: again.ms });
    const res = await fetch(`${httpBase(target)}/api/meetings/${target.room}/people`, { headers: { authorization: `Bearer ${target.editorParams.token}` } });
    const people = (await res.json()) as { link: string }[];
    return { followerTokens: people.map((p) => new URL(p.link).searchParams.get('token')!) };
  };
  opts.log(`people: ${n} people imported, then ${n} own links open, ${edits} edits`);
  const run = { followers: n, edits, workDir: opts.workDir, profileDir: null };
  const [own, shared] = await alternateAll(
    [
      { label: 'own links', run: () => fanoutRun(() => startPlenary({ inspect: true, label: 'plenary, own links' }), { ...run, prepare }) },
      { label: 'shared link', run: () => fanoutRun(() => startPlenary({ inspect: true, label: 'plenary, shared link' }), run) },
    ],
    Math.max(1, opts.reps),
    opts.log,
  );
  const p = fanoutMedians(own!);
  const s = fanoutMedians(shared!);
  const importFirst = Math.max(...imports.map((x) => x.first));
  const checks: TargetCheck[] = [
    { target: `${n}-person registration list imported ≤ ${PEOPLE_TARGETS.importMs} ms`, figure: `${fmt(importFirst, 0)} ms at most over ${imports.length} runs (again, all unchanged: ${fmt(Math.max(...imports.map((x) => x.again)), 0)} ms)`, met: importFirst <= PEOPLE_TARGETS.importMs },
    { target: `${n} own links: p99 edit-to-arrival ≤ ${FANOUT_TARGETS.p99Ms} ms`, figure: `${fmt(p.p99, 2)} ms (shared link: ${fmt(s.p99, 2)} ms)`, met: p.p99 <= FANOUT_TARGETS.p99Ms },
    { target: `${n} own links: nothing missing`, figure: `${p.missing} missing of ${p.expected}`, met: p.missing === 0 && p.failed === 0 },
    { target: `${n} own links: ≤ ${FANOUT_TARGETS.kbPerFollower} KB server memory per follower`, figure: `${fmt(p.retained, 1)} KB kept after GC; RSS grew ${fmt(p.perFollower, 1)} KB per follower`, met: (Number.isNaN(p.retained) ? p.perFollower : p.retained) <= FANOUT_TARGETS.kbPerFollower },
  ];
  return {
    title: 'Registered delegates: 600 own links',
    method:
      `A 150-Tdoc meeting on a fresh \`plenary serve\` (SQLite FULL); a ${n}-person registration list (CSV, first and last name, company, e-mail, attendance type) posted to \`POST /api/meetings/:id/people\` and timed from the request to the answer (read in a format worker, merged, links made, the registration count written into the meeting), then the same list again (every person unchanged). ` +
      `Then ${n} followers each with a person's own link (their token from \`GET /people\`) and, for comparison, ${n} followers on the shared delegate link, in turn; each run an editor making ${edits} status changes at 20 a second, measured as the fan-out section measures (bench/scenarios/fanoutRun.ts). ` +
      'A person\'s link costs the server one index lookup at the upgrade and their name in presence; nothing per message.',
    header: FANOUT_HEADER,
    rows: [fanoutRow(n, 'Plenary, own links', p), fanoutRow(n, 'Plenary, shared link', s)],
    checks,
    notes: imports.map((x, i) => `Import run ${i + 1}: ${fmt(x.first, 0)} ms for ${n} new people, ${fmt(x.again, 0)} ms for the same list again.`),
  };
}
