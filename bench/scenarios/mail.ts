/**
 * The reflector's mail (issue 26): an mbox of 5,000 synthetic reflector messages (1,000 with --quick)
 * posted to `POST /api/meetings/:id/mail` of a Plenary process holding a 2,000-Tdoc meeting, with an
 * editor and a follower connected. Timed: the answer (read in the mail worker, attached, stored); and
 * meanwhile, every 100 ms, a live edit's fan-out (the editor sets the banner, the follower sees it),
 * against the same probe before the upload.
 */
import * as Y from 'yjs';
import { readLive, setLive } from '../../shared/document/meetingParts.js';
import { benchMeeting } from '../benchMeeting.js';
import { connectFullClient } from '../fullFollower.js';
import { startPlenary } from '../serverProcess.js';
import { latencySummary, median } from '../stats.js';
import { cpuMs } from '../procStats.js';
import { fmt, type BenchOptions, type Section } from '../section.js';

const IMPORT_TARGET_MS = 5000;
const DELAY_TARGET_MS = 50;

/** An mbox of `n` messages as a reflector writes them, naming the meeting's numbers in its subject conventions. */
export function syntheticMbox(numbers: readonly string[], n: number): string {
  const out: string[] = [];
  const companies = ['Ericsson', 'Nokia', 'Huawei', 'Qualcomm', 'Apple', 'Samsung', 'ZTE', 'Intel'];
  for (let i = 0; i < n; i++) {
    const num = numbers[(i * 7919) % numbers.length]!;
    const company = companies[i % companies.length]!;
    const subject =
      i % 10 === 9 ? `Agenda for the CC on day ${i % 5}` : i % 10 === 8 ? `Re: [${company}] Comments on the CR, ${num}r1` : `[SA2#162][8.${i % 9}][${num}] ${i % 3 ? 'Re: ' : ''}Discussion of the pCR`;
    out.push(
      `From ${company.toLowerCase()}${i}@example.com Mon Mar  2 09:00:00 2026`,
      `From: Delegate ${i} <d${i}@${company.toLowerCase()}.com>`,
      'To: 3GPP_TSG_SA_WG2@LIST.ETSI.ORG',
      `Subject: ${subject}`,
      `Date: Mon, 2 Mar 2026 ${String(9 + (i % 8)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00 +0000`,
      `Message-ID: <bench-${i}@${company.toLowerCase()}.com>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Dear all,`,
      `${company} is fine with the revision; one comment on clause ${i % 12}.`,
      '>From the earlier message:',
      '> quoted text',
      '-- ',
      `${company} delegate`,
      '',
    );
  }
  return out.join('\n');
}

let probes = 0;
async function fanoutMs(editor: Y.Doc, follower: Y.Doc): Promise<number> {
  const banner = `mail probe ${++probes}`;
  const t = performance.now();
  setLive(editor, { banner });
  const deadline = Date.now() + 30_000;
  while (readLive(follower).banner !== banner) {
    if (Date.now() > deadline) throw new Error('the probe edit did not reach the follower');
    await new Promise((r) => setTimeout(r, 1));
  }
  return performance.now() - t;
}

export async function mailScenario(opts: BenchOptions): Promise<Section> {
  const count = opts.quick ? 1000 : 5000;
  const server = await startPlenary({ label: 'plenary' });
  try {
    const meeting = benchMeeting(2000);
    const target = await server.openMeeting(meeting);
    const editor = connectFullClient(target, target.editorParams);
    const follower = connectFullClient(target, target.followerParams);
    await Promise.all([editor.synced, follower.synced]);
    const baseline: number[] = [];
    for (let i = 0; i < 20; i++) baseline.push(await fanoutMs(editor.doc, follower.doc));
    const mbox = syntheticMbox(meeting.contributions.map((c) => c.number), count);
    opts.log(`mail: posting ${count} messages (${fmt(mbox.length / 1e6, 1)} MB)`);
    const t = performance.now();
    const cpu0 = cpuMs(server.pid);
    let answered = false;
    const post = fetch(`${target.serverUrl.replace(/^ws/, 'http').replace(/\/sync$/, '')}/api/meetings/${target.room}/mail`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.editorParams.token}`, 'content-type': 'application/mbox' },
      body: mbox,
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown>, ms: performance.now() - t }));
    void post.finally(() => (answered = true));
    const during: number[] = [];
    while (!answered) {
      during.push(await fanoutMs(editor.doc, follower.doc));
      await new Promise((r) => setTimeout(r, 100));
    }
    const result = await post;
    const serverCpu = cpuMs(server.pid) - cpu0;
    editor.destroy();
    follower.destroy();
    const base = latencySummary(baseline);
    const load = latencySummary(during);
    const delay = median(during) - median(baseline);
    return {
      title: 'The reflector\'s mail',
      method: `${count} synthetic reflector messages (${fmt(mbox.length / 1e6, 1)} MB; subjects in the \`[SA2#162][8.1][S2-26xxxxx]\` and \`[Company] ... S2-26xxxxxr1\` conventions, one in ten naming no Tdoc) posted as one mbox to a Plenary process holding a 2,000-Tdoc meeting, an editor and a follower connected. Read in the mail worker (mbox-reader, mailparser), attached, stored. A live edit's fan-out (editor to follower) probed every 100 ms meanwhile, against 20 probes before.`,
      header: ['what', 'figure'],
      rows: [
        ['answer', `${result.status} ${JSON.stringify(result.body)}`],
        ['import (upload to answer)', `${fmt(result.ms, 0)} ms`],
        ['server CPU meanwhile (all its threads: the mail worker, the probes\' fan-out)', `${fmt(serverCpu, 0)} ms`],
        ['fan-out before: p50 / p99 / max', `${fmt(base.p50)} / ${fmt(base.p99)} / ${fmt(base.max)} ms (${base.count})`],
        ['fan-out during: p50 / p99 / max', `${fmt(load.p50)} / ${fmt(load.p99)} / ${fmt(load.max)} ms (${load.count})`],
      ],
      checks: [
        { target: `${count} reflector messages imported ≤ ${IMPORT_TARGET_MS} ms`, figure: `${fmt(result.ms, 0)} ms`, met: result.status === 200 && result.ms <= IMPORT_TARGET_MS },
        { target: `fan-out delayed ≤ ${DELAY_TARGET_MS} ms meanwhile (median)`, figure: `${fmt(delay)} ms (median ${fmt(median(during))} against ${fmt(median(baseline))} ms before)`, met: delay <= DELAY_TARGET_MS },
      ],
      notes: ['On a machine whose cores are shared (load average well over the core count) the wall time stretches with the CPU other processes take; the server CPU row is what the import itself costs.'],
    };
  } finally {
    await server.stop();
  }
}
