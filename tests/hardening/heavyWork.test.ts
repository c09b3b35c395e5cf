/**
 * Heavy work off the event loop, against a server process: exports of a large meeting from every role's
 * link at once, and large uploads, while `/healthz` and a live edit are timed. Quick in `npm test` (a
 * smaller meeting); `npm run test:stress` exports a 10,000-Tdoc meeting and asserts the figures.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, sampleMeeting, type TestServer } from '../helpers/startTestServer.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { fileTeardown } from '../helpers/fileTeardown.js';
import { tempDir } from '../helpers/tempDir.js';
import { FULL, scale } from './stressLevel.js';
import { fanoutMs, healthzMs, report, rssMb, sampleUntil, summary } from './attackProbes.js';

const TDOCS = scale(1_000, 10_000);
// The past exports' meeting: in `npm test` big enough that six Word files take seconds in the workers.
const PAST_TDOCS = scale(400, 10_000);

// One server process for both tests (a process start costs seconds); each test works on its own meetings.
const register = fileTeardown();
let shared: ServerProcess;
beforeAll(async () => {
  shared = await startServerProcess(tempDir('plenary-heavy-', register), { register });
}, 60_000);

describe('heavy work', () => {
  it(`G-WORK-1: 8 exports of a ${TDOCS}-Tdoc meeting at once leave /healthz and live edits on time; beyond 2 per token they are refused with 429`, async () => {
    const srv = shared;
    const m = await createMeeting({ url: srv.url, adminToken: srv.adminToken } as TestServer, sampleMeeting(TDOCS, 'Big meeting'));
    const chair = connectClient(srv.syncUrl, m.id, m.tokens.chair);
    const secretary = connectClient(srv.syncUrl, m.id, m.tokens.secretary);
    await Promise.all([chair.synced(), secretary.synced()]);
    const baseline = { healthz: [] as number[], fanout: [] as number[] };
    for (let i = 0; i < 10; i++) {
      baseline.healthz.push(await healthzMs(srv.url));
      baseline.fanout.push(await fanoutMs(chair.doc, secretary.doc));
    }
    const roles = ['chair', 'secretary', 'delegate', 'screen'] as const;
    const started = performance.now();
    const exports = Promise.all(
      roles.flatMap((r) =>
        (['docx', 'xlsx'] as const).map(async (fmt) => {
          const res = await fetch(`${srv.url}/api/meetings/${m.id}/export.${fmt}`, { headers: { authorization: `Bearer ${m.tokens[r]}` } });
          const body = Buffer.from(await res.arrayBuffer());
          if (res.status !== 200) console.log(`export.${fmt} answered ${res.status}: ${body.toString().slice(0, 300)}`);
          return { status: res.status, bytes: body.length, type: res.headers.get('content-type') };
        }),
      ),
    );
    // Each edit changes the meeting, so every export is of a new state: no cache helps.
    const [healthz, fanout, answers] = await Promise.all([sampleUntil(exports, () => healthzMs(srv.url)), sampleUntil(exports, () => fanoutMs(chair.doc, secretary.doc), 250), exports]);
    const total = performance.now() - started;
    report(`G-WORK-1 (${TDOCS} Tdocs, 8 exports)`, {
      'baseline /healthz': baseline.healthz,
      '/healthz during the exports': healthz,
      'baseline fan-out': baseline.fanout,
      'fan-out during the exports': fanout,
      'all exports answered after (ms)': total,
    });
    expect(answers.map((a) => a.status).sort()).toEqual(Array(8).fill(200));
    for (const a of answers) expect(a.bytes).toBeGreaterThan(10_000);

    // A ninth at once from one link: at most 2 of its exports run, the others get a JSON 429.
    const burst = await Promise.all(
      (['md', 'csv', 'ics', 'json', 'docx'] as const).map(async (fmt) => {
        const res = await fetch(`${srv.url}/api/meetings/${m.id}/export.${fmt}?token=${m.tokens.delegate}`);
        return { status: res.status, retry: res.headers.get('retry-after'), body: res.status === 429 ? await res.json() : (await res.arrayBuffer(), null) };
      }),
    );
    const refused = burst.filter((b) => b.status === 429);
    expect(burst.filter((b) => b.status === 200).length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.retry).toBeTruthy();
      expect(r.body).toMatchObject({ error: expect.stringContaining('too many exports') });
    }
    if (FULL) {
      expect(summary(healthz).median).toBeLessThanOrEqual(200);
      expect(summary(fanout).median - summary(baseline.fanout).median).toBeLessThanOrEqual(50);
    }
  }, 600_000);

  it(`G-WORK-3: 6 past exports of a ${PAST_TDOCS}-Tdoc meeting at distinct moments run in the workers, cached by moment and format, limited like exports, with /healthz and live edits on time`, async () => {
    // At full strength (10,000 Tdocs) a server of its own, as G-WORK-1's big meeting fills the shared one.
    const srv = FULL ? await startServerProcess(tempDir('plenary-heavy-', register), { register }) : shared;
    const m = await createMeeting({ url: srv.url, adminToken: srv.adminToken } as TestServer, sampleMeeting(PAST_TDOCS, 'Big past meeting'));
    const chair = connectClient(srv.syncUrl, m.id, m.tokens.chair);
    const secretary = connectClient(srv.syncUrl, m.id, m.tokens.secretary);
    await Promise.all([chair.synced(), secretary.synced()]);
    // Seven moments, each after a stored change (a change reaches the others once it is stored).
    const moments: string[] = [];
    const baseline = { healthz: [] as number[], fanout: [] as number[] };
    for (let i = 0; i < 10; i++) {
      baseline.fanout.push(await fanoutMs(chair.doc, secretary.doc));
      baseline.healthz.push(await healthzMs(srv.url));
      // A moment strictly after this edit's record (its time is the server's clock in ms, as this one).
      if (i < 7) moments.push(new Date(Date.now() + 2).toISOString());
      await new Promise((r) => setTimeout(r, 5));
    }
    const past = (token: string, at: string, fmt = 'docx') =>
      fetch(`${srv.url}/api/meetings/${m.id}/export.${fmt}?at=${encodeURIComponent(at)}`, { headers: { authorization: `Bearer ${token}` } }).then(async (res) => ({
        status: res.status,
        seq: res.headers.get('x-plenary-record-seq'),
        retry: res.headers.get('retry-after'),
        bytes: (await res.arrayBuffer()).byteLength,
      }));
    // Six people at six moments: two per link at most, so across the links of four roles.
    const askers = [m.tokens.delegate, m.tokens.delegate, m.tokens.screen, m.tokens.screen, m.tokens.chair, m.tokens.secretary];
    const started = performance.now();
    const exports = Promise.all(askers.map((t, i) => past(t, moments[i])));
    const [healthz, fanout, answers] = await Promise.all([sampleUntil(exports, () => healthzMs(srv.url)), sampleUntil(exports, () => fanoutMs(chair.doc, secretary.doc), 250), exports]);
    const first = performance.now() - started;
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    for (const a of answers) expect(a.bytes).toBeGreaterThan(10_000);
    expect(new Set(answers.map((a) => a.seq)).size, `record positions ${answers.map((a) => a.seq).join(",")} for ${moments.join(",")}`).toBe(6);
    // The same moments again: from the cache, the same files.
    const againAt = performance.now();
    const again = await Promise.all(askers.map((t, i) => past(t, moments[i])));
    const cached = performance.now() - againAt;
    expect(again.map((a) => [a.status, a.seq, a.bytes])).toEqual(answers.map((a) => [200, a.seq, a.bytes]));
    report(`G-WORK-3 (${PAST_TDOCS} Tdocs, 6 past exports at distinct moments)`, {
      'baseline /healthz': baseline.healthz,
      '/healthz during the past exports': healthz,
      'baseline fan-out': baseline.fanout,
      'fan-out during the past exports': fanout,
      'all answered after (ms)': first,
      'the same six again, from the cache (ms)': cached,
    });
    // One link asking for five new moments at once: two run, the others are refused with a JSON 429.
    const burst = await Promise.all(['md', 'csv', 'json', 'xlsx', 'ics'].map((fmt) => past(m.tokens.delegate, moments[6], fmt)));
    expect(burst.filter((b) => b.status === 200).length).toBeGreaterThanOrEqual(2);
    const refused = burst.filter((b) => b.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r.retry).toBeTruthy();
    if (FULL) {
      expect(summary(healthz).median).toBeLessThanOrEqual(200);
      expect(summary(fanout).median - summary(baseline.fanout).median).toBeLessThanOrEqual(50);
    }
    chair.destroy();
    secretary.destroy();
  }, 600_000);

  it(`G-WORK-2: an agenda of ${scale(10_000, 80_000)} headings with notes and a ${scale(2, 28)} MB flat HTML table are answered within 30 s, with /healthz on time meanwhile`, async () => {
    const srv = shared;
    const headings = scale(10_000, 80_000);
    let md = '# Big agenda\n\n';
    for (let i = 0; i < headings; i++) md += `## ${i + 1} Heading ${i}\n\nNotes for item ${i}\n\n`;
    let html = '<html><head><title>Big list</title></head><body><table><tr><td>AI</td><td>TD#</td><td>Subject</td><td>Source</td></tr>';
    for (let i = 0; html.length < scale(2, 28) * 2 ** 20; i++) {
      html += `<tr><td>${(i % 50) + 1}</td><td>S2-${2_000_000 + i}</td><td>Title ${i} with some words to make it long enough</td><td>Company ${i % 30}</td></tr>`;
    }
    html += '</table></body></html>';
    for (const [what, type, body] of [
      ['Markdown agenda', 'text/markdown', md],
      ['flat HTML table', 'text/html', html],
    ] as const) {
      const rssBefore = rssMb(srv.proc.pid!);
      const t = performance.now();
      const upload = fetch(`${srv.url}/api/meetings`, { method: 'POST', headers: { authorization: `Bearer ${srv.adminToken}`, 'content-type': type }, body });
      const healthz = await sampleUntil(upload, () => healthzMs(srv.url));
      const res = await upload;
      const ms = performance.now() - t;
      const answer = (await res.json()) as { id?: string; error?: string };
      report(`G-WORK-2 ${what} (${(body.length / 2 ** 20).toFixed(1)} MB)`, {
        [`answered ${res.status} after (ms)`]: ms,
        '/healthz meanwhile': healthz,
        'server RSS before (MB)': rssBefore,
        'server RSS after (MB)': rssMb(srv.proc.pid!),
      });
      expect(res.status === 201 || (res.status >= 400 && res.status < 500)).toBe(true);
      expect(res.status === 201 ? answer.id : answer.error).toBeTruthy();
      expect(ms).toBeLessThan(30_000);
      if (FULL) expect(summary(healthz).median).toBeLessThanOrEqual(200);
    }
  }, 600_000);
});
